// Requests as kept in .http files: the JetBrains HTTP Client and VS Code REST Client convention of
// a request line, headers, a blank line, then the body, with requests separated by "###" lines.
// Linter::lint_request and Linter::lint_http_file check them.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "drslint/finding.h"

namespace drslint {

// One HTTP request as kept in an .http file: the request line, headers and body, with where each
// part starts in its file (Position line 0 = unknown) so findings point into that file.
struct HttpHeader {
    std::string name;   // matched case-insensitively against Table 2
    std::string value;  // "{{variable}}" templates are treated as unknown values
    Position name_at;
    Position value_at;
};

struct HttpRequest {
    std::string method;
    Position method_at;
    std::string target;  // URL or path; scheme, host and query are ignored
    Position target_at;
    std::vector<HttpHeader> headers;
    std::string body;
    std::size_t body_line = 1;  // line of the file on which the body starts
    Position block_at;          // the start of the request (for findings about what is missing)
};

// Splits an .http file into requests, each with the positions of its parts in the file. Comment
// lines (# or //), variable definitions (@name = value) and response-handler scripts are skipped.
// A block with no request line (only comments) yields nothing.
std::vector<HttpRequest> parse_http_file(std::string_view text);

// The same, one request at a time and holding only that one, so memory does not grow with the
// number of requests or lines: `each` gets every request in file order until it returns false.
// Returns false when `each` stopped it.
bool for_each_http_request(std::string_view text, const std::function<bool(HttpRequest&&)>& each);

}  // namespace drslint
