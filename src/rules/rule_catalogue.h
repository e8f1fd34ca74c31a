// The rule catalogue (schemas/rules.json): every rule's id, severity, message template and docs.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/data_checks.h"
#include "core/located.h"
#include "parse/json_parser.h"
#include "rules/message_template.h"
#include "drslint/rule_info.h"

namespace drslint::core {
enum class RuleId : std::size_t;  // core/rule_table.h, generated; declared here to keep it private
}

namespace drslint::rules {

using core::MessageArgs;

struct RuleDefinition {
    const RuleInfo& info;  // the catalogue's infos() entry
    MessageTemplate message;  // with {placeholders}
    // Its "examples" object in document(), if any; when they are parsed on demand, the span of
    // its text there instead (see parse::Deferred).
    const rapidjson::Value* examples = nullptr;
};

class RuleCatalogue {
public:
    // Throws std::runtime_error on malformed catalogue JSON, JSON that schemas/rules.schema.json
    // rejects (naming the pointer and the problem; not checked with DataChecks::built_in, see
    // core/data_checks.h) or a duplicate id.
    // With Examples::on_demand and DataChecks::built_in, `json` must outlive the catalogue (an
    // embedded file, which the tests validate): each rule's examples (half of the catalogue) are
    // parsed when examples() asks for them, not at load. With DataChecks::all they are loaded
    // anyway, to be validated.
    enum class Examples { loaded, on_demand };
    explicit RuleCatalogue(std::string_view json, core::DataChecks checks = core::DataChecks::all,
                           Examples examples = Examples::loaded);
    // Not copied: each definition refers to an entry of infos_ (a move keeps them where they are).
    RuleCatalogue(const RuleCatalogue&) = delete;
    RuleCatalogue& operator=(const RuleCatalogue&) = delete;
    RuleCatalogue(RuleCatalogue&&) noexcept = default;
    RuleCatalogue& operator=(RuleCatalogue&&) noexcept = default;

    const RuleDefinition* find(std::string_view id) const;
    // Like find(), but a missing id is an internal error (throws std::logic_error).
    const RuleDefinition& get(std::string_view id) const;
    // By enumerator: an index, no string compares (the path of every finding).
    const RuleDefinition& get(core::RuleId id) const;
    const std::vector<RuleInfo>& infos() const { return infos_; }
    // The examples of rule `id`, rendered now (empty for an unknown id or a rule without any).
    RuleExamples examples(std::string_view id) const;
    const std::vector<RuleDefinition>& definitions() const { return definitions_; }
    // The parsed catalogue, which the rule engine compiles its checks from.
    const std::shared_ptr<const parse::EmbeddedDocument>& document() const { return document_; }

    // What is wrong with a template: an unknown placeholder or an unpaired brace; "" if nothing.
    // The constructor throws on it, so a typo in rules.json fails at load, not in a message.
    static std::string check_template(std::string_view message_template);

private:
    std::string_view deferred_text_;  // the catalogue's text, when its examples are parsed on demand
    std::shared_ptr<const parse::EmbeddedDocument> document_;
    std::vector<RuleDefinition> definitions_;
    std::vector<RuleInfo> infos_;
    // For each core::RuleId, the index of its definition, or kAbsent (a catalogue other than the
    // one the table was generated from, as tests build, may lack it).
    static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    std::vector<std::size_t> by_id_;
};

// Throws std::runtime_error unless `catalogue` is the one core/rule_table.h was generated from
// (same ids in the same order, severities, origins, unchecked flags).
void check_matches_rule_table(const RuleCatalogue& catalogue);

}  // namespace drslint::rules
