// The drslint library entry point.
//
// A Linter is built once (it compiles the schemas embedded in the library) and is then immutable:
// concurrent lint() calls on one Linter are safe. valijson's Validator keeps an unlocked regex
// cache, so each thread gets its own Validator (thread_local inside the library); nothing mutable
// is shared between calls.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drslint/finding.h"

namespace drslint {

// Facts about the task that an update body often does not carry. Rules that need an unknown fact
// stay silent. Values found in the body itself take precedence.
struct TaskContext {
    std::string job_type;       // migration | sync | cloudDataGuard
    std::string engine_type;    // e.g. mysql-to-mysql
    std::string job_direction;  // up | down | non-dbs
    std::string task_type;      // FULL_TRANS | FULL_INCR_TRANS | INCR_TRANS
};

// Reads a task context from JSON: an object with job_type, engine_type, job_direction and
// task_type, found at any depth (a saved "query task details" response works as it is).
// Throws std::invalid_argument when the text is not a JSON object.
TaskContext parse_task_context(std::string_view json);

// Bounds on the work one lint() does, so that any input, however hostile, gets a finding in bounded
// time and memory. Each is reported as an error finding with its own rule id when reached.
struct Limits {
    std::size_t max_input_bytes = 64u * 1024u * 1024u;  // larger input is refused unread (input-too-large)
    std::size_t max_depth = 64;  // deeper nesting of objects and arrays stops the check (nesting-too-deep)
    // Longest string that std::regex may match: std::regex recurses once per character. It binds
    // only where std::regex runs, valijson with cross_check_with_valijson (a body with a longer
    // string is kept from it: cross-check-skipped, info); drslint's own patterns are DFAs and check
    // strings of any length, so no limit rejects a valid value. Also the longest member name
    // (longer stops the check: member-name-too-long).
    std::size_t max_pattern_length = 512;
    std::size_t max_findings = 1000;  // then one summary finding (too-many-findings)
};

// The largest value each limit accepts; the smallest is 1. The Linter constructor throws
// std::invalid_argument for anything outside. Up to these values a lint() runs on a 1 MiB thread
// stack: std::regex needs up to about 1 KiB of stack per character of a string it matches (clang
// -O0 with ASan; about 300 bytes optimized), and no walk over a body recurses deeper than the
// schemas do.
inline constexpr Limits kLimitCeilings{1024u * 1024u * 1024u, 256, 512, 10000};

struct Options {
    Limits limits;
    TaskContext context;
    // Also validate every body with valijson, the engine of record, and report any verdict the two
    // engines disagree on (engine-disagreement). Off by default: drslint's evaluator compiles the
    // same schema files, and the test suite proves it agrees with valijson on every schema case, on
    // 20,000 mutated bodies and under the fuzzer (which runs with this on and traps on any
    // disagreement). On, a lint costs about 25 times as much, and valijson is compiled at start-up.
    bool cross_check_with_valijson = false;
};

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

class Linter {
public:
    // Throws std::runtime_error when the embedded schemas or rules cannot be loaded: a linter
    // that could not load its schemas must never report a clean result. Throws
    // std::invalid_argument when a limit is 0 or above kLimitCeilings.
    explicit Linter(Options options = {});
    ~Linter();
    Linter(const Linter&) = delete;
    Linter& operator=(const Linter&) = delete;
    // A moved-from Linter can only be destroyed or assigned to: every other member function
    // throws std::logic_error.
    Linter(Linter&&) noexcept;
    Linter& operator=(Linter&&) noexcept;

    // Lints one request body (JSON text). Every lint function throws std::bad_alloc when memory
    // runs out (a report is never partial because of it).
    Report lint(std::string_view json) const;
    // Same, with a task context for this call only.
    Report lint(std::string_view json, const TaskContext& context) const;

    // Lints a whole request: the method must be PUT and the path /v5/{project_id}/jobs/{job_id}
    // (Table 1), the headers follow Table 2, and the body is linted as by lint(). Findings on the
    // request line and headers have pointers /method, /path, /path/<parameter>, /headers/<name>.
    Report lint_request(const HttpRequest& request) const;
    Report lint_request(const HttpRequest& request, const TaskContext& context) const;

    // Lints every request of an .http file (the format of the JetBrains HTTP Client and VS Code
    // REST Client: requests separated by "###" lines), one at a time, as one report whose
    // positions are the file's lines. At most limits().max_findings findings are kept for the whole
    // file, then one too-many-findings counts the rest (and linting stops there: the file fails
    // anyway), so time and memory stay bounded however many requests or lines the file holds. Text
    // longer than max_input_bytes is input-too-large and nothing else, as for a body. `requests`,
    // when given, receives the number of requests found: 0 means nothing was checked.
    Report lint_http_file(std::string_view text, std::size_t* requests = nullptr) const;

    // The too-many-findings finding (an error, at 1:1) that says `more` findings beyond `limit` were
    // left out, or at least that many when `at_least`: for a caller that keeps its own budget over
    // many reports (the CLI's JSON Lines batch in a document format).
    Finding too_many_findings(std::size_t limit, std::size_t more, bool at_least) const;

    // Checks a response body against the response table of `status` (200 or 400), for SDK and
    // mock-server authors. Throws std::invalid_argument for another status.
    Report lint_response(int status, std::string_view json) const;

    const std::vector<RuleInfo>& rules() const;
    const Limits& limits() const;
    const RuleInfo* find_rule(std::string_view id) const;

    struct Impl;

private:
    const Impl& impl() const;  // throws std::logic_error when moved from
    std::unique_ptr<const Impl> impl_;
};

}  // namespace drslint
