#include "rules/facts.h"

namespace drslint::rules {
namespace {

const rapidjson::Value* member(const rapidjson::Value* object, const char* name)
{
    if (object == nullptr || !object->IsObject()) return nullptr;
    auto it = object->FindMember(name);
    return it == object->MemberEnd() ? nullptr : &it->value;
}

void take(const rapidjson::Value* value, std::string& fact)
{
    if (value != nullptr && value->IsString()) {
        fact.assign(value->GetString(), value->GetStringLength());
    }
}

}  // namespace

const std::string* Facts::get(std::string_view name) const
{
    if (name == "type") return &update_type;
    if (name == "job_type") return &task.job_type;
    if (name == "engine_type") return &task.engine_type;
    if (name == "job_direction") return &task.job_direction;
    if (name == "task_type") return &task.task_type;
    return nullptr;
}

Facts gather_facts(const rapidjson::Value& body, const TaskContext& context)
{
    Facts facts;
    facts.task = context;
    const rapidjson::Value* job = member(&body, "job");
    take(member(job, "type"), facts.update_type);
    const rapidjson::Value* base_info = member(member(job, "params"), "base_info");
    take(member(base_info, "job_type"), facts.task.job_type);
    take(member(base_info, "engine_type"), facts.task.engine_type);
    take(member(base_info, "job_direction"), facts.task.job_direction);
    take(member(base_info, "task_type"), facts.task.task_type);
    return facts;
}

}  // namespace drslint::rules
