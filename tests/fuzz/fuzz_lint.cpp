// libFuzzer target over the library's entry points: Linter::lint (with default limits, with tight
// ones, and with task contexts that switch the fact-dependent rules on), lint_response,
// lint_request, .http files (parse_http_file, then each request), JSON Lines batches (lint_jsonl),
// parse_task_context, and every output format. Besides crashes, leaks, hangs and undefined
// behaviour (the sanitizers), it traps on a report that breaks an invariant every report must keep,
// on output that is not valid UTF-8 (or, for JSON, SARIF and JUnit, does not parse or is not XML
// text), and on a marker value under a secret name, or a near miss of one, showing in any output.
//
//   cmake --preset fuzz && cmake --build --preset fuzz && ctest --preset fuzz   (README: Fuzzing)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "drslint/config.h"
#include "drslint/file_report.h"
#include "drslint/format.h"
#include "drslint/http.h"
#include "drslint/jsonl.h"
#include "drslint/linter.h"
#include "../support/fix_property.h"
#include "../support/text_checks.h"

namespace {

// Both linters cross-check with valijson, so that every body the fuzzer makes is a differential
// test of drslint's evaluator against the engine of record (check() traps on a disagreement).
drslint::Options cross_checking()
{
    drslint::Options options;
    options.cross_check_with_valijson = true;
    return options;
}

drslint::Linter make_tight_linter()
{
    drslint::Options options = cross_checking();
    options.limits.max_input_bytes = 4096;
    options.limits.max_depth = 6;
    options.limits.max_pattern_length = 8;
    options.limits.max_findings = 3;
    return drslint::Linter(options);
}

const drslint::Linter& linter()
{
    static const drslint::Linter instance(cross_checking());
    return instance;
}

const drslint::Linter& tight()
{
    static const drslint::Linter instance = make_tight_linter();
    return instance;
}

// Every finding has a known rule id and a printable message; pointers and expectations are UTF-8.
void check(const drslint::Report& report, std::size_t max_findings)
{
    if (report.findings.size() > max_findings + 1) __builtin_trap();
    for (const auto& f : report.findings) {
        if (linter().find_rule(f.rule) == nullptr) __builtin_trap();
        // The differential test on fuzzed input: valijson, the engine of record, and drslint's
        // evaluator reached different verdicts.
        if (f.rule == "engine-disagreement") __builtin_trap();
        if (f.message.empty() || !drslint::test::printable_utf8(f.message)) __builtin_trap();
        if (!drslint::test::valid_utf8(f.pointer) || !drslint::test::printable_utf8(f.expected)) __builtin_trap();
        if (!drslint::test::printable_utf8(f.suggestion)) __builtin_trap();
    }
}

drslint::TaskContext context_for(std::size_t size)
{
    static const drslint::TaskContext contexts[] = {
        {},
        {"sync", "mysql-to-mysql", "up", "FULL_INCR_TRANS"},
        {"migration", "mongodb", "down", "FULL_TRANS"},
        {"cloudDataGuard", "mysql-to-mysql", "non-dbs", "INCR_TRANS"},
    };
    return contexts[size % 4];
}

// XML 1.0 text: valid UTF-8 without the C0 controls XML forbids.
bool xml_text(std::string_view text)
{
    for (char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') return false;
    }
    return drslint::test::valid_utf8(text);
}

// Renders `report` of `text` in every format, as the CLI would, under a file name made of fuzzed
// bytes, and returns the outputs. Traps on output that is not valid in its format.
std::vector<std::string> render_all(std::string_view file_name, std::string_view text, drslint::Report report)
{
    std::vector<drslint::format::FileResult> results;
    results.push_back(drslint::finish_file(std::string(file_name.empty() ? "body.json" : file_name), text,
                                                   std::move(report), drslint::Config(), std::nullopt));
    drslint::format::Context context;
    context.rules = &linter().rules();
    context.tool_version = "fuzz";
    context.base_directory = "/work";
    std::vector<std::string> outputs;
    for (const auto& name : drslint::format::format_names()) {
        const auto format = *drslint::format::parse_format(name);
        std::ostringstream out;
        drslint::format::write(out, format, results, context);
        const std::string rendered = out.str();
        if (!drslint::test::valid_utf8(rendered)) __builtin_trap();
        if (format == drslint::format::Format::json || format == drslint::format::Format::sarif) {
            rapidjson::Document document;
            document.Parse<rapidjson::kParseValidateEncodingFlag>(rendered.data(), rendered.size());
            if (document.HasParseError()) __builtin_trap();
        }
        if (format == drslint::format::Format::junit && !xml_text(rendered)) __builtin_trap();
        outputs.push_back(rendered);
    }
    return outputs;
}

// The fix property (issue 14, tests/support/fix_property.h): all offered fixes applied give text
// that parses, with no error they claimed to fix and none new; fixing is idempotent; no edit
// touches a secret `marker`, and no diff of the fixes shows one.
void fixes_hold(std::string_view text, const std::vector<std::string>& markers = {})
{
    const std::string violation = drslint::test::fix_property_violation(linter(), text, markers);
    if (!violation.empty()) {
        std::fprintf(stderr, "fix property: %s\n", violation.c_str());
        __builtin_trap();
    }
    if (markers.empty()) return;
    const drslint::FixResult fixed =
        drslint::fix_until_stable(text, [](std::string_view t) { return linter().lint(t); }, true);
    const std::string diff = drslint::format::unified_diff(text, fixed.text, "secret.json").text;
    for (const auto& marker : markers) {
        if (diff.find(marker) != std::string::npos) __builtin_trap();
    }
}

// The secret property: whatever surrounds it, a value under a secret name (or a near miss of one)
// never shows, nor does a member name below it.
constexpr std::string_view kMarker = "ZQXJ7secret";

void secret_never_shows(std::string_view text)
{
    // The fuzzer learns the marker: where the text itself holds it, outside a secret, it may show.
    if (text.find(kMarker) != std::string_view::npos) return;
    static const char* const kNames[] = {"db_password", "password", "ssl_cert_key", "ssl_cert_password",
                                         "DB_PASSWORD", "dbPassword", "db-password", "Password",
                                         "db_pasword", "ssl_cert_pasword", "new_password", "db_password\\u0000"};
    const std::string name = kNames[text.size() % (sizeof kNames / sizeof kNames[0])];
    // The fuzzed text stands before the marker inside the secret: as it is when it is one JSON
    // value (so it cannot close the secret early), else as a string.
    // RapidJSON's parse ends at a NUL byte, so "{}\0]" would pass for one value and its ']' close
    // the secret: text with a NUL is spliced as a string too.
    rapidjson::Document value;
    value.Parse(text.data(), text.size());
    std::string spliced(text);
    if (value.HasParseError() || text.find('\0') != std::string_view::npos) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        spliced.assign(buffer.GetString(), buffer.GetSize());
    }
    const std::string body = R"({"job": {"type": "tuning_param", "params": {"tuning_params": {"full_sync": {")" + name +
                             "\": [" + spliced + ", \"" + std::string(kMarker) + "\", {\"" +
                             std::string(kMarker) + "\": 1, \"" + std::string(kMarker) + "\": 2}]}}}}}";
    drslint::Report report = linter().lint(body);
    check(report, drslint::Limits().max_findings);
    fixes_hold(body, {std::string(kMarker)});
    for (const auto& f : report.findings) {
        for (const std::string* field : {&f.message, &f.pointer, &f.expected, &f.suggestion}) {
            if (field->find(kMarker) != std::string::npos) __builtin_trap();
        }
    }
    for (const auto& output : render_all("secret.json", body, std::move(report))) {
        if (output.find(kMarker) != std::string::npos) __builtin_trap();
    }
    // In an .http file the token header is the secret.
    const std::string http = "PUT /v5/p/jobs/j\nX-Auth-Token: " + std::string(kMarker) +
                             "\nContent-Type: application/json\n\n" + std::string(text) + "\n";
    for (const auto& request : drslint::parse_http_file(http)) {
        drslint::Report r = linter().lint_request(request);
        for (const auto& output : render_all("secret.http", http, std::move(r))) {
            if (output.find(kMarker) != std::string::npos) __builtin_trap();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const drslint::Limits defaults;
    drslint::Report report = linter().lint(text, context_for(size));
    check(report, defaults.max_findings);
    // The first line names the file, so file names with any bytes reach every formatter.
    render_all(text.substr(0, std::min<std::size_t>(text.find('\n'), 64)), text, std::move(report));
    check(tight().lint(text), 3);
    fixes_hold(text);
    check(linter().lint_response(size % 2 == 0 ? 200 : 400, text), defaults.max_findings);
    drslint::HttpRequest request;
    request.method = "PUT";
    request.target = "/v5/9dc8c0f3f74c4dbb23c29cf0318ee561/jobs/140b5236-88ad-43c8-811c-1268453jb101";
    request.headers = {{"Content-Type", "application/json;charset=utf8", {}, {}}};
    request.body = std::string(text);
    check(linter().lint_request(request), defaults.max_findings);
    // The text as an .http file: its request lines, headers and bodies as written.
    for (const auto& parsed : drslint::parse_http_file(text)) {
        drslint::Report r = linter().lint_request(parsed);
        check(r, defaults.max_findings + 16);  // the request line's and headers' findings come on top
        render_all("fuzz.http", text, std::move(r));
    }
    // The text as a JSON Lines batch.
    std::istringstream lines{std::string(text)};
    drslint::lint_jsonl(tight(), lines, 1, [](drslint::LineReport&& line) { check(line.report, 3); });
    secret_never_shows(text);
    try {
        drslint::parse_task_context(text);
    } catch (const std::invalid_argument&) {
        // Not a JSON object: the documented answer.
    }
    return 0;
}
