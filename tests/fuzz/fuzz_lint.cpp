// libFuzzer target over the library's entry points: Linter::lint (with default limits, with tight
// ones, and with task contexts that switch the fact-dependent rules on), lint_response,
// lint_request and parse_task_context. Besides crashes, leaks, hangs and undefined behaviour (the
// sanitizers), it traps on a report that breaks an invariant every report must keep.
//
//   cmake --preset fuzz && cmake --build --preset fuzz && ctest --preset fuzz   (README: Fuzzing)
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "drslint/linter.h"
#include "../support/text_checks.h"

namespace {

// Both linters cross-check with valijson, so that every body the fuzzer makes is a differential
// test of drslint's evaluator against the engine of record (check() traps on a disagreement).
drslint::Options cross_checking()
{
    drslint::Options options;
    options.cross_check_with_valijson = true;
    return options;
}

drslint::Linter make_tight_linter()
{
    drslint::Options options = cross_checking();
    options.limits.max_input_bytes = 4096;
    options.limits.max_depth = 6;
    options.limits.max_pattern_length = 8;
    options.limits.max_findings = 3;
    return drslint::Linter(options);
}

const drslint::Linter& linter()
{
    static const drslint::Linter instance(cross_checking());
    return instance;
}

const drslint::Linter& tight()
{
    static const drslint::Linter instance = make_tight_linter();
    return instance;
}

// Every finding has a known rule id and a printable message; pointers and expectations are UTF-8.
void check(const drslint::Report& report, std::size_t max_findings)
{
    if (report.findings.size() > max_findings + 1) __builtin_trap();
    for (const auto& f : report.findings) {
        if (linter().find_rule(f.rule) == nullptr) __builtin_trap();
        // The differential test on fuzzed input: valijson, the engine of record, and drslint's
        // evaluator reached different verdicts.
        if (f.rule == "engine-disagreement") __builtin_trap();
        if (f.message.empty() || !drslint::test::printable_utf8(f.message)) __builtin_trap();
        if (!drslint::test::valid_utf8(f.pointer) || !drslint::test::printable_utf8(f.expected)) __builtin_trap();
        if (!drslint::test::printable_utf8(f.suggestion)) __builtin_trap();
    }
}

drslint::TaskContext context_for(std::size_t size)
{
    static const drslint::TaskContext contexts[] = {
        {},
        {"sync", "mysql-to-mysql", "up", "FULL_INCR_TRANS"},
        {"migration", "mongodb", "down", "FULL_TRANS"},
        {"cloudDataGuard", "mysql-to-mysql", "non-dbs", "INCR_TRANS"},
    };
    return contexts[size % 4];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const drslint::Limits defaults;
    check(linter().lint(text, context_for(size)), defaults.max_findings);
    check(tight().lint(text), 3);
    check(linter().lint_response(size % 2 == 0 ? 200 : 400, text), defaults.max_findings);
    drslint::HttpRequest request;
    request.method = "PUT";
    request.target = "/v5/9dc8c0f3f74c4dbb23c29cf0318ee561/jobs/140b5236-88ad-43c8-811c-1268453jb101";
    request.headers = {{"Content-Type", "application/json;charset=utf8", {}, {}}};
    request.body = std::string(text);
    check(linter().lint_request(request), defaults.max_findings);
    try {
        drslint::parse_task_context(text);
    } catch (const std::invalid_argument&) {
        // Not a JSON object: the documented answer.
    }
    return 0;
}
