// Turns schema violations into findings: rule id, severity, pointer and a message that says what
// was expected. Values are rendered through redaction, so no secret reaches a message.
#pragma once

#include <vector>

#include "drslint/finding.h"
#include "rules/rule_catalogue.h"
#include "schema/evaluator.h"

namespace drslint::findings {

Finding finding_from_violation(const schema::Violation& violation, const rules::RuleCatalogue& catalogue);

}  // namespace drslint::findings
