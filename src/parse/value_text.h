// JSON values as messages quote them: short, printable, and never a secret.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace drslint::parse {

// A short, printable rendering of `value` for a message: strings as core::quoted() quotes
// them (printable, cut after core::kMaxQuotedCodePoints), containers summarized,
// the value at or inside a secret (core::is_secret_pointer(pointer)) replaced by core::kRedacted.
std::string render_value(const rapidjson::Value& value, std::string_view pointer);
// The same, for a caller that has decided already whether the value is inside a secret.
std::string render_value_in(const rapidjson::Value& value, bool secret);

// "a string", "a number", "an object", ...
std::string describe_type(const rapidjson::Value& value);

}  // namespace drslint::parse
