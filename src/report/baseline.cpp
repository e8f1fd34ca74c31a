#include "drslint/baseline.h"

#include <set>
#include <tuple>

#include "input/glob.h"

namespace drslint {
namespace fs = std::filesystem;

Config make_baseline(const Config& in_effect, const fs::path& baseline_file, const std::vector<FileReport>& results,
                     std::size_t& left_out)
{
    Config baseline = in_effect;
    baseline.file = baseline_file;
    baseline.directory = fs::absolute(baseline_file.parent_path().empty() ? fs::path(".") : baseline_file.parent_path())
                             .lexically_normal();
    if (!in_effect.file.empty()) {
        // An entry of the old config keeps matching the same files from the new directory.
        const std::string prefix = relative_path(in_effect.directory, baseline.directory);
        for (Suppression& s : baseline.ignore) {
            if (s.files && prefix != ".") s.files = input::glob_escape(prefix) + "/" + *s.files;
        }
    }
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto& s : baseline.ignore) {
        if (s.rule && s.pointer && s.files) seen.emplace(*s.files, *s.rule, *s.pointer);
    }
    for (const FileReport& result : results) {
        if (result.is_stdin) {
            throw ConfigError("cannot write a baseline for standard input: it has no file name to match");
        }
        const std::string files = input::glob_escape(relative_path(result.file, baseline.directory));
        for (const Finding& f : result.report.findings) {
            if (is_unsilenceable(f.rule)) {
                ++left_out;
            } else if (seen.emplace(files, f.rule, f.pointer).second) {
                Suppression s;
                s.rule = f.rule;
                s.pointer = f.pointer;
                s.files = files;
                baseline.ignore.push_back(std::move(s));
            }
        }
    }
    return baseline;
}

}  // namespace drslint
