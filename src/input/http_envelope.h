// The envelope of an .http request: its request line (Table 1: PUT /v5/{project_id}/jobs/{job_id})
// and headers (Table 2), read into what the schemas check, plus what only the request's syntax can
// tell (a header line where the request line should be, the method, the path's shape, the media
// type of Content-Type). Linter::lint_request validates the rest with the schemas.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/located.h"
#include "core/rule_table.h"
#include "drslint/http.h"

namespace drslint::input {

// A finding of the envelope, where in the .http file it is (block_at when the file has no place
// for it). Its args are printable; no header value is in them.
struct EnvelopeFinding {
    core::RuleId rule;
    std::string pointer;
    core::MessageArgs args;
    std::string expected;
    std::string suggestion;
    Position at;
};

// A name and value the schemas check: a path parameter or a header.
struct EnvelopeMember {
    std::string name;
    std::string value;
    Position at;
};

struct Envelope {
    std::vector<EnvelopeFinding> request_line;  // the method and the path's shape
    // project_id and job_id, when the path is /v5/{project_id}/jobs/{job_id}: checked against
    // request/path-parameters.schema.json under /path. Empty when request_line says the path is wrong.
    std::vector<EnvelopeMember> path_parameters;
    // The first of each header, those of Table 2 under the page's spelling (names are
    // case-insensitive): checked against request/request-headers.schema.json under /headers.
    std::vector<EnvelopeMember> headers;
    std::vector<EnvelopeFinding> media_type;  // Content-Type that is not application/json
};

Envelope read_envelope(const HttpRequest& request);

// A value that holds an HTTP client's {{variable}}: unknown here, so not checked.
bool is_templated(std::string_view value);
// A string that is wholly one {{variable}}: "{{name}}".
bool is_variable(std::string_view value);

}  // namespace drslint::input
