#include "drslint/config.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "core/pointer.h"
#include "core/rule_table.h"
#include "core/secrets.h"
#include "core/suggest.h"
#include "core/text.h"
#include "input/glob.h"
#include "parse/json_parser.h"
#include "parse/position_index.h"

namespace drslint {
namespace fs = std::filesystem;
namespace {

// A config is a few kilobytes (a baseline of a large repository perhaps a few megabytes); this
// bound only keeps a wrong --config argument (a disk image) from being read into memory.
constexpr std::size_t kMaxConfigBytes = 16u * 1024u * 1024u;
constexpr std::size_t kMaxConfigDepth = 8;
constexpr std::string_view kPrefixSuffix = "/**";
// How much of a key or value an error message quotes.
constexpr std::size_t kShown = 200;

class Reader {
public:
    Reader(const fs::path& file, const std::vector<RuleInfo>& rules) : file_(file), rules_(rules) {}

    [[noreturn]] void fail(const std::string& where, const std::string& problem) const
    {
        const std::string name = file_.empty() ? std::string("config") : file_.string();
        // `where` and `problem` may quote the file's own keys and values (a body passed as a config
        // by mistake): shown printable, never acted on by a terminal.
        throw ConfigError(core::printable(name, kShown) + ": " + (where.empty() ? "" : core::printable(where, kShown) + ": ") +
                          core::printable(problem, kShown));
    }

    static std::string text(const rapidjson::Value& v) { return {v.GetString(), v.GetStringLength()}; }

    std::string string(const rapidjson::Value& v, const std::string& where) const
    {
        if (!v.IsString()) fail(where, "expected a string");
        return text(v);
    }

    Severity severity(const rapidjson::Value& v, const std::string& where) const
    {
        Severity s{};
        if (!v.IsString() || !parse_severity(text(v), s)) fail(where, "expected \"error\", \"warning\" or \"info\"");
        return s;
    }

    void known_keys(const rapidjson::Value& object, std::initializer_list<std::string_view> keys,
                    const std::string& where) const
    {
        for (const auto& member : object.GetObject()) {
            const std::string key = text(member.name);
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                std::string allowed;
                for (auto k : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
                fail(where.empty() ? key : where + "." + key, "unknown key (expected one of: " + allowed + ")");
            }
        }
    }

    const RuleInfo& rule(const std::string& id, const std::string& where) const
    {
        for (const auto& r : rules_) {
            if (r.id == id) return r;
        }
        std::vector<std::string_view> ids;
        for (const auto& r : rules_) ids.emplace_back(r.id);
        const std::string guess = core::closest_match(id, ids);
        fail(where, "no rule named '" + id + "'" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                        "; `drslint rules` lists them");
    }

    void pointer(const std::string& p, const std::string& where) const
    {
        const bool prefix = p.size() >= kPrefixSuffix.size() &&
                            p.compare(p.size() - kPrefixSuffix.size(), kPrefixSuffix.size(), kPrefixSuffix) == 0;
        const std::string_view exact = prefix ? std::string_view(p).substr(0, p.size() - kPrefixSuffix.size()) : p;
        std::vector<std::string> tokens;
        if ((!exact.empty() && exact.front() != '/') || !core::split_pointer(exact, tokens)) {
            fail(where, "'" + p + "' is not a JSON Pointer (RFC 6901: \"\" or \"/job/params/...\", '~' escaped as ~0, '/' as ~1)");
        }
    }

    Config read(std::string_view json) const
    {
        parse::ParseResult parsed = parse::parse_json(json, {kMaxConfigDepth});
        if (!parsed.ok) {
            const Position at = parse::LineMap(json).position(parsed.error.offset);
            fail("", "not valid JSON at line " + std::to_string(at.line) + ", column " + std::to_string(at.column) +
                         ": " + parsed.error.reason);
        }
        if (!parsed.duplicates.empty()) {
            // Cut at a secret: the names below one are as secret as its value.
            fail(core::redact_pointer(parsed.duplicates.front().pointer), "the key appears more than once");
        }
        const rapidjson::Value& root = parsed.document;
        if (!root.IsObject()) fail("", "expected an object with \"rules\", \"ignore\", \"failSeverity\" and \"unsafeFixes\"");
        // "$schema": editors use it to find schemas/drslint-config.schema.json; drslint reads nothing from it.
        known_keys(root, {"$schema", "rules", "ignore", "failSeverity", "unsafeFixes"}, "");

        Config config;
        config.file = file_;
        if (auto it = root.FindMember("rules"); it != root.MemberEnd()) {
            if (!it->value.IsObject()) fail("rules", "expected an object of rule id: \"off\" | \"error\" | \"warning\" | \"info\"");
            for (const auto& member : it->value.GetObject()) {
                const std::string id = text(member.name);
                const std::string where = "rules." + id;
                const RuleInfo& info = rule(id, where);
                std::optional<Severity> level;
                if (!(member.value.IsString() && text(member.value) == "off")) {
                    Severity s{};
                    if (!member.value.IsString() || !parse_severity(text(member.value), s)) {
                        fail(where, "expected \"off\", \"error\", \"warning\" or \"info\"");
                    }
                    level = s;
                }
                if (is_unsilenceable(info.id) && level != Severity::error) {
                    fail(where, "'" + info.id + "' means part of the input was not checked; it cannot be turned off or lowered");
                }
                config.rules[info.id] = level;
            }
        }
        if (auto it = root.FindMember("ignore"); it != root.MemberEnd()) {
            if (!it->value.IsArray()) fail("ignore", "expected an array of {\"rule\", \"pointer\", \"files\"} objects");
            std::size_t index = 0;
            for (const auto& entry : it->value.GetArray()) {
                config.ignore.push_back(suppression(entry, "ignore[" + std::to_string(index++) + "]"));
            }
        }
        if (auto it = root.FindMember("failSeverity"); it != root.MemberEnd()) {
            config.fail_severity = severity(it->value, "failSeverity");
        }
        if (auto it = root.FindMember("unsafeFixes"); it != root.MemberEnd()) {
            if (!it->value.IsBool()) fail("unsafeFixes", "expected true or false");
            config.unsafe_fixes = it->value.GetBool();
        }
        return config;
    }

    Suppression suppression(const rapidjson::Value& entry, const std::string& where) const
    {
        if (!entry.IsObject()) fail(where, "expected an object with \"rule\", \"pointer\" and/or \"files\"");
        known_keys(entry, {"rule", "pointer", "files", "reason"}, where);
        Suppression s;
        if (auto it = entry.FindMember("rule"); it != entry.MemberEnd()) {
            const RuleInfo& info = rule(string(it->value, where + ".rule"), where + ".rule");
            if (is_unsilenceable(info.id)) {
                fail(where + ".rule", "'" + info.id + "' means part of the input was not checked; it cannot be ignored");
            }
            s.rule = info.id;
        }
        if (auto it = entry.FindMember("pointer"); it != entry.MemberEnd()) {
            pointer(string(it->value, where + ".pointer"), where + ".pointer");
            s.pointer = text(it->value);
        }
        if (auto it = entry.FindMember("files"); it != entry.MemberEnd()) {
            if (string(it->value, where + ".files").empty()) fail(where + ".files", "an empty glob matches no file");
            s.files = text(it->value);
        }
        if (auto it = entry.FindMember("reason"); it != entry.MemberEnd()) {
            s.reason = string(it->value, where + ".reason");
        }
        if (!s.rule && !s.pointer && !s.files) {
            fail(where, "an entry needs \"rule\", \"pointer\" or \"files\"; an empty one would ignore everything");
        }
        return s;
    }

private:
    const fs::path& file_;
    const std::vector<RuleInfo>& rules_;
};

bool pointer_matches(const std::string& pattern, const std::string& pointer)
{
    if (pattern.size() >= kPrefixSuffix.size() &&
        pattern.compare(pattern.size() - kPrefixSuffix.size(), kPrefixSuffix.size(), kPrefixSuffix) == 0) {
        const std::string_view prefix = std::string_view(pattern).substr(0, pattern.size() - kPrefixSuffix.size());
        return std::string_view(pointer).substr(0, prefix.size()) == prefix &&
               (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
    }
    return pattern == pointer;
}

bool matches(const Suppression& s, const Finding& f, const std::optional<std::string>& relative)
{
    return (!s.rule || *s.rule == f.rule) && (!s.pointer || pointer_matches(*s.pointer, f.pointer)) &&
           (!s.files || (relative && input::glob_match(*s.files, *relative)));
}

fs::path absolute_normal(const fs::path& p)
{
    fs::path out = fs::absolute(p).lexically_normal();
    if (out.has_relative_path() && out.filename().empty()) out = out.parent_path();  // "dir/" -> "dir"
    return out;
}

}  // namespace

bool is_unsilenceable(std::string_view rule)
{
    // An id the catalogue does not know cannot be vouched for either: keep its finding.
    const core::RuleEntry* entry = core::find_entry(rule);
    return entry == nullptr || entry->unchecked;
}

Config parse_config(std::string_view json, const fs::path& file, const std::vector<RuleInfo>& rules)
{
    Config config = Reader(file, rules).read(json);
    config.directory = absolute_normal(file.parent_path().empty() ? fs::path(".") : file.parent_path());
    return config;
}

Config load_config(const fs::path& file, const std::vector<RuleInfo>& rules)
{
    std::error_code ec;
    if (fs::is_directory(file, ec)) {
        throw ConfigError(file.string() + ": cannot read config: is a directory");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw ConfigError(file.string() + ": cannot read config: " + std::strerror(errno));
    }
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxConfigBytes) {
            throw ConfigError(file.string() + ": config is larger than " + std::to_string(kMaxConfigBytes) + " bytes");
        }
    }
    if (in.bad()) {
        throw ConfigError(file.string() + ": cannot read config");
    }
    return parse_config(text, file, rules);
}

fs::path find_config(const fs::path& directory)
{
    for (fs::path dir = absolute_normal(directory);; dir = dir.parent_path()) {
        const fs::path candidate = dir / kConfigFileName;
        std::error_code ec;
        const fs::file_status status = fs::status(candidate, ec);
        if (fs::exists(status)) {
            return candidate;
        }
        if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
            // Not knowing whether a config exists is not the same as there being none.
            throw ConfigError(candidate.string() + ": cannot look for config: " + ec.message());
        }
        if (dir == dir.parent_path()) {
            return {};
        }
    }
}

std::string to_json(const Config& config)
{
    parse::StringBuffer buffer;  // throws std::bad_alloc rather than write through null
    rapidjson::PrettyWriter<parse::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>, parse::ThrowingAllocator> w(buffer);
    w.SetIndent(' ', 2);
    auto string = [&w](const std::string& s) { w.String(s.data(), static_cast<rapidjson::SizeType>(s.size())); };
    w.StartObject();
    if (!config.rules.empty()) {
        w.Key("rules");
        w.StartObject();
        for (const auto& [id, level] : config.rules) {
            string(id);
            w.String(level ? to_string(*level) : "off");
        }
        w.EndObject();
    }
    if (config.fail_severity) {
        w.Key("failSeverity");
        w.String(to_string(*config.fail_severity));
    }
    if (config.unsafe_fixes) {
        w.Key("unsafeFixes");
        w.Bool(true);
    }
    w.Key("ignore");
    w.StartArray();
    for (const auto& s : config.ignore) {
        w.StartObject();
        for (const auto& [key, value] : {std::pair{"rule", &s.rule}, std::pair{"pointer", &s.pointer},
                                         std::pair{"files", &s.files}, std::pair{"reason", &s.reason}}) {
            if (*value) {
                w.Key(key);
                string(**value);
            }
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

std::string relative_path(const fs::path& file, const fs::path& directory)
{
    return absolute_normal(file).lexically_relative(absolute_normal(directory)).generic_string();
}

Report apply_config(const Config& config, const std::optional<std::string>& relative, Report report,
                    std::size_t& suppressed)
{
    Report out;
    for (Finding& f : report.findings) {
        if (!is_unsilenceable(f.rule)) {
            if (auto it = config.rules.find(f.rule); it != config.rules.end()) {
                if (!it->second) continue;  // the rule is off
                f.severity = *it->second;
            }
            if (std::any_of(config.ignore.begin(), config.ignore.end(),
                            [&](const Suppression& s) { return matches(s, f, relative); })) {
                ++suppressed;
                continue;
            }
        }
        out.findings.push_back(std::move(f));
    }
    return out;
}

ConfigSet::ConfigSet(const std::filesystem::path& fixed, const std::vector<RuleInfo>& rules) : rules_(rules)
{
    if (!fixed.empty()) fixed_ = std::make_shared<const Config>(load_config(fixed, rules_));
}

std::shared_ptr<const Config> ConfigSet::for_input(const std::string& path)
{
    namespace fs = std::filesystem;
    if (fixed_) return fixed_;
    const fs::path directory = path == "-" ? fs::current_path() : fs::path(path).parent_path();
    const fs::path file = find_config(directory.empty() ? fs::path(".") : directory);
    if (file.empty()) return none_;
    auto& config = loaded_[file];
    if (!config) config = std::make_shared<const Config>(load_config(file, rules_));
    return config;
}

}  // namespace drslint
