#include "core/suggest.h"

#include "drslint/suggest.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace drslint::core {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t bound)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    // ASCII folding, inline: std::tolower is a library call per comparison (and depends on the
    // locale), while the names and values compared here are ASCII.
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    // The three rows on the stack for the names compared here (at most 64 bytes), else one
    // allocation for them.
    constexpr std::size_t kStackColumns = 65;
    std::size_t stack_rows[3 * kStackColumns];
    std::vector<std::size_t> heap_rows(m + 1 <= kStackColumns ? 0 : 3 * (m + 1));
    std::size_t* two_back = heap_rows.empty() ? stack_rows : heap_rows.data();
    std::size_t* previous = two_back + (m + 1);
    std::size_t* current = previous + (m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1])) {
                current[j] = std::min(current[j], two_back[j - 2] + 1);
            }
            row_min = std::min(row_min, current[j]);
        }
        // No row's minimum is below the one before it (every step adds to an entry of the row
        // above, a swap to one of the row before, which is no smaller than the row above's): once
        // a whole row is past the bound, so is the distance.
        if (row_min > bound) return bound + 1;
        std::swap(two_back, previous);
        std::swap(previous, current);
    }
    return previous[m];
}

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The bytes of a word, ASCII case folded, as a set.
struct ByteSet {
    std::uint64_t bits[4] = {0, 0, 0, 0};
    explicit ByteSet(std::string_view text)
    {
        for (const char c : text) {
            const auto b = static_cast<unsigned char>(ascii_lower(c));
            bits[b >> 6] |= std::uint64_t{1} << (b & 63);
        }
    }
    bool has(char c) const
    {
        const auto b = static_cast<unsigned char>(ascii_lower(c));
        return (bits[b >> 6] >> (b & 63) & 1) != 0;
    }
};

// Whether more than `bound` bytes of `text` are not in `set`: then `text` is more than `bound`
// edits from the word of `set` (each edit brings at most one byte the other lacks; a
// transposition none), which costs a pass over the bytes instead of an edit distance.
bool more_foreign_than(std::string_view text, const ByteSet& set, std::size_t bound)
{
    std::size_t n = 0;
    for (const char c : text) {
        if (!set.has(c) && ++n > bound) return true;
    }
    return false;
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates)
{
    // Names longer than this are not typed by hand; comparing them would only cost time.
    constexpr std::size_t kMaxLength = 64;
    if (word.empty() || word.size() > kMaxLength) {
        return {};
    }
    // A third of the word may be wrong (at least one edit, at most three).
    const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    const ByteSet word_set(word);
    std::string_view best;
    std::size_t best_distance = static_cast<std::size_t>(-1);
    for (std::string_view candidate : candidates) {
        if (candidate.size() > kMaxLength) continue;
        // The distance is at least the difference in length: such a candidate could never be
        // suggested, nor beat one that could (a case-only match, distance 0, is never skipped).
        const std::size_t gap = candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
        if (gap > allowed) continue;
        const std::size_t bound = std::min(allowed, best_distance);
        // Past the bound, the candidate could only become a best that is never returned (its
        // distance, bound + 1, exceeds `allowed`), and the bound for later ones stays `allowed`.
        if (more_foreign_than(candidate, word_set, bound)) continue;
        const std::size_t d = edit_distance(word, candidate, bound);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    if (best_distance == 0 || best_distance > allowed) {
        return best_distance == 0 && !best.empty() && best != word ? std::string(best) : std::string();
    }
    return std::string(best);
}

}  // namespace drslint::core

namespace drslint {

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates)
{
    return core::closest_match(word, candidates);
}

}  // namespace drslint
