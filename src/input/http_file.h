// .http files: the JetBrains HTTP Client and VS Code REST Client convention of a request line,
// headers, a blank line, then the body, with requests separated by "###" lines.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "drslint/linter.h"

namespace drslint::input {

// Splits an .http file into requests, each with the positions of its parts in the file. Comment
// lines (# or //), variable definitions (@name = value) and response-handler scripts are skipped.
// A block with no request line (only comments) yields nothing.
std::vector<HttpRequest> parse_http_file(std::string_view text);

// The same, one request at a time and holding only that one, so memory does not grow with the
// number of requests or lines: `each` gets every request in file order until it returns false.
// Returns false when `each` stopped it.
bool for_each_http_request(std::string_view text, const std::function<bool(HttpRequest&&)>& each);

}  // namespace drslint::input
