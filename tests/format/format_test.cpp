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
    for (const auto format : {Format::text, Format::github, Format::json, Format::jsonl}) {
        // 2 and 7 cut the json document inside the second and the third RenderedPart; 100 keeps all.
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
            BOOST_TEST(contains(direct.bytes, "too-many-findings") == (format == Format::json && limit < 100),
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
