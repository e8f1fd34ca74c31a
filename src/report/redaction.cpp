#include "report/redaction.h"

#include <cstdio>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "parse/pointer.h"

namespace drslint::report {
namespace {

constexpr std::size_t kMaxRenderedCodePoints = 40;

}  // namespace

bool is_secret_member(std::string_view name)
{
    for (std::string_view secret : kSecretMembers) {
        if (name == secret) {
            return true;
        }
    }
    return false;
}

bool is_secret_pointer(std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (!parse::split_pointer(pointer, tokens)) {
        return true;  // cannot tell: be safe
    }
    for (const auto& token : tokens) {
        if (is_secret_member(token)) {
            return true;
        }
    }
    return false;
}

std::string render_value(const rapidjson::Value& value, std::string_view pointer)
{
    if (is_secret_pointer(pointer)) {
        return std::string(kRedacted);
    }
    if (value.IsObject()) {
        return "an object";
    }
    if (value.IsArray()) {
        return "an array of " + std::to_string(value.Size()) + " items";
    }
    if (!value.IsString()) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        value.Accept(writer);
        return buffer.GetString();
    }
    std::string out = "\"";
    const char* s = value.GetString();
    const std::size_t n = value.GetStringLength();
    std::size_t code_points = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++code_points > kMaxRenderedCodePoints) {
            out += "…";
            break;
        }
        if (c < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    out.push_back('"');
    return out;
}

std::string describe_type(const rapidjson::Value& value)
{
    switch (value.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return value.IsInt64() || value.IsUint64() ? "an integer" : "a number";
    }
    return "a value";
}

}  // namespace drslint::report
