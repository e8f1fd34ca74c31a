// .gitignore files, as git reads them, for repository-aware directory walks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drslint::input {

// The patterns of one ignore file (.gitignore, .git/info/exclude), relative to its directory.
class IgnoreFile {
public:
    // Reads gitignore(5) text: blank lines and `#` comments skipped, `!` negates, a trailing `/`
    // matches directories only, a pattern with a `/` elsewhere is anchored to the file's directory,
    // one without matches a name at any depth below it, `**` spans directories, `\` quotes.
    static IgnoreFile parse(std::string_view text);

    // Whether `relative` ('/'-separated, relative to the file's directory) is ignored (1), re-included
    // by a `!` pattern (0), or not named at all (-1). The last matching pattern decides, as in git.
    int match(std::string_view relative, bool is_directory) const;

    bool empty() const { return patterns_.empty(); }

private:
    struct Pattern {
        std::string glob;
        bool negate = false;
        bool directory_only = false;
    };
    std::vector<Pattern> patterns_;
};

}  // namespace drslint::input
