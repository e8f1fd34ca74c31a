// Hostile input, memory and crashes (issue 11): running out of memory is an answer (std::bad_alloc,
// DRSLINT_OUT_OF_MEMORY, exit code 2), never a crash; a moved-from Linter says so; an input over
// --max-input is refused whatever its kind; and memory stays bounded by the limits. Part of the
// hostile_test binary (hostile_test.cpp defines the module).
#include <boost/test/unit_test.hpp>

#include <malloc.h>
#include <sys/resource.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <new>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "drslint/drslint.h"
#include "drslint/jsonl.h"
#include "drslint/linter.h"
#include "parse/json_parser.h"
#include "../support/fixtures.h"
#include "../support/process.h"
#include "../support/sanitizers.h"
#include "../support/temp_dir.h"

namespace fs = std::filesystem;

namespace {

using drslint::test::kUnderAsan;

#define DRSLINT_SKIP_UNDER_ASAN(what)                                                                  \
    if (kUnderAsan) {                                                                                  \
        BOOST_TEST_MESSAGE("SKIPPED under AddressSanitizer: " what "; the release suite checks this"); \
        return;                                                                                        \
    }

constexpr std::size_t kMiB = 1024 * 1024;

using drslint::test::TempDir;

// The densest body there is for the DOM: an array of `n` zeros, 16 bytes of DOM per 2 bytes of text.
std::string zeros(std::size_t n)
{
    std::string text = "[";
    text.reserve(2 * n + 2);
    for (std::size_t i = 0; i < n; ++i) text += i == 0 ? "0" : ",0";
    return text + "]";
}

using Outcome = drslint::test::Result;

// The children below get an address-space budget beyond what they have mapped. A thread's malloc
// arena reserves 64 MiB of address space when it is made, and glibc retries an allocation that
// failed in one arena in another: a child could grow into an arena that an earlier test's thread
// left (a pattern's automaton built there on first use, say) without the budget seeing it. One
// arena for the whole binary, set before any thread starts, keeps each budget what it says.
struct OneMallocArena {
    OneMallocArena() { ::mallopt(M_ARENA_MAX, 1); }
};
BOOST_TEST_GLOBAL_FIXTURE(OneMallocArena);

// Exit codes of a child that ran `body` under an address-space limit.
constexpr int kChildChecked = 0;
constexpr int kChildOutOfMemory = 3;
constexpr int kChildOtherError = 4;
constexpr int kChildNoThread = 5;  // std::system_error: a thread could not start

// Runs `body` in a forked child whose address space may grow by `budget` bytes beyond what it has
// mapped when it starts. `body` returns kChildChecked or kChildOutOfMemory; anything it throws but
// bad_alloc is kChildOtherError, and a crash is a signal.
Outcome in_child_with_budget(std::size_t budget, const std::function<int()>& body)
{
    return drslint::test::run_in_child({{RLIMIT_AS, budget, true}}, [&] {
        try {
            return body();
        } catch (const std::bad_alloc&) {
            return kChildOutOfMemory;
        } catch (const std::system_error&) {
            return kChildNoThread;
        } catch (...) {
            return kChildOtherError;
        }
    });
}

struct Launch {
    std::size_t address_space = RLIM_INFINITY;  // RLIMIT_AS of the child
    std::size_t stack = 8 * kMiB;               // RLIMIT_STACK: what each thread's stack is
    std::string stdin_path = "/dev/null";
    bool keep_stdout = false;  // else /dev/null
};

// Runs drslint with `args` in a child process under `launch`'s limits.
Outcome run_drslint(const std::vector<std::string>& args, const Launch& launch = {})
{
    std::vector<std::string> argv{DRSLINT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    drslint::test::RunOptions options;
    options.in = drslint::test::Stdin::file(launch.stdin_path);
    if (!launch.keep_stdout) options.out = drslint::test::Stdout::file("/dev/null");
    options.limits.push_back({RLIMIT_STACK, launch.stack});
    if (launch.address_space != RLIM_INFINITY) options.limits.push_back({RLIMIT_AS, launch.address_space});
    return drslint::test::run_process(argv, options);
}

Outcome drslint_with_limit(std::size_t limit, const std::vector<std::string>& args, std::size_t stack = 8 * kMiB)
{
    Launch launch;
    launch.address_space = limit;
    launch.stack = stack;
    return run_drslint(args, launch);
}

// The address-space budgets a check runs under: from too little for anything but start-up to
// enough for the whole lint, so that each allocation of a lint is in turn the one that fails.
const std::vector<std::size_t> kBudgets = {4 * kMiB, 16 * kMiB, 32 * kMiB, 48 * kMiB, 64 * kMiB, 96 * kMiB, 160 * kMiB};

// A body that needs about 100 MiB to lint: 4 MiB of zeros makes 32 MiB of DOM and as much stack.
const std::string& big_body()
{
    static const std::string body = zeros(2 * kMiB);
    return body;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(memory)

// ---- a moved-from Linter ----

BOOST_AUTO_TEST_CASE(a_moved_from_linter_throws_logic_error_instead_of_crashing)
{
    drslint::Linter original;
    drslint::Linter moved(std::move(original));
    BOOST_TEST(moved.lint("{}").findings.size() > 0);  // the new owner works
    auto says_moved = [](const std::logic_error& e) {
        return std::string(e.what()).find("moved from") != std::string::npos;
    };
    BOOST_CHECK_EXCEPTION(original.lint("{}"), std::logic_error, says_moved);
    BOOST_CHECK_EXCEPTION(original.lint("{}", drslint::TaskContext{}), std::logic_error, says_moved);
    BOOST_CHECK_EXCEPTION(original.lint_request(drslint::HttpRequest{}), std::logic_error, says_moved);
    BOOST_CHECK_EXCEPTION(original.lint_response(200, "{}"), std::logic_error, says_moved);
    BOOST_CHECK_EXCEPTION(original.rules(), std::logic_error, says_moved);
    BOOST_CHECK_EXCEPTION(original.limits(), std::logic_error, says_moved);
    BOOST_CHECK_EXCEPTION(original.find_rule("invalid-json"), std::logic_error, says_moved);
    // Assigned to, it works again.
    original = drslint::Linter();
    BOOST_TEST(original.lint("{}").findings.size() > 0);
}

// ---- out of memory ----

BOOST_AUTO_TEST_CASE(the_rapidjson_allocator_throws_where_rapidjson_s_own_returns_null)
{
    drslint::parse::ThrowingAllocator allocator;
    BOOST_TEST(allocator.Malloc(0) == nullptr);  // as RapidJSON's CrtAllocator
    void* block = allocator.Malloc(16);
    BOOST_TEST(block != nullptr);
    block = allocator.Realloc(block, 16, 32);
    BOOST_TEST(block != nullptr);
    if (kUnderAsan) drslint::parse::ThrowingAllocator::Free(block);
    DRSLINT_SKIP_UNDER_ASAN("it aborts on an allocation it cannot make (allocator_may_return_null=0)");
    const std::size_t absurd = static_cast<std::size_t>(-1) / 2;
    BOOST_CHECK_THROW(allocator.Malloc(absurd), std::bad_alloc);
    BOOST_CHECK_THROW(allocator.Realloc(block, 32, absurd), std::bad_alloc);
    drslint::parse::ThrowingAllocator::Free(block);  // still owned after the failed Realloc
    BOOST_CHECK_THROW(drslint::parse::Pool pool(absurd), std::bad_alloc);
}

// The parse's pool is sized up front (8 bytes per byte of text); a body that needed more would send
// the pool to RapidJSON's CrtAllocator, which returns null when memory runs out.
BOOST_AUTO_TEST_CASE(the_parse_pool_holds_the_densest_bodies)
{
    std::string members = "{";
    for (int i = 0; i < 100000; ++i) members += std::string(i == 0 ? "" : ",") + "\"\":0";
    members += "}";
    std::string nested_arrays, empties = "[", objects = "[";
    for (int i = 0; i < 60; ++i) nested_arrays += "[";
    nested_arrays += "0" + std::string(60, ']');
    for (int i = 0; i < 100000; ++i) empties += i == 0 ? "[]" : ",[]";
    for (int i = 0; i < 100000; ++i) objects += i == 0 ? "{\"\":[0]}" : ",{\"\":[0]}";
    empties += "]";
    objects += "]";
    for (const std::string& text : {zeros(100000), members, nested_arrays, empties, objects, std::string("0"),
                                    std::string("[0]"), std::string("{\"\":0}"), std::string()}) {
        const auto result = drslint::parse::parse_json(text, {});
        BOOST_TEST(result.ok == !text.empty(), text.substr(0, 20));
        BOOST_TEST(!result.pool->overflowed(), text.substr(0, 20));
    }
}

BOOST_AUTO_TEST_CASE(lint_throws_bad_alloc_when_memory_runs_out)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    const drslint::Linter& linter = drslint::test::default_linter();
    const std::string& body = big_body();
    std::vector<int> codes;
    for (const std::size_t budget : kBudgets) {
        const Outcome o = in_child_with_budget(budget, [&] {
            const drslint::Report report = linter.lint(body);
            return report.findings.empty() ? kChildOtherError : kChildChecked;
        });
        BOOST_TEST(o.signal == 0, "budget " << budget / kMiB << " MiB: killed by signal " << o.signal);
        BOOST_TEST((o.exit_code == kChildChecked || o.exit_code == kChildOutOfMemory),
                   "budget " << budget / kMiB << " MiB: exit " << o.exit_code);
        codes.push_back(o.exit_code);
    }
    BOOST_TEST(codes.front() == kChildOutOfMemory);  // the smallest budget is too small
    BOOST_TEST(codes.back() == kChildChecked);       // the largest is enough: the limit is not the test's bug
}

// The task context is the user's text too (--context, drslint_options_set_context_json).
BOOST_AUTO_TEST_CASE(the_task_context_reader_throws_bad_alloc_when_memory_runs_out)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    const std::string context = "{\"a\": " + big_body() + ", \"job_type\": \"sync\"}";
    std::vector<int> codes;
    for (const std::size_t budget : kBudgets) {
        const Outcome o = in_child_with_budget(budget, [&] {
            return drslint::parse_task_context(context).job_type == "sync" ? kChildChecked : kChildOtherError;
        });
        BOOST_TEST(o.signal == 0, "budget " << budget / kMiB << " MiB: killed by signal " << o.signal);
        BOOST_TEST((o.exit_code == kChildChecked || o.exit_code == kChildOutOfMemory),
                   "budget " << budget / kMiB << " MiB: exit " << o.exit_code);
        codes.push_back(o.exit_code);
    }
    BOOST_TEST(codes.front() == kChildOutOfMemory);
    BOOST_TEST(codes.back() == kChildChecked);
}

BOOST_AUTO_TEST_CASE(lint_jsonl_passes_a_worker_s_bad_alloc_to_its_caller)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    const drslint::Linter& linter = drslint::test::default_linter();
    std::string batch;
    for (int i = 0; i < 6; ++i) batch += zeros(kMiB / 2) + "\n";
    std::vector<int> codes;
    // The last budget also holds a worker's stack and its malloc arena (64 MiB of address space).
    std::vector<std::size_t> budgets = kBudgets;
    budgets.push_back(320 * kMiB);
    for (const std::size_t budget : budgets) {
        const Outcome o = in_child_with_budget(budget, [&] {
            std::istringstream in(batch);
            std::size_t reports = 0;
            drslint::lint_jsonl(linter, in, 2, [&](drslint::LineReport&&) { ++reports; });
            return reports == 6 ? kChildChecked : kChildOtherError;
        });
        BOOST_TEST(o.signal == 0, "budget " << budget / kMiB << " MiB: killed by signal " << o.signal);
        BOOST_TEST((o.exit_code == kChildChecked || o.exit_code == kChildOutOfMemory || o.exit_code == kChildNoThread),
                   "budget " << budget / kMiB << " MiB: exit " << o.exit_code);
        codes.push_back(o.exit_code);
    }
    BOOST_TEST((codes.front() == kChildOutOfMemory || codes.front() == kChildNoThread));
    BOOST_TEST(codes.back() == kChildChecked);
}

BOOST_AUTO_TEST_CASE(the_c_api_returns_out_of_memory)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    drslint_linter* linter = nullptr;
    BOOST_REQUIRE(drslint_linter_new(nullptr, &linter) == DRSLINT_OK);
    const std::string& body = big_body();
    std::vector<int> codes;
    for (const std::size_t budget : kBudgets) {
        const Outcome o = in_child_with_budget(budget, [&] {
            drslint_result* result = nullptr;
            const int status = drslint_lint(linter, body.data(), body.size(), &result);
            drslint_result_free(result);
            if (status == DRSLINT_OUT_OF_MEMORY) {
                return std::string(drslint_last_error()).find("out of memory") != std::string::npos ? kChildOutOfMemory
                                                                                                   : kChildOtherError;
            }
            return status == DRSLINT_OK ? kChildChecked : kChildOtherError;
        });
        BOOST_TEST(o.signal == 0, "budget " << budget / kMiB << " MiB: killed by signal " << o.signal);
        BOOST_TEST((o.exit_code == kChildChecked || o.exit_code == kChildOutOfMemory),
                   "budget " << budget / kMiB << " MiB: exit " << o.exit_code);
        codes.push_back(o.exit_code);
    }
    drslint_linter_free(linter);
    BOOST_TEST(codes.front() == kChildOutOfMemory);
    BOOST_TEST(codes.back() == kChildChecked);
}

BOOST_AUTO_TEST_CASE(the_cli_exits_2_with_a_message_when_memory_runs_out)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    TempDir dir;
    const std::string body = dir.write("big.json", big_body());
    std::string batch;
    for (int i = 0; i < 6; ++i) batch += zeros(kMiB / 2) + "\n";
    const std::string lines = dir.write("big.jsonl", batch);
    const std::vector<std::vector<std::string>> runs = {
        {body}, {"--format", "json", body}, {"--jsonl", "--jobs", "2", lines}};
    for (const auto& args : runs) {
        std::vector<int> codes;
        // The whole process: libraries and start-up first, then the budgets above.
        for (const std::size_t budget : kBudgets) {
            const Outcome o = drslint_with_limit(48 * kMiB + budget, args);
            BOOST_TEST(o.signal == 0, args.front() << ", " << budget / kMiB << " MiB: signal " << o.signal);
            BOOST_TEST((o.exit_code == 1 || o.exit_code == 2), args.front() << ", " << budget / kMiB << " MiB: exit "
                                                                             << o.exit_code << ": " << o.err);
            if (o.exit_code == 2) {
                BOOST_TEST((o.err.find("out of memory") != std::string::npos ||
                            o.err.find("cannot start a worker thread") != std::string::npos),
                           o.err);
            }
            codes.push_back(o.exit_code);
        }
        BOOST_TEST(codes.front() == 2, args.front());
        BOOST_TEST(codes.back() == 1, args.front());
    }
}

// ---- out of memory while the Linter is built (the embedded schemas and rule catalogue) ----

namespace {

// Budgets fine enough that each allocation of building a Linter is in turn about the one that fails.
std::vector<std::size_t> construction_budgets()
{
    std::vector<std::size_t> budgets;
    for (std::size_t kib = 256; kib <= 16 * 1024; kib += 256) budgets.push_back(kib * 1024);
    budgets.push_back(64 * kMiB);
    return budgets;
}

void check_construction_sweep(const std::string& what, const std::function<int()>& body)
{
    std::vector<int> codes;
    for (const std::size_t budget : construction_budgets()) {
        const Outcome o = in_child_with_budget(budget, body);
        BOOST_TEST(o.signal == 0, what << ", budget " << budget / 1024 << " KiB: killed by signal " << o.signal);
        BOOST_TEST((o.exit_code == kChildChecked || o.exit_code == kChildOutOfMemory),
                   what << ", budget " << budget / 1024 << " KiB: exit " << o.exit_code);
        codes.push_back(o.exit_code);
    }
    // The budget counts new address space only: run after other tests, the heap the parent already
    // has mapped and free may serve a whole construction. Then nothing here ran out, which only
    // warns; the CLI start-up test below builds the Linter from a fresh heap every time.
    BOOST_WARN_MESSAGE(codes.front() == kChildOutOfMemory,
                       what << ": the smallest budget was enough (the parent's free heap served it)");
    BOOST_TEST(codes.back() == kChildChecked, what);  // the largest is enough
}

}  // namespace

BOOST_AUTO_TEST_CASE(building_a_linter_throws_bad_alloc_when_memory_runs_out)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    check_construction_sweep("default", [] {
        const drslint::Linter linter;
        return linter.rules().empty() ? kChildOtherError : kChildChecked;
    });
    check_construction_sweep("cross_check_with_valijson", [] {
        drslint::Options options;
        options.cross_check_with_valijson = true;
        const drslint::Linter linter(options);
        // The cross-check's copy of a body with integral doubles (1.0) is made under the limit too.
        const drslint::Report report = linter.lint(R"({"job": {"type": "name", "params": {"x": 1.0}}})");
        return report.findings.empty() ? kChildOtherError : kChildChecked;
    });
}

BOOST_AUTO_TEST_CASE(drslint_linter_new_returns_out_of_memory)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    check_construction_sweep("drslint_linter_new", [] {
        drslint_linter* linter = nullptr;
        const int status = drslint_linter_new(nullptr, &linter);
        drslint_linter_free(linter);
        if (status == DRSLINT_OUT_OF_MEMORY) {
            return linter == nullptr && std::string(drslint_last_error()).find("out of memory") != std::string::npos
                       ? kChildOutOfMemory
                       : kChildOtherError;
        }
        return status == DRSLINT_OK ? kChildChecked : kChildOtherError;
    });
}

// From too little to load the shared libraries to enough for all: drslint starts, parses its
// command line, builds its Linter, lints or lists, and each step may be the one that runs out.
BOOST_AUTO_TEST_CASE(the_cli_starting_up_exits_2_with_a_message_when_memory_runs_out)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    TempDir dir;
    const std::string body = dir.write("body.json", R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS"}}}})");
    const std::vector<std::vector<std::string>> runs = {{"--version"}, {body}, {"rules"}};
    for (const auto& args : runs) {
        bool ran_out = false;
        int last = -1;
        // Every 64 KiB: a gap between two limits where one static initializer fails must not hide.
        for (std::size_t kib = 4 * 1024; kib <= 16 * 1024; kib += 64) {
            const Outcome o = drslint_with_limit(kib * 1024, args);
            const std::string where = args.front() + ", " + std::to_string(kib) + " KiB";
            BOOST_TEST(o.signal == 0, where << ": signal " << o.signal << ": " << o.err);
            // 127: the dynamic loader could not map a shared library or the first thread's TLS, or
            // its own allocator ran out (ld.so's bare "out of memory"; which of these a limit hits
            // moves with the binaries' sizes), before any of drslint ran.
            const bool loader = o.exit_code == 127 && (o.err.find("error while loading shared libraries") != std::string::npos ||
                                                       o.err.find("cannot allocate TLS data structures") != std::string::npos ||
                                                       o.err == "out of memory\n");
            const bool out_of_memory = o.exit_code == 2 && o.err.find("drslint: out of memory") != std::string::npos;
            const bool normal = o.exit_code == 0 || (o.exit_code == 1 && args.front() == body);
            BOOST_TEST((loader || out_of_memory || normal), where << ": exit " << o.exit_code << ": " << o.err);
            ran_out = ran_out || out_of_memory || (loader && args.front() == "--version");
            last = o.exit_code;
        }
        BOOST_TEST(ran_out, args.front());  // a lint and `rules` each ran out building the Linter at least once
        BOOST_TEST(last == (args.front() == body ? 1 : 0), args.front());
    }
}

// Threads whose stacks cannot be mapped: std::thread throws, and the batch is exit code 2, not
// std::terminate's SIGABRT (exit 134).
BOOST_AUTO_TEST_CASE(a_jsonl_worker_that_cannot_start_is_exit_2_not_an_abort)
{
    DRSLINT_SKIP_UNDER_ASAN("an address-space limit cannot be set");
    TempDir dir;
    std::string batch;
    for (int i = 0; i < 2000; ++i) batch += "{}\n";
    const std::string lines = dir.write("small.jsonl", batch);
    // 1 GiB stacks under a 512 MiB address space: no worker can start; the main thread's stack is
    // mapped as it grows.
    const Outcome o = drslint_with_limit(512 * kMiB, {"--jsonl", "--jobs", "8", lines}, 1024 * kMiB);
    BOOST_TEST(o.signal == 0);
    BOOST_TEST(o.exit_code == 2, o.err);
    BOOST_TEST(o.err.find("cannot start a worker thread") != std::string::npos, o.err);
}

// ---- input over --max-input, of every kind ----

std::string http_request(const std::string& body)
{
    return "PUT https://drs.example.com/v5/p/jobs/j\nContent-Type: application/json\nX-Auth-Token: {{token}}\n\n" +
           body + "\n";
}

const std::string kValidBody = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}})";
const std::string kInvalidBody = R"({"job": {"type": "name", "params": {"base_info": {"name": "D"}}}})";

BOOST_AUTO_TEST_CASE(an_http_file_over_the_input_limit_is_input_too_large_not_cut)
{
    drslint::Options options;
    options.limits.max_input_bytes = 4096;
    const drslint::Linter linter(options);
    // Valid requests up to the limit, and an invalid one after it, which a cut would lose.
    std::string text;
    while (text.size() < 4000) text += http_request(kValidBody) + "###\n";
    text += http_request(kInvalidBody);
    BOOST_REQUIRE(text.size() > 4096);
    std::size_t requests = 99;
    const auto report = linter.lint_http_file(text, &requests);
    BOOST_REQUIRE(report.findings.size() == 1);
    BOOST_TEST(report.findings[0].rule == "input-too-large");
    BOOST_TEST(std::string(drslint::to_string(report.findings[0].severity)) == "error");
    BOOST_TEST(requests == 0u);
    // Within the limit, every request is linted, the last one too.
    options.limits.max_input_bytes = 1 << 20;
    const auto whole = drslint::Linter(options).lint_http_file(text, &requests);
    BOOST_TEST(requests > 10u);
    BOOST_TEST(whole.findings.size() == 1u);
    BOOST_TEST(whole.findings[0].rule == "string-length");
}

BOOST_AUTO_TEST_CASE(every_input_kind_over_the_input_limit_fails_with_input_too_large)
{
    TempDir dir;
    std::string http;
    while (http.size() < 4000) http += http_request(kValidBody) + "###\n";
    const std::string http_file = dir.write("requests.http", http);
    const std::string rest_file = dir.write("requests.rest", http);
    const std::string body = std::string(4000, ' ') + kValidBody;
    const std::string body_file = dir.write("body.json", body);
    const std::string response_file = dir.write("response.json", std::string(4000, ' ') + "{}");
    const std::string lines_file = dir.write("batch.jsonl", kValidBody + "\n" + body + "\n");
    struct Case {
        std::vector<std::string> args;
        std::string stdin_path;
    };
    const std::vector<Case> cases = {
        {{http_file}, "/dev/null"},
        {{rest_file}, "/dev/null"},
        {{body_file}, "/dev/null"},
        {{"-"}, body_file},
        {{"--response", "200", response_file}, "/dev/null"},
        {{"--response", "400", "-"}, response_file},
        {{"--jsonl", lines_file}, "/dev/null"},
        {{"--jsonl", "-"}, lines_file},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args = {"--max-input", "4000", "--format", "json"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        Launch launch;
        launch.stdin_path = c.stdin_path;
        launch.keep_stdout = true;
        const Outcome o = run_drslint(args, launch);
        const std::string what = c.args.front() + " " + c.args.back();
        BOOST_TEST(o.exit_code == 1, what << ": " << o.err);
        BOOST_TEST(o.out.find("\"input-too-large\"") != std::string::npos, what << ": " << o.out);
    }
    // The same .http file is fine under a limit it fits.
    const Outcome fits = run_drslint({"--max-input", "8000", http_file});
    BOOST_TEST(fits.exit_code == 0, fits.err);
}

// ---- findings per file ----

BOOST_AUTO_TEST_CASE(an_http_file_keeps_max_findings_for_the_whole_file)
{
    drslint::Options options;
    options.limits.max_findings = 5;
    const drslint::Linter linter(options);
    std::string text;
    for (int i = 0; i < 3000; ++i) text += http_request(kInvalidBody) + "###\n";  // one finding each
    std::size_t requests = 0;
    const auto report = linter.lint_http_file(text, &requests);
    BOOST_REQUIRE(report.findings.size() == 6u);
    for (std::size_t i = 0; i < 5; ++i) BOOST_TEST(report.findings[i].rule == "string-length");
    BOOST_TEST(report.findings[0].begin.line == 5u);  // the first request's body, on the file's line
    BOOST_TEST(report.findings[4].begin.line == 5u + 4 * 6);
    BOOST_TEST(report.findings[5].rule == "too-many-findings");
    BOOST_TEST(report.findings[5].message.find("at least 1 more") != std::string::npos, report.findings[5].message);
    // Linting stopped once the file had failed: the rest cannot make it pass.
    BOOST_TEST(requests < 10u);
    // Exactly at the limit: no summary.
    std::string five;
    for (int i = 0; i < 5; ++i) five += http_request(kInvalidBody) + "###\n";
    BOOST_TEST(linter.lint_http_file(five).findings.size() == 5u);
    // One request over it: the count is exact.
    const auto six = linter.lint_http_file(five + http_request(kInvalidBody));
    BOOST_REQUIRE(six.findings.size() == 6u);
    BOOST_TEST(six.findings[5].message.find("1 more") != std::string::npos, six.findings[5].message);
}

// ---- memory bounded by the limits (README, "Hostile input") ----

// Linux counts a child's resident memory before its exec in its peak, so a drslint forked from this
// test process (tens of MiB) would read at least that. A small Python process forks it instead and
// reports its peak (getrusage through wait4), the reading /usr/bin/time -v gives; the floor is then
// Python's own few MiB, which floor_mib() measures.
constexpr const char* kMeasure = R"(import os, sys
pid = os.fork()
if pid == 0:
    null = os.open("/dev/null", os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status)))";

long peak_mib(const std::vector<std::string>& args, int expected_exit)
{
    std::vector<std::string> argv{"python3", "-c", kMeasure, DRSLINT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    const Outcome o = drslint::test::run_process(argv);
    BOOST_REQUIRE_MESSAGE(o.exit_code == 0, "python3 could not measure drslint: " << o.err);
    long kib = 0;
    int exit_code = -1;
    std::istringstream(o.out) >> kib >> exit_code;
    BOOST_TEST(exit_code == expected_exit, args.back() << ": " << o.err);
    return kib / 1024;
}

long floor_mib() { return peak_mib({"--version"}, 0); }

std::string write_repeated(const TempDir& dir, const std::string& name, const std::string& piece, std::size_t bytes)
{
    std::ofstream out(dir.path / name, std::ios::binary);
    for (std::size_t written = 0; written < bytes; written += piece.size()) out << piece;
    return (dir.path / name).string();
}

// Files are written piecewise: this process stays small, and so do its children.
// A .http file of requests with hundreds of findings each kept every finding (15.4 GB for 52 MB);
// it keeps max_findings now, and one request at a time.
BOOST_AUTO_TEST_CASE(an_http_file_of_many_findings_costs_a_small_multiple_of_its_size)
{
    DRSLINT_SKIP_UNDER_ASAN("its quarantine holds freed memory");
    TempDir dir;
    std::string members;
    for (int i = 0; i < 200; ++i) members += ", \"x" + std::to_string(i) + "\": " + std::to_string(i);
    const std::string request =
        http_request(R"({"job": {"type": "name", "params": {"base_info": {"name": 5)" + members + "}}}}") + "###\n";
    const long floor = floor_mib();
    const long mib = peak_mib({write_repeated(dir, "many.http", request, 8 * kMiB)}, 1);
    BOOST_TEST_MESSAGE("peak " << mib << " MiB (floor " << floor << ") for an 8 MiB .http file of 200 findings per request");
    BOOST_TEST(mib < floor + 3 * 8 + 16);  // the text, its redacted copy, one request: it was 300 times the file
}

BOOST_AUTO_TEST_CASE(an_http_file_of_newlines_holds_no_line_table)
{
    DRSLINT_SKIP_UNDER_ASAN("its quarantine holds freed memory");
    TempDir dir;
    const long floor = floor_mib();
    const long mib = peak_mib({write_repeated(dir, "newlines.http", std::string(kMiB, '\n'), 16 * kMiB)}, 2);
    BOOST_TEST_MESSAGE("peak " << mib << " MiB (floor " << floor << ") for 16 MiB of newlines as .http");
    BOOST_TEST(mib < floor + 2 * 16 + 8);  // the text as read; a line table was 24 bytes a line (384 MiB)
}

// A batch of bodies with a finding each: text prints every body's findings as it goes and holds
// none; a document format holds at most 100 x --max-findings of them.
BOOST_AUTO_TEST_CASE(a_jsonl_batch_holds_no_more_findings_than_its_format_needs)
{
    DRSLINT_SKIP_UNDER_ASAN("its quarantine holds freed memory");
    TempDir dir;
    const std::string file = write_repeated(dir, "empties.jsonl", "[]\n", 3 * 500000);  // 500,000 findings
    const long floor = floor_mib();
    const long text = peak_mib({"--jsonl", "--jobs", "2", file}, 1);
    const long github = peak_mib({"--jsonl", "--jobs", "2", "--format", "github", file}, 1);
    const long json = peak_mib({"--jsonl", "--jobs", "2", "--format", "json", "--max-findings", "10", file}, 1);
    BOOST_TEST_MESSAGE("peak MiB for 500,000 findings: text " << text << ", github " << github << ", json " << json
                                                              << " (floor " << floor << ")");
    // Holding them all was 100 MiB and more.
    BOOST_TEST(text < floor + 8);
    BOOST_TEST(github < floor + 8);
    BOOST_TEST(json < floor + 8);
    Launch launch;
    launch.keep_stdout = true;
    const Outcome o = run_drslint({"--jsonl", "--format", "json", "--max-findings", "10", file}, launch);
    BOOST_TEST(o.out.find("499000 more findings not shown (limit 1000)") != std::string::npos, o.out.substr(0, 300));
    const Outcome all = run_drslint({"--jsonl", "--format", "github", file}, launch);
    BOOST_TEST(all.out.find("1 file checked: 500000 errors") != std::string::npos);
}

// A chunk of lines held jobs x 64 lines whatever their size (1.1 GB for 8 MiB lines on 2 jobs); it
// is bounded by bytes too now.
BOOST_AUTO_TEST_CASE(a_jsonl_chunk_is_bounded_by_bytes)
{
    DRSLINT_SKIP_UNDER_ASAN("its quarantine holds freed memory");
    TempDir dir;
    const std::string line = R"({"job": {"type": "name", "params": {"base_info": {"name": ")" + std::string(2 * kMiB, 'x') +
                             "\"}}}}\n";
    const std::string file = write_repeated(dir, "wide.jsonl", line, 32 * line.size());  // 64 MiB: one chunk before
    const long floor = floor_mib();
    const long mib = peak_mib({"--jsonl", "--jobs", "2", file}, 1);
    BOOST_TEST_MESSAGE("peak " << mib << " MiB (floor " << floor << ") for 32 lines of 2 MiB on 2 jobs");
    BOOST_TEST(mib < floor + 40);  // 2 jobs x 4 MiB of chunk, and two lints of a 2 MiB line
}

BOOST_AUTO_TEST_SUITE_END()
