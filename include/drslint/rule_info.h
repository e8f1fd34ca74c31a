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
    std::string origin;     // parse | schema-keyword | schema | rule | internal
    // Its finding means part of the input was not checked (it did not parse, was cut, too deep,
    // had a repeated member, findings were cut off, ...). No config, baseline or limit can turn
    // such a rule off, lower it or ignore it: unchecked input is never green.
    bool unchecked = false;
    std::vector<FixInfo> fixes;  // the kinds of fix its findings may carry; empty: none
};

// A rule's examples as `drslint explain` and docs/rules.md print them (Linter::examples): the
// failing and the passing request (JSON pretty-printed with two spaces, or an .http file's text),
// and the JSON task context both are linted with. "" where the rule has none.
struct RuleExamples {
    std::string failing;
    std::string passing;
    std::string context;
};

// The applicabilities of a rule's fixes, as `drslint rules` and docs/rules.md show them: "safe",
// "unsafe", "safe, unsafe", or "" for a rule without fixes.
std::string fix_applicabilities(const RuleInfo& rule);

}  // namespace drslint
