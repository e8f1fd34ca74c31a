// Turns schema violations into findings: rule id, severity, pointer and a message that says what
// was expected. Values are rendered through redaction, so no secret reaches a message.
#pragma once

#include <vector>

#include "drslint/finding.h"
#include "rules/rule_catalogue.h"
#include "schema/evaluator.h"

namespace drslint::findings {

// With `secret`, also says whether the violation is at or inside a secret (decided here, once per
// finding: the report stage redacts by the same answer). The violation's pointer moves into the
// finding.
Finding finding_from_violation(schema::Violation&& violation, const rules::RuleCatalogue& catalogue,
                               bool* secret = nullptr);
// The same, into `finding` (a default one: a report's findings are built where they stay).
void finding_from_violation(schema::Violation&& violation, const rules::RuleCatalogue& catalogue, Finding& finding,
                            bool* secret = nullptr);

}  // namespace drslint::findings
