// Text as drslint reads and prints it: UTF-8 (RFC 3629) decoding, code-point counting, terminal
// cell widths and printable escaping. Every walker over text and every formatter uses these, so
// that a column, a width or an escape means the same thing everywhere.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace drslint::core {

// Every byte that is not a UTF-8 continuation byte starts a code point: how columns are counted
// (parse::LineMap), whatever the bytes are, so that invalid UTF-8 still has columns.
inline bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

// The code points of `text`, counted as starts_code_point() does.
std::size_t count_code_points(std::string_view text);

// Whether every byte is below 0x80 (read eight bytes at a time): ASCII text needs no UTF-8 work.
bool all_ascii(std::string_view text);

// The length of the well-formed UTF-8 sequence at text[i] (no overlongs, no surrogates, nothing
// above U+10FFFF), or 0 when the bytes there are not one.
std::size_t sequence_length(std::string_view text, std::size_t i);

// The code point of the well-formed sequence of `length` bytes (sequence_length) at text[i].
char32_t decode(std::string_view text, std::size_t i, std::size_t length);

// Characters a terminal or an editor acts on instead of showing: C0 and C1 controls, DEL, and the
// bidirectional marks and overrides that reorder what is displayed ("Trojan Source").
bool acts_on_display(char32_t cp);

// Characters drawn like ASCII, or as nothing, so that `DRS-\u212a` (KELVIN SIGN) would read as the
// valid `DRS-K`: invisible marks, spaces other than ' ', fullwidth ASCII, and the Latin, Greek,
// Cyrillic and symbol letters that pass for ASCII ones. Other text (CJK ideographs, Chinese
// quotation marks and dashes, Greek or Cyrillic words' other letters) stays readable.
bool looks_like_ascii(char32_t cp);

// Terminal cells a code point takes: 2 for East Asian wide and fullwidth characters (and emoji),
// 0 for combining marks and zero-width characters, else 1.
std::size_t display_width(char32_t cp);

// Appends `text`, escaping as \uXXXX what acts_on_display() or looks_like_ascii(), and as \xNN each
// byte that is not UTF-8, so the result is always valid UTF-8 and reads as what it is; with
// `literal` (a quoted string), '"' and '\\' too. Stops with "…" after `max_code_points`.
void append_printable(std::string& out, std::string_view text, std::size_t max_code_points, bool literal);
// Whether append_printable shows `text` as it is, byte for byte (printable ASCII, and with
// `literal` no '"' or '\\'), when it is no longer than the limit.
bool prints_as_is(std::string_view text, bool literal);

// `text` (a member name, a file name, a pointer) made safe to print, as append_printable().
std::string printable(std::string_view text, std::size_t max_code_points = 64);

// The most code points of a string value that a message quotes.
inline constexpr std::size_t kMaxQuotedCodePoints = 40;

// A string value as a message quotes it: in double quotes, as append_printable() with `literal`,
// cut after kMaxQuotedCodePoints.
std::string quoted(std::string_view text);

}  // namespace drslint::core
