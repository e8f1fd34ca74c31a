// The unified diff --diff prints. It is made for `patch`: hunks have as much context before as
// after (GNU patch anchors a hunk with less leading than trailing context to the start of the
// file, and the reverse to its end), and no line that holds a secret is printed, in context or
// changed: its hunk is left out and counted, and the context of others stops short of it.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "drslint/format.h"
#include "drslint/redacted_source.h"

namespace drslint::format {
namespace {

constexpr std::size_t kContext = 3;
// Beyond this many differing lines the shortest edit script is not searched for (its trace
// costs the square of it): everything between the common head and tail is one change.
constexpr std::size_t kMaxEditDistance = 2048;

// Lines with their line breaks, so that the diff reproduces the text byte for byte.
std::vector<std::string_view> split_lines(std::string_view text)
{
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
        lines.push_back(text.substr(start, stop - start));
        start = stop;
    }
    return lines;
}

// Whether each line holds part of a secret: mask_secret_values keeps every line break and the
// length of every line, so a line that its mask changes holds a secret's bytes.
std::vector<bool> secret_lines(std::string_view text, const std::vector<std::string_view>& lines)
{
    const std::string masked = mask_secret_values(text);
    std::vector<bool> secret(lines.size(), false);
    std::size_t at = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        secret[i] = std::string_view(masked).substr(at, lines[i].size()) != lines[i];
        at += lines[i].size();
    }
    return secret;
}

enum class Op { equal, remove, insert };

// The shortest edit script from a to b (Myers 1986), or nothing when it is longer than `limit`.
bool shortest_edit(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b, std::size_t limit,
                   std::vector<Op>& ops)
{
    const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size());
    const long max = std::min<long>(n + m, static_cast<long>(limit));
    std::vector<std::vector<long>> trace;
    std::vector<long> v(2 * static_cast<std::size_t>(max) + 3, 0);
    const long offset = max + 1;
    for (long d = 0; d <= max; ++d) {
        for (long k = -d; k <= d; k += 2) {
            long x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                   : v[offset + k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && a[x] == b[y]) ++x, ++y;
            v[offset + k] = x;
            if (x >= n && y >= m) {
                trace.push_back(v);
                // Walk back through the trace.
                std::vector<Op> reversed;
                long cx = n, cy = m;
                for (long dd = d; dd > 0; --dd) {
                    const std::vector<long>& pv = trace[static_cast<std::size_t>(dd - 1)];
                    const long ck = cx - cy;
                    const bool down = ck == -dd || (ck != dd && pv[offset + ck - 1] < pv[offset + ck + 1]);
                    const long pk = down ? ck + 1 : ck - 1;
                    const long px = pv[offset + pk], py = px - pk;
                    while (cx > px + (down ? 0 : 1) && cy > py + (down ? 1 : 0)) {
                        reversed.push_back(Op::equal);
                        --cx, --cy;
                    }
                    reversed.push_back(down ? Op::insert : Op::remove);
                    cx = px, cy = py;
                }
                while (cx > 0 && cy > 0) {
                    reversed.push_back(Op::equal);
                    --cx, --cy;
                }
                ops.assign(reversed.rbegin(), reversed.rend());
                return true;
            }
        }
        trace.push_back(v);
    }
    return false;
}

struct Block {  // a run of changed lines: a[a0, a1) became b[b0, b1)
    std::size_t a0, a1, b0, b1;
    bool hidden;
};

}  // namespace

Diff unified_diff(std::string_view before, std::string_view after, const std::string& name)
{
    Diff diff;
    if (before == after) return diff;
    const std::vector<std::string_view> a = split_lines(before), b = split_lines(after);
    const std::vector<bool> secret_a = secret_lines(before, a), secret_b = secret_lines(after, b);

    // The edit script: the common head and tail, and the shortest script between them.
    std::size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    std::size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    const std::vector<std::string_view> middle_a(a.begin() + static_cast<long>(head), a.end() - static_cast<long>(tail));
    const std::vector<std::string_view> middle_b(b.begin() + static_cast<long>(head), b.end() - static_cast<long>(tail));
    std::vector<Op> ops(head, Op::equal);
    std::vector<Op> middle;
    if (!shortest_edit(middle_a, middle_b, kMaxEditDistance, middle)) {
        middle.assign(middle_a.size(), Op::remove);
        middle.insert(middle.end(), middle_b.size(), Op::insert);
    }
    ops.insert(ops.end(), middle.begin(), middle.end());
    ops.insert(ops.end(), tail, Op::equal);

    std::vector<Block> blocks;
    for (std::size_t i = 0, x = 0, y = 0; i < ops.size();) {
        if (ops[i] == Op::equal) {
            ++i, ++x, ++y;
            continue;
        }
        Block block{x, x, y, y, false};
        for (; i < ops.size() && ops[i] != Op::equal; ++i) {
            if (ops[i] == Op::remove) {
                block.hidden = block.hidden || secret_a[x];
                block.a1 = ++x;
            } else {
                block.hidden = block.hidden || secret_b[y];
                block.b1 = ++y;
            }
        }
        blocks.push_back(block);
    }

    // Hunks: visible blocks with at most 2 * kContext unchanged, secret-free lines between them
    // are one hunk. Context never reaches a secret, a hidden block or another hunk.
    auto clear = [&](std::size_t from, std::size_t to) {  // no secret in a[from, to)
        return std::none_of(secret_a.begin() + static_cast<long>(from), secret_a.begin() + static_cast<long>(to),
                            [](bool s) { return s; });
    };
    std::string out;
    long delta = 0;  // lines the printed hunks added so far, for the new side's line numbers
    std::size_t previous_end = 0;  // first line of `a` after the last hunk or hidden block
    for (std::size_t i = 0; i < blocks.size();) {
        if (blocks[i].hidden) {
            ++diff.hidden;
            previous_end = blocks[i].a1;
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < blocks.size() && !blocks[j + 1].hidden && blocks[j + 1].a0 - blocks[j].a1 <= 2 * kContext &&
               clear(blocks[j].a1, blocks[j + 1].a0)) {
            ++j;
        }
        const std::size_t first = blocks[i].a0, last = blocks[j].a1;
        const std::size_t next_start = j + 1 < blocks.size() ? blocks[j + 1].a0 : a.size();
        std::size_t pre = 0;
        while (pre < kContext && first - pre > previous_end && !secret_a[first - pre - 1]) ++pre;
        std::size_t post = 0;
        while (post < kContext && last + post < next_start && !secret_a[last + post]) ++post;
        const bool at_start = first - pre == 0, at_end = last + post == a.size();
        if (pre < post && !at_start) post = pre;
        if (post < pre && !at_end) pre = post;

        const std::size_t old_start = first - pre, old_count = last + post - old_start;
        std::size_t new_count = old_count;
        for (std::size_t k = i; k <= j; ++k) new_count = new_count - (blocks[k].a1 - blocks[k].a0) + (blocks[k].b1 - blocks[k].b0);
        const long new_start = static_cast<long>(old_start) + delta;
        auto range = [](long start, std::size_t count) {
            // A range of no lines names the line before it (diff -u's convention).
            return std::to_string(count == 0 ? start : start + 1) + (count == 1 ? "" : "," + std::to_string(count));
        };
        out += "@@ -" + range(static_cast<long>(old_start), old_count) + " +" + range(new_start, new_count) + " @@\n";
        auto line = [&](char mark, std::string_view text) {
            out += mark;
            out.append(text.data(), text.size());
            if (text.empty() || text.back() != '\n') out += "\n\\ No newline at end of file\n";
        };
        std::size_t x = old_start;
        for (std::size_t k = i; k <= j; ++k) {
            for (; x < blocks[k].a0; ++x) line(' ', a[x]);
            for (std::size_t r = blocks[k].a0; r < blocks[k].a1; ++r) line('-', a[r]);
            for (std::size_t s = blocks[k].b0; s < blocks[k].b1; ++s) line('+', b[s]);
            x = blocks[k].a1;
        }
        for (; x < last + post; ++x) line(' ', a[x]);
        delta += static_cast<long>(new_count) - static_cast<long>(old_count);
        previous_end = last + post;
        ++diff.hunks;
        i = j + 1;
    }
    if (diff.hunks != 0) diff.text = "--- " + name + "\n+++ " + name + "\n" + out;
    return diff;
}

}  // namespace drslint::format
