// What every output format must do (one binary, format_test, of these sources): never print a
// secret, print any file name printably; and the format names. The report stage and each
// format have a source of their own beside this one.
#define BOOST_TEST_MODULE format
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include "format_support.h"
#include "secret_bodies.h"
#include "../support/text_checks.h"

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

BOOST_AUTO_TEST_CASE(format_names_round_trip)
{
    for (const auto& name : drslint::format::format_names()) {
        BOOST_TEST(drslint::format::parse_format(name).has_value());
    }
    BOOST_TEST(drslint::format::format_names().size() == 6u);  // text json sarif github junit jsonl
    BOOST_TEST(!drslint::format::parse_format("yaml").has_value());
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

// ---- BatchWriter: parts rendered ahead, printed in order ----

namespace {

// A batch's parts as finish_file makes them (no source), with findings of every severity, a part
// with none, one with suppressions and one at its fail severity.
std::vector<FileResult> batch_parts()
{
    std::vector<FileResult> parts;
    for (std::size_t line = 1; line <= 6; ++line) {
        std::vector<Finding> findings;
        for (std::size_t i = 0; i < line % 4; ++i) {
            const Severity s = i == 0 ? Severity::warning : i == 1 ? Severity::info : Severity::error;
            findings.push_back(finding("type-mismatch", s, "/job/" + std::to_string(i), line, 2 + i, line, 9 + i,
                                       "message \"" + std::to_string(line) + "\""));
        }
        FileResult part = result("batch.jsonl", "", std::move(findings));
        part.suppressed = line == 3 ? 2 : 0;
        parts.push_back(std::move(part));
    }
    return parts;
}

struct Printed {
    std::string bytes;
    drslint::format::Summary summary;
    bool failed = false;
};

// The batch printed by add(FileResult) (`ahead` false) or rendered into RenderedParts, two parts
// in the second and the rest in a third, then added (`ahead` true).
Printed print_batch(drslint::format::Format format, std::size_t limit, bool ahead)
{
    const auto parts = batch_parts();
    std::ostringstream out;
    Printed printed;
    {
        drslint::format::BatchWriter writer(out, format, context(), limit, [](std::size_t l, std::size_t more) {
            return linter().too_many_findings(l, more, false);
        });
        writer.begin_file(drslint::finish_file("batch.jsonl", {}, {}, Config(), std::nullopt));
        if (ahead) {
            std::vector<drslint::format::RenderedPart> rendered(3);
            for (std::size_t i = 0; i < parts.size(); ++i) writer.render(parts[i], rendered[i == 0 ? 0 : i <= 2 ? 1 : 2]);
            for (auto& r : rendered) writer.add(r);
            writer.add(rendered[1]);  // emptied by add: prints and counts nothing
        } else {
            for (const auto& part : parts) writer.add(part);
        }
        writer.end_file();
        writer.finish();
        printed.summary = writer.summary();
        printed.failed = writer.failed();
    }
    printed.bytes = out.str();
    return printed;
}

}  // namespace

BOOST_AUTO_TEST_CASE(parts_rendered_ahead_print_what_adding_them_prints)
{
    using drslint::format::Format;
    for (const auto format : {Format::text, Format::github, Format::json, Format::jsonl, Format::sarif, Format::junit}) {
        // 2 and 7 cut a document inside the second and the third RenderedPart; 100 keeps all.
        for (const std::size_t limit : {2u, 7u, 100u}) {
            const Printed direct = print_batch(format, limit, false);
            const Printed ahead = print_batch(format, limit, true);
            const int f = static_cast<int>(format);
            BOOST_TEST(ahead.bytes == direct.bytes, "format " << f << ", limit " << limit);
            BOOST_TEST(ahead.summary.errors == direct.summary.errors, "format " << f << ", limit " << limit);
            BOOST_TEST(ahead.summary.warnings == direct.summary.warnings, "format " << f << ", limit " << limit);
            BOOST_TEST(ahead.summary.infos == direct.summary.infos, "format " << f << ", limit " << limit);
            BOOST_TEST(ahead.summary.suppressed == 2u, "format " << f << ", limit " << limit);
            BOOST_TEST(ahead.failed == direct.failed, "format " << f << ", limit " << limit);
            BOOST_TEST(ahead.failed);
            const bool document = format == Format::json || format == Format::sarif || format == Format::junit;
            // (SARIF's tool.driver lists every rule: the result, not the rule.)
            const std::string too_many = format == Format::sarif ? "\"ruleId\": \"too-many-findings\"" : "too-many-findings";
            BOOST_TEST(contains(direct.bytes, too_many) == (document && limit < 100),
                       "format " << f << ", limit " << limit);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_cleared_rendered_part_prints_nothing)
{
    using drslint::format::Format;
    std::ostringstream out;
    drslint::format::BatchWriter writer(out, Format::jsonl, context(), 100, [](std::size_t l, std::size_t more) {
        return linter().too_many_findings(l, more, false);
    });
    writer.begin_file(drslint::finish_file("batch.jsonl", {}, {}, Config(), std::nullopt));
    drslint::format::RenderedPart part;
    writer.render(batch_parts()[1], part);
    part.clear();
    writer.add(part);
    writer.end_file();
    writer.finish();
    BOOST_TEST(writer.summary().warnings == 0u);
    BOOST_TEST(!writer.failed());
    BOOST_TEST(!contains(out.str(), "type-mismatch"), out.str());
}

namespace {

// A batch as the CLI prints it (a file of parts, an input that could not be read, a second file
// with a name to escape), through a BatchWriter that keeps `limit` findings per file in a
// document; the parts rendered ahead, several to a RenderedPart, or added one by one.
std::string batch_through_the_writer(drslint::format::Format format, std::size_t limit, bool ahead)
{
    const auto first = batch_parts();
    const std::vector<FileResult> second = {
        result("b<&\"'>.jsonl", "", {finding("enum-value", Severity::error, "", 0, 0, 0, 0, "x <y> & \"z\"")})};
    std::ostringstream out;
    drslint::format::BatchWriter writer(out, format, context(), limit, [](std::size_t l, std::size_t more) {
        return linter().too_many_findings(l, more, false);
    });
    const auto file = [&](const std::string& name, const std::vector<FileResult>& parts) {
        writer.begin_file(drslint::finish_file(name, {}, {}, Config(), std::nullopt));
        std::vector<drslint::format::RenderedPart> rendered(2);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (ahead) {
                writer.render(parts[i], rendered[i % 2]);
                if (i % 2 == 1) {
                    writer.add(rendered[0]);
                    writer.add(rendered[1]);
                }
            } else {
                writer.add(parts[i]);
            }
        }
        for (auto& r : rendered) writer.add(r);
        writer.end_file();
    };
    file("batch.jsonl", first);
    writer.unchecked(drslint::unchecked_file("gone.jsonl", "cannot read gone.jsonl"));
    file(second[0].file, second);
    writer.finish();
    return out.str();
}

// What write() prints for the same batch: each file one report of its parts' findings (in a
// document, the first `limit` and too-many-findings for the rest) and suppressions.
std::string batch_through_write(drslint::format::Format format, std::size_t limit)
{
    using drslint::format::Format;
    const bool document = format == Format::json || format == Format::sarif || format == Format::junit;
    const auto merge = [&](const std::string& name, const std::vector<FileResult>& parts) {
        std::vector<Finding> findings;
        std::size_t suppressed = 0, more = 0;
        for (const auto& part : parts) {
            suppressed += part.suppressed;
            for (const auto& f : part.report.findings) {
                if (document && findings.size() == limit) {
                    ++more;
                } else {
                    findings.push_back(f);
                }
            }
        }
        if (more != 0) findings.push_back(linter().too_many_findings(limit, more, false));
        FileResult merged = result(name, "", std::move(findings));
        merged.suppressed = suppressed;
        return merged;
    };
    const std::vector<FileResult> second = {
        result("b<&\"'>.jsonl", "", {finding("enum-value", Severity::error, "", 0, 0, 0, 0, "x <y> & \"z\"")})};
    return render(format, {merge("batch.jsonl", batch_parts()),
                           drslint::unchecked_file("gone.jsonl", "cannot read gone.jsonl"), merge(second[0].file, second)});
}

}  // namespace

// The promise of BatchWriter: for the same reports, the bytes of write(), in every format, whether
// the parts are added or rendered ahead, with a document's limit cutting a file or not.
BOOST_AUTO_TEST_CASE(a_batch_writer_prints_what_write_prints_for_the_same_reports)
{
    using drslint::format::Format;
    for (const auto format : {Format::text, Format::github, Format::json, Format::jsonl, Format::sarif, Format::junit}) {
        for (const std::size_t limit : {3u, 100u}) {
            const std::string expected = batch_through_write(format, limit);
            const int f = static_cast<int>(format);
            BOOST_TEST(contains(expected, "type-mismatch"), "format " << f);
            for (const bool ahead : {false, true}) {
                BOOST_TEST(batch_through_the_writer(format, limit, ahead) == expected,
                           "format " << f << ", limit " << limit << ", ahead " << ahead);
            }
        }
    }
}

// SARIF's invocations follow its results, so that the results can be printed as they are found;
// an input that could not be read still makes the run unsuccessful, after them.
BOOST_AUTO_TEST_CASE(sarif_invocations_follow_the_results)
{
    using drslint::format::Format;
    const std::string batch = batch_through_the_writer(Format::sarif, 100, true);
    const auto results = batch.find("\"results\": [");
    const auto invocations = batch.find("\"invocations\": [");
    BOOST_TEST_REQUIRE(results != std::string::npos);
    BOOST_TEST_REQUIRE(invocations != std::string::npos);
    BOOST_TEST(results < invocations);
    BOOST_TEST(batch.find("\"ruleId\"", invocations) == std::string::npos);
    rapidjson::Document document;
    document.Parse(batch.c_str());
    BOOST_TEST_REQUIRE(!document.HasParseError());
    const auto& run = document["runs"][0];
    BOOST_TEST(run["results"].Size() == 10u);  // the batch's 9 findings and the second file's
    BOOST_TEST(!run["invocations"][0]["executionSuccessful"].GetBool());
    BOOST_TEST(std::string(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].GetString()) ==
               "cannot read gone.jsonl");
    const std::string clean = render(Format::sarif, {result("clean.json", "{}", {})});
    BOOST_TEST(contains(clean, "\"results\": [],\n      \"invocations\": [\n        {\n          \"executionSuccessful\": true"),
               clean);
}
