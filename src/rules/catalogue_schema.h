// schemas/rules.schema.json, the meta-schema of the rule catalogue: every rule field and every
// check, function options included. The catalogue is validated against it when it loads, with
// drslint's own evaluator, so that a malformed rules.json fails at start-up, naming the place,
// instead of reaching code that reads it.
#pragma once

#include <rapidjson/document.h>

namespace drslint::rules {

// Throws std::runtime_error naming the JSON Pointer of the first problem and what is wrong
// ("rule catalogue: /rules/3/checks/0/options/max (rule 'x'): expected an integer, found a string").
void validate_catalogue(const rapidjson::Value& document);

}  // namespace drslint::rules
