#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace drslint::test {

namespace {

// A descriptor closed when it goes out of scope.
struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    void reset()
    {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
};

[[noreturn]] void fail(const std::string& what, int error = errno)
{
    throw std::runtime_error(what + ": " + std::strerror(error));
}

// A close-on-exec descriptor numbered 3 or more: when this process runs with 0, 1 or 2 closed, a
// new descriptor could take one of those numbers, and the child's dup2 onto 0, 1 and 2 would then
// overwrite one descriptor with another before moving it.
int above_stdio(int fd)
{
    if (fd < 0 || fd > STDERR_FILENO) return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    const int error = errno;
    ::close(fd);
    errno = error;
    return moved;
}

void pipe_cloexec(Fd& read_end, Fd& write_end)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
    read_end.fd = above_stdio(fds[0]);
    write_end.fd = above_stdio(fds[1]);
    if (read_end.fd < 0 || write_end.fd < 0) fail("pipe2");
}

// What a child reports through its status pipe when setting up failed; nothing means it exec'd
// (the pipe is close-on-exec) or, for run_in_child, started its body.
struct SetupError {
    int stage;
    int error;
};

const char* const kStages[] = {"dup2 standard input", "dup2 standard output", "dup2 standard error", "chdir",
                               "setrlimit",           "read /proc/self/statm", "execve"};
enum Stage { kDupIn, kDupOut, kDupErr, kChdir, kRlimit, kStatm, kExec };

// ---- in the child: after fork, before exec or body, only async-signal-safe calls, no allocation
// (the parent may have threads, whose locks the child inherits held) ----

[[noreturn]] void child_fail(int status_fd, Stage stage)
{
    const SetupError e{stage, errno};
    [[maybe_unused]] const ssize_t n = ::write(status_fd, &e, sizeof e);
    ::_exit(127);
}

// dup2 that also works when `from` already is `to` (dup2 is then a no-op that leaves close-on-exec set).
bool move_to(int from, int to)
{
    if (from == to) return ::fcntl(to, F_SETFD, 0) == 0;
    return ::dup2(from, to) == to;
}

// The address space mapped now: the first field of /proc/self/statm, in pages.
bool mapped_bytes(std::size_t page_size, rlim_t& bytes)
{
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    char buffer[128];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0) return false;
    rlim_t pages = 0;
    for (ssize_t i = 0; i < n && buffer[i] >= '0' && buffer[i] <= '9'; ++i) pages = pages * 10 + (buffer[i] - '0');
    bytes = pages * page_size;
    return true;
}

void set_limits(int status_fd, const std::vector<Limit>& limits, std::size_t page_size)
{
    for (const auto& l : limits) {
        rlimit current{};
        if (::getrlimit(l.resource, &current) != 0) child_fail(status_fd, kRlimit);
        rlim_t value = l.value;
        if (l.above_mapped) {
            rlim_t mapped = 0;
            if (!mapped_bytes(page_size, mapped)) child_fail(status_fd, kStatm);
            value += mapped;
        }
        const rlimit wanted{value, current.rlim_max};
        if (::setrlimit(l.resource, &wanted) != 0) child_fail(status_fd, kRlimit);
    }
}

// A test process's signal state is not a user's: Boost.Test installs handlers and the runner may
// ignore SIGPIPE (which exec would keep). The child starts as from a shell: nothing blocked,
// SIGPIPE and the crash signals at their defaults (so that a crash in run_in_child's body is a
// signal, not a Boost.Test error inside the child).
void reset_signals()
{
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    for (const int s : {SIGPIPE, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGSYS, SIGXCPU, SIGXFSZ}) ::signal(s, SIG_DFL);
}

// ---- in the parent ----

std::string resolve(const std::string& program)
{
    if (program.find('/') != std::string::npos) return program;
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
    std::size_t begin = 0;
    while (begin <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', begin), dirs.size());
        const std::string dir = end > begin ? dirs.substr(begin, end - begin) : ".";
        const std::string candidate = dir + "/" + program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        begin = end + 1;
    }
    throw std::runtime_error("cannot run " + program + ": not found in PATH");
}

std::vector<std::string> environment(const RunOptions& options)
{
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        bool overridden = false;
        for (const auto& [name, value] : options.env) overridden = overridden || entry.rfind(name + "=", 0) == 0;
        if (!overridden) env.push_back(entry);
    }
    for (const auto& [name, value] : options.env) {
        if (value) env.push_back(name + "=" + *value);
    }
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings)
{
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Reads until the child, having exec'd or started its body, closes the status pipe; throws what it
// reported instead.
void check_setup(int status_fd, pid_t pid, const std::string& program)
{
    SetupError e{};
    ssize_t n;
    do {
        n = ::read(status_fd, &e, sizeof e);
    } while (n < 0 && errno == EINTR);
    if (n == 0) return;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (n != static_cast<ssize_t>(sizeof e)) throw std::runtime_error("cannot run " + program + ": setup failed");
    fail("cannot run " + program + ": " + kStages[e.stage], e.error);
}

// Reads standard output and error as they come (both at once: a child blocked writing one while
// this process waits on the other would never finish), then reaps the child.
Result collect(pid_t pid, Fd& out, Fd& err, const std::optional<std::chrono::milliseconds>& timeout)
{
    Result r;
    const auto deadline = std::chrono::steady_clock::now() + timeout.value_or(std::chrono::milliseconds(0));
    bool killed = false;
    char buffer[65536];
    while (out.fd >= 0 || err.fd >= 0) {
        int wait_ms = -1;
        if (timeout && !killed) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                ::kill(pid, SIGKILL);
                killed = r.timed_out = true;
            } else {
                wait_ms = static_cast<int>(left.count()) + 1;
            }
        }
        pollfd fds[2];
        nfds_t count = 0;
        Fd* owners[2];
        std::string* sinks[2];
        if (out.fd >= 0) fds[count] = {out.fd, POLLIN, 0}, owners[count] = &out, sinks[count++] = &r.out;
        if (err.fd >= 0) fds[count] = {err.fd, POLLIN, 0}, owners[count] = &err, sinks[count++] = &r.err;
        const int ready = ::poll(fds, count, wait_ms);
        if (ready < 0 && errno != EINTR) fail("poll");
        if (ready <= 0) continue;
        for (nfds_t i = 0; i < count; ++i) {
            if (fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                owners[i]->reset();  // end of file; EIO from a terminal's master once the child closed it
            }
        }
    }
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) fail("wait4");
    }
    r.peak_rss_kib = usage.ru_maxrss;
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    return r;
}

}  // namespace

Result run_process(const std::vector<std::string>& argv, const RunOptions& options)
{
    if (argv.empty()) throw std::invalid_argument("run_process: no program");
    for (const auto& l : options.limits) {
        if (l.above_mapped) throw std::invalid_argument("run_process: above_mapped means nothing across exec");
    }
    if (options.stderr_to_stdout && options.out.kind == Stdout::Kind::closed) {
        throw std::invalid_argument("run_process: standard error to a closed standard output");
    }
    const std::string program = resolve(argv.front());
    std::vector<std::string> arg_strings = argv;
    std::vector<std::string> env_strings = environment(options);
    std::vector<char*> args = pointers(arg_strings);
    std::vector<char*> env = pointers(env_strings);

    // Everything the child needs is opened here, where an error can be thrown.
    Fd in;
    if (options.in.kind == Stdin::Kind::file) {
        in.fd = above_stdio(::open(options.in.data.c_str(), O_RDONLY | O_CLOEXEC));
        if (in.fd < 0) fail("open " + options.in.data);
    } else if (options.in.kind == Stdin::Kind::null) {
        in.fd = above_stdio(::open("/dev/null", O_RDONLY | O_CLOEXEC));
        if (in.fd < 0) fail("open /dev/null");
    } else if (options.in.kind == Stdin::Kind::bytes) {
        in.fd = above_stdio(::memfd_create("drslint-test-stdin", MFD_CLOEXEC));
        if (in.fd < 0) fail("memfd_create");
        for (std::size_t done = 0; done < options.in.data.size();) {
            const ssize_t n = ::write(in.fd, options.in.data.data() + done, options.in.data.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) fail("write standard input");
            done += static_cast<std::size_t>(n);
        }
        if (::lseek(in.fd, 0, SEEK_SET) != 0) fail("lseek standard input");
    }
    Fd out_read, out_write;  // the child's standard output is out_write; out_read is ours
    if (options.out.kind == Stdout::Kind::capture) {
        pipe_cloexec(out_read, out_write);
    } else if (options.out.kind == Stdout::Kind::file) {
        out_write.fd = above_stdio(::open(options.out.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
        if (out_write.fd < 0) fail("open " + options.out.path);
    } else if (options.out.kind == Stdout::Kind::terminal) {
        int master = -1, slave = -1;
        if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) fail("openpty");
        ::fcntl(master, F_SETFD, FD_CLOEXEC);
        ::fcntl(slave, F_SETFD, FD_CLOEXEC);
        out_read.fd = above_stdio(master);
        out_write.fd = above_stdio(slave);
        if (out_read.fd < 0 || out_write.fd < 0) fail("openpty");
    }
    Fd err_read, err_write;
    if (!options.stderr_to_stdout) pipe_cloexec(err_read, err_write);
    Fd status_read, status_write;
    pipe_cloexec(status_read, status_write);
    const std::size_t page_size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));

    std::fflush(nullptr);  // else the child's copy of unwritten stdio buffers could be written twice
    const pid_t pid = ::fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        const int s = status_write.fd;
        reset_signals();
        // No descriptor: Stdin::closed(), Stdout::closed().
        if (in.fd >= 0 && !move_to(in.fd, STDIN_FILENO)) child_fail(s, kDupIn);
        if (in.fd < 0) ::close(STDIN_FILENO);
        if (out_write.fd >= 0 && !move_to(out_write.fd, STDOUT_FILENO)) child_fail(s, kDupOut);
        if (out_write.fd < 0) ::close(STDOUT_FILENO);
        if (!move_to(options.stderr_to_stdout ? STDOUT_FILENO : err_write.fd, STDERR_FILENO)) child_fail(s, kDupErr);
        if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) child_fail(s, kChdir);
        set_limits(s, options.limits, page_size);
        ::execve(program.c_str(), args.data(), env.data());
        child_fail(s, kExec);
    }
    // Only the child holds the write ends now, so that the reads below end when it does.
    status_write.reset();
    out_write.reset();
    err_write.reset();
    in.reset();
    check_setup(status_read.fd, pid, program);
    return collect(pid, out_read, err_read, options.timeout);
}

Result run_in_child(const std::vector<Limit>& limits, const std::function<int()>& body)
{
    Fd out_read, out_write, err_read, err_write, status_read, status_write;
    pipe_cloexec(out_read, out_write);
    pipe_cloexec(err_read, err_write);
    pipe_cloexec(status_read, status_write);
    const std::size_t page_size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) fail("fork");
    if (pid == 0) {
        const int s = status_write.fd;
        reset_signals();
        if (!move_to(out_write.fd, STDOUT_FILENO)) child_fail(s, kDupOut);
        if (!move_to(err_write.fd, STDERR_FILENO)) child_fail(s, kDupErr);
        set_limits(s, limits, page_size);
        ::close(s);  // set up: the parent stops waiting for a report
        int code = kChildThrew;
        try {
            code = body();
        } catch (const std::exception& e) {
            const char* what = e.what();
            [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, what, std::strlen(what));
        } catch (...) {
        }
        std::fflush(nullptr);
        ::_exit(code);
    }
    status_write.reset();
    out_write.reset();
    err_write.reset();
    check_setup(status_read.fd, pid, "run_in_child");
    return collect(pid, out_read, err_read, std::nullopt);
}

}  // namespace drslint::test
