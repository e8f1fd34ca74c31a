#include "rules/rule_engine.h"

#include <algorithm>
#include <stdexcept>

#include "parse/pointer.h"
#include "report/redaction.h"
#include "rules/rule_functions.h"

namespace drslint::rules {
namespace {

[[noreturn]] void bad_check(const std::string& rule, const std::string& what)
{
    throw std::runtime_error("rule '" + rule + "': " + what);
}

std::vector<std::string> values_of(const rapidjson::Value& v, const std::string& rule)
{
    std::vector<std::string> out;
    if (!v.IsArray()) bad_check(rule, "expected an array of strings");
    for (const auto& s : v.GetArray()) {
        if (!s.IsString()) bad_check(rule, "expected an array of strings");
        out.emplace_back(s.GetString(), s.GetStringLength());
    }
    return out;
}

// A condition on a fact: known and in the list, or known and not in it. Unknown facts make the
// check silent: it never guesses.
struct FactCondition {
    std::string fact;
    std::vector<std::string> values;
    bool negated = false;

    bool holds(const Facts& facts) const
    {
        const std::string* value = facts.get(fact);
        if (value == nullptr || value->empty()) return false;
        const bool listed = std::find(values.begin(), values.end(), *value) != values.end();
        return listed != negated;
    }
};

// A condition on a member below the matched node: equals a JSON value, is one of several, or
// ends with a suffix (case-insensitive).
struct MemberCondition {
    std::vector<std::string> path;
    const rapidjson::Value* equals = nullptr;
    std::vector<std::string> in;
    std::string ends_with;

    bool holds(const rapidjson::Value& node) const
    {
        const rapidjson::Value* v = &node;
        for (const auto& token : path) {
            if (!v->IsObject()) return false;
            const rapidjson::Value key(rapidjson::StringRef(token.data(), static_cast<rapidjson::SizeType>(token.size())));
            auto it = v->FindMember(key);
            if (it == v->MemberEnd()) return false;
            v = &it->value;
        }
        if (equals != nullptr) return *v == *equals;
        if (!v->IsString()) return false;
        const std::string s(v->GetString(), v->GetStringLength());
        if (!in.empty()) return std::find(in.begin(), in.end(), s) != in.end();
        if (s.size() < ends_with.size()) return false;
        return std::equal(ends_with.rbegin(), ends_with.rend(), s.rbegin(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
    }
};

}  // namespace

struct Check {
    const RuleDefinition* rule;
    std::vector<std::vector<std::string>> given;  // pointer patterns split into tokens; "*" matches any
    std::vector<FactCondition> when;
    std::optional<MemberCondition> condition;
    std::string field;
    std::unique_ptr<RuleFunction> function;
    rapidjson::Document source;  // owns the option and condition values the check points into
};

namespace {

std::unique_ptr<Check> compile_check(const RuleDefinition& rule, const rapidjson::Value& spec, std::size_t max_pattern_length)
{
    const std::string& id = rule.info.id;
    auto check = std::make_unique<Check>();
    check->rule = &rule;
    check->source.CopyFrom(spec, check->source.GetAllocator());
    const rapidjson::Value& s = check->source;
    if (!s.IsObject() || !s.HasMember("given") || !s.HasMember("function")) bad_check(id, "a check needs 'given' and 'function'");
    for (const auto& pattern : values_of(s["given"], id)) {
        std::vector<std::string> tokens;
        if (!parse::split_pointer(pattern, tokens)) bad_check(id, "malformed given pointer '" + pattern + "'");
        check->given.push_back(std::move(tokens));
    }
    if (auto when = s.FindMember("when"); when != s.MemberEnd()) {
        for (const auto& fact : when->value.GetObject()) {
            FactCondition c;
            c.fact = fact.name.GetString();
            if (Facts{}.get(c.fact) == nullptr) bad_check(id, "unknown fact '" + c.fact + "'");
            if (fact.value.IsObject() && fact.value.HasMember("notIn")) {
                c.values = values_of(fact.value["notIn"], id);
                c.negated = true;
            } else {
                c.values = values_of(fact.value, id);
            }
            check->when.push_back(std::move(c));
        }
    }
    if (auto cond = s.FindMember("if"); cond != s.MemberEnd()) {
        MemberCondition c;
        if (!cond->value.IsObject() || !cond->value.HasMember("member")) bad_check(id, "'if' needs 'member'");
        if (!parse::split_pointer(std::string("/") + cond->value["member"].GetString(), c.path)) bad_check(id, "bad 'if' member");
        if (cond->value.HasMember("equals")) c.equals = &cond->value["equals"];
        else if (cond->value.HasMember("in")) c.in = values_of(cond->value["in"], id);
        else if (cond->value.HasMember("endsWith")) c.ends_with = cond->value["endsWith"].GetString();
        else bad_check(id, "'if' needs 'equals', 'in' or 'endsWith'");
        check->condition = std::move(c);
    }
    if (auto field = s.FindMember("field"); field != s.MemberEnd()) check->field = field->value.GetString();
    static const rapidjson::Value kNoOptions(rapidjson::kObjectType);
    auto options = s.FindMember("options");
    check->function = make_rule_function(s["function"].GetString(), options == s.MemberEnd() ? kNoOptions : options->value,
                                         {max_pattern_length});
    return check;
}

// Calls visit(node, pointer, key) for every node matching tokens[depth..].
template <typename Visit>
void match(const rapidjson::Value& node, const std::vector<std::string>& tokens, std::size_t depth,
           std::string& pointer, std::string_view key, Visit&& visit)
{
    if (depth == tokens.size()) {
        visit(node, pointer, key);
        return;
    }
    const std::string_view token = tokens[depth];
    // Decided once per level, not once per member or element visited.
    const bool any = token == "*";
    if (node.IsObject()) {
        for (const auto& member : node.GetObject()) {
            const std::string_view name(member.name.GetString(), member.name.GetStringLength());
            if (!any && token != name) continue;
            parse::PointerScope scope(pointer, name);
            match(member.value, tokens, depth + 1, pointer, name, visit);
        }
    } else if (node.IsArray()) {
        for (rapidjson::SizeType i = 0; i < node.Size(); ++i) {
            if (!any && token != std::to_string(i)) continue;
            parse::PointerScope scope(pointer, i);
            match(node[i], tokens, depth + 1, pointer, key, visit);
        }
    }
}

}  // namespace

RuleEngine::RuleEngine(std::string_view catalogue_json, const RuleCatalogue& catalogue, std::size_t max_pattern_length)
{
    rapidjson::Document document;
    document.Parse<rapidjson::kParseIterativeFlag>(catalogue_json.data(), catalogue_json.size());
    if (document.HasParseError() || !document.IsObject() || !document.HasMember("rules")) {
        throw std::runtime_error("rule catalogue: not a JSON object with a 'rules' array");
    }
    for (const auto& rule : document["rules"].GetArray()) {
        auto checks = rule.FindMember("checks");
        if (checks == rule.MemberEnd()) continue;
        const RuleDefinition& definition = catalogue.get(rule["id"].GetString());
        for (const auto& spec : checks->value.GetArray()) {
            checks_.push_back(compile_check(definition, spec, max_pattern_length));
        }
    }
}

RuleEngine::~RuleEngine() = default;

bool RuleEngine::evaluate(const rapidjson::Value& body, const Facts& facts, std::vector<report::Located>& out,
                          std::size_t cap) const
{
    std::vector<Hit> hits;
    std::string pointer;
    for (const auto& check : checks_) {
        if (!std::all_of(check->when.begin(), check->when.end(), [&](const FactCondition& c) { return c.holds(facts); })) {
            continue;
        }
        for (const auto& tokens : check->given) {
            match(body, tokens, 0, pointer, {}, [&](const rapidjson::Value& node, const std::string& at, std::string_view key) {
                if (out.size() >= cap || (check->condition && !check->condition->holds(node))) return;
                const rapidjson::Value* value = &node;
                std::string target_pointer = at;
                if (!check->field.empty()) {
                    parse::append_pointer_token(target_pointer, check->field);
                    auto it = node.IsObject() ? node.FindMember(check->field.c_str()) : rapidjson::Value::ConstMemberIterator();
                    value = node.IsObject() && it != node.MemberEnd() ? &it->value : nullptr;
                }
                hits.clear();
                check->function->check({value, target_pointer, node, key, check->field, facts}, hits);
                for (auto& hit : hits) {
                    report::Located l;
                    l.finding.rule = check->rule->info.id;
                    l.finding.severity = check->rule->info.severity;
                    l.finding.pointer = std::move(hit.pointer);
                    l.finding.expected = std::move(hit.expected);
                    l.finding.suggestion = std::move(hit.suggestion);
                    for (const char* fact : {"type", "job_type", "engine_type", "job_direction", "task_type"}) {
                        // Facts may come from the body: shown, never acted on.
                        hit.args.emplace_back(fact == std::string("type") ? "update_type" : fact,
                                              "`" + report::printable(*facts.get(fact)) + "`");
                    }
                    if (!l.finding.suggestion.empty()) {
                        hit.args.emplace_back("hint", "; did you mean `" + l.finding.suggestion + "`?");
                    }
                    l.finding.message = RuleCatalogue::format(check->rule->message, hit.args);
                    l.anchor = hit.anchor;
                    out.push_back(std::move(l));
                }
            });
        }
    }
    return out.size() >= cap;
}

}  // namespace drslint::rules
