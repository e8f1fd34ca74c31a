#include "parse/value_text.h"

#include "core/secrets.h"
#include "core/text.h"
#include "parse/json_parser.h"

namespace drslint::parse {

std::string render_value(const rapidjson::Value& value, std::string_view pointer)
{
    return render_value_in(value, core::is_secret_pointer(pointer));
}

std::string render_value_in(const rapidjson::Value& value, bool secret)
{
    if (secret) {
        return std::string(core::kRedacted);
    }
    if (value.IsObject()) {
        return "an object";
    }
    if (value.IsArray()) {
        return "an array of " + std::to_string(value.Size()) + " items";
    }
    if (!value.IsString()) {
        StringBuffer buffer;  // throws std::bad_alloc rather than write through null
        Writer<StringBuffer> writer(buffer);
        value.Accept(writer);
        return buffer.GetString();
    }
    return core::quoted({value.GetString(), value.GetStringLength()});
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

}  // namespace drslint::parse
