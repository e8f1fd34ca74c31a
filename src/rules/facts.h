// Facts about the task that rules depend on: taken from the body where it has them, otherwise from
// the caller's TaskContext. An unknown fact is empty, and rules that need it stay silent.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "drslint/options.h"

namespace drslint::rules {

struct Facts {
    std::string update_type;  // job.type
    TaskContext task;

    // The value of a fact by name ("type", "job_type", "engine_type", "job_direction", "task_type");
    // nullptr for an unknown name.
    const std::string* get(std::string_view name) const;
};

Facts gather_facts(const rapidjson::Value& body, const TaskContext& context);

}  // namespace drslint::rules
