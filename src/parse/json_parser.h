// Bounded parsing: RapidJSON's iterative parser (no recursion on the C stack), a nesting limit,
// strict UTF-8, and detection of duplicate keys, which RapidJSON otherwise keeps silently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

namespace drslint::parse {

struct ParseLimits {
    std::size_t max_depth = 64;
};

enum class ParseErrorKind { syntax, too_deep };

struct ParseError {
    ParseErrorKind kind = ParseErrorKind::syntax;
    std::size_t offset = 0;  // byte offset into the text
    std::string reason;      // plain words, never a copy of the input
};

struct DuplicateKey {
    std::string pointer;     // the repeated member
    std::size_t occurrence;  // 1 for the second occurrence of the key in its object, 2 for the third...
};

struct ParseResult {
    rapidjson::Document document;
    bool ok = false;
    ParseError error;  // valid when !ok
    std::vector<DuplicateKey> duplicates;
};

ParseResult parse_json(std::string_view text, const ParseLimits& limits);

}  // namespace drslint::parse
