// Long strings, measured for valijson: its std::regex recurses once per character of the string it
// matches, so a string of a few thousand characters overflows a small thread stack.
#pragma once

#include <cstddef>

#include <rapidjson/document.h>

namespace drslint::parse {

// The length in bytes of the longest string in `value`, member names included.
std::size_t longest_string(const rapidjson::Value& value);

}  // namespace drslint::parse
