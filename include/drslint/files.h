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
// over the path relative to the directory.
struct FileFilters {
    std::vector<std::string> include;  // empty: kDefaultInclude
    std::vector<std::string> exclude;

    static constexpr const char* kDefaultInclude = "**/*.json";
    bool keep(std::string_view relative) const;
};

// Expands directories into the files below them that `filters` keep, sorted, so output order is
// deterministic; other arguments (a file, "-") are kept as they are, in order. Config files
// (.drslint.json) are never linted as bodies. Nothing below a directory is skipped unseen: an
// unreadable directory, or one in which no file is kept, throws InputError; a symbolic link to a
// directory is followed, once (a link back up the tree is not walked again), and a link to
// nothing is no file. Standard input that is closed throws InputError too.
std::vector<std::string> collect_inputs(const std::vector<std::string>& args, const FileFilters& filters);

// Whether `path` is an .http (or .rest) file of requests rather than a body.
bool is_http_file(std::string_view path);

// Replaces (or creates) the file at `path` with `text` so that it is never lost: the text goes to
// a temporary file in the same directory, is flushed to disk, and is then renamed over `path`,
// keeping an existing file's permissions. On any failure the file at `path` is as it was, the
// temporary file is removed, and InputError says why.
void write_file_atomically(const std::string& path, std::string_view text);

}  // namespace drslint
