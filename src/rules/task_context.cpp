#include <algorithm>
#include <deque>
#include <map>
#include <stdexcept>
#include <vector>

#include <rapidjson/document.h>

#include "core/suggest.h"
#include "core/text.h"
#include "drslint/options.h"
#include "parse/json_parser.h"
#include "schema/embedded.h"

namespace drslint {
namespace {

constexpr const char* kFields[] = {"job_type", "engine_type", "job_direction", "task_type"};

// The values each fact may take: the enums of base_info (Table 6), read from the embedded schema,
// so that the context and a body's base_info accept the same words.
const std::map<std::string, std::vector<std::string>, std::less<>>& allowed_values()
{
    static const auto values = [] {
        std::map<std::string, std::vector<std::string>, std::less<>> out;
        rapidjson::Document schema;
        const std::string_view text = embedded::file("request/job-base-info.schema.json");
        schema.Parse(text.data(), text.size());
        if (schema.HasParseError() || !schema.IsObject() || !schema.HasMember("properties")) {
            throw std::runtime_error("the embedded job-base-info schema cannot be read");
        }
        for (const char* field : kFields) {
            auto& list = out[field];
            const auto property = schema["properties"].FindMember(field);
            if (property == schema["properties"].MemberEnd() || !property->value.HasMember("enum")) {
                throw std::runtime_error(std::string("the embedded job-base-info schema has no enum for ") + field);
            }
            for (const auto& value : property->value["enum"].GetArray()) list.emplace_back(value.GetString());
        }
        return out;
    }();
    return values;
}

std::string quoted(std::string_view text) { return "'" + core::printable(text) + "'"; }

void check_key(std::string_view key)
{
    if (std::any_of(std::begin(kFields), std::end(kFields), [&key](const char* f) { return key == f; })) return;
    const std::string guess = core::closest_match(key, {std::begin(kFields), std::end(kFields)});
    throw std::invalid_argument("unknown key " + quoted(key) + (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                                "; a task context has job_type, engine_type, job_direction and task_type");
}

}  // namespace

void check_task_context_value(std::string_view field, std::string_view value)
{
    const auto& all = allowed_values();
    const auto it = all.find(field);
    if (it == all.end()) check_key(field);
    if (value.empty()) return;  // unknown, as if absent
    const auto& values = it->second;
    if (std::find(values.begin(), values.end(), value) != values.end()) return;
    const std::string guess = core::closest_match(value, {values.begin(), values.end()});
    std::string list;
    for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
    throw std::invalid_argument(std::string(field) + " is " + quoted(value) + "; expected one of " + list +
                                (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
}

TaskContext parse_task_context(std::string_view json)
{
    // parse_json: its allocators throw std::bad_alloc where RapidJSON's would write through null,
    // and the context comes from the user (--context, drslint_options_set_context_json). Any
    // depth: the walk below is bounded, not the nesting of a saved response.
    parse::ParseLimits limits;
    limits.max_depth = static_cast<std::size_t>(-1);
    const parse::ParseResult parsed = parse::parse_json(json, limits);
    const rapidjson::Value& document = parsed.document;
    if (!parsed.ok || !document.IsObject()) {
        throw std::invalid_argument("the task context must be a JSON object");
    }
    TaskContext context;
    const std::pair<const char*, std::string*> keys[] = {
        {"job_type", &context.job_type},
        {"engine_type", &context.engine_type},
        {"job_direction", &context.job_direction},
        {"task_type", &context.task_type},
    };
    const bool flat = std::none_of(document.MemberBegin(), document.MemberEnd(),
                                   [](const auto& m) { return m.value.IsObject() || m.value.IsArray(); });
    if (flat) {
        // A context written for drslint: every key must be a fact, every value a string. A typo
        // here would otherwise leave the rules that need the fact silently quiet.
        for (const auto& member : document.GetObject()) {
            const std::string_view key(member.name.GetString(), member.name.GetStringLength());
            check_key(key);
            if (!member.value.IsString()) throw std::invalid_argument(std::string(key) + " must be a string");
            for (const auto& [name, field] : keys) {
                if (key == name) field->assign(member.value.GetString(), member.value.GetStringLength());
            }
        }
    } else {
        // A saved "query task details" response nests these facts (e.g. under job or base_info),
        // among members of its own, so take the shallowest occurrence of each key, breadth first,
        // within a bounded walk.
        constexpr std::size_t kMaxVisited = 100000;
        std::deque<const rapidjson::Value*> queue{&document};
        for (std::size_t visited = 0; !queue.empty() && visited < kMaxVisited; ++visited) {
            const rapidjson::Value& value = *queue.front();
            queue.pop_front();
            if (value.IsArray()) {
                for (const auto& item : value.GetArray()) queue.push_back(&item);
                continue;
            }
            if (!value.IsObject()) continue;
            for (const auto& member : value.GetObject()) {
                for (const auto& [key, field] : keys) {
                    if (field->empty() && member.name == key && member.value.IsString()) {
                        field->assign(member.value.GetString(), member.value.GetStringLength());
                    }
                }
                queue.push_back(&member.value);
            }
        }
        if (context.job_type.empty() && context.engine_type.empty() && context.job_direction.empty() &&
            context.task_type.empty()) {
            throw std::invalid_argument(
                "no job_type, engine_type, job_direction or task_type found in it; nothing would be known of the task");
        }
    }
    for (const auto& [key, field] : keys) check_task_context_value(key, *field);
    return context;
}

}  // namespace drslint
