// Checks on text that drslint lets out (messages, pointers, whole outputs), shared by the hostile
// tests and the fuzz target.
#pragma once

#include <cstddef>
#include <string_view>

namespace drslint::test {

// True when `text` is UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing past
// U+10FFFF. With `printable`, also without the characters a terminal acts on: C0 controls other
// than '\n' and '\t', DEL, C1 controls.
inline bool utf8_text(std::string_view text, bool printable)
{
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > text.size()) return false;
        unsigned cp = n == 1 ? c : c & (0xFFu >> (n + 1));
        for (std::size_t k = 1; k < n; ++k) {
            const auto t = static_cast<unsigned char>(text[i + k]);
            if ((t & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (t & 0x3Fu);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return false;
        }
        if (printable && ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp <= 0x9F))) return false;
        i += n;
    }
    return true;
}

inline bool valid_utf8(std::string_view text) { return utf8_text(text, false); }
inline bool printable_utf8(std::string_view text) { return utf8_text(text, true); }

}  // namespace drslint::test
