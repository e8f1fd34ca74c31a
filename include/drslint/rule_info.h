// What every rule is, as schemas/rules.json declares it: `drslint rules`, `drslint explain`,
// docs/rules.md and SARIF's rule metadata all print this.
#pragma once

#include <string>

#include "drslint/finding.h"

namespace drslint {

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
};

}  // namespace drslint
