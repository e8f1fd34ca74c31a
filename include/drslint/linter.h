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
#include "drslint/http.h"
#include "drslint/member_info.h"
#include "drslint/options.h"
#include "drslint/rule_info.h"

namespace drslint {

class Linter {
public:
    // Throws std::runtime_error when the embedded schemas or rules cannot be loaded: a linter
    // that could not load its schemas must never report a clean result. Throws
    // std::invalid_argument when a limit is 0 or above kLimitCeilings.
    explicit Linter(Options options = {});
    ~Linter();
    // Runs the checks of the built-in schemas and rule catalogue that construction leaves out to
    // start fast (the catalogue against schemas/rules.schema.json; every pattern's automaton built,
    // not only on first use): the build runs it, so a library whose data fails them is not built.
    // Throws std::runtime_error naming the problem.
    static void check_built_in_data();
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

    // The member a JSON Pointer names in a request body, as the page documents it (any array
    // index matches an array's items); false when the schemas document nothing there.
    bool describe(std::string_view pointer, MemberInfo& out) const;
    // The members the page documents for the object `pointer` names, in the table's order.
    std::vector<MemberInfo> members(std::string_view pointer) const;

    const std::vector<RuleInfo>& rules() const;
    const Limits& limits() const;
    const RuleInfo* find_rule(std::string_view id) const;
    // The examples of the rule `id` (empty for an unknown id), rendered when asked for: rendering
    // every rule's at construction was a tenth of a single-file run's start-up, for explain alone.
    RuleExamples examples(std::string_view id) const;

    struct Impl;

private:
    const Impl& impl() const;  // throws std::logic_error when moved from
    std::unique_ptr<const Impl> impl_;
};

}  // namespace drslint
