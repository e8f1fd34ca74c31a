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
