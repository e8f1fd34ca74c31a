// The one way tests run a process: argv without a shell, standard input from bytes, a file or
// nothing, standard output and error captured (or sent to a file, closed, or a pseudo-terminal),
// resource limits, environment and working directory set in the child before exec. And the one
// way they run library code in a child under limits (run_in_child), where running out is the test.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drslint::test {

// setrlimit(resource, {value, the hard limit it had}) in the child. above_mapped (RLIMIT_AS only):
// value is added to the address space the child has mapped when it starts, so that it bounds what
// the code under test allocates, not what the test process already holds.
struct Limit {
    int resource;
    rlim_t value;
    bool above_mapped = false;
};

// Standard input: /dev/null unless said otherwise.
struct Stdin {
    enum class Kind { null, closed, bytes, file } kind = Kind::null;
    std::string data;  // the bytes, or the file's path

    static Stdin closed() { return {Kind::closed, {}}; }
    // From an unlinked in-memory file: a regular file, as `< file` gives, so there is no pipe to
    // fill and nothing to deadlock on when the child reads only part of it.
    static Stdin bytes(std::string bytes) { return {Kind::bytes, std::move(bytes)}; }
    static Stdin file(std::string path) { return {Kind::file, std::move(path)}; }
};

// Standard output: captured through a pipe unless said otherwise.
struct Stdout {
    enum class Kind { capture, closed, file, terminal } kind = Kind::capture;
    std::string path;

    static Stdout closed() { return {Kind::closed, {}}; }
    static Stdout file(std::string path) { return {Kind::file, std::move(path)}; }  // "/dev/full", "/dev/null"
    // A pseudo-terminal (isatty(1) is true in the child), read from its master: "\n" arrives as "\r\n".
    static Stdout terminal() { return {Kind::terminal, {}}; }
};

struct RunOptions {
    Stdin in;
    Stdout out;
    bool stderr_to_stdout = false;  // 2>&1: one stream in the order written, all in Result::out
    std::vector<Limit> limits;
    // Set (a value) or unset (nullopt) on top of this process's environment.
    std::vector<std::pair<std::string, std::optional<std::string>>> env;
    std::string cwd;  // "" for this process's
    // Killed with SIGKILL when it runs longer; nullopt waits for ever.
    std::optional<std::chrono::milliseconds> timeout;
};

struct Result {
    int exit_code = -1;  // -1: killed by a signal
    int signal = 0;
    bool timed_out = false;
    std::string out;
    std::string err;
    long peak_rss_kib = 0;  // ru_maxrss from wait4; on Linux it counts the forked copy before exec too
};

// Runs argv[0] (a path, or a name looked up in PATH) with argv. Throws std::runtime_error when it
// cannot be started: a missing program, a file that cannot be opened, a limit that cannot be set.
Result run_process(const std::vector<std::string>& argv, const RunOptions& options = {});

// What a child's exit code is when run_in_child's body throws: its message is on standard error.
// The caller's body catches what it means to report (std::bad_alloc and so on) itself.
constexpr int kChildThrew = 70;

// Forks and runs `body` in the child under `limits`, without exec; its return value is the exit
// code. The child leaves with _exit: no destructors or atexit handlers of this process (the
// parent's Boost.Test state) run there. Standard output and error are captured.
Result run_in_child(const std::vector<Limit>& limits, const std::function<int()>& body);

}  // namespace drslint::test
