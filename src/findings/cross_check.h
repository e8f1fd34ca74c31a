// The cross-check with valijson, the engine of record: whatever it rejects must be in the
// report, and what drslint's evaluator rejects, valijson must reject too. Either miss is an
// engine-disagreement finding.
#pragma once

#include <vector>

#include <rapidjson/document.h>

#include "core/located.h"
#include "rules/rule_catalogue.h"
#include "schema/valijson_engine.h"

namespace drslint::findings {

// `rejected`: the evaluator found a violation; `out` holds the findings so far, whose pointers
// explain valijson's.
void cross_check(const schema::ValijsonEngine& valijson, const rapidjson::Value& document, bool rejected,
                 const rules::RuleCatalogue& catalogue, std::vector<core::Located>& out);

}  // namespace drslint::findings
