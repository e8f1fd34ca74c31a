#include "report/suggest.h"

#include <algorithm>
#include <cctype>

namespace drslint::report {

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    std::vector<std::size_t> two_back(m + 1), previous(m + 1), current(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
                current[j] = std::min(current[j], two_back[j - 2] + 1);
            }
        }
        two_back.swap(previous);
        previous.swap(current);
    }
    return previous[m];
}

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates)
{
    // Names longer than this are not typed by hand; comparing them would only cost time.
    constexpr std::size_t kMaxLength = 64;
    if (word.empty() || word.size() > kMaxLength) {
        return {};
    }
    std::string_view best;
    std::size_t best_distance = static_cast<std::size_t>(-1);
    for (std::string_view candidate : candidates) {
        if (candidate.size() > kMaxLength) continue;
        const std::size_t d = edit_distance(word, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    // A third of the word may be wrong (at least one edit, at most three).
    const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    if (best_distance == 0 || best_distance > allowed) {
        return best_distance == 0 && !best.empty() && best != word ? std::string(best) : std::string();
    }
    return std::string(best);
}

}  // namespace drslint::report
