#include <deque>
#include <stdexcept>

#include <rapidjson/document.h>

#include "drslint/options.h"
#include "parse/json_parser.h"

namespace drslint {

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
    // A saved "query task details" response nests these facts (e.g. under job or base_info), so
    // take the shallowest occurrence of each key, breadth first, within a bounded walk.
    TaskContext context;
    const std::pair<const char*, std::string*> keys[] = {
        {"job_type", &context.job_type},
        {"engine_type", &context.engine_type},
        {"job_direction", &context.job_direction},
        {"task_type", &context.task_type},
    };
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
    return context;
}

}  // namespace drslint
