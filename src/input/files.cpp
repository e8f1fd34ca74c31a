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
#include <iterator>
#include <set>

#include "drslint/config.h"
#include "input/glob.h"
#include "input/ignore.h"

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

// "drafts/" names the directory drafts, as "drafts" does.
std::string trimmed(const std::string& glob)
{
    std::string out = glob;
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

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
    if (!included) return false;
    // An excluded directory excludes what is below it: try the path and each directory above it.
    for (std::size_t end = relative.size(); end != std::string_view::npos && end != 0;
         end = relative.rfind('/', end - 1)) {
        const std::string_view prefix = relative.substr(0, end);
        if (std::any_of(exclude.begin(), exclude.end(),
                        [&prefix](const std::string& glob) { return input::glob_match(trimmed(glob), prefix); })) {
            return false;
        }
    }
    return true;
}

namespace {

// An ignore file of a directory, with the directory's path as the walk spells it ('/'-separated).
struct IgnoreFrame {
    std::string directory;
    input::IgnoreFile rules;
};

input::IgnoreFile read_ignore_file(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    // An ignore file is a few lines; one past a megabyte is no ignore file a person wrote.
    return input::IgnoreFile::parse(read_bounded(in, 1024 * 1024));
}

// The directory that holds .git at or above `directory`, or empty.
fs::path repository_root(const fs::path& directory)
{
    std::error_code ec;
    for (fs::path dir = directory; !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / ".git", ec)) return dir;
        if (dir == dir.root_path()) break;
    }
    return {};
}

// The path of `path` below `directory`, both as the walk spells them; "" when it is not below.
std::string_view below(std::string_view path, std::string_view directory)
{
    if (directory.empty()) return path;
    if (path.size() <= directory.size() || path.compare(0, directory.size(), directory) != 0) return {};
    if (directory.back() == '/') return path.substr(directory.size());
    return path[directory.size()] == '/' ? path.substr(directory.size() + 1) : std::string_view();
}

// Whether the ignore files in scope ignore `path` (absolute, lexically normal): the deepest file
// that names it decides, and within a file the last pattern, as in git.
bool ignored(const std::vector<IgnoreFrame>& frames, const std::string& path, bool is_directory)
{
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
        const std::string_view relative = below(path, it->directory);
        if (relative.empty()) continue;
        const int verdict = it->rules.match(relative, is_directory);
        if (verdict >= 0) return verdict == 1;
    }
    return false;
}

bool well_known(const std::string& name)
{
    return std::any_of(std::begin(FileFilters::kWellKnownFiles), std::end(FileFilters::kWellKnownFiles),
                       [&name](const char* known) { return name == known; });
}

struct GlobUse {
    std::vector<bool> include, exclude;
};

void note_matches(const FileFilters& filters, std::string_view relative, GlobUse& use, bool file)
{
    for (std::size_t i = 0; i < filters.exclude.size(); ++i) {
        if (!use.exclude[i] && input::glob_match(trimmed(filters.exclude[i]), relative)) use.exclude[i] = true;
    }
    if (!file) return;
    for (std::size_t i = 0; i < filters.include.size(); ++i) {
        if (!use.include[i] && input::glob_match(filters.include[i], relative)) use.include[i] = true;
    }
}

// One directory argument: its files, sorted, and what below it could not be read.
void walk_directory(const std::string& arg, const FileFilters& filters, GlobUse& use, std::vector<WalkedInput>& out)
{
    std::error_code ec;
    const fs::path root_absolute = fs::absolute(arg, ec).lexically_normal();
    std::vector<IgnoreFrame> frames;  // from the repository root down to the directory being read
    if (filters.repository_aware) {
        std::string root = root_absolute.generic_string();
        while (root.size() > 1 && root.back() == '/') root.pop_back();
        const fs::path repository = repository_root(root_absolute);
        if (!repository.empty()) {
            // .git/info/exclude ranks below every .gitignore; the .gitignore files above the
            // argument apply to it as git applies them to the repository.
            const std::string repo = repository.generic_string();
            frames.push_back({repo, read_ignore_file(repository / ".git" / "info" / "exclude")});
            std::vector<fs::path> above;
            for (fs::path dir = root_absolute.parent_path(); !dir.empty() && dir.generic_string().size() >= repo.size();
                 dir = dir.parent_path()) {
                above.push_back(dir);
                if (dir == repository || dir == dir.root_path()) break;
            }
            for (auto it = above.rbegin(); it != above.rend(); ++it) {
                if (below(root, it->generic_string()).empty()) continue;
                frames.push_back({it->generic_string(), read_ignore_file(*it / ".gitignore")});
            }
        }
    }
    struct Pending {
        fs::path path;          // as the user spells it (arg joined with the names below it)
        std::string absolute;   // lexically normal, '/'-separated: what ignore files match
        std::string relative;   // to arg: what the globs match
        std::size_t frames;     // ignore frames in scope of its parent
    };
    std::vector<WalkedInput> found;
    std::set<fs::path> walked{fs::canonical(arg, ec)};
    std::vector<Pending> stack;
    {
        std::string absolute = root_absolute.generic_string();
        while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
        stack.push_back({fs::path(arg), absolute, "", frames.size()});
    }
    // Depth first with an explicit stack: nesting depth costs no C stack.
    while (!stack.empty()) {
        Pending dir = std::move(stack.back());
        stack.pop_back();
        frames.resize(dir.frames);
        if (filters.repository_aware) {
            input::IgnoreFile own = read_ignore_file(dir.path / ".gitignore");
            if (!own.empty()) frames.push_back({dir.absolute, std::move(own)});
        }
        std::vector<fs::directory_entry> entries;
        auto it = fs::directory_iterator(dir.path, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
        if (ec) {
            found.push_back({dir.path.string(), "cannot read directory " + dir.path.string() + ": " + ec.message() +
                                                    "; the files below it were not checked"});
            ec.clear();
            continue;
        }
        for (const auto& entry : entries) {
            const std::string name = entry.path().filename().string();
            const std::string relative = dir.relative.empty() ? name : dir.relative + "/" + name;
            const std::string absolute = dir.absolute + (dir.absolute == "/" ? "" : "/") + name;
            const bool dangling = entry.is_symlink(ec) && !fs::exists(entry.path(), ec);
            if (dangling || ec) {  // a link to nothing holds no body
                ec.clear();
                continue;
            }
            const bool is_directory = entry.is_directory(ec);
            if (ec) {
                found.push_back({entry.path().string(), "cannot read " + entry.path().string() + ": " + ec.message() +
                                                            "; it was not checked"});
                ec.clear();
                continue;
            }
            if (filters.repository_aware) {
                if (!name.empty() && name[0] == '.') continue;
                if (is_directory && name == "node_modules") continue;
                if (!is_directory && well_known(name)) continue;
                if (ignored(frames, absolute, is_directory)) continue;
            }
            if (is_directory) {
                note_matches(filters, relative, use, false);
                const bool excluded = std::any_of(filters.exclude.begin(), filters.exclude.end(), [&](const std::string& g) {
                    return input::glob_match(trimmed(g), relative);
                });
                if (excluded) continue;
                // A directory reached twice (through a link) would be walked forever.
                if (!walked.insert(fs::canonical(entry.path(), ec)).second || ec) {
                    ec.clear();
                    continue;
                }
                stack.push_back({entry.path(), absolute, relative, frames.size()});
                continue;
            }
            if (!entry.is_regular_file(ec) || ec || name == kConfigFileName) {
                ec.clear();
                continue;
            }
            note_matches(filters, relative, use, true);
            if (filters.keep(relative)) found.push_back({entry.path().string(), ""});
        }
    }
    const bool any_file = std::any_of(found.begin(), found.end(), [](const WalkedInput& w) { return w.error.empty(); });
    if (!any_file) {
        const bool filtered = !filters.include.empty() || !filters.exclude.empty();
        found.push_back({arg, arg + (filtered ? ": no file below it matches the include and exclude globs; nothing was checked"
                                              : ": directory holds no *.json files; nothing was checked")});
    }
    std::sort(found.begin(), found.end(), [](const WalkedInput& a, const WalkedInput& b) { return a.path < b.path; });
    out.insert(out.end(), found.begin(), found.end());
}

}  // namespace

Walk walk_inputs(const std::vector<std::string>& args, const FileFilters& filters)
{
    Walk walk;
    GlobUse use{std::vector<bool>(filters.include.size()), std::vector<bool>(filters.exclude.size())};
    for (const auto& arg : args) {
        std::error_code ec;
        if (arg != "-" && fs::is_directory(arg, ec)) {
            walk.walked_directory = true;
            walk_directory(arg, filters, use, walk.inputs);
        } else if (arg == "-" && ::fcntl(STDIN_FILENO, F_GETFD) == -1) {
            walk.inputs.push_back({arg, "cannot read standard input: it is closed"});
        } else {
            walk.inputs.push_back({arg, ""});
        }
    }
    if (walk.walked_directory) {
        for (std::size_t i = 0; i < filters.include.size(); ++i) {
            if (!use.include[i]) walk.unmatched_include.push_back(filters.include[i]);
        }
        for (std::size_t i = 0; i < filters.exclude.size(); ++i) {
            if (!use.exclude[i]) walk.unmatched_exclude.push_back(filters.exclude[i]);
        }
    }
    return walk;
}

std::vector<std::string> collect_inputs(const std::vector<std::string>& args, const FileFilters& filters)
{
    std::vector<std::string> files;
    for (auto& input : walk_inputs(args, filters).inputs) {
        if (!input.error.empty()) throw InputError(input.error);
        files.push_back(std::move(input.path));
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
