// Long strings, measured and cut, for valijson: its std::regex recurses once per character of the
// string it matches, so a string of a few thousand characters overflows a small thread stack.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace drslint::parse {

// The length in bytes of the longest string in `value`, member names included.
std::size_t longest_string(const rapidjson::Value& value);

// Copies `source` into `target`, cutting every string value longer than `max_bytes` to at most that
// many bytes, at a code point boundary (but never to nothing). Returns the pointers of the strings
// it cut. Member names are copied whole: the parse already bounds them.
std::vector<std::string> copy_with_short_strings(const rapidjson::Value& source, std::size_t max_bytes,
                                                 rapidjson::Document& target);

}  // namespace drslint::parse
