// What every rule is, as schemas/rules.json declares it: `drslint rules`, `drslint explain`,
// docs/rules.md and SARIF's rule metadata all print this.
#pragma once

#include <string>
#include <vector>

#include "drslint/finding.h"

namespace drslint {

// A kind of fix a rule's findings can carry (schemas/rules.json "fixes").
struct FixInfo {
    std::string kind;  // "quote", "rename", "remove", ...
    Applicability applicability = Applicability::safe;
    std::string summary;  // what it does
    std::string reason;   // why it is safe, or why it is not
    std::string replacement;  // the value a "replace-value" fix writes; "" for other kinds
};

// Metadata of one rule, as declared in schemas/rules.json.
struct RuleInfo {
    std::string id;
    Severity severity = Severity::error;
    std::string summary;    // one line
    std::string rationale;  // one paragraph
    std::string source;     // table and field it comes from
    std::string failing_example;
    std::string passing_example;
    std::string example_context;  // JSON task context both examples are linted with; "" if none
    std::string origin;           // parse | schema-keyword | schema | rule | internal
    // Its finding means part of the input was not checked (it did not parse, was cut, too deep,
    // had a repeated member, findings were cut off, ...). No config, baseline or limit can turn
    // such a rule off, lower it or ignore it: unchecked input is never green.
    bool unchecked = false;
    std::vector<FixInfo> fixes;  // the kinds of fix its findings may carry; empty: none
};

// The applicabilities of a rule's fixes, as `drslint rules` and docs/rules.md show them: "safe",
// "unsafe", "safe, unsafe", or "" for a rule without fixes.
std::string fix_applicabilities(const RuleInfo& rule);

}  // namespace drslint
