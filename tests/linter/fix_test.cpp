// Fixes through the library's API: what is offered, what never is, how they apply, and the
// property (tests/support/fix_property.h) on every golden case.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "drslint/fix.h"
#include "drslint/format.h"
#include "drslint/linter.h"
#include "../support/fix_property.h"
#include "../support/fixtures.h"

namespace {

namespace fs = std::filesystem;
using drslint::test::default_linter;

const drslint::Finding* find(const drslint::Report& report, const std::string& rule, const std::string& pointer = "")
{
    for (const auto& f : report.findings) {
        if (f.rule == rule && (pointer.empty() || f.pointer == pointer)) return &f;
    }
    return nullptr;
}

fs::path golden_cases() { return fs::path(DRSLINT_SOURCE_DIR) / "tests/fix/cases"; }

}  // namespace

BOOST_AUTO_TEST_SUITE(fixes)

// Every kind of fix rules.json declares is offered by at least one golden case, and no case
// offers a kind the catalogue does not declare: the catalogue, the code and the goldens agree.
BOOST_AUTO_TEST_CASE(every_declared_kind_has_a_golden_case_and_nothing_else_is_offered)
{
    std::set<std::string> declared, offered;
    std::map<std::string, drslint::Applicability> applicability;
    for (const auto& rule : default_linter().rules()) {
        for (const auto& fix : rule.fixes) {
            declared.insert(rule.id + " " + fix.kind);
            applicability[rule.id + " " + fix.kind] = fix.applicability;
        }
    }
    BOOST_TEST_REQUIRE(declared.size() >= 12u);
    for (const auto& entry : fs::directory_iterator(golden_cases())) {
        for (const auto& file : fs::directory_iterator(entry.path())) {
            const std::string name = file.path().filename().string();
            if (name.rfind("input.", 0) != 0) continue;
            const std::string text = drslint::test::read_file(file.path());
            const auto report = name == "input.http" ? default_linter().lint_http_file(text) : default_linter().lint(text);
            for (const auto& f : report.findings) {
                if (!f.fix) continue;
                const std::string key = f.rule + " " + f.fix->kind;
                offered.insert(key);
                BOOST_TEST((applicability.count(key) != 0 && applicability[key] == f.fix->applicability), key);
            }
        }
    }
    BOOST_TEST(offered == declared);
}

BOOST_AUTO_TEST_CASE(the_property_holds_on_every_golden_case)
{
    for (const auto& entry : fs::directory_iterator(golden_cases())) {
        const fs::path input = entry.path() / "input.json";
        if (!fs::exists(input)) continue;
        BOOST_TEST(drslint::test::fix_property_violation(default_linter(), drslint::test::read_file(input)) == "",
                   entry.path().filename());
    }
}

BOOST_AUTO_TEST_CASE(edits_are_minimal_and_keep_every_other_byte)
{
    const std::string body = "{\r\n\t\"job\":{\"params\":{\"job_id\":7},\r\n  \"type\":\"re_create\"}}";
    const auto report = default_linter().lint(body);
    const auto* f = find(report, "type-mismatch", "/job/params/job_id");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST_REQUIRE(f->fix.has_value());
    BOOST_TEST(std::string(drslint::to_string(f->fix->applicability)) == "safe");
    BOOST_TEST_REQUIRE(f->fix->edits.size() == 1u);
    const auto& edit = f->fix->edits[0];
    BOOST_TEST(body.substr(edit.offset, edit.length) == "7");
    BOOST_TEST(edit.replacement == "\"7\"");
    BOOST_TEST(edit.begin.line == 2u);
    BOOST_TEST(drslint::apply_fixes(body, report, false) ==
               "{\r\n\t\"job\":{\"params\":{\"job_id\":\"7\"},\r\n  \"type\":\"re_create\"}}");
}

BOOST_AUTO_TEST_CASE(unsafe_fixes_apply_only_when_asked)
{
    const std::string body = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1", "colour": 1}}}})";
    const auto report = default_linter().lint(body);
    const auto* f = find(report, "unknown-member");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST_REQUIRE(f->fix.has_value());
    BOOST_TEST(std::string(drslint::to_string(f->fix->applicability)) == "unsafe");
    BOOST_TEST(drslint::count_fixes(report, false) == 0u);
    BOOST_TEST(drslint::count_fixes(report, true) == 1u);
    BOOST_TEST(drslint::apply_fixes(body, report, false) == body);
    BOOST_TEST(drslint::apply_fixes(body, report, true) ==
               R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1"}}}})");
}

// A fix is offered only when the body it makes has no error it did not have: "5" would break the
// name's format (it must start with a letter), so the number is not quoted.
BOOST_AUTO_TEST_CASE(a_fix_that_would_make_a_new_error_is_not_offered)
{
    const auto report = default_linter().lint(R"({"job": {"type": "name", "params": {"base_info": {"name": 5}}}})");
    const auto* f = find(report, "type-mismatch");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(!f->fix.has_value());
    // Nor a rename whose target member is already there (it would be a duplicate).
    const auto twice = default_linter().lint(
        R"({"job": {"type": "name", "params": {"base_info": {"nmae": "DRS-1", "name": "DRS-2"}}}})");
    const auto* g = find(twice, "unknown-member");
    BOOST_TEST_REQUIRE(g != nullptr);
    BOOST_TEST_REQUIRE(g->fix.has_value());
    BOOST_TEST(g->fix->kind == "remove");
}

BOOST_AUTO_TEST_CASE(no_fix_on_a_body_that_is_not_json)
{
    // The invalid-json error explains the body; the mark's warning, at the same place, gives way.
    const auto report = default_linter().lint("\xEF\xBB\xBF{\"job\": {\"type\": 5,}}");
    BOOST_TEST_REQUIRE(find(report, "invalid-json") != nullptr);
    for (const auto& f : report.findings) BOOST_TEST(!f.fix.has_value(), f.rule);
    // On a body that parses, the mark's fix removes its three bytes.
    const auto marked = default_linter().lint("\xEF\xBB\xBF{\"job\": {\"type\": \"re_create\", \"params\": {}}}");
    const auto* mark = find(marked, "byte-order-mark");
    BOOST_TEST_REQUIRE(mark != nullptr);
    BOOST_TEST_REQUIRE(mark->fix.has_value());
    BOOST_TEST(mark->fix->edits[0].offset == 0u);
    BOOST_TEST(mark->fix->edits[0].length == 3u);
}

// Secrets are decided by location: nothing at or inside a secret member is fixed, a duplicate
// secret is not removed, and an unknown member holding a secret is not removed either.
BOOST_AUTO_TEST_CASE(no_fix_touches_a_secret)
{
    const std::vector<std::string> bodies = {
        R"({"job": {"type": "endpoint", "params": {"source_endpoint": {"db_password": 12345678}}}})",
        R"({"job": {"type": "endpoint", "params": {"source_endpoint": {"db_password": "Sekr1t!x", "db_password": "Sekr1t!y"}}}})",
        R"({"job": {"type": "endpoint", "params": {"source_endpoint": {"extra": {"password": "Sekr1t!z"}}}}})",
        R"({"job": {"type": "endpoint", "params": {"source_endpoint": {"db_pasword": "Sekr1t!w"}}}})",
    };
    for (const auto& body : bodies) {
        const auto report = default_linter().lint(body);
        for (const auto& f : report.findings) {
            if (!f.fix) continue;
            for (const auto& e : f.fix->edits) {
                const std::string replaced = body.substr(e.offset, e.length);
                BOOST_TEST(replaced.find("Sekr1t") == std::string::npos, body << " " << f.rule);
                BOOST_TEST(replaced.find("12345678") == std::string::npos, body << " " << f.rule);
                BOOST_TEST(replaced.find("password") == std::string::npos, body << " " << f.rule);
                BOOST_TEST(e.replacement.find("12345678") == std::string::npos, body << " " << f.rule);
            }
        }
        BOOST_TEST(drslint::test::fix_property_violation(default_linter(), body,
                                                         {"Sekr1t!x", "Sekr1t!y", "Sekr1t!z", "Sekr1t!w", "12345678"}) == "",
                   body);
    }
}

// Fixing goes on until nothing applies (overlapping fixes take a round each), and then again
// changes nothing. A rename that would put a wrong value in force is no fix: Delay_Time keeps "60".
BOOST_AUTO_TEST_CASE(fixing_until_stable_reaches_a_fixed_point)
{
    const std::string body = R"({"job": {"type": "notify", "params": {"alarm_notify": {"alarm_to_user": "true", "Delay_Time": "60", "x1": 1, "x2": 2}}}})";
    auto lint = [](std::string_view t) { return default_linter().lint(t); };
    const auto once = drslint::fix_until_stable(body, lint, true);
    BOOST_TEST(once.stable);
    BOOST_TEST(once.text == R"({"job": {"type": "notify", "params": {"alarm_notify": {"alarm_to_user": true, "Delay_Time": "60"}}}})");
    BOOST_TEST(once.rounds >= 2u);
    BOOST_TEST(once.applied == 3u);
    const auto twice = drslint::fix_until_stable(once.text, lint, true);
    BOOST_TEST(twice.applied == 0u);
    BOOST_TEST(twice.text == once.text);
}

BOOST_AUTO_TEST_CASE(http_file_fixes_count_bytes_of_the_file)
{
    const std::string file =
        "PUT https://x/v5/p/jobs/j\r\nContent-Type: application/json\r\n\r\n{\r\n  \"job\": {\"type\": \"re_create\", "
        "\"params\": {\"job_id\": 12}}\r\n}\r\n";
    const auto report = default_linter().lint_http_file(file);
    const auto* f = find(report, "type-mismatch");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST_REQUIRE(f->fix.has_value());
    BOOST_TEST(file.substr(f->fix->edits[0].offset, f->fix->edits[0].length) == "12");
    BOOST_TEST(f->fix->edits[0].begin.line == 5u);
    BOOST_TEST(drslint::apply_fixes(file, report, false).find("\"job_id\": \"12\"}}\r\n}\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_batch_linter_offers_no_fixes)
{
    drslint::Options options;
    options.offer_fixes = false;
    const drslint::Linter linter(options);
    const auto report = linter.lint(R"({"job": {"type": "re_create", "params": {"job_id": 5}}})");
    BOOST_TEST_REQUIRE(!report.findings.empty());
    for (const auto& f : report.findings) BOOST_TEST(!f.fix.has_value());
}

BOOST_AUTO_TEST_CASE(overlapping_fixes_apply_one_per_round)
{
    // Two members removed: the last one's removal takes the comma the other's also takes.
    const std::string body = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1", "a1": 1, "b2": 2}}}})";
    const auto report = default_linter().lint(body);
    BOOST_TEST(drslint::count_fixes(report, true) == 2u);
    std::size_t applied = 0;
    const std::string once = drslint::apply_fixes(body, report, true, &applied);
    BOOST_TEST(applied == 1u);
    auto lint = [](std::string_view t) { return default_linter().lint(t); };
    BOOST_TEST(drslint::fix_until_stable(body, lint, true).text ==
               R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1"}}}})");
    (void)once;
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(unified_diff)

BOOST_AUTO_TEST_CASE(no_line_with_a_secret_is_printed)
{
    const std::string before = "{\n  \"a\": 1,\n  \"db_password\": \"hunter2\",\n  \"b\": 2,\n  \"c\": 3\n}\n";
    const std::string after = "{\n  \"a\": \"1\",\n  \"db_password\": \"hunter2\",\n  \"b\": 2,\n  \"c\": \"3\"\n}\n";
    const auto diff = drslint::format::unified_diff(before, after, "x.json");
    BOOST_TEST(diff.hunks == 2u);
    BOOST_TEST(diff.hidden == 0u);
    BOOST_TEST(diff.text.find("hunter2") == std::string::npos);
    // A change on the secret's own line is left out and counted.
    const std::string minified = "{\"a\": 1, \"db_password\": \"hunter2\"}\n";
    const auto hidden = drslint::format::unified_diff(minified, "{\"a\": \"1\", \"db_password\": \"hunter2\"}\n", "m.json");
    BOOST_TEST(hidden.hidden == 1u);
    BOOST_TEST(hidden.hunks == 0u);
    BOOST_TEST(hidden.text.empty());
}

BOOST_AUTO_TEST_CASE(context_is_even_on_both_sides_and_a_missing_newline_is_marked)
{
    const std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9";
    const std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\nnine";
    const auto diff = drslint::format::unified_diff(before, after, "n");
    BOOST_TEST(diff.text == "--- n\n+++ n\n@@ -2,8 +2,8 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n-9\n\\ No newline at end of file\n"
                            "+nine\n\\ No newline at end of file\n");
    BOOST_TEST(drslint::format::unified_diff(before, before, "n").text.empty());
}

BOOST_AUTO_TEST_SUITE_END()
