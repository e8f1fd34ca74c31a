#include "core/text.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace drslint::core {
namespace {

struct Range {
    char32_t first, last;
};

template <std::size_t N>
bool in_ranges(const Range (&ranges)[N], char32_t cp)
{
    for (const Range& r : ranges) {
        if (cp >= r.first && cp <= r.last) return true;
    }
    return false;
}

// A code point as in a JSON string: \u followed by 4 hex digits, a surrogate pair above U+FFFF.
void append_escape(std::string& out, char32_t cp)
{
    char escaped[16];
    if (cp > 0xFFFF) {
        cp -= 0x10000;
        std::snprintf(escaped, sizeof escaped, "\\u%04x\\u%04x", static_cast<unsigned>(0xD800 + (cp >> 10)),
                      static_cast<unsigned>(0xDC00 + (cp & 0x3FF)));
    } else {
        std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(cp));
    }
    out += escaped;
}

}  // namespace

std::size_t count_code_points(std::string_view text)
{
    std::size_t n = 0;
    for (const char c : text) n += starts_code_point(c);
    return n;
}

std::size_t sequence_length(std::string_view s, std::size_t i)
{
    const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    auto tail = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return tail(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const bool ok = tail(1) && tail(2) && !(c == 0xE0 && b(1) < 0xA0) && !(c == 0xED && b(1) >= 0xA0);
        return ok ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const bool ok = tail(1) && tail(2) && tail(3) && !(c == 0xF0 && b(1) < 0x90) && !(c == 0xF4 && b(1) >= 0x90);
        return ok ? 4 : 0;
    }
    return 0;
}

char32_t decode(std::string_view s, std::size_t i, std::size_t length)
{
    static const unsigned kLead[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t cp = static_cast<unsigned char>(s[i]) & kLead[length];
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

bool acts_on_display(char32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool looks_like_ascii(char32_t cp)
{
    // ASCII and C1 are never lookalikes (the list starts at U+00A0): most text, and it was a
    // tenth of a batch's time to walk the list for each of its characters.
    if (cp < 0xA0) return false;
    static constexpr Range kLookalikes[] = {
        {0x00A0, 0x00A0}, {0x00AD, 0x00AD},                                         // no-break space, soft hyphen
        {0x0131, 0x0131}, {0x017F, 0x017F}, {0x01C0, 0x01C3}, {0x0251, 0x0251},     // ı ſ ǀ ǃ ɑ
        {0x0261, 0x0261}, {0x0269, 0x0269}, {0x026A, 0x026A}, {0x028F, 0x028F},     // ɡ ɩ ɪ ʏ
        {0x02BC, 0x02BC}, {0x02C2, 0x02C4}, {0x02C6, 0x02C6}, {0x02DC, 0x02DC},     // ʼ ˂ ˃ ˄ ˆ ˜
        {0x0391, 0x0392}, {0x0395, 0x0397}, {0x0399, 0x039A}, {0x039C, 0x039D},     // Α Β Ε Ζ Η Ι Κ Μ Ν
        {0x039F, 0x03A1}, {0x03A4, 0x03A5}, {0x03A7, 0x03A7}, {0x03B1, 0x03B1},     // Ο Π Ρ Τ Υ Χ α
        {0x03B3, 0x03B3}, {0x03B9, 0x03B9}, {0x03BA, 0x03BA}, {0x03BD, 0x03BD},     // γ ι κ ν
        {0x03BF, 0x03BF}, {0x03C1, 0x03C1}, {0x03C5, 0x03C5}, {0x03F2, 0x03F3},     // ο ρ υ ϲ ϳ
        {0x03F9, 0x03F9}, {0x0405, 0x0406}, {0x0408, 0x0408}, {0x0410, 0x0410},     // Ϲ Ѕ І Ј А
        {0x0412, 0x0412}, {0x0415, 0x0415}, {0x041A, 0x041A}, {0x041C, 0x041E},     // В Е К М Н О
        {0x0420, 0x0422}, {0x0425, 0x0425}, {0x042C, 0x042C}, {0x0430, 0x0430},     // Р С Т Х Ь а
        {0x0435, 0x0435}, {0x043E, 0x043E}, {0x0440, 0x0441}, {0x0443, 0x0443},     // е о р с у
        {0x0445, 0x0445}, {0x0455, 0x0456}, {0x0458, 0x0458}, {0x04BB, 0x04BB},     // х ѕ і ј һ
        {0x04C0, 0x04C0}, {0x04CF, 0x04CF}, {0x0501, 0x0501}, {0x051B, 0x051D},     // Ӏ ӏ ԁ ԛ Ԝ ԝ
        {0x13A0, 0x13F5}, {0x180E, 0x180E}, {0x1D00, 0x1D2B},                       // Cherokee, small capitals
        {0x2000, 0x200D}, {0x2010, 0x2012}, {0x2028, 0x2029}, {0x202F, 0x202F},     // spaces, zero widths, hyphens
        {0x2044, 0x2044}, {0x205F, 0x2064}, {0x2102, 0x2102}, {0x210A, 0x2113},     // ⁄, word joiner; ℂ ℊ-ℓ
        {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2128, 0x2128},     // ℕ ℙ-ℝ ℤ ℨ
        {0x212A, 0x212D}, {0x212F, 0x2131}, {0x2133, 0x2134}, {0x2139, 0x2139},     // K Å ℬ ℭ ℯ-ℱ ℳ ℴ ℹ
        {0x2145, 0x2149}, {0x2160, 0x217F}, {0x2212, 0x2212}, {0x2215, 0x2215},     // ⅅ-ⅉ, Roman numerals, − ∕
        {0x2217, 0x2217}, {0x2223, 0x2223}, {0x2236, 0x2236}, {0x223C, 0x223C},     // ∗ ∣ ∶ ∼
        {0xFEFF, 0xFEFF}, {0xFF01, 0xFF5E}, {0x1D400, 0x1D7FF}, {0xE0000, 0xE007F}, // BOM, fullwidth, math, tags
    };
    return in_ranges(kLookalikes, cp);
}

std::size_t display_width(char32_t c)
{
    static constexpr Range kWide[] = {
        {0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3040, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
        {0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F}, {0x1F900, 0x1F9FF},
        {0x20000, 0x3FFFD},
    };
    static constexpr Range kZeroWidth[] = {
        {0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200D}, {0x20D0, 0x20FF},
        {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
    };
    return in_ranges(kWide, c) ? 2 : in_ranges(kZeroWidth, c) ? 0 : 1;
}

bool prints_as_is(std::string_view text, bool literal)
{
    return std::all_of(text.begin(), text.end(), [literal](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c < 0x7F && !(literal && (c == '"' || c == '\\'));
    });
}

void append_printable(std::string& out, std::string_view text, std::size_t max_code_points, bool literal)
{
    // Short printable ASCII without quotes or backslashes (most names and values) is itself: one append.
    if (text.size() <= max_code_points && prints_as_is(text, literal)) {
        out.append(text);
        return;
    }
    std::size_t code_points = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (++code_points > max_code_points) {
            out += "…";
            return;
        }
        if (const auto c = static_cast<unsigned char>(text[i]); c >= 0x20 && c < 0x7F) {
            // Printable ASCII is itself; the common case, without decoding.
            if (literal && (c == '"' || c == '\\')) out.push_back('\\');
            out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        const std::size_t length = sequence_length(text, i);
        if (length == 0) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned char>(text[i]));
            out += escaped;
            ++i;
            continue;
        }
        const char32_t cp = decode(text, i, length);
        if (acts_on_display(cp) || looks_like_ascii(cp)) {
            append_escape(out, cp);
        } else {
            if (literal && (cp == '"' || cp == '\\')) out.push_back('\\');
            out.append(text, i, length);
        }
        i += length;
    }
}

std::string printable(std::string_view text, std::size_t max_code_points)
{
    std::string out;
    append_printable(out, text, max_code_points, false);
    return out;
}

std::string quoted(std::string_view text)
{
    std::string out = "\"";
    append_printable(out, text, kMaxQuotedCodePoints, true);
    out.push_back('"');
    return out;
}

bool all_ascii(std::string_view text)
{
    constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
    std::uint64_t seen = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    // Every body is asked this before its parse: 32 bytes a step where SSE2 is (every x86-64).
    __m128i seen_wide = _mm_setzero_si128();
    for (; i + 32 <= text.size(); i += 32) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 16));
        seen_wide = _mm_or_si128(seen_wide, _mm_or_si128(a, b));
    }
    if (_mm_movemask_epi8(seen_wide) != 0) return false;
#endif
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        seen |= word;
    }
    for (; i < text.size(); ++i) seen |= static_cast<unsigned char>(text[i]);
    return (seen & kHighBits) == 0;
}

}  // namespace drslint::core
