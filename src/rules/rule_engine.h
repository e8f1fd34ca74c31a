// The rule engine: evaluates the declarative "checks" of schemas/rules.json, for what JSON Schema
// cannot say well (facts from the task context, relations between array items, comma lists,
// encodings). Each check names where it applies ("given", pointer patterns with * wildcards),
// when (facts, a condition on a member), what member it looks at ("field") and the function that
// decides, with its options. Like Spectral: every rule is data; the functions are the vocabulary.
#pragma once

#include <memory>
#include <vector>

#include <rapidjson/document.h>

#include "core/located.h"
#include "rules/facts.h"
#include "rules/rule_catalogue.h"

namespace drslint::parse {
struct EmbeddedDocument;
}

namespace drslint::rules {

class RuleFunction;
struct Check;
struct PatternTrie;

class RuleEngine {
public:
    // Compiles the checks of every rule in the catalogue (from the document it was read from, not
    // a second parse). Throws std::runtime_error on an unknown function, a malformed pattern or
    // options: a rule that cannot run must not be skipped silently.
    explicit RuleEngine(const RuleCatalogue& catalogue);
    ~RuleEngine();
    RuleEngine(const RuleEngine&) = delete;
    RuleEngine& operator=(const RuleEngine&) = delete;

    // Appends the findings of every check; stops once `out` holds `cap` findings, so a hostile body
    // cannot make the work unbounded. Returns true when it stopped there.
    bool evaluate(const rapidjson::Value& body, const Facts& facts, std::vector<core::Located>& out,
                  std::size_t cap) const;

    std::size_t check_count() const { return checks_.size(); }

private:
    std::shared_ptr<const parse::EmbeddedDocument> catalogue_;  // before checks_, whose values point into it
    std::vector<std::unique_ptr<Check>> checks_;
    std::unique_ptr<PatternTrie> trie_;  // every check's patterns, walked once per body
};

}  // namespace drslint::rules
