#include "core/pointer.h"

#include <algorithm>
#include <cstring>

#include "core/text.h"

namespace drslint::core {

namespace {

// "/" and the escaped token at `out` (at most 1 + 2 * token.size() bytes); returns their end.
char* write_token(char* out, std::string_view token)
{
    *out++ = '/';
    for (const char c : token) {
        if (c == '~' || c == '/') {
            *out++ = '~';
            *out++ = c == '~' ? '0' : '1';
        } else {
            *out++ = c;
        }
    }
    return out;
}

// "/" and the index's digits at `out` (at most 21 bytes); returns their end.
char* write_index(char* out, std::size_t index)
{
    // The digits backwards into a buffer: std::to_string would build a string of its own.
    char digits[20];
    std::size_t n = 0;
    do {
        digits[n++] = static_cast<char>('0' + index % 10);
        index /= 10;
    } while (index != 0);
    *out++ = '/';
    while (n != 0) *out++ = digits[--n];
    return out;
}

constexpr std::size_t kMaxIndexBytes = 21;

}  // namespace

void append_pointer_token(std::string& pointer, std::string_view token)
{
    const std::size_t at = pointer.size();
    pointer.resize(at + 1 + 2 * token.size());
    pointer.resize(static_cast<std::size_t>(write_token(&pointer[at], token) - pointer.data()));
}

void append_pointer_index(std::string& pointer, std::size_t index)
{
    const std::size_t at = pointer.size();
    pointer.resize(at + kMaxIndexBytes);
    pointer.resize(static_cast<std::size_t>(write_index(&pointer[at], index) - pointer.data()));
}

std::string PointerPath::str() const
{
    // Every reported place builds one: its greatest length first, then the bytes written through a
    // pointer and the string cut to what was written (an append per token checked capacity and
    // scanned for escapes apart from copying).
    std::size_t length = 0;
    for (const Step& step : steps_) length += step.index == kName ? 1 + 2 * step.name.size() : kMaxIndexBytes;
    std::string pointer(length, '\0');
    char* const begin = &pointer[0];
    char* out = begin;
    for (const Step& step : steps_) out = step.index == kName ? write_token(out, step.name) : write_index(out, step.index);
    pointer.resize(static_cast<std::size_t>(out - begin));
    return pointer;
}

std::string unescape_token(std::string_view raw)
{
    std::string token;
    token.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size()) {
            token.push_back(raw[++i] == '0' ? '~' : '/');
        } else {
            token.push_back(raw[i]);
        }
    }
    return token;
}

bool split_pointer(std::string_view pointer, std::vector<std::string>& tokens)
{
    tokens.clear();
    const bool ok = for_each_raw_token(pointer, [&tokens](std::string_view raw) { tokens.push_back(unescape_token(raw)); });
    return ok;
}

std::string last_pointer_token(std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (!split_pointer(pointer, tokens) || tokens.empty()) {
        return {};
    }
    return tokens.back();
}

std::string_view parent_pointer(std::string_view pointer)
{
    const auto slash = pointer.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : pointer.substr(0, slash);
}

std::optional<std::size_t> array_index(std::string_view token)
{
    if (token.empty() || token.size() > 9 || (token.size() > 1 && token[0] == '0')) {
        return std::nullopt;
    }
    std::size_t index = 0;
    for (const char c : token) {
        if (c < '0' || c > '9') return std::nullopt;
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return index;
}

namespace {

// An index as array_index reads one; a name starts with anything but a digit nearly always.
bool is_index_token(std::string_view token)
{
    return !token.empty() && token[0] >= '0' && token[0] <= '9' && array_index(token).has_value();
}

// describe_pointer of the tokens `shown` ("/name/0/name"), when they print as they are (core/text.h),
// hold no escape, and are short enough that no name is cut: written into one buffer. False, with
// `out` unchanged, for anything else.
bool describe_plain(std::string_view shown, std::string& out)
{
    // Each '/' becomes '.', or "[" and "]" around an index: at most twice the bytes.
    constexpr std::size_t kLongest = 60;  // under append_printable's 64 code points for a name
    if (shown.size() > kLongest || shown.find('~') != std::string_view::npos || !prints_as_is(shown, false)) {
        return false;
    }
    char buffer[2 * kLongest + 2];
    std::size_t n = 0;
    buffer[n++] = '`';
    for (std::size_t begin = 1; begin <= shown.size();) {
        const std::size_t end = std::min(shown.find('/', begin), shown.size());
        const std::string_view token = shown.substr(begin, end - begin);
        const bool index = is_index_token(token);
        if (index) {
            buffer[n++] = '[';
        } else if (begin != 1) {
            buffer[n++] = '.';
        }
        std::memcpy(buffer + n, token.data(), token.size());
        n += token.size();
        if (index) buffer[n++] = ']';
        begin = end + 1;
    }
    buffer[n++] = '`';
    out.assign(buffer, n);
    return true;
}

}  // namespace

std::string describe_pointer(std::string_view pointer)
{
    std::string out;
    describe_pointer(pointer, out);
    return out;
}

void describe_pointer(std::string_view pointer, std::string& path)
{
    // The root, or a malformed pointer (as for_each_raw_token refuses one); any other has a token.
    if (pointer.empty() || pointer.front() != '/' || !escapes_well_formed(pointer)) {
        path.assign("the body");
        return;
    }
    std::size_t start = pointer.size();
    for (std::size_t names = 0; names < 2 && start > 0;) {
        const std::size_t slash = pointer.rfind('/', start - 1);
        names += !is_index_token(pointer.substr(slash + 1, start - slash - 1));
        start = slash;
    }
    // Every finding's message names its place, nearly always with plain names.
    if (describe_plain(pointer.substr(start), path)) return;
    // The tokens from `start` on, split here (the pointer is known well formed), and unescaped only
    // where the pointer has a '~' at all.
    const bool escaped = pointer.find('~', start) != std::string_view::npos;
    path.clear();
    path.reserve(pointer.size() - start + 8);
    path += '`';
    for (std::size_t begin = start + 1; begin <= pointer.size();) {
        std::size_t end = pointer.find('/', begin);
        if (end == std::string_view::npos) end = pointer.size();
        const std::string_view raw = pointer.substr(begin, end - begin);
        if (is_index_token(raw)) {
            path.append("[").append(raw).append("]");
        } else {
            if (begin != start + 1) path += '.';
            // Member names come from the body: a message must show them, not act on them.
            append_printable(path, escaped && raw.find('~') != std::string_view::npos ? std::string_view(unescape_token(raw)) : raw,
                             64, false);
        }
        begin = end + 1;
    }
    path += '`';
}

}  // namespace drslint::core
