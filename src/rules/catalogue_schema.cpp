#include "rules/catalogue_schema.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <rapidjson/writer.h>

#include "core/pointer.h"
#include "parse/json_parser.h"
#include "parse/value_text.h"
#include "schema/embedded.h"
#include "schema/evaluator.h"
#include "schema/schema_set.h"

namespace drslint::rules {
namespace {

constexpr const char* kMetaSchema = "rules.schema.json";

// Compiled once per process: the catalogue of every Linter is checked against the same schema.
// A throw (bad_alloc) leaves it unbuilt, and the next call tries again.
const schema::SchemaSet& meta_schema()
{
    static const schema::SchemaSet set(std::vector<schema::SchemaFile>{{kMetaSchema, embedded::file(kMetaSchema)}});
    return set;
}

std::string json_text(const rapidjson::Value& v)
{
    parse::StringBuffer buffer;  // throws std::bad_alloc rather than write through null
    rapidjson::Writer<parse::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, parse::ThrowingAllocator> writer(buffer);
    v.Accept(writer);
    std::string text(buffer.GetString(), buffer.GetSize());
    constexpr std::size_t kShown = 60;  // the catalogue is ours, but a whole object is no message
    return text.size() > kShown ? text.substr(0, kShown) + "..." : text;
}

std::string type_names(std::uint8_t types)
{
    static const std::pair<std::uint8_t, const char*> kNames[] = {
        {schema::kString, "a string"}, {schema::kInteger, "an integer"}, {schema::kNumber, "a number"},
        {schema::kBoolean, "a boolean"}, {schema::kObject, "an object"}, {schema::kArray, "an array"},
        {schema::kNull, "null"},
    };
    std::string out;
    for (const auto& [bit, name] : kNames) {
        if (types & bit) out += (out.empty() ? "" : " or ") + std::string(name);
    }
    return out;
}

// The members an object schema takes, for "unknown member" ("it takes: a, b" or "none").
std::string members_of(const schema::Node& node)
{
    std::string out;
    for (const auto& [name, child] : node.properties) {
        out += out.empty() ? "" : ", ";
        out += name;
    }
    return out.empty() ? "it takes none" : "it takes: " + out;
}

std::string what_is_wrong(const schema::Violation& v)
{
    const schema::Node& n = *v.node;
    const rapidjson::Value& value = *v.value;
    auto count = [](std::size_t k) { return std::to_string(k); };
    switch (v.keyword) {
    case schema::Keyword::type: return "expected " + type_names(n.types) + ", found " + parse::describe_type(value);
    case schema::Keyword::required: return "the required member '" + v.member + "' is missing";
    case schema::Keyword::unknown_member: return "unknown member '" + v.member + "' (" + members_of(n) + ")";
    case schema::Keyword::enum_value: {
        std::string allowed;
        if (n.enum_values != nullptr) {
            for (const auto& option : n.enum_values->GetArray()) allowed += (allowed.empty() ? "" : ", ") + json_text(option);
        } else if (n.const_value != nullptr) {
            allowed = json_text(*n.const_value);
        }
        return json_text(value) + " is not " + (n.enum_values != nullptr ? "one of " : "") + allowed;
    }
    case schema::Keyword::min_length: return "shorter than " + count(n.bounds().min_length.value_or(0)) + " characters";
    case schema::Keyword::max_length: return "longer than " + count(n.bounds().max_length.value_or(0)) + " characters";
    case schema::Keyword::pattern: return json_text(value) + " does not match " + n.pattern->source();
    case schema::Keyword::minimum:
    case schema::Keyword::maximum: return json_text(value) + " is out of range";
    case schema::Keyword::min_items: return "fewer than " + count(n.bounds().min_items.value_or(0)) + " items";
    case schema::Keyword::max_items: return "more than " + count(n.bounds().max_items.value_or(0)) + " items";
    case schema::Keyword::unique_items: return "a repeated item";
    case schema::Keyword::min_properties: return "too few members";
    case schema::Keyword::max_properties: return "too many members";
    case schema::Keyword::not_schema: return "not allowed here";
    case schema::Keyword::any_of: return "matches none of the forms " + std::string(n.location) + " allows";
    case schema::Keyword::one_of: return "does not match exactly one of the forms " + std::string(n.location) + " allows";
    case schema::Keyword::integer_form: return "write the integer " + json_text(value) + " without a fraction or exponent";
    }
    return "invalid";
}

// " (rule 'id')" for a place inside /rules/N whose rule has a string id: where to look in the file.
std::string rule_named(const rapidjson::Value& document, const std::string& pointer)
{
    std::vector<std::string> tokens;
    if (!core::split_pointer(pointer, tokens) || tokens.size() < 2 || tokens[0] != "rules" || tokens[1].empty() ||
        tokens[1].size() > 9 || tokens[1].find_first_not_of("0123456789") != std::string::npos) {
        return {};
    }
    const auto rules = document.FindMember("rules");
    const auto index = static_cast<rapidjson::SizeType>(std::stoul(tokens[1]));
    if (rules == document.MemberEnd() || !rules->value.IsArray() || index >= rules->value.Size()) return {};
    const rapidjson::Value& rule = rules->value[index];
    if (!rule.IsObject()) return {};
    const auto id = rule.FindMember("id");
    if (id == rule.MemberEnd() || !id->value.IsString()) return {};
    return " (rule '" + std::string(id->value.GetString(), id->value.GetStringLength()) + "')";
}

}  // namespace

void validate_catalogue(const rapidjson::Value& document)
{
    const schema::SchemaSet& set = meta_schema();
    std::vector<schema::Violation> violations;
    // A few are enough to name the first; the count of the rest is only told.
    constexpr std::size_t kCollected = 16;
    bool truncated = false;
    schema::Evaluator().validate(set.root(kMetaSchema), document, &violations, kCollected, &truncated);
    // An integer written 3.0 or 3e0 is valid draft-07, but the option readers take integers as
    // RapidJSON holds them: here it is refused, so that a valid catalogue always reads.
    if (violations.empty()) return;
    const schema::Violation& first = violations.front();
    std::string message = "rule catalogue: " + (first.pointer.empty() ? std::string("the root") : first.pointer) +
                          rule_named(document, first.pointer) + ": " + what_is_wrong(first);
    if (violations.size() > 1) {
        message += " (and " + std::to_string(violations.size() - 1) + (truncated ? " or more" : "") +
                   " other problem" + (violations.size() > 2 ? "s" : "") + ")";
    }
    throw std::runtime_error(message);
}

}  // namespace drslint::rules
