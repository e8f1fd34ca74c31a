#include "rules/rule_engine.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "core/pointer.h"
#include "core/text.h"
#include "parse/json_parser.h"
#include "rules/catalogue_schema.h"
#include "rules/json_read.h"
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

// One token of a "given" pattern: "*" matches any member or item; otherwise a member name, which
// also matches the item at that index when it is one.
struct PatternToken {
    std::string name;
    bool any = false;
    std::optional<rapidjson::SizeType> index;
};

struct Check {
    const RuleDefinition* rule;
    std::vector<std::vector<PatternToken>> given;  // pointer patterns split into tokens
    std::vector<FactCondition> when;
    std::optional<MemberCondition> condition;
    std::string field;
    std::unique_ptr<RuleFunction> function;
    const rapidjson::Value* source = nullptr;  // the check's spec in the engine's catalogue document
};

namespace {

std::unique_ptr<Check> compile_check(const RuleDefinition& rule, const rapidjson::Value& spec)
{
    const std::string& id = rule.info.id;
    auto check = std::make_unique<Check>();
    check->rule = &rule;
    check->source = &spec;  // the engine keeps the document, which the option and condition values point into
    const rapidjson::Value& s = *check->source;
    if (!s.IsObject() || !s.HasMember("given") || !s.HasMember("function")) bad_check(id, "a check needs 'given' and 'function'");
    for (const auto& pattern : values_of(s["given"], id)) {
        std::vector<std::string> tokens;
        if (!core::split_pointer(pattern, tokens)) bad_check(id, "malformed given pointer '" + pattern + "'");
        std::vector<PatternToken> compiled;
        for (auto& token : tokens) {
            PatternToken t;
            t.any = token == "*";
            if (const auto index = core::array_index(token)) t.index = static_cast<rapidjson::SizeType>(*index);
            t.name = std::move(token);
            compiled.push_back(std::move(t));
        }
        check->given.push_back(std::move(compiled));
    }
    const std::string where = "rule '" + id + "': ";
    if (const rapidjson::Value* when = json::find(s, "when")) {
        for (const auto& fact : json::object(*when, where + "'when'").GetObject()) {
            FactCondition c;
            c.fact.assign(fact.name.GetString(), fact.name.GetStringLength());
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
    if (const rapidjson::Value* cond = json::find(s, "if")) {
        MemberCondition c;
        const rapidjson::Value* member = json::find(*cond, "member");
        if (member == nullptr) bad_check(id, "'if' needs 'member'");
        if (!core::split_pointer("/" + std::string(json::string(*member, where + "'if' member")), c.path)) {
            bad_check(id, "bad 'if' member");
        }
        if (const rapidjson::Value* equals = json::find(*cond, "equals")) c.equals = equals;
        else if (const rapidjson::Value* in = json::find(*cond, "in")) c.in = values_of(*in, id);
        else if (const rapidjson::Value* ends = json::find(*cond, "endsWith")) c.ends_with = json::string(*ends, where + "'endsWith'");
        else bad_check(id, "'if' needs 'equals', 'in' or 'endsWith'");
        check->condition = std::move(c);
    }
    if (const rapidjson::Value* field = json::find(s, "field")) check->field = json::string(*field, where + "'field'");
    static const rapidjson::Value kNoOptions(rapidjson::kObjectType);
    const rapidjson::Value* options = json::find(s, "options");
    check->function = make_rule_function(json::string(s["function"], where + "'function'"),
                                         options == nullptr ? kNoOptions : *options);
    return check;
}

}  // namespace

// Every check's "given" patterns merged into one tree of tokens, so that one walk over the body
// serves all checks: they share prefixes (/job/params/...), and a walk per check per pattern
// went over the same members again and again.
struct PatternTrie {
    PatternToken token;  // the step into this node (unused at the root)
    std::vector<std::unique_ptr<PatternTrie>> children;
    std::vector<std::size_t> checks;  // indexes of the checks with a pattern that ends here

    void add(const std::vector<PatternToken>& tokens, std::size_t check)
    {
        PatternTrie* node = this;
        for (const auto& token : tokens) {
            auto it = std::find_if(node->children.begin(), node->children.end(), [&](const auto& child) {
                return child->token.name == token.name;
            });
            if (it == node->children.end()) {
                node->children.push_back(std::make_unique<PatternTrie>());
                node->children.back()->token = token;
                it = std::prev(node->children.end());
            }
            node = it->get();
        }
        node->checks.push_back(check);
    }
};

namespace {

// Calls visit(check, node, path, key) for each check of every trie node that `node` matches.
template <typename Visit>
void walk(const PatternTrie& trie, const rapidjson::Value& node, core::PointerPath& path, std::string_view key,
          Visit&& visit)
{
    for (const std::size_t check : trie.checks) {
        visit(check, node, path, key);
    }
    if (trie.children.empty()) {
        return;
    }
    if (node.IsObject()) {
        for (const auto& member : node.GetObject()) {
            const std::string_view name(member.name.GetString(), member.name.GetStringLength());
            for (const auto& child : trie.children) {
                if (!child->token.any && child->token.name != name) continue;
                core::PointerPath::Scope scope(path, name);
                walk(*child, member.value, path, name, visit);
            }
        }
    } else if (node.IsArray()) {
        for (const auto& child : trie.children) {
            const PatternToken& token = child->token;
            if (token.any) {
                for (rapidjson::SizeType i = 0; i < node.Size(); ++i) {
                    core::PointerPath::Scope scope(path, i);
                    walk(*child, node[i], path, key, visit);
                }
            } else if (token.index && *token.index < node.Size()) {
                core::PointerPath::Scope scope(path, *token.index);
                walk(*child, node[*token.index], path, key, visit);
            }
        }
    }
}

}  // namespace

RuleEngine::RuleEngine(const RuleCatalogue& catalogue) : catalogue_(catalogue.document())
{
    // The catalogue has validated it (or, built in, the build has).
    const rapidjson::Value& document = catalogue_->document;
    const rapidjson::Value* rules = json::find(document, "rules");
    if (rules == nullptr) throw std::runtime_error("rule catalogue: not a JSON object with a 'rules' array");
    for (const auto& rule : json::array(*rules, "rule catalogue: 'rules'").GetArray()) {
        const rapidjson::Value* checks = json::find(rule, "checks");
        if (checks == nullptr) continue;
        const rapidjson::Value* id = json::find(rule, "id");
        if (id == nullptr) throw std::runtime_error("rule catalogue: a rule lacks 'id'");
        const RuleDefinition& definition = catalogue.get(json::string(*id, "rule catalogue: a rule's 'id'"));
        for (const auto& spec : json::array(*checks, "rule '" + definition.info.id + "': 'checks'").GetArray()) {
            checks_.push_back(compile_check(definition, spec));
        }
    }
    trie_ = std::make_unique<PatternTrie>();
    for (std::size_t i = 0; i < checks_.size(); ++i) {
        for (const auto& tokens : checks_[i]->given) {
            trie_->add(tokens, i);
        }
    }
}

RuleEngine::~RuleEngine() = default;

bool RuleEngine::evaluate(const rapidjson::Value& body, const Facts& facts, std::vector<core::Located>& out,
                          std::size_t cap) const
{
    std::vector<char> active(checks_.size());
    for (std::size_t i = 0; i < checks_.size(); ++i) {
        const auto& when = checks_[i]->when;
        active[i] = std::all_of(when.begin(), when.end(), [&](const FactCondition& c) { return c.holds(facts); });
    }
    std::vector<Hit> hits;
    std::vector<std::size_t> found_by;  // the check index of each finding appended to `out`
    const std::size_t first = out.size();
    core::PointerPath path;
    walk(*trie_, body, path, {}, [&](std::size_t index, const rapidjson::Value& node, const core::PointerPath& at,
                                     std::string_view key) {
        const Check& check = *checks_[index];
        if (!active[index] || out.size() >= cap || (check.condition && !check.condition->holds(node))) return;
        const rapidjson::Value* value = &node;
        if (!check.field.empty()) {
            auto it = node.IsObject() ? node.FindMember(check.field.c_str()) : rapidjson::Value::ConstMemberIterator();
            value = node.IsObject() && it != node.MemberEnd() ? &it->value : nullptr;
        }
        hits.clear();
        check.function->check(Target(value, at, node, key, check.field, facts), hits);
        for (auto& hit : hits) {
            core::Located l;
            l.finding.rule = check.rule->info.id;
            l.finding.severity = check.rule->info.severity;
            l.finding.pointer = std::move(hit.pointer);
            l.finding.expected = std::move(hit.expected);
            l.finding.suggestion = std::move(hit.suggestion);
            for (const char* fact : {"type", "job_type", "engine_type", "job_direction", "task_type"}) {
                // Facts may come from the body: shown, never acted on.
                hit.args.emplace_back(fact == std::string("type") ? "update_type" : fact,
                                      "`" + core::printable(*facts.get(fact)) + "`");
            }
            if (!l.finding.suggestion.empty()) {
                hit.args.emplace_back("hint", "; did you mean `" + l.finding.suggestion + "`?");
            }
            l.finding.message = check.rule->message.fill(hit.args);
            l.anchor = hit.anchor;
            out.push_back(std::move(l));
            found_by.push_back(index);
        }
    });
    // Findings in catalogue order of their checks, as if each check had walked the body on its own
    // (it decides the order of findings at one place).
    if (found_by.size() > 1) {
        std::vector<std::size_t> order(found_by.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return found_by[a] < found_by[b]; });
        std::vector<core::Located> sorted;
        sorted.reserve(order.size());
        for (const std::size_t i : order) sorted.push_back(std::move(out[first + i]));
        std::move(sorted.begin(), sorted.end(), out.begin() + static_cast<std::ptrdiff_t>(first));
    }
    return out.size() >= cap;
}

}  // namespace drslint::rules
