#include "input/glob.h"

#include <fnmatch.h>

#include <vector>

namespace drslint::input {
namespace {

std::vector<std::string> segments(std::string_view path)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        out.emplace_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) return out;
        start = slash + 1;
    }
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path)
{
    const std::vector<std::string> p = segments(pattern);
    const std::vector<std::string> s = segments(path);
    // matches[i][j]: p[i..] matches s[j..]. Filled from the back, so `**` costs no backtracking.
    std::vector<std::vector<char>> matches(p.size() + 1, std::vector<char>(s.size() + 1, 0));
    matches[p.size()][s.size()] = 1;
    for (std::size_t i = p.size(); i-- > 0;) {
        for (std::size_t j = s.size() + 1; j-- > 0;) {
            if (p[i] == "**") {
                matches[i][j] = matches[i + 1][j] || (j < s.size() && matches[i][j + 1]);
            } else {
                matches[i][j] = j < s.size() && matches[i + 1][j + 1] && ::fnmatch(p[i].c_str(), s[j].c_str(), 0) == 0;
            }
        }
    }
    return matches[0][0] != 0;
}

std::string glob_escape(std::string_view path)
{
    std::string out;
    for (const char c : path) {
        if (c == '*' || c == '?' || c == '[' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

}  // namespace drslint::input
