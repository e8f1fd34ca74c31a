#include "input/ignore.h"

#include <algorithm>

#include "input/glob.h"

namespace drslint::input {

IgnoreFile IgnoreFile::parse(std::string_view text)
{
    IgnoreFile out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string line(text.substr(start, end - start));
        start = end + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        // Trailing spaces are dropped unless quoted with a backslash.
        while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
            line.pop_back();
        }
        if (line.empty() || line[0] == '#') continue;
        Pattern pattern;
        if (line[0] == '!') {
            pattern.negate = true;
            line.erase(0, 1);
        } else if (line[0] == '\\' && line.size() > 1 && (line[1] == '#' || line[1] == '!')) {
            line.erase(0, 1);
        }
        if (!line.empty() && line.back() == '/') {
            pattern.directory_only = true;
            line.pop_back();
        }
        if (line.empty()) continue;
        // git: a slash at the start or in the middle anchors the pattern to the file's directory.
        const bool anchored = line.find('/') != std::string::npos;
        if (line[0] == '/') line.erase(0, 1);
        pattern.glob = anchored ? line : "**/" + line;
        out.patterns_.push_back(std::move(pattern));
    }
    return out;
}

int IgnoreFile::match(std::string_view relative, bool is_directory) const
{
    for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
        if (it->directory_only && !is_directory) continue;
        if (glob_match(it->glob, relative)) return it->negate ? 0 : 1;
    }
    return -1;
}

}  // namespace drslint::input
