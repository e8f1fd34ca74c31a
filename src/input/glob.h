// Path globs for --include/--exclude and the config's `files`: one syntax for both.
#pragma once

#include <string>
#include <string_view>

namespace drslint::input {

// Matches a '/'-separated relative path against a glob, the whole path (`**/` matches at any
// depth). Within one segment: `*`, `?`, `[...]` and `\` quoting, as fnmatch(3) reads them; `*`
// never crosses a '/'. A segment that is exactly `**` matches zero or more segments.
bool glob_match(std::string_view pattern, std::string_view path);

// A glob that matches `path` and nothing else (metacharacters quoted).
std::string glob_escape(std::string_view path);

}  // namespace drslint::input
