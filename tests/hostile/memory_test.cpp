// Hostile input, memory and crashes (issue 11): running out of memory is an answer (std::bad_alloc,
// DRSLINT_OUT_OF_MEMORY, exit code 2), never a crash; a moved-from Linter says so; an input over
// --max-input is refused whatever its kind; and memory stays bounded by the limits. Part of the
// hostile_test binary (hostile_test.cpp defines the module).
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
#include "drslint/linter.h"
#include "input/jsonl.h"
#include "parse/json_parser.h"
#include "../support/fixtures.h"

namespace fs = std::filesystem;

namespace {

// AddressSanitizer reserves terabytes of address space for its shadow memory, so an address-space
// limit cannot be set under it, and its quarantine holds freed memory, so peak memory measures the
// sanitizer: the release suite makes those checks.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAsan = true;
#else
constexpr bool kUnderAsan = false;
#endif
#else
constexpr bool kUnderAsan = false;
#endif

#define DRSLINT_SKIP_UNDER_ASAN(what)                                                                  \
    if (kUnderAsan) {                                                                                  \
        BOOST_TEST_MESSAGE("SKIPPED under AddressSanitizer: " what "; the release suite checks this"); \
        return;                                                                                        \
    }

constexpr std::size_t kMiB = 1024 * 1024;

struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "drslint-memory-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~TempDir() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const
    {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
};

// The densest body there is for the DOM: an array of `n` zeros, 16 bytes of DOM per 2 bytes of text.
std::string zeros(std::size_t n)
{
    std::string text = "[";
    text.reserve(2 * n + 2);
    for (std::size_t i = 0; i < n; ++i) text += i == 0 ? "0" : ",0";
    return text + "]";
}

// Address space this process has mapped now, from the kernel's accounting.
std::size_t mapped_bytes()
{
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmSize:", 0) == 0) return std::stoul(line.substr(7)) * 1024;
    }
    throw std::runtime_error("no VmSize in /proc/self/status");
}

struct Outcome {
    int exit_code = -1;  // -1: killed by a signal
    int signal = 0;
    std::string err;
};

Outcome wait_for(pid_t pid, const std::string& stderr_path = "")
{
    int status = 0;
    ::waitpid(pid, &status, 0);
    Outcome o;
    if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) o.signal = WTERMSIG(status);
    if (!stderr_path.empty()) o.err = drslint::test::read_file(stderr_path);
    return o;
}

// Exit codes of a child that ran `body` under an address-space limit.
constexpr int kChildChecked = 0;
constexpr int kChildOutOfMemory = 3;
constexpr int kChildOtherError = 4;
constexpr int kChildNoThread = 5;  // std::system_error: a thread could not start

// Runs `body` in a forked child whose address space may grow by `budget` bytes beyond what it has
// mapped now. `body` returns kChildChecked or kChildOutOfMemory; anything it throws but bad_alloc is
// kChildOtherError, and a crash is a signal.
Outcome in_child_with_budget(std::size_t budget, const std::function<int()>& body)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        int code = kChildOtherError;
        try {
            const rlimit limit{mapped_bytes() + budget, RLIM_INFINITY};
            if (::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(kChildOtherError);
            code = body();
        } catch (const std::bad_alloc&) {
            code = kChildOutOfMemory;
        } catch (const std::system_error&) {
            code = kChildNoThread;
        } catch (...) {
            code = kChildOtherError;
        }
        ::_exit(code);  // no destructors, no atexit: the parent's Boost.Test state is not ours
    }
    return wait_for(pid);
}

// Runs drslint with `args` (stdout to /dev/null) in a child whose address space is at most `limit`
// bytes and whose thread stacks are `stack` bytes each.
Outcome drslint_with_limit(const TempDir& dir, std::size_t limit, const std::vector<std::string>& args,
                           std::size_t stack = 8 * kMiB)
{
    const std::string stderr_path = (dir.path / "stderr").string();
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int out = ::open("/dev/null", O_WRONLY);
        const int err = ::open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(out, STDOUT_FILENO);
        ::dup2(err, STDERR_FILENO);
        const rlimit as{limit, RLIM_INFINITY};
        const rlimit stack_limit{stack, RLIM_INFINITY};
        ::setrlimit(RLIMIT_STACK, &stack_limit);
        ::setrlimit(RLIMIT_AS, &as);
        std::vector<std::string> strings{DRSLINT_BINARY};
        strings.insert(strings.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& s : strings) argv.push_back(s.data());
        argv.push_back(nullptr);
        ::execv(DRSLINT_BINARY, argv.data());
        ::_exit(127);
    }
    return wait_for(pid, stderr_path);
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
    const std::size_t absurd = static_cast<std::size_t>(-1) / 2;
    BOOST_CHECK_THROW(allocator.Malloc(absurd), std::bad_alloc);
    void* block = allocator.Malloc(16);
    BOOST_TEST(block != nullptr);
    BOOST_CHECK_THROW(allocator.Realloc(block, 16, absurd), std::bad_alloc);
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
            drslint::input::lint_jsonl(linter, in, 2, [&](drslint::input::LineReport&&) { ++reports; });
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
            const Outcome o = drslint_with_limit(dir, 48 * kMiB + budget, args);
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
    const Outcome o = drslint_with_limit(dir, 512 * kMiB, {"--jsonl", "--jobs", "8", lines}, 1024 * kMiB);
    BOOST_TEST(o.signal == 0);
    BOOST_TEST(o.exit_code == 2, o.err);
    BOOST_TEST(o.err.find("cannot start a worker thread") != std::string::npos, o.err);
}

BOOST_AUTO_TEST_SUITE_END()
