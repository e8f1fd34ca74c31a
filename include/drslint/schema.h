// The request-body schema as one file, for editors without the language server: VS Code's
// json.schemas, JetBrains' JSON Schema mappings, a body's "$schema".
#pragma once

#include <string>

namespace drslint {

// One self-contained draft-07 document with the constraints of schemas/request/ (every file's
// schema under "definitions", every "$ref" internal) and the page's titles and descriptions. Any
// draft-07 validator reaches the verdicts it reaches with the files themselves (a test runs ajv on
// both over every schema case). What `drslint schema` prints.
std::string bundled_schema();

}  // namespace drslint
