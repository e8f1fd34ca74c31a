#include "core/suggest.h"

#include "drslint/suggest.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

namespace drslint::core {

namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The same distance (optimal string alignment: a swap of neighbours is one edit) for a `pattern`
// of 1 to 64 bytes, a column of the table per bit of a word: Hyyrö's bit-vector algorithm (2003,
// "A bit-vector algorithm for computing Levenshtein and Damerau edit distances"), as rapidfuzz
// computes OSA. A did-you-mean compares a word against a few dozen names, each a few words of work.
std::size_t bit_parallel_distance(std::string_view pattern, std::string_view text)
{
    // Per folded byte, the pattern's positions that hold it; only the entries of bytes the pattern
    // has are written, and a 256-bit set says which (clearing 2 KiB per call would cost more than
    // the distance, and a table kept per thread is memory every thread's start touches).
    std::uint64_t where[256];
    std::uint64_t has[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const auto b = static_cast<unsigned char>(fold(pattern[i]));
        const std::uint64_t bit = std::uint64_t{1} << (b & 63);
        if ((has[b >> 6] & bit) == 0) {
            has[b >> 6] |= bit;
            where[b] = 0;
        }
        where[b] |= std::uint64_t{1} << i;
    }
    auto positions = [&](char c) -> std::uint64_t {
        const auto b = static_cast<unsigned char>(fold(c));
        return (has[b >> 6] >> (b & 63) & 1) != 0 ? where[b] : 0;
    };
    const std::uint64_t last = std::uint64_t{1} << (pattern.size() - 1);
    std::uint64_t vp = ~std::uint64_t{0}, vn = 0, d0 = 0, previous_match = 0;
    std::size_t distance = pattern.size();
    for (const char c : text) {
        const std::uint64_t match = positions(c);
        const std::uint64_t swap = ((~d0 & match) << 1) & previous_match;
        d0 = (((match & vp) + vp) ^ vp) | match | vn | swap;
        std::uint64_t hp = vn | ~(d0 | vp);
        std::uint64_t hn = d0 & vp;
        distance += (hp & last) != 0;
        distance -= (hn & last) != 0;
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        previous_match = match;
    }
    return distance;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t bound)
{
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if ((n > m ? n - m : m - n) > bound) return bound + 1;  // each edit changes the length by at most one
    if (n == 0 || m == 0) return n + m;
    if (n <= 64 || m <= 64) {
        const std::size_t d = n <= m ? bit_parallel_distance(a, b) : bit_parallel_distance(b, a);
        return d > bound ? bound + 1 : d;
    }
    // Longer on both sides (no did-you-mean compares names this long, a caller may): the table,
    // three rows of it, in one allocation, with the words folded once.
    std::string words(n + m, '\0');
    std::vector<std::size_t> rows(3 * (m + 1));
    char* x = words.data();
    char* y = x + n;
    for (std::size_t i = 0; i < n; ++i) x[i] = fold(a[i]);
    for (std::size_t j = 0; j < m; ++j) y[j] = fold(b[j]);
    std::size_t* two_back = rows.data();
    std::size_t* previous = two_back + (m + 1);
    std::size_t* current = previous + (m + 1);
    // Only cells within `bound` of the diagonal can hold a distance within it (Ukkonen's band);
    // the cells just outside it read as `far`, more than the bound (and no overflow when adding).
    const std::size_t far = std::min(bound, n + m) + 1;
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        const std::size_t lo = i > bound ? i - bound : 1;
        const std::size_t hi = bound >= m ? m : std::min(m, i + bound);
        current[0] = i;
        if (lo > 1) current[lo - 1] = far;
        std::size_t row_min = lo == 1 ? current[0] : far;
        for (std::size_t j = lo; j <= hi; ++j) {
            const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
            std::size_t d = std::min(std::min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) d = std::min(d, two_back[j - 2] + 1);
            current[j] = d;
            row_min = std::min(row_min, d);
        }
        if (hi < m) current[hi + 1] = far;
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


// The bytes of a word, ASCII case folded, as a set.
struct ByteSet {
    std::uint64_t bits[4] = {0, 0, 0, 0};
    explicit ByteSet(std::string_view text)
    {
        for (const char c : text) {
            const auto b = static_cast<unsigned char>(fold(c));
            bits[b >> 6] |= std::uint64_t{1} << (b & 63);
        }
    }
    bool has(char c) const
    {
        const auto b = static_cast<unsigned char>(fold(c));
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
        if (best_distance == 0) break;  // nothing is closer, and the first of a distance is kept
        if (best_distance == 1) {
            // Only a case-only match (distance 0) beats it: a compare, not a distance.
            if (candidate.size() == word.size() &&
                std::equal(word.begin(), word.end(), candidate.begin(), [](char a, char b) { return fold(a) == fold(b); })) {
                best_distance = 0;
                best = candidate;
            }
            continue;
        }
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
