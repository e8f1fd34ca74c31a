// Bounded parsing: RapidJSON's iterative parser (no recursion on the C stack), a nesting limit, a
// member-name limit, strict UTF-8 (lone surrogate escapes included), and detection of duplicate
// keys, which RapidJSON otherwise keeps silently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

namespace drslint::parse {

struct ParseLimits {
    std::size_t max_depth = 64;
    // Longer member names stop the parse. Every finding's pointer holds the names on its path, so
    // unbounded names would make each of many findings as large as the input.
    std::size_t max_member_name = static_cast<std::size_t>(-1);
    // Duplicate keys recorded at most, and the most bytes their pointers may hold together (a
    // duplicate deep under long member names has a pointer of up to max_depth long names);
    // ParseResult::duplicates_truncated says when more were seen.
    std::size_t max_duplicates = static_cast<std::size_t>(-1);
    std::size_t max_duplicate_bytes = static_cast<std::size_t>(-1);
};

enum class ParseErrorKind { syntax, too_deep, name_too_long };

struct ParseError {
    ParseErrorKind kind = ParseErrorKind::syntax;
    std::size_t offset = 0;  // byte offset into the text
    std::string reason;      // plain words, never a copy of the input
    std::size_t length = 0;  // name_too_long: the name's length in bytes
};

// A member name that occurs more than once in its object, reported once, at its second occurrence.
struct DuplicateKey {
    std::string pointer;     // the repeated member
    std::size_t occurrence;  // which member with this pointer is the repeat: 1, the second
};

struct ParseResult {
    // The text, NUL-terminated, that the parse decoded strings into: the document's strings point
    // here (a vector, so that moving the result keeps them valid).
    std::vector<char> buffer;
    rapidjson::Document document;
    bool ok = false;
    ParseError error;  // valid when !ok
    std::vector<DuplicateKey> duplicates;
    bool duplicates_truncated = false;  // more than ParseLimits::max_duplicates
};

ParseResult parse_json(std::string_view text, const ParseLimits& limits);

// The UTF-8 byte-order mark (EF BB BF). RFC 8259 §8.1 forbids sending one but lets parsers ignore
// it; editors hide it, so callers strip it before parsing and columns match what the editor shows.
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
bool starts_with_byte_order_mark(std::string_view text);

}  // namespace drslint::parse
