#include "rules/rule_catalogue.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "core/rule_table.h"
#include "parse/json_parser.h"
#include "rules/catalogue_schema.h"

namespace drslint::rules {
namespace {

std::string string_member(const rapidjson::Value& object, const char* name, bool required, const std::string& id)
{
    auto it = object.FindMember(name);
    if (it == object.MemberEnd() || !it->value.IsString()) {
        if (required) {
            throw std::runtime_error("rule catalogue: rule '" + id + "' lacks string member '" + name + "'");
        }
        return {};
    }
    return {it->value.GetString(), it->value.GetStringLength()};
}

std::string example_text(const rapidjson::Value& examples, const char* value_name, const char* text_name,
                         const char* http_name = "")
{
    if (auto it = examples.FindMember(http_name); it != examples.MemberEnd() && it->value.IsString()) {
        return it->value.GetString();
    }
    if (auto it = examples.FindMember(value_name); it != examples.MemberEnd()) {
        parse::StringBuffer buffer;  // throws std::bad_alloc rather than write through null
        rapidjson::PrettyWriter<parse::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, parse::ThrowingAllocator> writer(buffer);
        writer.SetIndent(' ', 2);
        it->value.Accept(writer);
        return buffer.GetString();
    }
    if (auto it = examples.FindMember(text_name); it != examples.MemberEnd() && it->value.IsString()) {
        return it->value.GetString();
    }
    return {};
}

RuleExamples render_examples(const rapidjson::Value& examples)
{
    RuleExamples out;
    out.failing = example_text(examples, "fail", "fail_text", "fail_http");
    out.passing = example_text(examples, "pass", "pass_text", "pass_http");
    out.context = example_text(examples, "context", "context_text");
    return out;
}

// The members each rule's examples are, three containers deep: root, "rules", the rule.
constexpr parse::Deferred kDeferredExamples{"examples", 3};

bool defers_examples(core::DataChecks checks, RuleCatalogue::Examples examples)
{
    return checks == core::DataChecks::built_in && examples == RuleCatalogue::Examples::on_demand;
}

}  // namespace

RuleCatalogue::RuleCatalogue(std::string_view json, core::DataChecks checks, Examples examples_at)
    // Out of memory throws std::bad_alloc (see parse_embedded).
    : deferred_text_(defers_examples(checks, examples_at) ? json : std::string_view()),
      document_(std::make_shared<const parse::EmbeddedDocument>(
          parse::parse_embedded(json, defers_examples(checks, examples_at) ? kDeferredExamples : parse::Deferred{})))
{
    const bool deferred = defers_examples(checks, examples_at);
    const rapidjson::Value& document = document_->document;
    if (document_->result.IsError()) {
        throw std::runtime_error("rule catalogue: not a JSON object with a 'rules' array");
    }
    if (checks == core::DataChecks::all) validate_catalogue(document);
    // What follows reads only what the meta-schema guarantees, but still checks before each read:
    // a RapidJSON accessor on the wrong type is undefined behaviour, and its asserts are off.
    const auto rules = document.FindMember("rules");
    if (!document.IsObject() || rules == document.MemberEnd() || !rules->value.IsArray()) {
        throw std::runtime_error("rule catalogue: not a JSON object with a 'rules' array");
    }
    by_id_.assign(core::kRuleCount, kAbsent);
    std::vector<std::string> messages;
    std::vector<const rapidjson::Value*> examples;
    infos_.reserve(rules->value.Size());
    messages.reserve(rules->value.Size());
    examples.reserve(rules->value.Size());
    for (const auto& rule : rules->value.GetArray()) {
        if (!rule.IsObject()) {
            throw std::runtime_error("rule catalogue: a rule is not an object");
        }
        RuleInfo info;
        std::string message;
        info.id = string_member(rule, "id", true, "?");
        if (std::any_of(infos_.begin(), infos_.end(), [&](const RuleInfo& seen) { return seen.id == info.id; })) {
            throw std::runtime_error("rule catalogue: duplicate rule id '" + info.id + "'");
        }
        if (!parse_severity(string_member(rule, "severity", true, info.id), info.severity)) {
            throw std::runtime_error("rule catalogue: rule '" + info.id + "' has an unknown severity");
        }
        info.summary = string_member(rule, "summary", true, info.id);
        info.rationale = string_member(rule, "rationale", true, info.id);
        info.source = string_member(rule, "source", true, info.id);
        info.origin = string_member(rule, "origin", true, info.id);
        message = string_member(rule, "message", true, info.id);
        if (auto unchecked = rule.FindMember("unchecked"); unchecked != rule.MemberEnd()) {
            if (!unchecked->value.IsBool()) {
                throw std::runtime_error("rule catalogue: rule '" + info.id + "' has a non-boolean 'unchecked'");
            }
            info.unchecked = unchecked->value.GetBool();
            if (info.unchecked && info.severity != Severity::error) {
                throw std::runtime_error("rule catalogue: rule '" + info.id + "' is unchecked but not an error");
            }
        }
        if (const std::string problem = check_template(message); !problem.empty()) {
            throw std::runtime_error("rule catalogue: the message of rule '" + info.id + "' has " + problem);
        }
        const rapidjson::Value* rule_examples = nullptr;
        if (auto examples = rule.FindMember("examples"); examples != rule.MemberEnd() &&
                                                          (deferred ? examples->value.IsUint64() : examples->value.IsObject())) {
            rule_examples = &examples->value;
        }
        if (auto fixes = rule.FindMember("fixes"); fixes != rule.MemberEnd() && fixes->value.IsArray()) {
            for (const auto& fix : fixes->value.GetArray()) {
                if (!fix.IsObject()) continue;  // the meta-schema has refused it already
                FixInfo f;
                f.kind = string_member(fix, "kind", true, info.id);
                const std::string applicability = string_member(fix, "applicability", true, info.id);
                if (applicability != "safe" && applicability != "unsafe") {
                    throw std::runtime_error("rule catalogue: a fix of rule '" + info.id + "' is neither safe nor unsafe");
                }
                f.applicability = applicability == "safe" ? Applicability::safe : Applicability::unsafe;
                f.summary = string_member(fix, "summary", true, info.id);
                f.reason = string_member(fix, "reason", true, info.id);
                f.replacement = string_member(fix, "replacement", false, info.id);
                info.fixes.push_back(std::move(f));
            }
        }
        if (const core::RuleEntry* entry = core::find_entry(info.id)) {
            by_id_[static_cast<std::size_t>(core::id_of(*entry))] = infos_.size();
        }
        infos_.push_back(std::move(info));
        messages.push_back(std::move(message));
        examples.push_back(rule_examples);
    }
    // infos_ is complete and never grows again: each definition refers to its entry, so the rule
    // texts are held once (they are most of the catalogue's memory).
    definitions_.reserve(infos_.size());
    for (std::size_t i = 0; i < infos_.size(); ++i) {
        definitions_.push_back({infos_[i], MessageTemplate(std::move(messages[i])), examples[i]});
    }
}

RuleExamples RuleCatalogue::examples(std::string_view id) const
{
    RuleExamples out;
    const RuleDefinition* definition = find(id);
    if (definition == nullptr || definition->examples == nullptr) return out;
    const rapidjson::Value& examples = *definition->examples;
    if (deferred_text_.empty()) return render_examples(examples);
    // The object's text, which parsed at load.
    const parse::EmbeddedDocument parsed =
        parse::parse_embedded(parse::deferred_span(deferred_text_, examples.GetUint64()));
    if (parsed.result.IsError() || !parsed.document.IsObject()) return out;
    return render_examples(parsed.document);
}

const RuleDefinition* RuleCatalogue::find(std::string_view id) const
{
    if (const core::RuleEntry* entry = core::find_entry(id)) {
        const std::size_t index = by_id_[static_cast<std::size_t>(core::id_of(*entry))];
        return index == kAbsent ? nullptr : &definitions_[index];
    }
    // An id the compiled table lacks: only a catalogue other than rules.json (a test's) has one.
    for (const auto& definition : definitions_) {
        if (definition.info.id == id) {
            return &definition;
        }
    }
    return nullptr;
}

const RuleDefinition& RuleCatalogue::get(std::string_view id) const
{
    const RuleDefinition* definition = find(id);
    if (definition == nullptr) {
        throw std::logic_error("no rule with id '" + std::string(id) + "' in the catalogue");
    }
    return *definition;
}

const RuleDefinition& RuleCatalogue::get(core::RuleId id) const
{
    const auto i = static_cast<std::size_t>(id);
    if (i >= by_id_.size() || by_id_[i] == kAbsent) {
        throw std::logic_error("no rule with id '" + std::string(i < core::kRuleCount ? core::id_of(id) : "?") +
                               "' in the catalogue");
    }
    return definitions_[by_id_[i]];
}

std::string RuleCatalogue::check_template(std::string_view message_template)
{
    // What the code that raises findings ever fills in (schema_findings.cpp, rule_functions.cpp,
    // linter.cpp); any other name would print as nothing.
    static const std::string_view kPlaceholders[] = {
        "subject", "member", "object", "value", "expected", "actual", "allowed", "reason", "hint", "by", "type",
        "db_type", "endpoint_type", "engine_type", "job_direction",
    };
    for (std::size_t i = 0; i < message_template.size(); ++i) {
        const char c = message_template[i];
        if ((c == '{' || c == '}') && i + 1 < message_template.size() && message_template[i + 1] == c) {
            ++i;
            continue;
        }
        if (c == '}') return "a lone '}' (write '}}' for a literal brace)";
        if (c != '{') continue;
        const auto close = message_template.find_first_of("{}", i + 1);
        if (close == std::string_view::npos || message_template[close] != '}') {
            return "an unclosed '{' (write '{{' for a literal brace)";
        }
        const std::string_view name = message_template.substr(i + 1, close - i - 1);
        if (std::find(std::begin(kPlaceholders), std::end(kPlaceholders), name) == std::end(kPlaceholders)) {
            return "the unknown placeholder {" + std::string(name) + "}";
        }
        i = close;
    }
    return {};
}

}  // namespace drslint::rules

namespace drslint::rules {

void check_matches_rule_table(const RuleCatalogue& catalogue)
{
    // The compiled table is generated from the same file at build time; a mismatch is a stale build.
    const auto& infos = catalogue.infos();
    if (infos.size() != core::kRuleCount) {
        throw std::runtime_error("rule catalogue: the compiled rule table is stale (rebuild)");
    }
    for (std::size_t i = 0; i < infos.size(); ++i) {
        const core::RuleEntry& entry = core::kRuleTable[i];
        if (entry.id != infos[i].id || entry.severity != infos[i].severity || entry.unchecked != infos[i].unchecked ||
            entry.origin != infos[i].origin) {
            throw std::runtime_error("rule catalogue: rule '" + infos[i].id +
                                     "' differs from the compiled rule table (rebuild)");
        }
    }
}

}  // namespace drslint::rules
