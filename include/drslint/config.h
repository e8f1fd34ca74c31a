// .drslint.json: severity per rule, suppressions, and the severity that fails a run. Applied in the
// report stage, before any formatter sees a finding. README.md documents the file format.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "drslint/finding.h"
#include "drslint/rule_info.h"

namespace drslint {

inline constexpr const char* kConfigFileName = ".drslint.json";

// A config that cannot be used. The run stops with exit code 2: linting with a guess could turn
// a failing body green.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Suppression {
    std::optional<std::string> rule;     // any rule when absent
    std::optional<std::string> pointer;  // exact; ".../**" is that pointer and everything below it
    std::optional<std::string> files;    // glob.h glob over the path relative to the config's directory
    std::optional<std::string> reason;   // free text for people; never read
};

struct Config {
    std::filesystem::path file;       // where it was read from; empty for the built-in defaults
    std::filesystem::path directory;  // absolute; `files` globs are relative to it
    std::map<std::string, std::optional<Severity>> rules;  // rule id -> severity; nullopt is "off"
    std::vector<Suppression> ignore;
    std::optional<Severity> fail_severity;
    // "unsafeFixes": true: --fix and the language server's "fix all" apply unsafe fixes too.
    bool unsafe_fixes = false;
};

// Rules whose finding means that part of the input was not checked ("unchecked": true in
// schemas/rules.json: it did not parse, was cut, too deep, had a repeated member, findings were cut
// off, the engines disagreed). A config can neither turn them off, lower them, nor ignore them, by
// rule, pointer or file: drslint never passes unchecked input.
bool is_unsilenceable(std::string_view rule);

// Reads a config. `rules` are the linter's (Linter::rules()); unknown keys, unknown rule ids, bad
// values, and a pointer that is not RFC 6901 all throw ConfigError naming `file` and the key.
Config parse_config(std::string_view json, const std::filesystem::path& file, const std::vector<RuleInfo>& rules);
// Reads and parses `file`; an unreadable file throws ConfigError too.
Config load_config(const std::filesystem::path& file, const std::vector<RuleInfo>& rules);
// The first .drslint.json in `directory` or a directory above it, up to the filesystem root; empty
// when there is none.
std::filesystem::path find_config(const std::filesystem::path& directory);

// The config of each input: one config for all (`fixed`, the CLI's --config), or else the nearest
// .drslint.json above each file (the current directory's for standard input, "-"), each file read
// once. Not thread-safe: one thread asks.
class ConfigSet {
public:
    // Loads `fixed` at once when it is not empty (throws ConfigError as load_config does).
    ConfigSet(const std::filesystem::path& fixed, const std::vector<RuleInfo>& rules);
    // Throws ConfigError for a config that cannot be used.
    std::shared_ptr<const Config> for_input(const std::string& path);

private:
    const std::vector<RuleInfo>& rules_;
    std::shared_ptr<const Config> fixed_;
    std::shared_ptr<const Config> none_ = std::make_shared<const Config>();
    std::map<std::filesystem::path, std::shared_ptr<const Config>> loaded_;
};

// The config in its file format (what parse_config reads back to an equal Config).
std::string to_json(const Config& config);

// `file` relative to `directory`, with '/' separators; both made absolute first, lexically (the
// way a user reads paths: symbolic links are not resolved).
std::string relative_path(const std::filesystem::path& file, const std::filesystem::path& directory);

// Applies rule severities and suppressions. `relative` is the file's path relative to
// config.directory; nullopt (standard input) is matched by no `files` glob. Counts the findings
// that suppressions removed (not those of rules turned off) in `suppressed`.
Report apply_config(const Config& config, const std::optional<std::string>& relative, Report report,
                    std::size_t& suppressed);

}  // namespace drslint
