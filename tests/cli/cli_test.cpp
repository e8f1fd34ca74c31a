// Runs the real drslint binary: exit codes, stdin, positions, every output format, colour, config
// files, baselines, and directory walking.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "../format/secret_bodies.h"
#include "../support/fixtures.h"
#include "../support/process.h"
#include "../support/sanitizers.h"
#include "../support/temp_dir.h"

namespace fs = std::filesystem;

namespace {

using drslint::test::TempDir;

struct Run {
    int status;       // the exit code; -1 when killed by a signal
    std::string out;  // standard output and standard error as one stream (2>&1), as a terminal shows them
};

using Environment = std::vector<std::pair<std::string, std::optional<std::string>>>;

Run to_run(const drslint::test::Result& r) { return {r.signal == 0 ? r.exit_code : -1, r.out}; }

// Runs drslint with `args`; standard input from `stdin_file` (/dev/null when ""), in `cwd`.
Run run(const std::vector<std::string>& args, const std::string& stdin_file = "", const fs::path& cwd = {},
        const Environment& env = {})
{
    std::vector<std::string> argv{DRSLINT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    drslint::test::RunOptions options;
    if (!stdin_file.empty()) options.in = drslint::test::Stdin::file(stdin_file);
    options.stderr_to_stdout = true;
    options.cwd = cwd.string();
    options.env = env;
    return to_run(drslint::test::run_process(argv, options));
}

// Runs drslint with its standard output on a terminal (a pseudo-terminal), where --color auto may
// colour. no_color: the NO_COLOR value, or nullptr to leave it unset.
Run run_on_terminal(const std::vector<std::string>& args, const char* no_color)
{
    std::vector<std::string> argv{DRSLINT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    drslint::test::RunOptions options;
    options.out = drslint::test::Stdout::terminal();
    options.stderr_to_stdout = true;
    options.env = {{"NO_COLOR", no_color != nullptr ? std::optional<std::string>(no_color) : std::nullopt},
                   {"TERM", "xterm"}};
    return to_run(drslint::test::run_process(argv, options));
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

rapidjson::Document json(const Run& r)
{
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    BOOST_TEST_REQUIRE(!d.HasParseError(), r.out);
    return d;
}

// The first finding with this rule in the first file of a --format json run.
const rapidjson::Value* find(const rapidjson::Document& d, const std::string& rule)
{
    for (const auto& f : d["files"][0]["findings"].GetArray()) {
        if (rule == f["rule"].GetString()) return &f;
    }
    return nullptr;
}

std::size_t findings_in(const rapidjson::Document& d)
{
    std::size_t n = 0;
    for (const auto& file : d["files"].GetArray()) n += file["findings"].Size();
    return n;
}

const char* kValid = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}})";
const char* kInvalid = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS"}}}})";
const char* kWarning = R"({"job": {"type": "name", "params": {"base_info": {"name": "1234-DRS"}}}})";
// Three errors: enum-value, string-length and unknown-member (Decision 11).
const char* kMixed = R"({"job": {"type": "nmae", "params": {"base_info": {"name": "DRS", "nmae": "x"}}}})";

const char* kMultiLine =
    "{\n  \"job\": {\n    \"type\": \"name\",\n    \"params\": {\n      \"base_info\": {\n        \"name\": \"DRS\"\n"
    "      }\n    }\n  }\n}\n";

}  // namespace

BOOST_AUTO_TEST_CASE(exit_codes)
{
    TempDir dir;
    BOOST_TEST(run({dir.write("ok.json", kValid)}).status == 0);
    BOOST_TEST(run({dir.write("warn.json", kWarning)}).status == 0);
    BOOST_TEST(run({dir.write("bad.json", kInvalid)}).status == 1);
    BOOST_TEST(run({dir.write("broken.json", "{\"job\": ")}).status == 1);
    BOOST_TEST(run({dir / "missing.json"}).status == 2);
    BOOST_TEST(run({"--format", "yaml", "x.json"}).status == 2);
    BOOST_TEST(run({"--color", "sometimes", "x.json"}).status == 2);
    BOOST_TEST(run({"--fail-severity", "fatal", "x.json"}).status == 2);
    BOOST_TEST(run({}).status == 2);
    BOOST_TEST(run({"--no-such-flag"}).status == 2);
    fs::create_directories(dir.path / "empty");
    BOOST_TEST(run({dir / "empty"}).status == 2);
    for (const char* format : {"text", "json", "sarif", "github", "junit", "jsonl"}) {
        BOOST_TEST(run({"--format", format, dir / "bad.json"}).status == 1, format);
        BOOST_TEST(run({"--format", format, dir / "ok.json"}).status == 0, format);
    }
}

BOOST_AUTO_TEST_CASE(fail_severity_decides_which_findings_fail)
{
    TempDir dir;
    const auto warn = dir.write("warn.json", kWarning);
    BOOST_TEST(run({"--fail-severity", "warning", warn}).status == 1);
    BOOST_TEST(run({"--fail-severity", "info", warn}).status == 1);
    BOOST_TEST(run({"--fail-severity", "error", warn}).status == 0);
    BOOST_TEST(run({"--fail-severity", "warning", dir.write("ok.json", kValid)}).status == 0);
}

BOOST_AUTO_TEST_CASE(text_output_is_clang_style_with_an_excerpt)
{
    TempDir dir;
    const auto file = dir.write("bad.json", kMultiLine);
    const auto r = run({file});
    BOOST_TEST(r.status == 1);
    BOOST_TEST(contains(r.out, file + ":6:17: error: `base_info.name` is 3 characters long"), r.out);
    BOOST_TEST(contains(r.out, " [string-length]\n    6 |         \"name\": \"DRS\"\n      |                 ^~~~~\n"
                               "      = at /job/params/base_info/name\n"),
               r.out);
    BOOST_TEST(r.out.size() > 0u);
    BOOST_TEST(r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1) == "1 file checked: 1 error, 0 warnings\n");
}

BOOST_AUTO_TEST_CASE(positions_are_exact_in_multi_line_crlf_minified_and_non_ascii_files)
{
    TempDir dir;
    struct Case {
        const char* name;
        std::string text;
        int line, column, end_column;
    };
    std::string crlf;
    for (const char* c = kMultiLine; *c; ++c) crlf += *c == '\n' ? std::string("\r\n") : std::string(1, *c);
    const std::vector<Case> cases = {
        {"multi.json", kMultiLine, 6, 17, 22},
        {"crlf.json", crlf, 6, 17, 22},
        {"min.json", R"({"job":{"type":"name","params":{"base_info":{"name":"DRS"}}}})", 1, 53, 58},
        // 迁移 and an emoji are three code points (eight bytes); the line before has non-ASCII too.
        {"utf8.json",
         "{\n  \"job\": {\n    \"type\": \"name\",\n    \"params\": {\"\xC3\xA9t\xC3\xA9\": 1,\n      \"base_info\": {\n"
         "        \"description\": \"\xE8\xBF\x81\xE7\xA7\xBB\xF0\x9F\x98\x80\", \"name\": \"DRS\"\n      }\n    }\n  }\n}\n",
         6, 39, 44},
    };
    for (const auto& c : cases) {
        const auto file = dir.write(c.name, c.text);
        const auto d = json(run({"--format", "json", file}));
        const auto* f = find(d, "string-length");
        BOOST_TEST_REQUIRE(f != nullptr, c.name);
        BOOST_TEST((*f)["line"].GetInt() == c.line, c.name);
        BOOST_TEST((*f)["column"].GetInt() == c.column, c.name);
        BOOST_TEST((*f)["endLine"].GetInt() == c.line, c.name);
        BOOST_TEST((*f)["endColumn"].GetInt() == c.end_column, c.name);
        const auto text = run({file});
        BOOST_TEST(contains(text.out, file + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": error: `base_info.name`"),
                   c.name << ": " << text.out);
    }
}

BOOST_AUTO_TEST_CASE(positions_of_missing_and_repeated_members)
{
    TempDir dir;
    // A missing member is shown at the opening brace of the object that lacks it.
    const auto missing = json(run({"--format", "json", dir.write("miss.json", "{\"job\": {\"type\": \"name\",\r\n  \"params\": {}}}")}));
    const auto* f = find(missing, "type-requires-params-member");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(std::string((*f)["pointer"].GetString()) == "/job/params/base_info");
    BOOST_TEST((*f)["line"].GetInt() == 2);
    BOOST_TEST((*f)["column"].GetInt() == 13);
    BOOST_TEST((*f)["endColumn"].GetInt() == 14);
    // A repeated member is shown at its second key.
    const auto dup = json(run({"--format", "json", dir.write("dup.json", "{\"job\": {\"type\": \"name\", \"params\": "
                                                                    "{\"base_info\": {\"name\": \"DRS-1234\"}},\n \"type\": \"name\"}}")}));
    f = find(dup, "duplicate-key");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST((*f)["line"].GetInt() == 2);
    BOOST_TEST((*f)["column"].GetInt() == 2);
    BOOST_TEST((*f)["endColumn"].GetInt() == 8);
    // The excerpt of a CRLF file shows the line without its '\r'.
    const auto text = run({dir / "miss.json"});
    BOOST_TEST(contains(text.out, "    2 |   \"params\": {}}}\n      |             ^\n"), text.out);
}

BOOST_AUTO_TEST_CASE(did_you_mean_for_a_misspelled_member_and_enum_value)
{
    TempDir dir;
    const auto d = json(run({"--format", "json", dir.write("mixed.json", kMixed)}));
    const auto* member = find(d, "unknown-member");
    BOOST_TEST_REQUIRE(member != nullptr);
    BOOST_TEST(std::string((*member)["suggestion"].GetString()) == "name");
    BOOST_TEST(std::string((*member)["pointer"].GetString()) == "/job/params/base_info/nmae");
    BOOST_TEST((*member)["column"].GetInt() == 66);  // the key
    const auto* value = find(d, "enum-value");
    BOOST_TEST_REQUIRE(value != nullptr);
    BOOST_TEST(std::string((*value)["suggestion"].GetString()) == "name");
    BOOST_TEST(contains((*value)["expected"].GetString(), "`speed_limit`"));
    const auto text = run({dir / "mixed.json"});
    BOOST_TEST(contains(text.out, "did you mean `name`?"));
}

BOOST_AUTO_TEST_CASE(dash_reads_standard_input)
{
    TempDir dir;
    const auto r = run({"--format", "json", "-"}, dir.write("bad.json", kInvalid));
    BOOST_TEST(r.status == 1);
    BOOST_TEST(contains(r.out, "\"file\":\"<stdin>\""), r.out);
    const auto text = run({"-"}, dir / "bad.json");
    BOOST_TEST(contains(text.out, "<stdin>:1:59: error:"), text.out);
}

BOOST_AUTO_TEST_CASE(json_output_follows_the_version_1_contract)
{
    TempDir dir;
    const auto bad = dir.write("bad.json", kInvalid);
    const auto ok = dir.write("ok.json", kValid);
    const auto r = run({"--format", "json", bad, ok});
    BOOST_TEST(r.status == 1);
    const auto d = json(r);
    BOOST_TEST(d["version"].GetInt() == 1);
    BOOST_TEST_REQUIRE(d["files"].Size() == 2u);
    const auto& first = d["files"][0];
    BOOST_TEST(std::string(first["file"].GetString()) == bad);
    BOOST_TEST_REQUIRE(first["findings"].Size() == 1u);
    const auto& f = first["findings"][0];
    BOOST_TEST(std::string(f["rule"].GetString()) == "string-length");
    BOOST_TEST(std::string(f["severity"].GetString()) == "error");
    BOOST_TEST(std::string(f["pointer"].GetString()) == "/job/params/base_info/name");
    BOOST_TEST(contains(f["message"].GetString(), "4 to 50"));
    BOOST_TEST(std::string(f["expected"].GetString()) == "4 to 50 characters");
    BOOST_TEST(f["line"].GetInt() == 1);
    BOOST_TEST(f["column"].GetInt() == 59);
    BOOST_TEST(d["files"][1]["findings"].Size() == 0u);
    BOOST_TEST(d["summary"]["files"].GetInt() == 2);
    BOOST_TEST(d["summary"]["errors"].GetInt() == 1);
    BOOST_TEST(d["summary"]["warnings"].GetInt() == 0);
    BOOST_TEST(d["summary"]["suppressed"].GetInt() == 0);
}

BOOST_AUTO_TEST_CASE(sarif_output_names_rules_and_regions)
{
    TempDir dir;
    dir.write("sub/mixed.json", kMixed);
    const auto r = run({"--format", "sarif", "sub/mixed.json"}, "", dir.path);
    BOOST_TEST(r.status == 1);
    const auto d = json(r);
    BOOST_TEST(std::string(d["version"].GetString()) == "2.1.0");
    const auto& run0 = d["runs"][0];
    BOOST_TEST(std::string(run0["tool"]["driver"]["name"].GetString()) == "drslint");
    BOOST_TEST_REQUIRE(run0["results"].Size() == 3u);
    for (const auto& result : run0["results"].GetArray()) {
        const auto& artifact = result["locations"][0]["physicalLocation"]["artifactLocation"];
        BOOST_TEST(std::string(artifact["uri"].GetString()) == "sub/mixed.json");
        BOOST_TEST(std::string(artifact["uriBaseId"].GetString()) == "%SRCROOT%");
        BOOST_TEST(std::string(run0["tool"]["driver"]["rules"][result["ruleIndex"].GetUint()]["id"].GetString()) ==
                   result["ruleId"].GetString());
    }
}

BOOST_AUTO_TEST_CASE(github_output_is_workflow_commands)
{
    TempDir dir;
    dir.write("mixed.json", kMixed);
    const auto r = run({"--format", "github", "mixed.json"}, "", dir.path);
    BOOST_TEST(r.status == 1);
    BOOST_TEST(contains(r.out, "::error file=mixed.json,line=1,col=18,endLine=1,endColumn=23,title=enum-value::"), r.out);
    BOOST_TEST(contains(r.out, "::error file=mixed.json,line=1,col=66,endLine=1,endColumn=71,title=unknown-member::"), r.out);
    BOOST_TEST(contains(r.out, "(at /job/params/base_info/nmae)\n"), r.out);
    BOOST_TEST(contains(r.out, "\n1 file checked: 3 errors, 0 warnings\n"), r.out);
}

BOOST_AUTO_TEST_CASE(junit_output_has_a_suite_per_file)
{
    TempDir dir;
    const auto mixed = dir.write("mixed.json", kMixed);
    const auto ok = dir.write("ok.json", kValid);
    const auto r = run({"--format", "junit", mixed, ok});
    BOOST_TEST(r.status == 1);
    BOOST_TEST(contains(r.out, "<testsuites name=\"drslint\" tests=\"4\" failures=\"3\" errors=\"0\">"), r.out);
    BOOST_TEST(contains(r.out, "<testsuite name=\"" + mixed + "\" tests=\"3\" failures=\"3\""), r.out);
    BOOST_TEST(contains(r.out, "<failure message=\"`job.type` is &quot;nmae&quot;"), r.out);
    BOOST_TEST(contains(r.out, "<testcase name=\"no findings\" classname=\"" + ok + "\"/>"), r.out);
    const auto strict = run({"--format", "junit", "--fail-severity", "warning", mixed});
    BOOST_TEST(contains(strict.out, "failures=\"3\""), strict.out);
}

BOOST_AUTO_TEST_CASE(no_output_format_prints_a_secret)
{
    TempDir dir;
    const auto& bodies = drslint_test::secret_bodies();
    const auto first = dir.write("one-line.json", bodies[0]);
    const auto second = dir.write("user-migration.json", bodies[1]);
    for (const char* format : {"text", "json", "sarif", "github", "junit", "jsonl"}) {
        const auto files = run({"--format", format, "--fail-severity", "info", first, second});
        const auto piped = run({"--format", format, "-"}, first);
        BOOST_TEST(files.status == 1, format);
        BOOST_TEST(contains(files.out, "type-mismatch"), format << ": " << files.out);
        for (const auto& secret : drslint_test::secret_values()) {
            BOOST_TEST(!contains(files.out, secret), format << " shows " << secret << ": " << files.out);
            BOOST_TEST(!contains(piped.out, secret), format << " shows " << secret << ": " << piped.out);
        }
    }
    // The same secret, as text that is not JSON (the excerpt of the invalid-json finding).
    const auto broken = run({dir.write("broken.json", R"({"job": {"db_password": "hunter2", "x": , "password": "s3cr3t"}})")});
    BOOST_TEST(broken.status == 1);
    BOOST_TEST(contains(broken.out, "invalid-json"), broken.out);
    BOOST_TEST(!contains(broken.out, "hunter2"), broken.out);
    BOOST_TEST(!contains(broken.out, "s3cr3t"), broken.out);
}

BOOST_AUTO_TEST_CASE(colour_follows_color_flag_terminal_and_no_color)
{
    TempDir dir;
    const auto file = dir.write("warn.json", kWarning);
    const std::string escape = "\x1b[";
    BOOST_TEST(!contains(run({file}).out, escape));                   // auto, not a terminal
    BOOST_TEST(contains(run({"--color", "always", file}).out, escape));
    BOOST_TEST(!contains(run({"--color", "never", file}).out, escape));
    BOOST_TEST(contains(run({"--color", "always", file}, "", "", {{"NO_COLOR", "1"}}).out, escape));  // the flag wins
    BOOST_TEST(contains(run_on_terminal({file}, nullptr).out, escape));
    BOOST_TEST(contains(run_on_terminal({file}, "").out, escape));       // NO_COLOR set but empty
    BOOST_TEST(!contains(run_on_terminal({file}, "1").out, escape));
    BOOST_TEST(!contains(run_on_terminal({"--color", "never", file}, nullptr).out, escape));
    BOOST_TEST(!contains(run({"--format", "json", "--color", "always", file}).out, escape));  // text only
}

BOOST_AUTO_TEST_CASE(config_turns_rules_off_changes_severity_ignores_and_sets_fail_severity)
{
    TempDir dir;
    const auto mixed = dir.write("p/mixed.json", kMixed);
    dir.write("p/legacy/old.json", kMixed);
    auto lint = [&](const std::string& config) {
        dir.write("p/.drslint.json", config);
        return run({"--format", "json", mixed, dir / "p/legacy/old.json"});
    };
    // Baseline: 3 errors per file.
    auto r = lint(R"({})");
    BOOST_TEST(r.status == 1);
    BOOST_TEST(findings_in(json(r)) == 6u);

    r = lint(R"({"rules": {"unknown-member": "off"}})");
    BOOST_TEST(findings_in(json(r)) == 4u);

    r = lint(R"({"rules": {"string-length": "warning", "enum-value": "info", "unknown-member": "warning"}})");
    BOOST_TEST(r.status == 0, r.out);
    auto d = json(r);
    BOOST_TEST(d["summary"]["errors"].GetInt() == 0);
    BOOST_TEST(d["summary"]["warnings"].GetInt() == 4);
    BOOST_TEST(d["summary"]["infos"].GetInt() == 2);

    r = lint(R"({"rules": {"string-length": "warning", "enum-value": "info", "unknown-member": "warning"},
                 "failSeverity": "warning"})");
    BOOST_TEST(r.status == 1);
    r = run({"--fail-severity", "error", mixed});  // the flag beats the config
    BOOST_TEST(r.status == 0, r.out);

    r = lint(R"({"ignore": [{"rule": "enum-value", "pointer": "/job/type", "files": "legacy/**"},
                            {"rule": "string-length", "pointer": "/job/params/**", "files": "*.json"}]})");
    d = json(r);
    BOOST_TEST(d["files"][0]["findings"].Size() == 2u);  // mixed.json: string-length ignored (top level)
    BOOST_TEST(std::string(d["files"][0]["findings"][0]["rule"].GetString()) == "enum-value");
    BOOST_TEST(d["files"][1]["findings"].Size() == 2u);  // legacy/old.json: enum-value ignored
    BOOST_TEST(std::string(d["files"][1]["findings"][0]["rule"].GetString()) == "string-length");
    BOOST_TEST(d["summary"]["suppressed"].GetInt() == 2);
    BOOST_TEST(contains(run({mixed}).out, "1 file checked: 2 errors, 0 warnings, 1 suppressed"), run({mixed}).out);
}

BOOST_AUTO_TEST_CASE(a_config_that_cannot_be_used_is_exit_2)
{
    TempDir dir;
    const auto body = dir.write("p/ok.json", kValid);
    const std::vector<std::pair<std::string, std::string>> bad = {
        {R"({"rulez": {}})", "rulez: unknown key"},
        {R"({"rules": {"unknown-membr": "off"}})", "did you mean 'unknown-member'"},
        {R"({"rules": {"unknown-member": "quiet"}})", "rules.unknown-member"},
        {R"({"failSeverity": "fatal"})", "failSeverity"},
        {R"({"ignore": [{"pointer": "no-slash"}]})", "not a JSON Pointer"},
        {R"({"rules": {"invalid-json": "off"}})", "cannot be turned off"},
        {"{\"rules\": ", "not valid JSON"},
    };
    for (const auto& [config, message] : bad) {
        dir.write("p/.drslint.json", config);
        const auto r = run({body});
        BOOST_TEST(r.status == 2, config);
        BOOST_TEST(contains(r.out, "drslint: " + (dir / "p/.drslint.json") + ": "), r.out);
        BOOST_TEST(contains(r.out, message), config << " -> " << r.out);
    }
    fs::remove(dir.path / "p/.drslint.json");
    fs::create_directories(dir.path / "p/.drslint.json");  // not a file
    BOOST_TEST(run({body}).status == 2);
    fs::remove(dir.path / "p/.drslint.json");
    BOOST_TEST(run({body}).status == 0);
    BOOST_TEST(run({"--config", dir / "nowhere.json", body}).status == 2);
}

// A --context file over --max-input is refused as too large, not cut and then called invalid JSON.
BOOST_AUTO_TEST_CASE(a_context_file_larger_than_max_input_is_exit_2_naming_the_file_and_the_limit)
{
    TempDir dir;
    const auto body = dir.write("ok.json", kValid);
    const std::string context = R"({"job_type": "sync")" + std::string(200, ' ') + "}";
    const auto file = dir.write("context.json", context);
    const auto r = run({"--max-input", "100", "--context", file, body});
    BOOST_TEST(r.status == 2, r.out);
    BOOST_TEST(contains(r.out, "drslint: " + file + ": the --context file is larger than --max-input (100 bytes)"), r.out);
    BOOST_TEST(!contains(r.out, "JSON"), r.out);
    // Exactly at the limit it is read whole and used.
    const auto at_limit = run({"--max-input", std::to_string(context.size()), "--context", file, body});
    BOOST_TEST(at_limit.status != 2, at_limit.out);
    BOOST_TEST(!contains(at_limit.out, "--context"), at_limit.out);
}

BOOST_AUTO_TEST_CASE(config_is_found_upward_from_each_file)
{
    TempDir dir;
    dir.write("repo/.drslint.json", R"({"rules": {"string-length": "off"}})");
    dir.write("repo/team/.drslint.json", R"({"rules": {"enum-value": "off"}})");
    const auto deep = dir.write("repo/a/b/c/mixed.json", kMixed);
    const auto team = dir.write("repo/team/x/mixed.json", kMixed);
    const auto outside = dir.write("other/mixed.json", kMixed);
    const auto d = json(run({"--format", "json", deep, team, outside}));
    BOOST_TEST(d["files"][0]["findings"].Size() == 2u);  // repo/: string-length off
    BOOST_TEST(!find(d, "string-length"));
    BOOST_TEST(d["files"][1]["findings"].Size() == 2u);  // the nearest config only: enum-value off
    for (const auto& f : d["files"][1]["findings"].GetArray()) BOOST_TEST(std::string(f["rule"].GetString()) != "enum-value");
    BOOST_TEST(d["files"][2]["findings"].Size() == 3u);  // no config
    // Standard input looks from the current directory; --config replaces discovery.
    BOOST_TEST(findings_in(json(run({"--format", "json", "-"}, deep, dir / "repo/a"))) == 2u);
    const auto cfg = dir.write("strict.json", R"({"failSeverity": "warning", "rules": {"string-length": "off", "enum-value": "off"}})");
    const auto r = run({"--format", "json", "--config", cfg, team});
    BOOST_TEST(findings_in(json(r)) == 1u);
    BOOST_TEST(r.status == 1);  // the remaining warning fails under strict.json
}

BOOST_AUTO_TEST_CASE(write_baseline_then_lint_with_it)
{
    TempDir dir;
    dir.write("repo/bodies/a.json", kMixed);
    dir.write("repo/bodies/sub/b [1].json", kInvalid);
    dir.write("repo/bodies/ok.json", kValid);
    const std::string in_repo = dir / "repo";  // the working directory
    BOOST_TEST(run({"bodies"}, "", in_repo).status == 1);
    const auto written = run({"--write-baseline", "baseline.json", "bodies"}, "", in_repo);
    BOOST_TEST(written.status == 0, written.out);
    BOOST_TEST(contains(written.out, "wrote 4 ignore entries to baseline.json"), written.out);
    std::ifstream in(dir / "repo/baseline.json");
    std::stringstream text;
    text << in.rdbuf();
    BOOST_TEST(contains(text.str(), R"("files": "bodies/sub/b \\[1].json")"), text.str());
    // With the baseline, today's findings are silenced: exit 0, from anywhere.
    auto r = run({"--config", "baseline.json", "bodies"}, "", in_repo);
    BOOST_TEST(r.status == 0, r.out);
    BOOST_TEST(contains(r.out, "3 files checked: 0 errors, 0 warnings, 4 suppressed"), r.out);
    BOOST_TEST(run({"--config", dir / "repo/baseline.json", dir / "repo/bodies"}).status == 0);
    // A new finding is not.
    dir.write("repo/bodies/c.json", kInvalid);
    r = run({"--config", "baseline.json", "bodies"}, "", in_repo);
    BOOST_TEST(r.status == 1, r.out);
    BOOST_TEST(contains(r.out, "bodies/c.json:1:59: error:"), r.out);
    // Written as .drslint.json, it is found like any config, and keeps what the old one said.
    dir.write("repo/.drslint.json", R"({"failSeverity": "warning"})");
    BOOST_TEST(run({"--write-baseline", ".drslint.json", "bodies"}, "", in_repo).status == 0);
    BOOST_TEST(run({"bodies"}, "", in_repo).status == 0);
    BOOST_TEST(contains(run({"--format", "json", "bodies"}, "", in_repo).out, "\"suppressed\":5"));
    std::ifstream again(dir / "repo/.drslint.json");
    std::stringstream config;
    config << again.rdbuf();
    BOOST_TEST(contains(config.str(), "\"failSeverity\": \"warning\""), config.str());
    // Input that could not be checked cannot be baselined.
    dir.write("repo/bodies/broken.json", "{\"job\": ");
    r = run({"--write-baseline", "b2.json", "bodies"}, "", in_repo);
    BOOST_TEST(r.status == 1, r.out);
    BOOST_TEST(contains(r.out, "cannot be baselined"), r.out);
    BOOST_TEST(run({"--write-baseline", "b3.json", "-"}, dir / "repo/bodies/a.json", in_repo).status == 2);
}

BOOST_AUTO_TEST_CASE(directories_are_walked_in_sorted_order)
{
    TempDir dir;
    dir.write("d/b.json", kInvalid);
    dir.write("d/sub/a.json", kValid);
    dir.write("d/a.json", kValid);
    dir.write("d/notes.txt", "not json");
    dir.write("d/.drslint.json", "{}");  // a config, never linted as a body
    const auto r = run({"--format", "json", dir / "d"});
    const auto d = json(r);
    BOOST_TEST_REQUIRE(d["files"].Size() == 3u);
    BOOST_TEST(fs::path(d["files"][0]["file"].GetString()).filename() == "a.json");
    BOOST_TEST(fs::path(d["files"][1]["file"].GetString()).filename() == "b.json");
    BOOST_TEST(fs::path(d["files"][2]["file"].GetString()) == fs::path(dir / "d/sub/a.json"));
    BOOST_TEST(r.status == 1);
}

BOOST_AUTO_TEST_CASE(include_and_exclude_filter_directory_walks)
{
    TempDir dir;
    dir.write("d/a.json", kValid);
    dir.write("d/b.json", kInvalid);
    dir.write("d/drafts/c.json", kInvalid);
    dir.write("d/drafts/deep/e.json", kInvalid);
    dir.write("d/bodies/f.body", kValid);
    dir.write("d/bodies/g.json", kValid);
    auto files = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--format", "json"});
        args.push_back(dir / "d");
        const auto r = run(args);
        std::vector<std::string> out;
        if (r.status == 2) return std::vector<std::string>{"exit 2: " + r.out};
        const auto d = json(r);
        for (const auto& f : d["files"].GetArray()) {
            out.push_back(fs::path(f["file"].GetString()).lexically_relative(dir / "d").generic_string());
        }
        return out;
    };
    using V = std::vector<std::string>;
    BOOST_TEST(files({}) == (V{"a.json", "b.json", "bodies/g.json", "drafts/c.json", "drafts/deep/e.json"}));
    BOOST_TEST(files({"--exclude", "drafts/**"}) == (V{"a.json", "b.json", "bodies/g.json"}));
    BOOST_TEST(files({"--exclude", "*.json"}) == (V{"bodies/g.json", "drafts/c.json", "drafts/deep/e.json"}));
    BOOST_TEST(files({"--include", "**/*.body"}) == (V{"bodies/f.body"}));
    BOOST_TEST(files({"--include", "bodies/*", "--include", "b.json"}) == (V{"b.json", "bodies/f.body", "bodies/g.json"}));
    BOOST_TEST(files({"--include", "drafts/**", "--exclude", "**/e.json"}) == (V{"drafts/c.json"}));
    BOOST_TEST(run({"--exclude", "**", dir / "d"}).status == 2);  // nothing left to check
    // A file named on the command line is linted whatever the filters say.
    BOOST_TEST(run({"--exclude", "**", dir / "d/b.json"}).status == 1);
}

BOOST_AUTO_TEST_CASE(rules_and_explain)
{
    const auto list = run({"rules"});
    BOOST_TEST(list.status == 0);
    BOOST_TEST(contains(list.out, "unknown-member"));
    const auto explain = run({"explain", "type-mismatch"});
    BOOST_TEST(explain.status == 0);
    BOOST_TEST(contains(explain.out, "Fails:"));
    BOOST_TEST(run({"explain", "no-such-rule"}).status == 2);
}

BOOST_AUTO_TEST_CASE(http_files_are_linted_as_whole_requests)
{
    TempDir dir;
    const auto file = dir.write("calls.http",
                                "### rename\n"
                                "PUT https://{{endpoint}}/v5/{{project_id}}/jobs/{{job_id}}\n"
                                "Content-Type: application/json\n"
                                "X-Auth-Token: MIIsecret-token\n"
                                "x-language: en\n"
                                "\n" +
                                    std::string(kInvalid) +
                                    "\n"
                                    "###\n"
                                    "GET https://{{endpoint}}/v5/p/jobs/j\n"
                                    "X-Auth-Token: MIIsecret-token\n"
                                    "Content-Type: application/json\n"
                                    "\n" +
                                    kValid + "\n");
    const auto r = run({"--format", "json", file});
    BOOST_TEST(r.status == 1);
    const auto d = json(r);
    const auto* language = find(d, "enum-value");
    BOOST_TEST_REQUIRE(language != nullptr);
    BOOST_TEST(std::string((*language)["pointer"].GetString()) == "/headers/X-Language");
    BOOST_TEST((*language)["line"].GetInt() == 5);
    const auto* name = find(d, "string-length");
    BOOST_TEST_REQUIRE(name != nullptr);
    BOOST_TEST((*name)["line"].GetInt() == 7);
    const auto* method = find(d, "http-method");
    BOOST_TEST_REQUIRE(method != nullptr);
    BOOST_TEST((*method)["line"].GetInt() == 9);
    for (const char* format : {"text", "json", "sarif", "github", "junit", "jsonl"}) {
        BOOST_TEST(!contains(run({"--format", format, file}).out, "MIIsecret"), format);
    }
    BOOST_TEST(run({dir.write("empty.http", "# nothing here\n")}).status == 2);
}

BOOST_AUTO_TEST_CASE(jsonl_batches_report_line_numbers_in_order_whatever_the_jobs)
{
    TempDir dir;
    std::string lines;
    for (int i = 1; i <= 3000; ++i) lines += std::string(i % 97 == 0 ? kInvalid : kValid) + "\n";
    lines += "{\"job\": \n";
    const auto file = dir.write("log.jsonl", lines);
    const auto one = run({"--jsonl", "--jobs", "1", "--format", "json", file});
    const auto four = run({"--jsonl", "--jobs", "4", "--format", "json", file});
    BOOST_TEST(one.status == 1);
    BOOST_TEST(one.out == four.out);
    const auto d = json(one);
    BOOST_TEST_REQUIRE(d["files"][0]["findings"].Size() == 3000u / 97u + 1u);
    BOOST_TEST(d["files"][0]["findings"][0]["line"].GetInt() == 97);
    BOOST_TEST(d["files"][0]["findings"][30]["line"].GetInt() == 3001);
    const auto from_stdin = run({"--jsonl", "--format", "json", "-"}, file);
    BOOST_TEST(from_stdin.status == 1);
    BOOST_TEST(json(from_stdin)["files"][0]["findings"].Size() == 3000u / 97u + 1u);
    BOOST_TEST(run({"--jsonl", "--response", "200", file}).status == 2);
    BOOST_TEST(run({"--jsonl", dir.write("blank.jsonl", "\n\n")}).status == 2);
}

// A batch of valid, invalid, warning-only, unparsable and blank lines, bodies from the bench corpus
// among them (long ones, many findings), over more lines than one job's batches in flight, in two
// files: the pool's output must be the one thread's, byte for byte, in every format.
BOOST_AUTO_TEST_CASE(jsonl_output_on_two_jobs_is_the_output_on_one_in_every_format)
{
    TempDir dir;
    std::vector<std::string> corpus{kValid, kInvalid, kWarning, kMixed, "{\"job\": ", "[]", "   "};
    for (const auto& entry : fs::directory_iterator(fs::path(DRSLINT_SOURCE_DIR) / "tests/bench/corpus")) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (char& c : body) c = c == '\n' || c == '\r' ? ' ' : c;
        corpus.push_back(body);
    }
    std::string lines;
    for (std::size_t i = 0; i < 1500; ++i) lines += corpus[(i * 7) % corpus.size()] + "\n";
    const auto first = dir.write("first.jsonl", lines);
    const auto second = dir.write("second.jsonl", kInvalid + std::string("\n") + kValid + "\n");
    for (const char* format : {"text", "json", "sarif", "github", "junit", "jsonl"}) {
        const auto one = run({"--jsonl", "--jobs", "1", "--format", format, first, second});
        const auto two = run({"--jsonl", "--jobs", "2", "--format", format, first, second});
        BOOST_TEST(one.status == 1, format);
        BOOST_TEST(two.status == 1, format);
        BOOST_TEST(one.out.size() > 100000u, format);  // hundreds of findings, not an error message
        BOOST_TEST((one.out == two.out), format << ": --jobs 2 differs from --jobs 1");
    }
    // The one document of --format json keeps at most 100 x --max-findings per file, on any jobs.
    const auto capped = run({"--jsonl", "--jobs", "2", "--max-findings", "1", "--format", "json", first});
    BOOST_TEST(capped.out == run({"--jsonl", "--jobs", "1", "--max-findings", "1", "--format", "json", first}).out);
    const auto d = json(capped);
    BOOST_TEST_REQUIRE(d["files"][0]["findings"].Size() == 101u);
    BOOST_TEST(std::string(d["files"][0]["findings"][100]["rule"].GetString()) == "too-many-findings");
}

// sarif and junit keep, as json does, the first 100 x --max-findings findings of a batch that the
// config leaves, then too-many-findings for the rest: the same findings, in the same order, on
// any jobs. (A baseline keeps the first 100 x --max-findings findings before the config.)
BOOST_AUTO_TEST_CASE(jsonl_documents_keep_the_first_findings_the_config_leaves_on_any_jobs)
{
    TempDir dir;
    std::string lines;
    for (int i = 0; i < 400; ++i) lines += std::string(i % 3 == 0 ? kMixed : i % 3 == 1 ? kInvalid : kWarning) + "\n";
    const auto file = dir.write("log.jsonl", lines);
    const auto config =
        dir.write("config.json", R"({"rules": {"name-starts-with-letter": "off"}, "ignore": [{"rule": "enum-value"}]})");
    const auto document = json(run({"--jsonl", "--jobs", "2", "--max-findings", "1", "--config", config, "--format", "json", file}));
    const auto& findings = document["files"][0]["findings"];
    BOOST_TEST_REQUIRE(findings.Size() == 101u);
    for (const auto& f : findings.GetArray()) {
        BOOST_TEST(std::string(f["rule"].GetString()) != "enum-value");
        BOOST_TEST(std::string(f["rule"].GetString()) != "name-starts-with-letter");
    }
    for (const char* format : {"sarif", "junit"}) {
        const auto one = run({"--jsonl", "--jobs", "1", "--max-findings", "1", "--config", config, "--format", format, file});
        const auto two = run({"--jsonl", "--jobs", "2", "--max-findings", "1", "--config", config, "--format", format, file});
        BOOST_TEST(one.status == 1, format);
        BOOST_TEST((one.out == two.out), format << ": --jobs 2 differs from --jobs 1");
        // -q does not shorten a document (it has no summary line); -qq prints nothing.
        const auto quiet = run({"--jsonl", "-q", "--max-findings", "1", "--config", config, "--format", format, file});
        BOOST_TEST((quiet.out == one.out), format);
        const auto silent = run({"--jsonl", "-qq", "--config", config, "--format", format, file});
        BOOST_TEST(silent.status == 1, format);
        BOOST_TEST(silent.out.empty(), format);
        if (std::string(format) == "sarif") {
            const auto d = json(two);
            const auto& results = d["runs"][0]["results"];
            BOOST_TEST_REQUIRE(results.Size() == findings.Size());
            for (rapidjson::SizeType k = 0; k < results.Size(); ++k) {
                BOOST_TEST(std::string(results[k]["ruleId"].GetString()) == findings[k]["rule"].GetString(), k);
                BOOST_TEST(std::string(results[k]["message"]["text"].GetString()) == findings[k]["message"].GetString(), k);
            }
        } else {
            BOOST_TEST(contains(one.out, "<testsuites name=\"drslint\" tests=\"101\""), one.out.substr(0, 200));
            BOOST_TEST(contains(one.out, "type=\"too-many-findings\""));
        }
    }
    // A baseline of a batch is made from the same findings.
    for (const char* jobs : {"1", "2"}) {
        const auto r = run({"--jsonl", "--jobs", jobs, "--max-findings", "1", "--config", config, "--write-baseline",
                            dir / (std::string("baseline") + jobs + ".json"), file});
        BOOST_TEST(r.status == 1);  // too-many-findings cannot be baselined
    }
    BOOST_TEST(drslint::test::read_file(dir / "baseline1.json") == drslint::test::read_file(dir / "baseline2.json"));
}

// --format jsonl: a line per finding, each a JSON object with "version": 1, the file and the
// members of a --format json finding, then a summary line; the same findings as --format json.
BOOST_AUTO_TEST_CASE(jsonl_format_is_a_line_per_finding_then_a_summary)
{
    TempDir dir;
    const auto batch = dir.write("log.jsonl", std::string(kValid) + "\n" + kMixed + "\n\n" + kWarning + "\n");
    const auto single = dir.write("mixed.json", kMixed);
    for (const bool jsonl_input : {true, false}) {
        const std::vector<std::string> input = jsonl_input ? std::vector<std::string>{"--jsonl", batch}
                                                           : std::vector<std::string>{single};
        auto args = input;
        args.insert(args.begin(), {"--format", "jsonl"});
        const auto lines_run = run(args);
        args[1] = "json";
        const auto document = json(run(args));
        BOOST_TEST(lines_run.status == 1);
        std::istringstream in(lines_run.out);
        std::vector<rapidjson::Document> lines;
        for (std::string line; std::getline(in, line);) {
            lines.emplace_back();
            lines.back().Parse(line.c_str());
            BOOST_TEST_REQUIRE(!lines.back().HasParseError(), line);
            BOOST_TEST_REQUIRE(lines.back().IsObject(), line);
            BOOST_TEST(lines.back()["version"].GetInt() == 1, line);
        }
        const auto& findings = document["files"][0]["findings"];
        BOOST_TEST_REQUIRE(lines.size() == findings.Size() + 1);
        BOOST_TEST(findings.Size() == (jsonl_input ? 4u : 3u));  // kMixed's three, kWarning's one
        for (rapidjson::SizeType i = 0; i < findings.Size(); ++i) {
            rapidjson::Document& line = lines[i];
            BOOST_TEST(std::string(line["file"].GetString()) == document["files"][0]["file"].GetString());
            // Every member of the JSON format's finding, and only those besides version and file.
            line.RemoveMember("version");
            line.RemoveMember("file");
            BOOST_TEST((line == findings[i]), "line " << i + 1);
        }
        if (jsonl_input) BOOST_TEST(lines[0]["line"].GetInt() == 2);  // the batch's line, not the body's
        const rapidjson::Document& last = lines.back();
        BOOST_TEST_REQUIRE(last.HasMember("summary"));
        BOOST_TEST(!last.HasMember("rule"));
        BOOST_TEST((last["summary"] == document["summary"]));
    }
}

BOOST_AUTO_TEST_CASE(responses_are_checked_against_the_response_tables)
{
    TempDir dir;
    const auto ok = dir.write("ok.json", R"({"error_code": "DRS.10000010", "error_msg": "Job does not exist"})");
    const auto bad = dir.write("bad.json", R"({"error_code": "DRS.1", "error_msg": "x"})");
    BOOST_TEST(run({"--response", "400", ok}).status == 0);
    const auto r = run({"--response", "400", "--format", "json", bad});
    BOOST_TEST(r.status == 1);
    BOOST_TEST(std::string(json(r)["files"][0]["findings"][0]["pointer"].GetString()) == "/error_code");
    BOOST_TEST(run({"--response", "200", dir.write("empty.json", "{}")}).status == 0);
    BOOST_TEST(run({"--response", "500", ok}).status == 2);
}

BOOST_AUTO_TEST_CASE(no_format_lets_a_member_name_steer_the_terminal)
{
    TempDir dir;
    // An unknown member whose name clears the screen when printed raw.
    const auto file = dir.write("esc.json", R"({"job": {"type": "re_create", "params": {}, "x\u001b[2Jy": 1}})");
    for (const char* format : {"text", "json", "sarif", "github", "junit", "jsonl"}) {
        const auto r = run({"--format", format, "--color", "never", file});
        BOOST_TEST(r.status == 1, format);  // unknown-member, an error (Decision 11)
        BOOST_TEST(!contains(r.out, "\x1b"), format);
    }
}

BOOST_AUTO_TEST_CASE(cross_check_reports_the_same_findings)
{
    TempDir dir;
    const auto mixed = dir.write("mixed.json", kMixed);
    const auto valid = dir.write("valid.json", kValid);
    const auto with = run({"--cross-check", "--format", "json", mixed, valid});
    const auto without = run({"--format", "json", mixed, valid});
    const auto negated = run({"--cross-check", "--no-cross-check", "--format", "json", mixed, valid});
    BOOST_TEST(negated.out == without.out);
    BOOST_TEST(with.status == 1);
    BOOST_TEST(without.status == with.status);
    BOOST_TEST(without.out == with.out);
}

// Peak resident memory (KiB) of one drslint run, read from the kernel's accounting of the child.
long peak_kib_of(const std::vector<std::string>& args)
{
    std::vector<std::string> argv{DRSLINT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    drslint::test::RunOptions options;
    options.out = drslint::test::Stdout::file("/dev/null");
    options.stderr_to_stdout = true;
    return drslint::test::run_process(argv, options).peak_rss_kib;
}

BOOST_AUTO_TEST_CASE(jsonl_memory_stays_flat_with_the_length_of_the_batch)
{
    if (drslint::test::kUnderAsan) {
        BOOST_TEST_MESSAGE("SKIPPED under AddressSanitizer: its quarantine holds freed memory; the release suite checks this");
        return;
    }
    TempDir dir;
    std::string small, large;
    for (int i = 0; i < 2000; ++i) small += std::string(i % 50 == 0 ? kInvalid : kValid) + "\n";
    for (int i = 0; i < 20; ++i) large += small;  // 40,000 lines, 20 times the bytes
    const auto small_file = dir.write("small.jsonl", small);
    const auto large_file = dir.write("large.jsonl", large);
    const long small_peak = peak_kib_of({"--jsonl", "--jobs", "2", small_file});
    const long large_peak = peak_kib_of({"--jsonl", "--jobs", "2", large_file});
    BOOST_TEST_MESSAGE("peak KiB: " << small_peak << " for 2,000 lines, " << large_peak << " for 40,000");
    BOOST_TEST(small_peak > 0);
    // The findings are kept (one per 50 lines), the bodies are not: far less than the 2.6 MB the
    // larger input grew by.
    BOOST_TEST(large_peak - small_peak < 2048);
}

BOOST_AUTO_TEST_CASE(memory_for_one_file_is_a_small_multiple_of_its_size)
{
    if (drslint::test::kUnderAsan) {
        BOOST_TEST_MESSAGE("SKIPPED under AddressSanitizer: its quarantine holds freed memory; the release suite checks this");
        return;
    }
    TempDir dir;
    // A valid db_object body with 40,000 tables, about 3.4 MB.
    std::string tables;
    for (int i = 0; i < 40000; ++i) {
        tables += std::string(i == 0 ? "" : ", ") + "\"T" + std::to_string(i) + "\": {\"name\": \"T" + std::to_string(i) +
                  "\", \"type\": \"table\", \"all\": true, \"is_synchronized\": false}";
    }
    const std::string body = R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "table", )"
                             R"("target_root_db": {"db_name": "mytest", "db_encoding": "utf8"}, )"
                             R"("object_info": {"DB": {"name": "DB", "all": true, "tables": {)" + tables + "}}}}}}}";
    const auto large_file = dir.write("large.json", body);
    const auto small_file = dir.write("small.json", kValid);
    BOOST_TEST_REQUIRE(run({large_file}).status == 0);
    const long small_peak = peak_kib_of({small_file});
    const long large_peak = peak_kib_of({large_file});
    const long file_kib = static_cast<long>(body.size() / 1024);
    BOOST_TEST_MESSAGE("peak KiB: " << small_peak << " for a small body, " << large_peak << " for " << file_kib << " KiB");
    BOOST_TEST(small_peak > 0);
    // The text, the copy it is parsed in, and the DOM: measured at about 4.5 times the file.
    BOOST_TEST(large_peak - small_peak < 8 * file_kib);
}

// --fix, --diff and --unsafe-fixes (issue 14). The golden cases (tests/fix/) cover each kind of
// fix; these cover the command line around them.
BOOST_AUTO_TEST_SUITE(fixing)

const char* kFixable = R"({"job": {"type": "re_create", "params": {"job_id": 5, "colour": 1}}})";

BOOST_AUTO_TEST_CASE(fix_applies_safe_fixes_and_reports_what_remains)
{
    TempDir dir;
    const auto file = dir.write("b.json", kFixable);
    const auto r = run({"--fix", file});
    BOOST_TEST(r.status == 1);  // the unknown member remains: its removal is unsafe
    BOOST_TEST(drslint::test::read_file(file) == R"({"job": {"type": "re_create", "params": {"job_id": "5", "colour": 1}}})");
    BOOST_TEST(contains(r.out, "fixed 1 finding in 1 file"));
    BOOST_TEST(contains(r.out, "[unknown-member]"));
    BOOST_TEST(!contains(r.out, "[type-mismatch]"));
    BOOST_TEST(contains(r.out, "1 fixable with --fix --unsafe-fixes"));
    const auto all = run({"--fix", "--unsafe-fixes", file});
    BOOST_TEST(all.status == 0);
    BOOST_TEST(drslint::test::read_file(file) == R"({"job": {"type": "re_create", "params": {"job_id": "5"}}})");
    const auto again = run({"--fix", "--unsafe-fixes", file});
    BOOST_TEST(again.status == 0);
    BOOST_TEST(!contains(again.out, "fixed"));
}

BOOST_AUTO_TEST_CASE(text_marks_fixable_findings)
{
    TempDir dir;
    const auto file = dir.write("b.json", kFixable);
    const auto r = run({file});
    BOOST_TEST(r.status == 1);
    BOOST_TEST(contains(r.out, "error: [*] `params.job_id` must be a string"));
    BOOST_TEST(contains(r.out, "[*] 1 fixable with --fix (1 more with --fix --unsafe-fixes)"));
    BOOST_TEST(contains(run({"--unsafe-fixes", file}).out, "[*] 2 fixable with --fix --unsafe-fixes"));
    BOOST_TEST(drslint::test::read_file(file) == kFixable);  // reporting never writes
}

BOOST_AUTO_TEST_CASE(json_output_carries_the_fix)
{
    TempDir dir;
    const auto file = dir.write("b.json", kFixable);
    const auto d = json(run({"--format", "json", file}));
    const auto* typed = find(d, "type-mismatch");
    BOOST_TEST_REQUIRE(typed != nullptr);
    BOOST_TEST_REQUIRE(typed->HasMember("fix"));
    const auto& fix = (*typed)["fix"];
    BOOST_TEST(std::string(fix["applicability"].GetString()) == "safe");
    BOOST_TEST(std::string(fix["kind"].GetString()) == "quote");
    const auto& edit = fix["edits"][0];
    BOOST_TEST(std::string(kFixable).substr(edit["offset"].GetUint(), edit["length"].GetUint()) == "5");
    BOOST_TEST(std::string(edit["replacement"].GetString()) == "\"5\"");
    BOOST_TEST(std::string((*find(d, "unknown-member"))["fix"]["applicability"].GetString()) == "unsafe");
}

BOOST_AUTO_TEST_CASE(diff_writes_nothing_and_exits_1_when_there_is_something_to_fix)
{
    TempDir dir;
    const auto file = dir.write("b.json", kFixable);
    const auto r = run({"--diff", "b.json"}, "", dir.path);
    BOOST_TEST(r.status == 1);
    BOOST_TEST(contains(r.out, "--- b.json\n+++ b.json\n@@ -1 +1 @@\n"));
    BOOST_TEST(drslint::test::read_file(file) == kFixable);
    const auto clean = dir.write("c.json", kValid);
    BOOST_TEST(run({"--diff", clean}).status == 0);
    BOOST_TEST(run({"--diff", clean}).out.empty());
}

BOOST_AUTO_TEST_CASE(standard_input_gets_the_fixed_body_on_standard_output)
{
    TempDir dir;
    const auto in = dir.write("in.json", kFixable);
    std::vector<std::string> argv{DRSLINT_BINARY, "--fix", "-"};
    drslint::test::RunOptions options;
    options.in = drslint::test::Stdin::file(in);
    const auto r = drslint::test::run_process(argv, options);
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out == R"({"job": {"type": "re_create", "params": {"job_id": "5", "colour": 1}}})");
    BOOST_TEST(contains(r.err, "<stdin>:1:"));  // the report goes to standard error
    BOOST_TEST(contains(r.err, "[unknown-member]"));
}

// A secret's line is never printed: a fix on it is left out of the diff, and said so.
BOOST_AUTO_TEST_CASE(diff_never_prints_a_secret)
{
    TempDir dir;
    const auto file = dir.write(
        "s.json", R"({"job": {"type": "endpoint", "params": {"job_id": 5, "source_endpoint": {"db_password": "Hunter2hunter2"}}}})");
    const auto r = run({"--diff", file});
    BOOST_TEST(!contains(r.out, "Hunter2"));
    BOOST_TEST(contains(r.out, "not shown because the line holds a secret"));
    BOOST_TEST(r.status == 1);
    const auto fixed = run({"--fix", file});
    BOOST_TEST(!contains(fixed.out, "Hunter2"));
    BOOST_TEST(contains(drslint::test::read_file(file), R"("job_id": "5")"));
    BOOST_TEST(contains(drslint::test::read_file(file), "Hunter2hunter2"));
}

BOOST_AUTO_TEST_CASE(jsonl_and_responses_are_not_fixed)
{
    TempDir dir;
    const auto file = dir.write("batch.jsonl", std::string(kFixable) + "\n");
    const auto r = run({"--jsonl", "--fix", file});
    BOOST_TEST(r.status == 2);
    BOOST_TEST(contains(r.out, "a --jsonl batch is a log of bodies"));
    BOOST_TEST(run({"--jsonl", "--diff", file}).status == 2);
    BOOST_TEST(run({"--response", "200", "--fix", file}).status == 2);
    BOOST_TEST(drslint::test::read_file(file) == std::string(kFixable) + "\n");
    // A batch's findings carry no fix: its JSON has none.
    const auto d = json(run({"--jsonl", "--format", "json", file}));
    for (const auto& f : d["files"][0]["findings"].GetArray()) BOOST_TEST(!f.HasMember("fix"));
}

// A write that fails (here: the file size limit, which binds root too) is exit 2 with a message,
// and the original is exactly as it was, with no temporary file left beside it.
BOOST_AUTO_TEST_CASE(a_failed_write_leaves_the_file_as_it_was)
{
    TempDir dir;
    const std::string body = R"({"job": {"type": "re_create", "params": {"job_id": 5}}})" + std::string(9000, ' ');
    const auto file = dir.write("big.json", body);
    std::vector<std::string> argv{DRSLINT_BINARY, "--fix", file};
    drslint::test::RunOptions options;
    options.limits = {{RLIMIT_FSIZE, 4096}};
    const auto r = drslint::test::run_process(argv, options);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.signal == 0);
    BOOST_TEST(contains(r.err, "big.json"));
    BOOST_TEST((drslint::test::read_file(file) == body));
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++entries;
    BOOST_TEST(entries == 1u);
}

// Hard links: rename would leave the other names with the old text, so the file is left alone.
// A symbolic link stays a link, and its target is fixed.
BOOST_AUTO_TEST_CASE(links_are_kept_or_left_alone)
{
    TempDir dir;
    const auto file = dir.write("b.json", kFixable);
    fs::create_hard_link(file, dir.path / "other.json");
    const auto r = run({"--fix", file});
    BOOST_TEST(r.status == 2);
    BOOST_TEST(contains(r.out, "hard links"));
    BOOST_TEST(drslint::test::read_file(file) == kFixable);
    fs::remove(dir.path / "other.json");
    const auto target = dir.write("target.json", kFixable);
    fs::create_symlink(target, dir.path / "link.json");
    BOOST_TEST(run({"--fix", (dir.path / "link.json").string()}).status == 1);
    BOOST_TEST(fs::is_symlink(dir.path / "link.json"));
    BOOST_TEST(contains(drslint::test::read_file(target), R"("job_id": "5")"));
}

BOOST_AUTO_TEST_CASE(rules_and_explain_show_fixes)
{
    const auto list = run({"rules"});
    BOOST_TEST(contains(list.out, "unknown-member                     error    safe, unsafe  "));
    BOOST_TEST(contains(list.out, "required-member                    error    -             "));
    const auto explain = run({"explain", "type-mismatch"});
    BOOST_TEST(contains(explain.out, "quote (safe): "));
}

BOOST_AUTO_TEST_SUITE_END()

// ---- Issue 16: the command line a newcomer expects. One case per point of the issue's list. ----

namespace {

// Standard output alone of a run whose standard error (its "drslint: " lines) went to the same stream.
std::string without_messages(const std::string& out)
{
    std::istringstream lines(out);
    std::string kept;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("drslint: ", 0) != 0) kept += line + "\n";
    }
    return kept;
}

}  // namespace

// `drslint body.json rules` used to print the rule list and lint nothing.
BOOST_AUTO_TEST_CASE(a_subcommand_is_one_only_as_the_first_word)
{
    TempDir dir;
    const auto body = dir.write("body.json", kInvalid);
    dir.write("rules", kInvalid);
    dir.write("explain", kValid);
    const auto r = run({"--format", "json", body, "rules"}, "", dir.path);
    BOOST_TEST(r.status == 1, r.out);
    BOOST_TEST(json(r)["files"].Size() == 2u);
    BOOST_TEST(json(r)["files"][1]["file"].GetString() == std::string("rules"));
    const auto explain = run({"--format", "json", body, "explain", "type-mismatch"}, "", dir.path);
    BOOST_TEST(explain.status == 2, explain.out);  // type-mismatch is no file: linted as one, unreadable
    BOOST_TEST(contains(explain.out, "\"file\":\"explain\""), explain.out);
    BOOST_TEST(!contains(explain.out, "Fails:"), explain.out);
    // As the first word they are subcommands, with their own options.
    BOOST_TEST(run({"rules"}, "", dir.path).status == 0);
    BOOST_TEST(contains(run({"explain", "type-mismatch"}).out, "Fails:"));
    BOOST_TEST(run({"rules", body}).status == 2);  // rules takes no file
}

// One unreadable file used to abort everything: good.json was not reported, SARIF was empty.
BOOST_AUTO_TEST_CASE(an_unreadable_input_is_reported_with_the_others_and_is_exit_2)
{
    TempDir dir;
    const auto good = dir.write("good.json", kInvalid);
    const auto missing = dir / "missing.json";
    const auto text = run({good, missing});
    BOOST_TEST(text.status == 2);
    BOOST_TEST(contains(text.out, good + ":1:"), text.out);
    BOOST_TEST(contains(text.out, "drslint: cannot read " + missing), text.out);
    BOOST_TEST(contains(text.out, "1 file checked: 1 error, 0 warnings; 1 file could not be checked"), text.out);
    const auto as_json = run({"--format", "json", good, missing});
    BOOST_TEST(as_json.status == 2);
    const std::string document = without_messages(as_json.out);
    rapidjson::Document d;
    d.Parse(document.c_str());
    BOOST_TEST_REQUIRE(!d.HasParseError(), as_json.out);
    BOOST_TEST(d["files"].Size() == 2u);
    BOOST_TEST(d["files"][0]["findings"].Size() == 1u);
    BOOST_TEST(contains(d["files"][1]["error"].GetString(), "cannot read"));
    BOOST_TEST(d["summary"]["unchecked"].GetUint() == 1u);
    const auto sarif = run({"--format", "sarif", good, missing});
    BOOST_TEST(sarif.status == 2);
    BOOST_TEST(contains(sarif.out, "\"executionSuccessful\": false"), sarif.out);
    BOOST_TEST(contains(sarif.out, "\"toolExecutionNotifications\""), sarif.out);
    BOOST_TEST(contains(sarif.out, "\"ruleId\": \"string-length\""), sarif.out);
    const auto junit = run({"--format", "junit", good, missing});
    BOOST_TEST(junit.status == 2);
    BOOST_TEST(contains(junit.out, "<testsuites name=\"drslint\" tests=\"2\" failures=\"1\" errors=\"1\">"), junit.out);
    BOOST_TEST(contains(junit.out, "<error message=\"cannot read"), junit.out);
    const auto github = run({"--format", "github", good, missing});
    BOOST_TEST(github.status == 2);
    BOOST_TEST(contains(github.out, "title=not checked::cannot read"), github.out);
    BOOST_TEST(contains(github.out, "title=string-length"), github.out);
    // A directory that cannot be read, below a directory argument: the rest is still linted.
    dir.write("tree/ok.json", kValid);
    fs::create_directories(dir.path / "tree/locked");
    dir.write("tree/locked/x.json", kInvalid);
    fs::permissions(dir.path / "tree/locked", fs::perms::none);
    if (::geteuid() != 0) {  // root reads any directory
        const auto tree = run({"--format", "json", dir / "tree"});
        BOOST_TEST(tree.status == 2, tree.out);
        BOOST_TEST(contains(tree.out, "ok.json"), tree.out);
        BOOST_TEST(contains(tree.out, "cannot read directory"), tree.out);
    }
    fs::permissions(dir.path / "tree/locked", fs::perms::owner_all);
    // No baseline from a run that missed a file: it would fail that file later.
    BOOST_TEST(run({"--write-baseline", dir / "base.json", good, missing}).status == 2);
    BOOST_TEST(!fs::exists(dir.path / "base.json"));
}

// `drslint .` used to lint .git/, node_modules/ and package.json; `--exclude drafts` excluded nothing.
BOOST_AUTO_TEST_CASE(directories_are_walked_as_a_repository)
{
    TempDir dir;
    dir.write("repo/.git/info/exclude", "local/\n");
    dir.write("repo/.git/config.json", kInvalid);
    dir.write("repo/.gitignore", "generated/\n*.tmp.json\n!keep.tmp.json\n");
    dir.write("repo/node_modules/pkg/x.json", kInvalid);
    dir.write("repo/package.json", R"({"name": "x"})");
    dir.write("repo/.hidden/h.json", kInvalid);
    dir.write("repo/generated/g.json", kInvalid);
    dir.write("repo/local/l.json", kInvalid);
    dir.write("repo/a.tmp.json", kInvalid);
    dir.write("repo/keep.tmp.json", kValid);
    dir.write("repo/bodies/b.json", kValid);
    dir.write("repo/bodies/.gitignore", "old.json\n");  // nested: relative to bodies/
    dir.write("repo/bodies/old.json", kInvalid);
    dir.write("repo/drafts/d.json", kInvalid);
    dir.write("repo/drafts/deep/e.json", kInvalid);
    auto files = [&](std::vector<std::string> args, const fs::path& where = {}) {
        args.insert(args.begin(), {"--format", "json"});
        args.push_back(where.empty() ? dir / "repo" : where.string());
        const auto r = run(args);
        std::vector<std::string> out;
        const auto d = json(Run{r.status, without_messages(r.out)});
        for (const auto& f : d["files"].GetArray()) {
            out.push_back(fs::path(f["file"].GetString()).lexically_relative(dir.path / "repo").generic_string());
        }
        return out;
    };
    using V = std::vector<std::string>;
    BOOST_TEST(files({}) == (V{"bodies/b.json", "drafts/d.json", "drafts/deep/e.json", "keep.tmp.json"}));
    BOOST_TEST(files({"--exclude", "drafts"}) == (V{"bodies/b.json", "keep.tmp.json"}));
    BOOST_TEST(files({"--exclude", "drafts/"}) == (V{"bodies/b.json", "keep.tmp.json"}));
    // The .gitignore files above a directory argument apply to it too.
    BOOST_TEST(files({}, dir.path / "repo/bodies") == (V{"bodies/b.json"}));
    const auto all = files({"--no-ignore"});
    for (const char* expected : {".git/config.json", ".hidden/h.json", "node_modules/pkg/x.json", "package.json",
                                 "generated/g.json", "local/l.json", "a.tmp.json", "bodies/old.json"}) {
        BOOST_TEST((std::find(all.begin(), all.end(), expected) != all.end()), expected);
    }
    // A pattern that matches nothing is most likely a typo: a warning, and the run goes on.
    const auto r = run({"--exclude", "draft", "--include", "**/*.jsn", "--include", "**/*.json", dir / "repo"});
    BOOST_TEST(r.status == 1, r.out);
    BOOST_TEST(contains(r.out, "drslint: warning: --exclude 'draft' matched no file or directory"), r.out);
    BOOST_TEST(contains(r.out, "drslint: warning: --include '**/*.jsn' matched no file"), r.out);
    BOOST_TEST(!contains(r.out, "'**/*.json' matched"), r.out);
}

// `--formt`, `drslint rule` and `explain unknwn-member` got no help.
BOOST_AUTO_TEST_CASE(typos_get_a_did_you_mean_and_every_error_the_drslint_prefix)
{
    TempDir dir;
    const auto body = dir.write("ok.json", kValid);
    const auto option = run({"--formt", "json", body});
    BOOST_TEST(option.status == 2);
    BOOST_TEST(contains(option.out, "drslint: unknown option '--formt' (did you mean '--format'?)"), option.out);
    BOOST_TEST(contains(run({"--max-finding=3", body}).out, "(did you mean '--max-findings'?)"));
    const auto subcommand = run({"rule"}, "", dir.path);
    BOOST_TEST(subcommand.status == 2);
    BOOST_TEST(contains(subcommand.out, "drslint: 'rule' is neither a file nor a subcommand (did you mean 'drslint rules'?)"),
               subcommand.out);
    const auto rule = run({"explain", "unknwn-member"});
    BOOST_TEST(rule.status == 2);
    BOOST_TEST(contains(rule.out, "drslint: no rule named 'unknwn-member' (did you mean 'unknown-member'?)"), rule.out);
    // In a config: rules and ignores alike.
    const auto config = dir.write("c.json", R"({"ignore": [{"rule": "unknwn-member"}]})");
    const auto in_config = run({"--config", config, body});
    BOOST_TEST(in_config.status == 2);
    BOOST_TEST(contains(in_config.out, "did you mean 'unknown-member'?"), in_config.out);
    // Every error line starts with drslint:.
    for (const auto& r : {option, subcommand, rule, in_config, run({"--format", "yaml", body}), run({body, "--max-depth", "0"})}) {
        BOOST_TEST(r.out.rfind("drslint: ", 0) == 0, r.out);
    }
}

// `{"jobtype": ...}` and `"job_type": "synk"` used to be accepted, and the context rules stayed quiet.
BOOST_AUTO_TEST_CASE(the_context_file_is_checked_like_the_config)
{
    TempDir dir;
    const auto body = dir.write("ok.json", kValid);
    const auto key = run({"--context", dir.write("k.json", R"({"jobtype": "sync"})"), body});
    BOOST_TEST(key.status == 2);
    BOOST_TEST(contains(key.out, "k.json: the --context file: unknown key 'jobtype' (did you mean 'job_type'?)"), key.out);
    const auto value = run({"--context", dir.write("v.json", R"({"job_type": "synk"})"), body});
    BOOST_TEST(value.status == 2);
    BOOST_TEST(contains(value.out, "job_type is 'synk'; expected one of migration, sync, cloudDataGuard (did you mean 'sync'?)"),
               value.out);
    const auto engine = run({"--context", dir.write("e.json", R"({"engine_type": "mysql-to-mysq"})"), body});
    BOOST_TEST(engine.status == 2);
    BOOST_TEST(contains(engine.out, "(did you mean 'mysql-to-mysql'?)"), engine.out);
    const auto missing = run({"--context", dir / "none.json", body});
    BOOST_TEST(missing.status == 2);
    BOOST_TEST(contains(missing.out, "drslint: the --context file: cannot read"), missing.out);
    // A saved task-details response keeps working: the facts are found inside it.
    const auto saved = dir.write("saved.json", R"({"job": {"id": "x", "base_info": {"job_type": "migration"}}})");
    BOOST_TEST(run({"--context", saved, body}).status == 0);
    BOOST_TEST(run({"--context", dir.write("ok-context.json", R"({"job_type": "sync", "task_type": "INCR_TRANS"})"), body})
                   .status == 0);
}

// --help had no exit codes, no word of .http or the config, no examples; 64MiB was "not in range".
BOOST_AUTO_TEST_CASE(help_has_usage_subcommands_examples_and_exit_codes_and_sizes_take_units)
{
    const auto help = run({"--help"});
    BOOST_TEST(help.status == 0);
    for (const char* part : {"Usage:\n  drslint [OPTIONS] FILE|DIR|- ...", "drslint rules", "drslint explain RULE",
                             "Examples:", "Exit codes:\n  0 ", "\n  2 ", ".http", ".drslint.json", "README.md",
                             "--include GLOB ", ".gitignore"}) {
        BOOST_TEST(contains(help.out, part), part);
    }
    BOOST_TEST(!contains(help.out, DRSLINT_BINARY));  // the program's name, not its path
    BOOST_TEST(!contains(help.out, "..."  " ..."));
    BOOST_TEST(!contains(help.out, "TEXT"));  // CLI11's placeholder
    BOOST_TEST(run({"-h"}).out == help.out);
    BOOST_TEST(run({"rules", "--help"}).out == help.out);  // one help, which shows the subcommands
    const auto explain = run({"explain"});
    BOOST_TEST(explain.status == 2);
    BOOST_TEST(contains(explain.out, "drslint: explain needs a rule id"), explain.out);
    // "-1" is refused as it is written, not as the size_t it would wrap to.
    const auto negative = run({"--max-depth", "-1", "x.json"});
    BOOST_TEST(negative.status == 2);
    BOOST_TEST(contains(negative.out, "drslint: --max-depth -1 is not a number from 1 to 256"), negative.out);
    TempDir dir;
    const auto body = dir.write("ok.json", kValid);
    BOOST_TEST(run({"--max-input", "64MiB", body}).status == 0);
    BOOST_TEST(run({"--max-input", "1GiB", body}).status == 0);
    BOOST_TEST(run({"--max-input", "64KiB", body}).status == 0);
    BOOST_TEST(run({"--max-input", "10B", body}).status == 1);  // input-too-large
    BOOST_TEST(run({"--max-string", "512", body}).status == 0);
    const auto too_big = run({"--max-input", "2GiB", body});
    BOOST_TEST(too_big.status == 2);
    BOOST_TEST(contains(too_big.out, "drslint: --max-input 2GiB is not a size from 1 to 1GiB"), too_big.out);
    BOOST_TEST(run({"--max-input", "64MB", body}).status == 2);  // MB is ambiguous: refused, not guessed
    BOOST_TEST(run({"--max-input", "64M", body}).status == 2);
    BOOST_TEST(run({"--max-input", "0", body}).status == 2);
}

// --max-findings 1 said "at least 3 more findings not shown" when 2 remained, and "1 more findings".
BOOST_AUTO_TEST_CASE(too_many_findings_counts_exactly_and_in_good_english)
{
    TempDir dir;
    const auto body = dir.write("mixed.json", kMixed);  // three errors
    const auto one = run({"--max-findings", "1", body});
    BOOST_TEST(one.status == 1);
    BOOST_TEST(contains(one.out, "2 more findings not shown (limit 1)"), one.out);
    BOOST_TEST(!contains(one.out, "at least"), one.out);
    const auto two = run({"--max-findings", "2", body});
    BOOST_TEST(contains(two.out, "1 more finding not shown (limit 2)"), two.out);
    // A body whose violations collapse into fewer findings (branches of a condition) counts exactly too.
    const auto many = dir.write("many.json", R"({"job": {"type": "speed_limit", "params": {"speed_limit":
        [{"begin": "1", "end": "2", "speed": 3}, {"begin": "x", "end": "y", "speed": "z"}]}}})");
    const auto all = json(run({"--format", "json", many}));
    const std::size_t total = findings_in(all);
    BOOST_TEST_REQUIRE(total > 2u);
    const auto cut = run({"--max-findings", "1", many});
    BOOST_TEST(contains(cut.out, std::to_string(total - 1) + " more findings not shown (limit 1)"), cut.out);
}

// Not in the issue's list but in its "small things": -q, -o, --stdin-filename, rules --format json, --print-config.
BOOST_AUTO_TEST_CASE(quiet_output_stdin_filename_rules_json_and_print_config)
{
    TempDir dir;
    const auto bad = dir.write("bad.json", kInvalid);
    const auto quiet = run({"-q", bad});
    BOOST_TEST(quiet.status == 1);
    BOOST_TEST(quiet.out == "1 file checked: 1 error, 0 warnings\n");
    const auto silent = run({"-qq", bad});
    BOOST_TEST(silent.status == 1);
    BOOST_TEST(silent.out.empty(), silent.out);
    BOOST_TEST(run({"-qq", "--format", "json", bad}).out.empty());
    // -o: the report in a file, nothing on standard output; a report that cannot be written is exit 2.
    const std::string report = dir / "out/report.sarif";
    fs::create_directories(dir.path / "out");
    const auto written = run({"--format", "sarif", "-o", report, bad});
    BOOST_TEST(written.status == 1);
    BOOST_TEST(written.out.empty(), written.out);
    std::ifstream in(report);
    const std::string sarif((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    BOOST_TEST(contains(sarif, "\"ruleId\": \"string-length\""));
    BOOST_TEST(run({"-o", dir / "no-such-dir/r.txt", bad}).status == 2);
    // --stdin-filename: the name in messages, and where the config is looked up.
    dir.write("sub/.drslint.json", R"({"rules": {"string-length": "off"}})");
    const auto named = run({"--stdin-filename", dir / "sub/body.json", "-"}, bad);
    BOOST_TEST(named.status == 0, named.out);  // the config of sub/ applies
    const auto shown = run({"--stdin-filename", "named.json", "-"}, bad, dir.path);
    BOOST_TEST(shown.status == 1);
    BOOST_TEST(contains(shown.out, "named.json:1:"), shown.out);
    BOOST_TEST(!contains(shown.out, "<stdin>"), shown.out);
    // rules --format json: every rule, with the fields a tool needs.
    const auto rules = run({"rules", "--format", "json"});
    BOOST_TEST(rules.status == 0);
    rapidjson::Document list;
    list.Parse(rules.out.c_str());
    BOOST_TEST_REQUIRE((!list.HasParseError() && list.IsArray()), rules.out);
    BOOST_TEST(list.Size() > 10u);
    BOOST_TEST(list[0].HasMember("id"));
    BOOST_TEST(list[0].HasMember("severity"));
    BOOST_TEST(list[0].HasMember("summary"));
    BOOST_TEST(run({"rules", "--format", "yaml"}).status == 2);
    // --print-config: which config applies to a file, and what it sets.
    const auto printed = run({"--print-config", dir / "sub/x.json"});
    BOOST_TEST(printed.status == 0, printed.out);
    BOOST_TEST(contains(printed.out, "uses " + dir / "sub/.drslint.json"), printed.out);
    BOOST_TEST(contains(printed.out, "\"string-length\": \"off\""), printed.out);
    const auto none = run({"--print-config", bad});
    BOOST_TEST(contains(none.out, "no config file applies"), none.out);
}

namespace {

std::string source_file(const std::string& relative)
{
    std::ifstream in(fs::path(DRSLINT_SOURCE_DIR) / relative, std::ios::binary);
    BOOST_TEST_REQUIRE(static_cast<bool>(in), relative);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The option names --help lists: each line of the Options section, "  -o, --output FILE  ...".
std::vector<std::string> help_options(const std::string& help)
{
    std::vector<std::string> names;
    std::istringstream lines(help.substr(help.find("Options:\n")));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line) && !line.empty()) {
        std::istringstream words(line);
        for (std::string word; words >> word && word[0] == '-';) {
            if (word.back() == ',') word.pop_back();
            names.push_back(word);
        }
    }
    return names;
}

}  // namespace

// The README's options table, --help, the man page and the completions cannot drift apart.
BOOST_AUTO_TEST_CASE(help_readme_man_page_and_completions_name_the_same_options)
{
    const auto help = run({"--help"});
    const std::vector<std::string> options = help_options(help.out);
    BOOST_TEST_REQUIRE(options.size() > 20u, help.out);
    BOOST_TEST((std::find(options.begin(), options.end(), "--output") != options.end()));
    BOOST_TEST((std::find(options.begin(), options.end(), "-q") != options.end()));
    const std::string readme = source_file("README.md");
    const std::string table = readme.substr(readme.find("| option | meaning |"),
                                            readme.find("\n\n", readme.find("| option | meaning |")) -
                                                readme.find("| option | meaning |"));
    std::string man = source_file("docs/drslint.1.in");
    for (std::size_t at = man.find("\\-"); at != std::string::npos; at = man.find("\\-", at)) man.erase(at, 1);
    const std::string bash = source_file("tools/completions/drslint.bash");
    const std::string zsh = source_file("tools/completions/_drslint");
    for (const auto& option : options) {
        // --no-cross-check is documented in --cross-check's row.
        BOOST_TEST((contains(table, "`" + option + "`") || contains(table, "`" + option + " ") ||
                    contains(table, "`" + option + "` is the default")),
                   "README options table lacks " << option);
        BOOST_TEST((contains(man, ".B " + option + "\n") || contains(man, ".BI " + option + " ") ||
                    contains(man, ".BR " + option + " ") || contains(man, "\" " + option + "\n") ||
                    contains(man, "\" " + option + " \"")),
                   "man page lacks " << option);
        BOOST_TEST((contains(bash, " " + option + " ") || contains(bash, " " + option + "\"") ||
                    contains(bash, "\"" + option + " ") || contains(bash, " " + option + "\n")),
                   "bash completion lacks " << option);
        BOOST_TEST((contains(zsh, "'" + option + "[") || contains(zsh, "," + option + "}") ||
                    contains(zsh, "{" + option + ",") || contains(zsh, "'*" + option + "[") ||
                    contains(zsh, ")" + option + "[") || contains(zsh, ")'{" + option + ",")),
                   "zsh completion lacks " << option);
    }
    // And the other way: the man page documents no option --help does not know.
    for (std::size_t at = man.find(".B"); at != std::string::npos; at = man.find(".B", at + 1)) {
        const std::size_t dash = man.find(" -", at);
        if (dash == std::string::npos || dash != man.find(' ', at)) continue;
        std::string name = man.substr(dash + 1, man.find_first_of(" \n\"", dash + 1) - dash - 1);
        BOOST_TEST((std::find(options.begin(), options.end(), name) != options.end()), "man page names " << name);
    }
}

// A project people can adopt: a license, a changelog whose newest release is the version built.
BOOST_AUTO_TEST_CASE(license_and_changelog_match_the_version)
{
    const std::string license = source_file("LICENSE");
    BOOST_TEST(contains(license, "Apache License"));
    BOOST_TEST(contains(license, "Version 2.0, January 2004"));
    BOOST_TEST(contains(license, "END OF TERMS AND CONDITIONS"));  // the full text, not a pointer to it
    const std::string changelog = source_file("CHANGELOG.md");
    const std::size_t heading = changelog.find("\n## [", changelog.find("## [Unreleased]") + 1);
    BOOST_TEST_REQUIRE(heading != std::string::npos);
    const std::string newest = changelog.substr(heading + 5, changelog.find(']', heading) - heading - 5);
    const auto version = run({"--version"});
    BOOST_TEST(version.out == "drslint " + newest + "\n");
    BOOST_TEST(contains(changelog, "## [0.1.0]"));  // where it starts
    BOOST_TEST(contains(source_file("README.md"), "git tag -a v"));  // the release checklist
}

// The bash completion does complete: options from a prefix, values of --format, subcommands, rule ids.
BOOST_AUTO_TEST_CASE(the_bash_completion_completes)
{
    const std::string script = (fs::path(DRSLINT_SOURCE_DIR) / "tools/completions/drslint.bash").string();
    const std::string binary_dir = fs::path(DRSLINT_BINARY).parent_path().string();
    auto complete = [&](const std::string& words, int current) {
        drslint::test::RunOptions options;
        options.env = {{"PATH", binary_dir + ":/usr/bin:/bin"}};
        const std::string program = "source '" + script + "'; COMP_WORDS=(" + words + "); COMP_CWORD=" +
                                    std::to_string(current) + "; _drslint; printf '%s\\n' \"${COMPREPLY[@]}\"";
        return drslint::test::run_process({"bash", "-c", program}, options).out;
    };
    BOOST_TEST(complete("drslint --form", 1) == "--format\n");
    BOOST_TEST(complete("drslint --format s", 2) == "sarif\n");
    BOOST_TEST(contains(complete("drslint rul", 1), "rules\n"));
    BOOST_TEST(complete("drslint explain unknown-m", 2) == "unknown-member\n");
    BOOST_TEST(complete("drslint --no-ig", 1) == "--no-ignore\n");
}
