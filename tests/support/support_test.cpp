// The test support itself: run_process, run_in_child and TempDir do what the tests that use them
// take for granted. The programs run are POSIX ones (sh, cat, env, pwd, sleep, head).
#define BOOST_TEST_MODULE support
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "fixtures.h"
#include "process.h"
#include "sanitizers.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using drslint::test::RunOptions;
using drslint::test::run_process;
using drslint::test::Stdin;
using drslint::test::Stdout;

namespace {

using drslint::test::kUnderAsan;

drslint::test::Result sh(const std::string& script, const RunOptions& options = {})
{
    return run_process({"sh", "-c", script}, options);
}

}  // namespace

BOOST_AUTO_TEST_CASE(exit_codes_and_signals_are_told_apart)
{
    const auto three = sh("exit 3");
    BOOST_TEST(three.exit_code == 3);
    BOOST_TEST(three.signal == 0);
    const auto killed = sh("kill -9 $$");
    BOOST_TEST(killed.exit_code == -1);
    BOOST_TEST(killed.signal == SIGKILL);
    BOOST_CHECK_THROW(run_process({"/nonexistent/program"}), std::runtime_error);
    BOOST_CHECK_THROW(run_process({"drslint-test-no-such-program"}), std::runtime_error);
}

// Megabytes on both streams at once: read one after the other, the child would block on the full
// pipe of the one not being read.
BOOST_AUTO_TEST_CASE(standard_output_and_error_are_captured_apart_without_deadlock)
{
    const auto r = sh("head -c 3000000 /dev/zero | tr '\\0' o; head -c 2000000 /dev/zero | tr '\\0' e >&2; echo done");
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.size() == 3000005u);
    BOOST_TEST(r.out.substr(r.out.size() - 5) == "done\n");
    BOOST_TEST(r.err == std::string(2000000, 'e'));
}

BOOST_AUTO_TEST_CASE(standard_error_can_join_standard_output_in_order)
{
    RunOptions options;
    options.stderr_to_stdout = true;
    const auto r = sh("echo a; echo b >&2; echo c", options);
    BOOST_TEST(r.out == "a\nb\nc\n");
    BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(standard_input_is_bytes_a_file_nothing_or_closed)
{
    RunOptions options;
    const std::string bytes("a\0b\nc", 5);
    options.in = Stdin::bytes(bytes);
    BOOST_TEST(run_process({"cat"}, options).out == bytes);
    drslint::test::TempDir dir;
    options.in = Stdin::file(dir.write("in.txt", "from a file"));
    BOOST_TEST(run_process({"cat"}, options).out == "from a file");
    BOOST_TEST(run_process({"cat"}).out.empty());  // /dev/null
    options.in = Stdin::closed();
    const auto closed = run_process({"cat"}, options);
    BOOST_TEST(closed.exit_code != 0);
    BOOST_TEST(!closed.err.empty());
    options.in = Stdin::file((dir.path / "missing").string());
    BOOST_CHECK_THROW(run_process({"cat"}, options), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(standard_output_can_be_a_file_closed_or_a_terminal)
{
    drslint::test::TempDir dir;
    RunOptions options;
    options.out = Stdout::file(dir / "out.txt");
    BOOST_TEST(sh("echo to a file", options).out.empty());
    BOOST_TEST(drslint::test::read_file(dir / "out.txt") == "to a file\n");
    options.out = Stdout::closed();
    BOOST_TEST(sh("echo x || exit 9", options).exit_code == 9);  // a write to a closed descriptor fails
    options.out = Stdout::terminal();
    BOOST_TEST(sh("test -t 1 && echo terminal", options).out == "terminal\r\n");
    BOOST_TEST(sh("test -t 1 && echo terminal").out.empty());
}

BOOST_AUTO_TEST_CASE(environment_and_working_directory_are_the_child_s)
{
    drslint::test::TempDir dir;
    RunOptions options;
    options.env = {{"DRSLINT_TEST_SET", "yes"}, {"HOME", std::nullopt}};
    options.cwd = dir.path.string();
    const auto r = sh("echo \"$DRSLINT_TEST_SET ${HOME-unset}\"; pwd -P", options);
    BOOST_TEST(r.out == "yes unset\n" + fs::canonical(dir.path).string() + "\n");
    options.cwd = (dir.path / "missing").string();
    BOOST_CHECK_THROW(sh("true", options), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(limits_are_set_before_exec)
{
    drslint::test::TempDir dir;
    RunOptions options;
    options.limits = {{RLIMIT_FSIZE, 1000}};
    options.out = Stdout::file(dir / "big");
    const auto big = run_process({"head", "-c", "100000", "/dev/zero"}, options);
    BOOST_TEST(big.signal == SIGXFSZ);  // at its default even if this process ignores it
    BOOST_TEST(fs::file_size(dir.path / "big") == 1000u);
    RunOptions cpu;
    cpu.limits = {{RLIMIT_CPU, 1}};
    const auto spin = sh("while :; do :; done", cpu);
    BOOST_TEST((spin.signal == SIGXCPU || spin.signal == SIGKILL), "signal " << spin.signal);
    RunOptions relative;
    relative.limits = {{RLIMIT_AS, 1 << 20, true}};
    BOOST_CHECK_THROW(run_process({"true"}, relative), std::invalid_argument);  // meaningless across exec
}

BOOST_AUTO_TEST_CASE(a_timeout_kills_the_child)
{
    RunOptions options;
    options.timeout = std::chrono::milliseconds(200);
    const auto start = std::chrono::steady_clock::now();
    const auto r = run_process({"sleep", "30"}, options);
    BOOST_TEST(r.timed_out);
    BOOST_TEST(r.signal == SIGKILL);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    BOOST_TEST(took.count() < 10000);
    BOOST_TEST(!sh("true", options).timed_out);
}

BOOST_AUTO_TEST_CASE(run_in_child_returns_the_body_s_code_its_output_and_its_crash)
{
    const auto seven = drslint::test::run_in_child({}, [] {
        std::printf("out");
        std::fprintf(stderr, "err");
        return 7;
    });
    BOOST_TEST(seven.exit_code == 7);
    BOOST_TEST(seven.out == "out");  // flushed before _exit
    BOOST_TEST(seven.err == "err");
    const auto threw = drslint::test::run_in_child({}, []() -> int { throw std::runtime_error("thrown in the child"); });
    BOOST_TEST(threw.exit_code == drslint::test::kChildThrew);
    BOOST_TEST(threw.err == "thrown in the child");
    const auto aborted = drslint::test::run_in_child({}, [] {
        ::raise(SIGABRT);
        return 0;
    });
    BOOST_TEST(aborted.signal == SIGABRT);
}

BOOST_AUTO_TEST_CASE(run_in_child_bounds_new_address_space)
{
    if (kUnderAsan) {
        BOOST_TEST_MESSAGE("SKIPPED under AddressSanitizer: an address-space limit cannot be set");
        return;
    }
    auto allocate = [](std::size_t bytes) {
        return [bytes] {
            try {
                std::vector<char> block(bytes, 'x');
                return block[bytes - 1] == 'x' ? 0 : 2;
            } catch (const std::bad_alloc&) {
                return 1;
            }
        };
    };
    const std::vector<drslint::test::Limit> budget = {{RLIMIT_AS, 64u << 20, true}};
    BOOST_TEST(drslint::test::run_in_child(budget, allocate(256u << 20)).exit_code == 1);
    BOOST_TEST(drslint::test::run_in_child(budget, allocate(16u << 20)).exit_code == 0);
}

BOOST_AUTO_TEST_CASE(a_temp_dir_is_unique_and_removed_with_its_contents)
{
    fs::path kept;
    {
        drslint::test::TempDir a, b;
        BOOST_TEST(a.path != b.path);
        BOOST_TEST(fs::is_directory(a.path));
        const std::string file = a.write("sub/dir/f.bin", std::string("x\0y", 3));
        BOOST_TEST(file == (a.path / "sub/dir/f.bin").string());
        BOOST_TEST(drslint::test::read_file(file) == std::string("x\0y", 3));
        const std::string sub = a / "sub";
        BOOST_TEST(sub == (a.path / "sub").string());
        fs::permissions(a.path / "sub" / "dir", fs::perms::none);  // what a test may leave behind
        kept = a.path;
    }
    BOOST_TEST(!fs::exists(kept));
}
