// The report stage (redacted source, config, globs, baseline) and every output format, in-process.
#define BOOST_TEST_MODULE format
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "drslint/linter.h"
#include "../support/fixtures.h"
#include "drslint/format.h"
#include "parse/position_index.h"
#include "drslint/baseline.h"
#include "drslint/config.h"
#include "drslint/file_report.h"
#include "input/glob.h"
#include "drslint/redacted_source.h"
#include "core/pointer.h"
#include "core/secrets.h"
#include "core/text.h"
#include "parse/value_text.h"
#include "findings/schema_findings.h"
#include "core/suggest.h"
#include "../support/text_checks.h"
#include "secret_bodies.h"

namespace drslint {
std::ostream& operator<<(std::ostream& out, Severity s) { return out << to_string(s); }
}  // namespace drslint

namespace fs = std::filesystem;
using drslint::Finding;
using drslint::Report;
using drslint::Severity;
using drslint::format::FileResult;
using drslint::Config;
using drslint::ConfigError;
using drslint::mask_secret_values;

namespace {

const drslint::Linter& linter() { return drslint::test::default_linter(); }

std::size_t code_points(std::string_view s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

Finding finding(const std::string& rule, Severity severity, const std::string& pointer, std::size_t line,
                std::size_t column, std::size_t end_line, std::size_t end_column, const std::string& message = "m")
{
    Finding f;
    f.rule = rule;
    f.severity = severity;
    f.pointer = pointer;
    f.message = message;
    f.begin = {line, column};
    f.end = {end_line, end_column};
    return f;
}

FileResult result(const std::string& file, const std::string& text, std::vector<Finding> findings,
                  const Config& config = Config(), std::optional<Severity> fail = std::nullopt)
{
    Report report;
    report.findings = std::move(findings);
    return drslint::finish_file(file, text, std::move(report), config, fail);
}

drslint::format::Context context(bool color = false)
{
    drslint::format::Context c;
    c.rules = &linter().rules();
    c.tool_version = "0.1.0";
    c.base_directory = "/work/repo";
    c.color = color;
    return c;
}

std::string render(drslint::format::Format format, const std::vector<FileResult>& results, bool color = false)
{
    std::ostringstream out;
    drslint::format::write(out, format, results, context(color));
    return out.str();
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// The caret line of the first excerpt in text output, without its gutter.
std::string caret_line(const std::string& text)
{
    for (const auto& line : lines_of(text)) {
        if (line.rfind("      | ", 0) == 0 && line.find('^') != std::string::npos) return line.substr(8);
    }
    return "";
}

std::string source_line(const std::string& text)
{
    for (const auto& line : lines_of(text)) {
        if (line.size() > 8 && line.compare(5, 3, " | ") == 0 && line[4] != ' ') return line.substr(8);
    }
    return "";
}

Config config_from(const std::string& json, const fs::path& file = "/work/repo/.drslint.json")
{
    return drslint::parse_config(json, file, linter().rules());
}

std::string config_error(const std::string& json)
{
    try {
        config_from(json);
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "(accepted)";
}

}  // namespace

// ---- redacted source ----

BOOST_AUTO_TEST_CASE(secret_values_are_masked_at_any_depth_in_a_minified_body)
{
    const std::string text =
        R"({"job":{"params":{"source_endpoint":[{"endpoint":{"db_password":"hunter2","db_user":"root"},)"
        R"("ssl":{"ssl_cert_key":"KEYDATA","ssl_cert_password":"p12pass"}}],)"
        R"("user_migration":{"password":"unified-pw"}}}})";
    const std::string masked = mask_secret_values(text);
    for (const char* secret : {"hunter2", "KEYDATA", "p12pass", "unified-pw"}) {
        BOOST_TEST(!contains(masked, secret), secret << " in " << masked);
    }
    BOOST_TEST(contains(masked, R"("db_password":"*******")"), masked);
    BOOST_TEST(contains(masked, R"("db_user":"root")"), masked);  // neighbours stay readable
    BOOST_TEST(masked.size() == text.size());
}

BOOST_AUTO_TEST_CASE(masking_keeps_every_line_and_column)
{
    const std::string text = "{\r\n  \"password\": \"\xE5\xAF\x86\xE7\xA0\x81-x\",\r\n\t\"name\": \"DRS\"\r\n}";
    const std::string masked = mask_secret_values(text);
    BOOST_TEST(!contains(masked, "\xE5\xAF\x86"));
    const drslint::parse::LineMap before(text), after(masked);
    for (std::size_t line = 1; line <= 5; ++line) {
        BOOST_TEST(code_points(before.line(line)) == code_points(after.line(line)), "line " << line);
    }
    BOOST_TEST(std::string(after.line(2)) == R"(  "password": "****",)");
    BOOST_TEST(std::string(after.line(3)) == "\t\"name\": \"DRS\"");
}

BOOST_AUTO_TEST_CASE(secret_values_of_every_type_are_masked_whole)
{
    BOOST_TEST(mask_secret_values(R"({"password": 12345, "a": 1})") == R"({"password": *****, "a": 1})");
    BOOST_TEST(mask_secret_values(R"({"password": true})") == R"({"password": ****})");
    const std::string nested = R"({"db_password": {"a": "}\"]", "b": [1, {"c": "x"}]}, "name": "visible"})";
    const std::string masked = mask_secret_values(nested);
    BOOST_TEST(!contains(masked, "\"a\""), masked);
    BOOST_TEST(!contains(masked, "\"x\""), masked);
    BOOST_TEST(contains(masked, R"("name": "visible")"), masked);
}

BOOST_AUTO_TEST_CASE(escaped_and_misspelled_secret_names_are_secrets_too)
{
    BOOST_TEST(!contains(mask_secret_values(R"({"pass\u0077ord": "hunter2"})"), "hunter2"));
    BOOST_TEST(!contains(mask_secret_values(R"({"db_pasword": "hunter2"})"), "hunter2"));
    BOOST_TEST(!contains(mask_secret_values(R"({"DB_PASSWORD": "hunter2"})"), "hunter2"));
    BOOST_TEST(drslint::core::is_secret_member("ssl_cert_pasword"));
    BOOST_TEST(!drslint::core::is_secret_member("is_set_password"));
    BOOST_TEST(!drslint::core::is_secret_member("db_user"));
}

BOOST_AUTO_TEST_CASE(a_value_that_reads_password_is_not_a_name)
{
    const std::string text = R"({"type": "password", "name": "visible", "list": ["password", "also-visible"]})";
    BOOST_TEST(mask_secret_values(text) == text);
}

BOOST_AUTO_TEST_CASE(secrets_in_text_that_is_not_json_are_masked)
{
    // After the syntax error, where the parser never looks.
    BOOST_TEST(!contains(mask_secret_values(R"({"a": , "password": "hunter2"})"), "hunter2"));
    // A missing colon; single quotes; bare words.
    BOOST_TEST(!contains(mask_secret_values(R"({"password" "hunter2"})"), "hunter2"));
    BOOST_TEST(!contains(mask_secret_values(R"({'password': 'hunter2'})"), "hunter2"));
    BOOST_TEST(!contains(mask_secret_values("{password: hunter2 xyz}"), "hunter2"));
    BOOST_TEST(!contains(mask_secret_values("{password: hunter2 xyz}"), "xyz"));
    BOOST_TEST(!contains(mask_secret_values("{password: hunter2,xyz}\n"), "xyz"));
    // A header in an .http file is a bare name and a bare value, to the end of the line.
    BOOST_TEST(mask_secret_values("PUT /v5/p/jobs/j\nX-Auth-Token: abc,def\nHost: x\n") ==
               "PUT /v5/p/jobs/j\nX-Auth-Token: *******\nHost: x\n");
    // A secret string that never ends hides everything after it, on every later line.
    const std::string unterminated = "{\"password\": \"hunter2\n  more-secret\", \"x\": 1}\n";
    const std::string masked = mask_secret_values(unterminated);
    BOOST_TEST(!contains(masked, "hunter2"));
    BOOST_TEST(!contains(masked, "more-secret"));
    BOOST_TEST(std::count(masked.begin(), masked.end(), '\n') == 2);
    // A container that never closes.
    BOOST_TEST(!contains(mask_secret_values(R"({"password": {"a": "hunter2")"), "hunter2"));
}

BOOST_AUTO_TEST_CASE(masking_deeply_nested_text_needs_no_stack)
{
    const std::string deep = std::string(200000, '[') + R"({"password": "hunter2"})" + std::string(200000, ']');
    BOOST_TEST(!contains(mask_secret_values(deep), "hunter2"));
    const std::string secret_deep = R"({"password": )" + std::string(200000, '[') + "\"hunter2\"" + std::string(200000, ']') + "}";
    BOOST_TEST(!contains(mask_secret_values(secret_deep), "hunter2"));
}

BOOST_AUTO_TEST_CASE(redacted_source_lines_end_where_line_map_ends_them)
{
    const auto source = drslint::RedactedSource::from("a\r\nb\rc\n\nd");
    BOOST_TEST(std::string(source.line(1)) == "a");
    BOOST_TEST(std::string(source.line(2)) == "b");
    BOOST_TEST(std::string(source.line(3)) == "c");
    BOOST_TEST(std::string(source.line(4)) == "");
    BOOST_TEST(std::string(source.line(5)) == "d");
    BOOST_TEST(std::string(source.line(6)) == "");
    BOOST_TEST(drslint::RedactedSource().empty());
    // A clean file keeps no copy of its text.
    BOOST_TEST(result("a.json", "{}", {}).source.empty());
}

// ---- globs ----

BOOST_AUTO_TEST_CASE(globs_match_whole_relative_paths)
{
    using drslint::input::glob_match;
    BOOST_TEST(glob_match("**/*.json", "a.json"));
    BOOST_TEST(glob_match("**/*.json", "x/y/a.json"));
    BOOST_TEST(glob_match("*.json", "a.json"));
    BOOST_TEST(!glob_match("*.json", "x/a.json"));  // '*' stays within a directory
    BOOST_TEST(glob_match("x/**", "x/a/b.json"));
    BOOST_TEST(!glob_match("x/**", "y/a.json"));
    BOOST_TEST(glob_match("x/**/b.json", "x/b.json"));
    BOOST_TEST(glob_match("draft-?.json", "draft-1.json"));
    BOOST_TEST(glob_match("[ab].json", "b.json"));
    BOOST_TEST(!glob_match("[ab].json", "c.json"));
    const std::string odd = "we*ird [1]?.json";
    BOOST_TEST(glob_match(drslint::input::glob_escape(odd), odd));
    BOOST_TEST(!glob_match(drslint::input::glob_escape(odd), "weXird [1]?.json"));
    BOOST_TEST(!glob_match(drslint::input::glob_escape(odd), "we*ird 1X.json"));
}

// ---- config ----

BOOST_AUTO_TEST_CASE(a_config_reads_rules_ignores_and_fail_severity)
{
    const Config c = config_from(R"({
        "rules": {"unknown-member": "off", "string-length": "warning"},
        "ignore": [{"rule": "enum-value", "pointer": "/job/type", "files": "legacy/**", "reason": "old bodies"},
                   {"pointer": "/job/params/speed_limit/**"}],
        "failSeverity": "warning"})");
    BOOST_TEST(c.rules.at("unknown-member").has_value() == false);
    BOOST_TEST(*c.rules.at("string-length") == Severity::warning);
    BOOST_TEST_REQUIRE(c.ignore.size() == 2u);
    BOOST_TEST(*c.ignore[0].files == "legacy/**");
    BOOST_TEST(!c.ignore[1].rule.has_value());
    BOOST_TEST(*c.fail_severity == Severity::warning);
    BOOST_TEST(c.directory == fs::path("/work/repo"));
    // Written back, it reads the same.
    const Config again = config_from(drslint::to_json(c));
    BOOST_TEST(drslint::to_json(again) == drslint::to_json(c));
    BOOST_TEST(again.rules == c.rules);
}

BOOST_AUTO_TEST_CASE(a_config_that_cannot_be_used_says_where_and_why)
{
    BOOST_TEST(contains(config_error(R"({"rulez": {}})"), "rulez: unknown key"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-membr": "off"}})"), "did you mean 'unknown-member'"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-member": "loud"}})"), "rules.unknown-member"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-member": 1}})"), "rules.unknown-member"));
    BOOST_TEST(contains(config_error(R"({"failSeverity": "fatal"})"), "failSeverity"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{}]})"), "ignore[0]"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"rule": "enum-value", "colour": 1}]})"), "ignore[0].colour"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"pointer": "job/type"}]})"), "not a JSON Pointer"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"pointer": "/a~2b"}]})"), "not a JSON Pointer"));
    BOOST_TEST(contains(config_error(R"({"ignore": {"rule": "enum-value"}})"), "ignore: expected an array"));
    BOOST_TEST(contains(config_error("{\"rules\": {}\n,}"), "not valid JSON at line 2"));
    BOOST_TEST(contains(config_error(R"({"rules": {}, "rules": {}})"), "more than once"));
    BOOST_TEST(contains(config_error("[]"), "expected an object"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-member": "off"}})"), "(accepted)"));
}

BOOST_AUTO_TEST_CASE(a_config_cannot_silence_input_that_was_not_checked)
{
    BOOST_TEST(contains(config_error(R"({"rules": {"invalid-json": "off"}})"), "cannot be turned off"));
    BOOST_TEST(contains(config_error(R"({"rules": {"input-too-large": "warning"}})"), "cannot be turned off or lowered"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"rule": "too-many-findings"}]})"), "cannot be ignored"));
    BOOST_TEST(contains(config_error(R"({"rules": {"invalid-json": "error"}})"), "(accepted)"));
    // An entry without a rule matches everything else, but not these.
    const Config c = config_from(R"({"ignore": [{"pointer": "/**"}]})");
    Report report;
    report.findings = {finding("invalid-json", Severity::error, "", 1, 1, 1, 2),
                       finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2)};
    std::size_t suppressed = 0;
    const Report out = drslint::apply_config(c, std::string("a.json"), report, suppressed);
    BOOST_TEST_REQUIRE(out.findings.size() == 1u);
    BOOST_TEST(out.findings[0].rule == "invalid-json");
    BOOST_TEST(suppressed == 1u);
}

BOOST_AUTO_TEST_CASE(config_turns_rules_off_changes_severity_and_ignores_by_rule_pointer_and_glob)
{
    const Config c = config_from(R"({
        "rules": {"unknown-member": "off", "string-length": "info"},
        "ignore": [{"rule": "enum-value", "pointer": "/job/type", "files": "legacy/**/*.json"},
                   {"rule": "type-mismatch", "pointer": "/job/params/speed_limit/**"}]})");
    Report report;
    report.findings = {finding("unknown-member", Severity::warning, "/job/x", 1, 1, 1, 2),
                       finding("string-length", Severity::error, "/job/params/base_info/name", 1, 1, 1, 2),
                       finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2),
                       finding("type-mismatch", Severity::error, "/job/params/speed_limit/1/speed", 1, 1, 1, 2),
                       finding("type-mismatch", Severity::error, "/job/params/speed_limit", 1, 1, 1, 2),
                       finding("type-mismatch", Severity::error, "/job/params/speed_limits", 1, 1, 1, 2)};
    std::size_t suppressed = 0;
    const Report legacy = drslint::apply_config(c, std::string("legacy/2023/a.json"), report, suppressed);
    BOOST_TEST(suppressed == 3u);
    BOOST_TEST_REQUIRE(legacy.findings.size() == 2u);
    BOOST_TEST(legacy.findings[0].rule == "string-length");
    BOOST_TEST(legacy.findings[0].severity == Severity::info);
    BOOST_TEST(legacy.findings[1].pointer == "/job/params/speed_limits");  // a prefix ends at a '/'

    suppressed = 0;
    const Report current = drslint::apply_config(c, std::string("current/a.json"), report, suppressed);
    BOOST_TEST(suppressed == 2u);
    BOOST_TEST(current.findings.size() == 3u);  // the enum-value finding is outside legacy/
    suppressed = 0;
    const Report stdin_report = drslint::apply_config(c, std::nullopt, report, suppressed);
    BOOST_TEST(stdin_report.findings.size() == 3u);  // a `files` glob never matches standard input
}

BOOST_AUTO_TEST_CASE(fail_severity_comes_from_the_flag_then_the_config)
{
    const Config warn = config_from(R"({"failSeverity": "warning"})");
    const auto w = finding("unknown-member", Severity::warning, "/x", 1, 2, 1, 5);
    BOOST_TEST(!result("a.json", "{}", {w}).failed());
    BOOST_TEST(result("a.json", "{}", {w}, warn).failed());
    BOOST_TEST(!result("a.json", "{}", {w}, warn, Severity::error).failed());
    BOOST_TEST(result("a.json", "{}", {w}, Config(), Severity::info).failed());
}

BOOST_AUTO_TEST_CASE(a_baseline_ignores_exactly_todays_findings)
{
    const Config in_effect = config_from(R"({"rules": {"unknown-member": "info"}, "failSeverity": "info",
                                             "ignore": [{"rule": "enum-value", "files": "old/*.json"}]})",
                                         "/work/repo/sub/.drslint.json");
    std::vector<FileResult> results = {
        result("/work/repo/sub/x/we*ird.json", "{}",
               {finding("string-length", Severity::error, "/job/params/base_info/name", 1, 1, 1, 2),
                finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2),
                finding("enum-value", Severity::error, "/job/type", 1, 3, 1, 4),
                finding("invalid-json", Severity::error, "", 1, 1, 1, 2),
                finding("duplicate-key", Severity::error, "/job/params", 1, 5, 1, 6)})};
    std::size_t left_out = 0;
    const Config baseline = drslint::make_baseline(in_effect, "/work/repo/baseline.json", results, left_out);
    BOOST_TEST(left_out == 2u);  // invalid-json and duplicate-key mean unchecked input: never baselined
    BOOST_TEST(*baseline.fail_severity == Severity::info);
    BOOST_TEST(*baseline.rules.at("unknown-member") == Severity::info);
    BOOST_TEST_REQUIRE(baseline.ignore.size() == 3u);  // the carried entry, then two (a repeat is dropped)
    BOOST_TEST(*baseline.ignore[0].files == "sub/old/*.json");  // re-based onto the baseline's directory
    BOOST_TEST(*baseline.ignore[1].files == "sub/x/we\\*ird.json");
    BOOST_TEST(*baseline.ignore[1].pointer == "/job/params/base_info/name");
    // Read back from its own directory, it silences those findings and nothing else.
    const Config read = config_from(drslint::to_json(baseline), "/work/repo/baseline.json");
    Report again;
    again.findings = {finding("string-length", Severity::error, "/job/params/base_info/name", 1, 1, 1, 2),
                      finding("string-length", Severity::error, "/job/params/base_info/description", 1, 1, 1, 2)};
    std::size_t suppressed = 0;
    const Report out = drslint::apply_config(read, std::string("sub/x/we*ird.json"), again, suppressed);
    BOOST_TEST(suppressed == 1u);
    BOOST_TEST_REQUIRE(out.findings.size() == 1u);
    BOOST_TEST(out.findings[0].pointer == "/job/params/base_info/description");
    std::vector<FileResult> from_stdin = {result("-", "{}", {finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2)})};
    BOOST_CHECK_THROW(drslint::make_baseline(Config(), "b.json", from_stdin, left_out), ConfigError);
}

// ---- text ----

BOOST_AUTO_TEST_CASE(text_is_clang_style_with_excerpt_caret_and_pointer)
{
    const std::string text = "{\n  \"job\": {\"type\": \"nmae\"}\n}\n";
    Finding f = finding("enum-value", Severity::error, "/job/type", 2, 19, 2, 25, "`job.type` is \"nmae\"");
    f.suggestion = "name";
    const std::string out = render(drslint::format::Format::text, {result("a.json", text, {f})});
    const auto lines = lines_of(out);
    BOOST_TEST_REQUIRE(lines.size() == 6u, out);
    BOOST_TEST(lines[0] == "a.json:2:19: error: `job.type` is \"nmae\" [enum-value]");
    BOOST_TEST(lines[1] == "    2 |   \"job\": {\"type\": \"nmae\"}");
    BOOST_TEST(lines[2] == "      |                   ^~~~~~");
    BOOST_TEST(lines[3] == "      |                   \"name\"");  // the fix-it, under what it replaces
    BOOST_TEST(lines[4] == "      = at /job/type");
    BOOST_TEST(lines[5] == "1 file checked: 1 error, 0 warnings");
    BOOST_TEST(!contains(out, "\x1b["));
}

BOOST_AUTO_TEST_CASE(text_underlines_by_code_point_after_tabs_crlf_and_wide_characters)
{
    // A tab expands to the next multiple of 8.
    const std::string tabbed = "{\r\n\t\"name\": \"DRS\"\r\n}";
    std::string out = render(drslint::format::Format::text,
                             {result("t.json", tabbed, {finding("string-length", Severity::error, "/name", 2, 10, 2, 15)})});
    BOOST_TEST(source_line(out) == "        \"name\": \"DRS\"", out);  // no '\r' left at the end
    BOOST_TEST(caret_line(out) == "                ^~~~~", out);
    // Two CJK characters (two cells each) and an accented letter before the span.
    const std::string wide = "{\"d\": \"\xE4\xB8\xAD\xE6\x96\x87\", \"\xC3\xA9\": \"DRS\"}";
    out = render(drslint::format::Format::text,
                 {result("w.json", wide, {finding("string-length", Severity::error, "/\xC3\xA9", 1, 18, 1, 23)})});
    BOOST_TEST(caret_line(out) == std::string(19, ' ') + "^~~~~", out);
    // Control characters are not sent to the terminal.
    out = render(drslint::format::Format::text,
                 {result("c.json", "{\"a\x1b[2J\": 1}", {finding("invalid-json", Severity::error, "", 1, 4, 1, 5)})});
    BOOST_TEST(!contains(out, "\x1b"));
    BOOST_TEST(source_line(out) == "{\"a?[2J\": 1}", out);
    // Nor are bidirectional overrides, which would reorder the line on screen (U+202E).
    out = render(drslint::format::Format::text,
                 {result("b.json", "{\"a\xE2\x80\xAE\": 1}", {finding("invalid-json", Severity::error, "", 1, 4, 1, 5)})});
    BOOST_TEST(source_line(out) == "{\"a?\": 1}", out);
    BOOST_TEST(caret_line(out) == "   ^", out);
}

BOOST_AUTO_TEST_CASE(text_spans_over_lines_underline_to_the_end_of_the_first)
{
    const std::string text = "{\"a\": {\n  \"b\": 1\n}}";
    const std::string out = render(drslint::format::Format::text,
                                   {result("m.json", text, {finding("type-mismatch", Severity::error, "/a", 1, 7, 3, 2)})});
    BOOST_TEST(caret_line(out) == "      ^", out);
    // An error at the very end of the input points just past the last character.
    const std::string eof = render(drslint::format::Format::text,
                                   {result("e.json", "{\"a\": ", {finding("invalid-json", Severity::error, "", 1, 7, 1, 7)})});
    BOOST_TEST(caret_line(eof) == "      ^", eof);
}

BOOST_AUTO_TEST_CASE(text_shows_a_window_of_a_long_line)
{
    std::string text = "{\"a\": [";
    for (int i = 0; i < 300; ++i) text += "1, ";
    const std::size_t column = code_points(text) + 1;
    text += "\"bad\", 2]}";
    const std::string out = render(drslint::format::Format::text,
                                   {result("long.json", text, {finding("type-mismatch", Severity::error, "/a/300", 1, column, 1, column + 5)})});
    const std::string source = source_line(out);
    BOOST_TEST(source.size() <= 110u, source);
    BOOST_TEST(source.rfind("...", 0) == 0, source);
    const std::string caret = caret_line(out);
    BOOST_TEST(source.substr(caret.find('^'), 5) == "\"bad\"", out);
}

BOOST_AUTO_TEST_CASE(text_colour_only_when_asked)
{
    const auto r = result("a.json", "{\"x\": 1}", {finding("unknown-member", Severity::warning, "/x", 1, 2, 1, 5)});
    const std::string plain = render(drslint::format::Format::text, {r}, false);
    const std::string colour = render(drslint::format::Format::text, {r}, true);
    BOOST_TEST(!contains(plain, "\x1b["));
    BOOST_TEST(contains(colour, "\x1b[1;35mwarning:\x1b[0m"), colour);
    BOOST_TEST(contains(colour, "\x1b[1;32m^~~\x1b[0m"), colour);
}

// ---- secrets in every format ----

BOOST_AUTO_TEST_CASE(no_format_prints_a_secret)
{
    for (const auto& text : drslint_test::secret_bodies()) {
        const Report report = linter().lint(text);
        BOOST_TEST_REQUIRE(report.findings.size() >= 2u, text);
        BOOST_TEST(std::any_of(report.findings.begin(), report.findings.end(),
                               [](const Finding& f) { return f.rule == "type-mismatch"; }));
        const auto r = drslint::finish_file("s.json", text, report, Config(), std::nullopt);
        for (const auto& name : drslint::format::format_names()) {
            const std::string out = render(*drslint::format::parse_format(name), {r});
            for (const auto& secret : drslint_test::secret_values()) {
                BOOST_TEST(!contains(out, secret), name << " shows " << secret << ": " << out);
            }
        }
    }
    const std::string& body = drslint_test::secret_bodies()[0];
    const std::string text_out = render(drslint::format::Format::text,
                                        {drslint::finish_file("s.json", body, linter().lint(body), Config(), std::nullopt)});
    BOOST_TEST(contains(text_out, R"("db_password": *********)"), text_out);
}

// ---- json ----

BOOST_AUTO_TEST_CASE(json_carries_positions_expected_suggestion_and_suppressed)
{
    Finding f = finding("enum-value", Severity::error, "/job/type", 1, 18, 1, 24, "bad");
    f.expected = "`name`";
    f.suggestion = "name";
    auto r = result("a.json", R"({"job": {"type": "nmae"}})", {f});
    r.suppressed = 2;
    rapidjson::Document d;
    d.Parse(render(drslint::format::Format::json, {r}).c_str());
    BOOST_TEST_REQUIRE(!d.HasParseError());
    const auto& j = d["files"][0]["findings"][0];
    BOOST_TEST(j["line"].GetInt() == 1);
    BOOST_TEST(j["column"].GetInt() == 18);
    BOOST_TEST(j["endLine"].GetInt() == 1);
    BOOST_TEST(j["endColumn"].GetInt() == 24);
    BOOST_TEST(std::string(j["expected"].GetString()) == "`name`");
    BOOST_TEST(std::string(j["suggestion"].GetString()) == "name");
    BOOST_TEST(d["summary"]["suppressed"].GetInt() == 2);
}

// ---- sarif ----

BOOST_AUTO_TEST_CASE(sarif_has_rules_levels_regions_and_repository_relative_uris)
{
    const std::vector<FileResult> results = {
        result("examples/a b.json", "{}",
               {finding("enum-value", Severity::error, "/job/type", 3, 5, 3, 11, "msg"),
                finding("unknown-member", Severity::info, "/x", 4, 1, 4, 4)}),
        result("/elsewhere/c.json", "{}", {finding("string-length", Severity::warning, "/y", 1, 2, 1, 3)}),
        result("-", "{}", {finding("invalid-json", Severity::error, "", 1, 1, 1, 2)}),
    };
    rapidjson::Document d;
    d.Parse(render(drslint::format::Format::sarif, results).c_str());
    BOOST_TEST_REQUIRE(!d.HasParseError());
    BOOST_TEST(std::string(d["version"].GetString()) == "2.1.0");
    const auto& run = d["runs"][0];
    const auto& rules = run["tool"]["driver"]["rules"];
    BOOST_TEST(rules.Size() == linter().rules().size());
    BOOST_TEST(std::string(run["columnKind"].GetString()) == "unicodeCodePoints");
    BOOST_TEST(std::string(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].GetString()) == "file:///work/repo/");
    const auto& results_json = run["results"];
    BOOST_TEST_REQUIRE(results_json.Size() == 4u);
    for (const auto& r : results_json.GetArray()) {
        const auto& rule = rules[r["ruleIndex"].GetUint()];
        BOOST_TEST(std::string(rule["id"].GetString()) == r["ruleId"].GetString());
        BOOST_TEST(rule["shortDescription"]["text"].GetStringLength() > 0u);
        BOOST_TEST(rule["help"]["text"].GetStringLength() > 0u);
    }
    const auto& first = results_json[0];
    BOOST_TEST(std::string(first["level"].GetString()) == "error");
    BOOST_TEST(std::string(results_json[1]["level"].GetString()) == "note");
    BOOST_TEST(std::string(results_json[2]["level"].GetString()) == "warning");
    const auto& location = first["locations"][0]["physicalLocation"];
    BOOST_TEST(std::string(location["artifactLocation"]["uri"].GetString()) == "examples/a%20b.json");
    BOOST_TEST(std::string(location["artifactLocation"]["uriBaseId"].GetString()) == "%SRCROOT%");
    BOOST_TEST(location["region"]["startLine"].GetInt() == 3);
    BOOST_TEST(location["region"]["startColumn"].GetInt() == 5);
    BOOST_TEST(location["region"]["endLine"].GetInt() == 3);
    BOOST_TEST(location["region"]["endColumn"].GetInt() == 11);
    BOOST_TEST(std::string(first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].GetString()) == "/job/type");
    const auto& outside = results_json[2]["locations"][0]["physicalLocation"]["artifactLocation"];
    BOOST_TEST(std::string(outside["uri"].GetString()) == "file:///elsewhere/c.json");
    BOOST_TEST(!outside.HasMember("uriBaseId"));
    BOOST_TEST(std::string(results_json[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].GetString()) == "stdin");
    for (const auto& rule : rules.GetArray()) {
        if (std::string(rule["id"].GetString()) == "name-starts-with-letter") {
            BOOST_TEST(std::string(rule["defaultConfiguration"]["level"].GetString()) == "warning");
        }
    }
}

// ---- github ----

BOOST_AUTO_TEST_CASE(github_workflow_commands_are_escaped)
{
    const std::vector<FileResult> results = {
        result("dir/a,b:c.json", "{}",
               {finding("enum-value", Severity::error, "/job/type", 2, 5, 2, 11, "100% wrong\r\nreally"),
                finding("unknown-member", Severity::warning, "/x", 3, 1, 5, 2, "w"),
                finding("required-member", Severity::info, "", 1, 1, 1, 2, "i")}),
        result("-", "{}", {finding("string-length", Severity::error, "/y", 1, 2, 1, 3, "s")})};
    const auto lines = lines_of(render(drslint::format::Format::github, results));
    BOOST_TEST_REQUIRE(lines.size() == 5u);
    BOOST_TEST(lines[0] ==
               "::error file=dir/a%2Cb%3Ac.json,line=2,col=5,endLine=2,endColumn=10,title=enum-value::"
               "100%25 wrong%0D%0Areally (at /job/type)");
    BOOST_TEST(lines[1] == "::warning file=dir/a%2Cb%3Ac.json,line=3,endLine=5,title=unknown-member::w (at /x)");
    BOOST_TEST(lines[2] == "::notice file=dir/a%2Cb%3Ac.json,line=1,col=1,endLine=1,endColumn=1,title=required-member::i");
    BOOST_TEST(lines[3] == "::error line=1,col=2,endLine=1,endColumn=2,title=string-length::s (at /y)");
    BOOST_TEST(lines[4] == "2 files checked: 2 errors, 1 warning, 1 info");
}

// ---- junit ----

BOOST_AUTO_TEST_CASE(junit_has_a_suite_per_file_and_a_case_per_finding)
{
    const std::vector<FileResult> results = {
        result("a&b.json", "{}",
               {finding("enum-value", Severity::error, "/job/type", 2, 5, 2, 11, "is \"<nmae>\""),
                finding("unknown-member", Severity::warning, "/x", 3, 1, 3, 4, "w")}),
        result("clean.json", "{}", {})};
    const std::string out = render(drslint::format::Format::junit, results);
    BOOST_TEST(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"drslint\" tests=\"3\" failures=\"1\"", 0) == 0, out);
    BOOST_TEST(contains(out, "<testsuite name=\"a&amp;b.json\" tests=\"2\" failures=\"1\""), out);
    BOOST_TEST(contains(out, "<testcase name=\"enum-value at /job/type\" classname=\"a&amp;b.json\">"), out);
    BOOST_TEST(contains(out, "<failure message=\"is &quot;&lt;nmae&gt;&quot;\" type=\"enum-value\">"), out);
    // A warning below the fail severity is a passing case that still says what was found.
    BOOST_TEST(contains(out, "<testcase name=\"unknown-member at /x\" classname=\"a&amp;b.json\">\n      <system-out>"), out);
    BOOST_TEST(contains(out, "<testsuite name=\"clean.json\" tests=\"1\" failures=\"0\""), out);
    BOOST_TEST(contains(out, "<testcase name=\"no findings\" classname=\"clean.json\"/>"), out);
    BOOST_TEST(!contains(out, "<nmae>"));
    // With warnings failing, the warning is a failure too.
    const std::string strict = render(drslint::format::Format::junit,
                                      {result("a.json", "{}", {finding("unknown-member", Severity::warning, "/x", 3, 1, 3, 4, "w")},
                                              Config(), Severity::warning)});
    BOOST_TEST(contains(strict, "<failure message=\"w\" type=\"unknown-member\">"), strict);
}

BOOST_AUTO_TEST_CASE(format_names_round_trip)
{
    for (const auto& name : drslint::format::format_names()) {
        BOOST_TEST(drslint::format::parse_format(name).has_value());
    }
    BOOST_TEST(drslint::format::format_names().size() == 5u);
    BOOST_TEST(!drslint::format::parse_format("yaml").has_value());
}

// How a message names a place: the last two member names, the indexes between them, member names
// unescaped and printable.
BOOST_AUTO_TEST_CASE(places_are_named_by_their_last_two_members)
{
    using drslint::core::describe_pointer;
    BOOST_TEST(describe_pointer("") == "the body");
    BOOST_TEST(describe_pointer("no-slash") == "the body");
    BOOST_TEST(describe_pointer("/job/params/speed_limit/1/end") == "`speed_limit[1].end`");
    BOOST_TEST(describe_pointer("/job") == "`job`");
    BOOST_TEST(describe_pointer("/0/name") == "`[0].name`");
    BOOST_TEST(describe_pointer("/a/b~1c/d~0e") == "`b/c.d~e`");
    BOOST_TEST(describe_pointer("/x/a//b") == "`.b`");  // an empty member name is a name too
    BOOST_TEST(describe_pointer("/x/t\x1b[31m") == "`x.t\\u001b[31m`");
}

// The did-you-mean distance: swaps count once, case does not count, and a bound stops it early
// without changing any answer within the bound.
BOOST_AUTO_TEST_CASE(edit_distance_and_its_bound)
{
    using drslint::core::edit_distance;
    BOOST_TEST(edit_distance("speed_limit", "speedlimit") == 1u);
    BOOST_TEST(edit_distance("base_info", "base_ifno") == 1u);
    BOOST_TEST(edit_distance("DB_Name", "db_name") == 0u);
    BOOST_TEST(edit_distance("", "abc") == 3u);
    BOOST_TEST(edit_distance("kitten", "sitting") == 3u);
    BOOST_TEST(edit_distance("kitten", "sitting", 3) == 3u);
    BOOST_TEST(edit_distance("kitten", "sitting", 1) > 1u);
    BOOST_TEST(edit_distance("policy_config", "speed_limit", 2) > 2u);
    BOOST_TEST(drslint::core::closest_match("speedlimit", {"speed_limit", "policy_config", "speed"}) == "speed_limit");
    BOOST_TEST(drslint::core::closest_match("zzzzzz", {"speed_limit", "name"}).empty());
}


// Found by the fuzzer: a file name went into every format raw, so a name with invalid UTF-8 made
// the JSON and XML invalid, and a newline in a name forged a line of text output.
BOOST_AUTO_TEST_CASE(file_names_are_printed_printably_in_every_format)
{
    const std::string name = "a\xF2\xF2\nb.json: error: forged\x1b[31m.json";
    const std::vector<FileResult> results = {
        result(name, "{}", {finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2)})};
    for (const auto& format_name : drslint::format::format_names()) {
        std::ostringstream out;
        drslint::format::write(out, *drslint::format::parse_format(format_name), results, context());
        const std::string text = out.str();
        BOOST_TEST(drslint::test::valid_utf8(text), format_name);
        BOOST_TEST(text.find('\x1b') == std::string::npos, format_name);
        BOOST_TEST(text.find("\nb.json: error: forged") == std::string::npos, format_name << ": " << text);
        if (format_name == "json" || format_name == "sarif") {
            rapidjson::Document document;
            document.Parse<rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
            BOOST_TEST(!document.HasParseError(), format_name << ": " << text);
        }
    }
}
