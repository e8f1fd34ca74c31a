// .http files: the JetBrains HTTP Client and VS Code REST Client convention of a request line,
// headers, a blank line, then the body, with requests separated by "###" lines.
#pragma once

#include <string_view>
#include <vector>

#include "drslint/linter.h"

namespace drslint::input {

// Splits an .http file into requests, each with the positions of its parts in the file. Comment
// lines (# or //), variable definitions (@name = value) and response-handler scripts are skipped.
// A block with no request line (only comments) yields nothing.
std::vector<HttpRequest> parse_http_file(std::string_view text);

}  // namespace drslint::input
