// What a Linter is built with: the limits that bound every lint, and the facts about the task that
// rules may need.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace drslint {

// Facts about the task that an update body often does not carry. Rules that need an unknown fact
// stay silent. Values found in the body itself take precedence.
struct TaskContext {
    std::string job_type;       // migration | sync | cloudDataGuard
    std::string engine_type;    // e.g. mysql-to-mysql
    std::string job_direction;  // up | down | non-dbs
    std::string task_type;      // FULL_TRANS | FULL_INCR_TRANS | INCR_TRANS
};

// Reads a task context from JSON, checked as a config is: either an object of the facts alone
// (job_type, engine_type, job_direction, task_type, each a string), where any other key is an
// error with a did-you-mean, or a saved "query task details" response, in which the facts are
// found at any depth (and at least one must be). Every value must be one that base_info (Table 6)
// allows. Throws std::invalid_argument naming the key or value (and the closest allowed one) when
// any of that fails, or when the text is not a JSON object.
TaskContext parse_task_context(std::string_view json);

// Checks one fact: `field` is job_type, engine_type, job_direction or task_type, and `value` is ""
// (unknown) or one of the values base_info allows for it. Throws std::invalid_argument as
// parse_task_context() does.
void check_task_context_value(std::string_view field, std::string_view value);

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
    // Offer fixes on findings (Finding::fix). Proving them lints a body with fixes once more (a few
    // times when some do not hold), so a caller that only reports, like a JSON Lines batch, can
    // turn this off; bodies without fixable findings cost nothing either way.
    bool offer_fixes = true;
};

}  // namespace drslint
