// Files as drslint reads and writes them: bounded reads (a path or standard input), the walk of
// directories into the files to lint, and writes that never lose a file.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace drslint {

// An input that cannot be read or walked, or a file that cannot be written: what it names was
// not checked (or not written), so a caller must never report success (the CLI exits 2).
struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads `path` ("-" is standard input), but at most max_bytes + 1 bytes: enough for a Linter to
// report an oversized input as input-too-large without holding an arbitrarily large file.
// Throws InputError when it cannot be read (a directory, a missing file, a closed descriptor).
std::string read_input(const std::string& path, std::size_t max_bytes);

// Which files below a directory are linted: globs (input/glob syntax: `**` spans directories)
// over the path relative to the directory, and, like ripgrep, what a repository says is no source.
struct FileFilters {
    std::vector<std::string> include;  // empty: kDefaultInclude
    // An exclude glob that matches a directory excludes everything below it: "drafts" is
    // "drafts" and "drafts/**" alike.
    std::vector<std::string> exclude;
    // Repository-aware walking: skip what .gitignore files (in the walked directory, below it, and
    // above it up to the repository root, the directory holding .git) and .git/info/exclude
    // ignore, hidden files and directories (a name starting with '.'), node_modules, and the
    // well-known JSON files that are never a request body (kWellKnownFiles). false: the globs alone
    // decide. A directory or file named as an argument is never skipped by these.
    bool repository_aware = true;

    static constexpr const char* kDefaultInclude = "**/*.json";
    static constexpr const char* kWellKnownFiles[] = {"package.json", "package-lock.json", "tsconfig.json",
                                                      "jsconfig.json", "composer.json"};
    // The globs alone: included, and neither the path nor a directory above it excluded.
    bool keep(std::string_view relative) const;
};

// One input of a walk: a file to lint, or what could not be walked (`error` says why, with the
// path; nothing below it was checked).
struct WalkedInput {
    std::string path;
    std::string error;
};

struct Walk {
    std::vector<WalkedInput> inputs;  // per argument in order; below a directory, sorted by path
    bool walked_directory = false;    // the globs applied somewhere
    // Globs that matched nothing in any walked directory: most likely a typo, or a pattern written
    // for another syntax.
    std::vector<std::string> unmatched_include;
    std::vector<std::string> unmatched_exclude;
};

// Expands directories into the files below them that `filters` keep, sorted, so output order is
// deterministic; other arguments (a file, "-") are kept as they are, in order. Config files
// (.drslint.json) are never linted as bodies. Nothing below a directory is skipped unseen: an
// unreadable directory (below the argument too), or an argument in which no file is kept, is an
// input with an error, and the rest is still walked; a symbolic link to a directory is followed,
// once (a link back up the tree is not walked again), and a link to nothing is no file. Standard
// input that is closed is an input with an error too.
Walk walk_inputs(const std::vector<std::string>& args, const FileFilters& filters);

// walk_inputs(), but the first input that could not be walked throws InputError.
std::vector<std::string> collect_inputs(const std::vector<std::string>& args, const FileFilters& filters);

// Whether `path` is an .http (or .rest) file of requests rather than a body.
bool is_http_file(std::string_view path);

// Replaces (or creates) the file at `path` with `text` so that it is never lost: the text goes to
// a temporary file in the same directory, is flushed to disk, and is then renamed over `path`,
// keeping an existing file's permissions. On any failure the file at `path` is as it was, the
// temporary file is removed, and InputError says why.
void write_file_atomically(const std::string& path, std::string_view text);

}  // namespace drslint
