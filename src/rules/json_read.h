// Checked reads of the rule catalogue's JSON (checks, function options). rules.json is validated
// against schemas/rules.schema.json when it loads, so on it these never throw; they are here
// because RapidJSON's Get* on a value of another type is undefined behaviour (its asserts are off
// in release), and a catalogue that slipped past the schema must fail with a message instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace drslint::rules::json {

// `what` names the value in the message: "rule function 'length': option 'max'".
[[noreturn]] inline void fail(std::string_view what, const char* expected)
{
    throw std::runtime_error(std::string(what) + " must be " + expected);
}

inline std::string_view string(const rapidjson::Value& v, std::string_view what)
{
    if (!v.IsString()) fail(what, "a string");
    return {v.GetString(), v.GetStringLength()};
}

inline const rapidjson::Value& object(const rapidjson::Value& v, std::string_view what)
{
    if (!v.IsObject()) fail(what, "an object");
    return v;
}

inline const rapidjson::Value& array(const rapidjson::Value& v, std::string_view what)
{
    if (!v.IsArray()) fail(what, "an array");
    return v;
}

inline std::size_t count(const rapidjson::Value& v, std::string_view what)
{
    if (!v.IsUint64() || v.GetUint64() > std::numeric_limits<std::size_t>::max()) fail(what, "a non-negative integer");
    return static_cast<std::size_t>(v.GetUint64());
}

inline std::int64_t integer(const rapidjson::Value& v, std::string_view what)
{
    if (!v.IsInt64()) fail(what, "an integer of 64 bits");
    return v.GetInt64();
}

// The member `name` of an object, or nullptr (also for a value that is no object).
inline const rapidjson::Value* find(const rapidjson::Value& v, const char* name)
{
    if (!v.IsObject()) return nullptr;
    const auto it = v.FindMember(name);
    return it == v.MemberEnd() ? nullptr : &it->value;
}

}  // namespace drslint::rules::json
