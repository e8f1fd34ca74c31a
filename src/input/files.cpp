#include "drslint/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "drslint/config.h"
#include "input/glob.h"

namespace drslint {
namespace {

namespace fs = std::filesystem;

std::string read_bounded(std::istream& in, std::size_t max_bytes)
{
    std::string text;
    char buffer[65536];
    while (text.size() <= max_bytes) {
        in.read(buffer, sizeof buffer);
        if (in.gcount() <= 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (text.size() > max_bytes + 1) {
        text.resize(max_bytes + 1);
    }
    return text;
}

std::string error_text(int error) { return std::strerror(error); }

// A closed descriptor reads as end of file: that is not an empty body but none at all.
void require_open_stdin()
{
    if (::fcntl(STDIN_FILENO, F_GETFD) == -1) throw InputError("cannot read standard input: it is closed");
}

}  // namespace

std::string read_input(const std::string& path, std::size_t max_bytes)
{
    if (path == "-") {
        require_open_stdin();
        std::string text = read_bounded(std::cin, max_bytes);
        if (std::cin.bad()) {
            throw InputError("cannot read standard input");
        }
        return text;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        throw InputError("cannot read " + path + ": is a directory");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError("cannot read " + path + ": " + error_text(errno));
    }
    std::string text = read_bounded(in, max_bytes);
    if (in.bad()) {
        throw InputError("cannot read " + path);
    }
    return text;
}

bool FileFilters::keep(std::string_view relative) const
{
    auto matches = [&relative](const std::string& glob) { return input::glob_match(glob, relative); };
    const bool included = include.empty() ? matches(kDefaultInclude) : std::any_of(include.begin(), include.end(), matches);
    return included && std::none_of(exclude.begin(), exclude.end(), matches);
}

std::vector<std::string> collect_inputs(const std::vector<std::string>& args, const FileFilters& filters)
{
    std::vector<std::string> files;
    for (const auto& arg : args) {
        std::error_code ec;
        if (arg != "-" && fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            std::set<fs::path> walked{fs::canonical(arg, ec)};
            auto it = fs::recursive_directory_iterator(arg, fs::directory_options::follow_directory_symlink, ec);
            fs::path last = arg;  // the entry before a failed step: the directory it could not open
            for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                last = it->path();
                const bool dangling = it->is_symlink(ec) && !fs::exists(it->path(), ec);
                if (ec) break;
                if (dangling) continue;  // a link to nothing holds no body
                if (it->is_directory(ec)) {
                    // A directory reached twice (through a link) would be walked forever.
                    if (!walked.insert(fs::canonical(it->path(), ec)).second) it.disable_recursion_pending();
                    if (ec) break;
                    continue;
                }
                if (it->is_regular_file(ec) && it->path().filename() != kConfigFileName &&
                    filters.keep(it->path().lexically_relative(arg).generic_string())) {
                    found.push_back(it->path().string());
                }
                if (ec) break;
            }
            if (ec) {
                throw InputError("cannot read directory " + last.string() + ": " + ec.message() +
                                 "; the files below it were not checked");
            }
            if (found.empty()) {
                throw InputError(arg + (filters.include.empty() && filters.exclude.empty()
                                            ? ": directory holds no *.json files; nothing was checked"
                                            : ": no file below it matches the include and exclude globs; nothing was checked"));
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            if (arg == "-") require_open_stdin();
            files.push_back(arg);
        }
    }
    return files;
}

bool is_http_file(std::string_view path)
{
    const auto extension = fs::path(path).extension();
    return extension == ".http" || extension == ".rest";
}

void write_file_atomically(const std::string& path, std::string_view text)
{
    // A symbolic link stays a link: the file it points to is replaced.
    std::error_code ec;
    const bool link = fs::symlink_status(path, ec).type() == fs::file_type::symlink;  // false when missing
    const fs::path target = link ? fs::canonical(path, ec) : fs::path(path);
    if (link && ec) throw InputError("cannot write " + path + ": " + ec.message() + "; it was left as it was");
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // O_EXCL with mode 0666: the umask applies, as to any new file (mkstemp's 0600 would not, and
    // reading the umask means setting it, which races with other threads).
    std::string temporary;
    int fd = -1;
    static std::atomic<unsigned> counter{0};
    for (int attempt = 0; fd == -1 && attempt < 100; ++attempt) {
        temporary = (directory / ("." + target.filename().string() + ".drslint-" + std::to_string(::getpid()) + "-" +
                                  std::to_string(counter++)))
                        .string();
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd == -1 && errno != EEXIST) break;
    }
    if (fd == -1) throw InputError("cannot write " + path + ": " + error_text(errno) + "; it was left as it was");
    auto fail = [&](bool open) {
        const int error = errno;
        if (open) ::close(fd);
        ::unlink(temporary.c_str());
        throw InputError("cannot write " + path + ": " + error_text(error) + "; it was left as it was");
    };
    // An existing file keeps its permissions.
    struct stat existing {};
    if (::stat(target.c_str(), &existing) == 0 && ::fchmod(fd, existing.st_mode & 07777) != 0) fail(true);
    for (std::size_t written = 0; written < text.size();) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(true);
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) fail(true);
    if (::close(fd) != 0) fail(false);
    if (::rename(temporary.c_str(), target.c_str()) != 0) fail(false);
}

}  // namespace drslint
