#define BOOST_TEST_MODULE linter
#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

#include "drslint/linter.h"
#include "rules/rule_catalogue.h"
#include "../support/fixtures.h"

namespace drslint {
std::ostream& operator<<(std::ostream& out, Severity s) { return out << to_string(s); }
}  // namespace drslint

namespace {

const drslint::Linter& linter() { return drslint::test::default_linter(); }

const drslint::Finding* find(const drslint::Report& report, const std::string& rule, const std::string& pointer)
{
    for (const auto& f : report.findings) {
        if (f.rule == rule && f.pointer == pointer) return &f;
    }
    return nullptr;
}

std::string name_body(const std::string& name)
{
    return R"({"job": {"type": "name", "params": {"base_info": {"name": ")" + name + R"("}}}})";
}

}  // namespace

BOOST_AUTO_TEST_CASE(valid_body_has_no_findings)
{
    const auto report = linter().lint(name_body("DRS-1234"));
    BOOST_TEST(report.findings.empty());
}

BOOST_AUTO_TEST_CASE(a_200000_character_name_is_too_long_not_a_crash)
{
    const auto report = linter().lint(name_body(std::string(200000, 'a')));
    const auto* f = find(report, "string-length", "/job/params/base_info/name");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->severity == drslint::Severity::error);
    BOOST_TEST(f->message.find("200000") != std::string::npos);
    BOOST_TEST(f->message.size() < 300u);
}

namespace {

std::string description_body(const std::string& description)
{
    return R"({"job": {"type": "description", "params": {"base_info": {"description": ")" + description + R"("}}}})";
}

std::string repeated(const std::string& character, std::size_t times)
{
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += character;
    return out;
}

}  // namespace

// Decision 14: the page allows 256 characters, whatever their size in bytes; the DFA patterns
// check strings of any length, so no limit refuses them on the default path.
BOOST_AUTO_TEST_CASE(a_256_character_cjk_or_emoji_description_is_valid)
{
    for (const std::string& character : {std::string("数"), std::string("😀")}) {
        const std::string body = description_body(repeated(character, 256));
        BOOST_TEST(body.size() > 700u);  // beyond the 512 bytes that std::regex may see
        const auto report = linter().lint(body);
        BOOST_TEST(report.findings.empty(), character);
        for (const auto& f : report.findings) BOOST_TEST_MESSAGE(f.rule << ": " << f.message);
        BOOST_TEST(find(linter().lint(description_body(repeated(character, 257))), "string-length",
                        "/job/params/base_info/description") != nullptr);
    }
    // a lower --max-string binds std::regex only: the DFA still checks the whole string
    drslint::Options options;
    options.limits.max_pattern_length = 100;
    const drslint::Linter small(options);
    BOOST_TEST(small.lint(description_body(std::string(200, 'x'))).findings.empty());
    const auto bad = small.lint(description_body(std::string(150, 'x') + "&"));
    BOOST_TEST(find(bad, "string-format", "/job/params/base_info/description") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_forbidden_character_in_a_long_chinese_description_is_named)
{
    const auto report = linter().lint(description_body(repeated("数", 150) + "!" + repeated("数", 49)));
    BOOST_TEST_REQUIRE(report.findings.size() == 1u);
    const auto& f = report.findings[0];
    BOOST_TEST(f.rule == "string-format");
    BOOST_TEST(f.severity == drslint::Severity::error);
    BOOST_TEST(f.pointer == "/job/params/base_info/description");
    BOOST_TEST(f.message.find("character 151, `!`, is not allowed there") != std::string::npos, f.message);
}

// Where valijson runs, a string longer than its std::regex limit is kept from it, said once as
// info: the evaluator's verdict stands, and it is never an error.
BOOST_AUTO_TEST_CASE(cross_check_says_once_as_info_what_valijson_did_not_see)
{
    const std::string long_and_valid = description_body(repeated("数", 256));
    const auto report = drslint::test::cross_checking_linter().lint(long_and_valid);
    BOOST_TEST_REQUIRE(report.findings.size() == 1u);
    BOOST_TEST(report.findings[0].rule == "cross-check-skipped");
    BOOST_TEST(report.findings[0].severity == drslint::Severity::info);
    BOOST_TEST(report.findings[0].message.find("768 bytes") != std::string::npos, report.findings[0].message);
    const auto bad = drslint::test::cross_checking_linter().lint(
        R"({"job": {"type": "description", "params": {"base_info": {"description": ")" + repeated("数", 200) +
        R"(", "name": "x"}}}})");
    std::size_t notes = 0;
    for (const auto& f : bad.findings) notes += f.rule == "cross-check-skipped";
    BOOST_TEST(notes == 1u);
    BOOST_TEST(find(bad, "string-length", "/job/params/base_info/name") != nullptr);
    BOOST_TEST(find(bad, "engine-disagreement", "") == nullptr);
}

BOOST_AUTO_TEST_CASE(missing_member_is_reported_where_it_would_be)
{
    const auto report = linter().lint(R"({"job": {"type": "name", "params": {}}})");
    BOOST_TEST(find(report, "type-requires-params-member", "/job/params/base_info") != nullptr);
    const auto root = linter().lint("{}");
    const auto* f = find(root, "required-member", "/job");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->begin.line == 1u);
    BOOST_TEST(f->begin.column == 1u);
}

// Decision 11: a member no source documents is dropped by the service, so it is an error (as it is
// for any draft-07 validator with the shipped schemas); one that only an SDK documents is a warning.
BOOST_AUTO_TEST_CASE(unknown_member_is_an_error_with_a_suggestion)
{
    const auto report = linter().lint(
        R"({"job": {"type": "speed_limit", "params": {"speed_limit": [], "speedlimit": []}}})");
    const auto* f = find(report, "unknown-member", "/job/params/speedlimit");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->severity == drslint::Severity::error);
    BOOST_TEST(f->suggestion == "speed_limit");
    BOOST_TEST(f->message.find("did you mean `speed_limit`?") != std::string::npos);
    BOOST_TEST(f->message.find("the service drops it") != std::string::npos, f->message);
    const auto misspelt = linter().lint(
        R"({"job": {"type": "description", "params": {"base_info": {"descripton": "nightly copy"}}}})");
    const auto* d = find(misspelt, "unknown-member", "/job/params/base_info/descripton");
    BOOST_TEST_REQUIRE(d != nullptr);
    BOOST_TEST(d->severity == drslint::Severity::error);
    BOOST_TEST(d->suggestion == "description");
}

BOOST_AUTO_TEST_CASE(a_member_only_an_sdk_documents_is_a_warning)
{
    const auto report = linter().lint(
        R"({"job": {"type": "policy", "params": {"policy_config": {"is_create_table_with_index": true}}}})");
    BOOST_TEST_REQUIRE(report.findings.size() == 1u);
    const auto& f = report.findings[0];
    BOOST_TEST(f.rule == "sdk-only-member");
    BOOST_TEST(f.severity == drslint::Severity::warning);
    BOOST_TEST(f.pointer == "/job/params/policy_config/is_create_table_with_index");
    BOOST_TEST(f.message.find("SDKs but not by the API page") != std::string::npos, f.message);
    BOOST_TEST(f.message.find("ignores it") == std::string::npos, f.message);
}

BOOST_AUTO_TEST_CASE(enum_messages_list_the_allowed_values)
{
    const auto report = linter().lint(R"({"job": {"type": "policy_confg", "params": {}}})");
    const auto* f = find(report, "enum-value", "/job/type");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->message.find("`db_object`") != std::string::npos);
    BOOST_TEST(f->expected.find("`tuning_param`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(string_fields_holding_numbers_say_how_to_quote)
{
    const auto report = linter().lint(
        R"({"job": {"type": "expired_days", "params": {"base_info": {"expired_days": 14}}}})");
    const auto* f = find(report, "type-mismatch", "/job/params/base_info/expired_days");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->message.find("write \"14\", not 14") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pointers_escape_user_chosen_keys)
{
    const std::string key = R"(a/b~c[d]\"e)";
    const auto report = linter().lint(
        R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "database", "object_info": {")" +
        key + R"(": {"all": "yes"}}}}}})");
    const auto* f = find(report, "type-mismatch", "/job/params/db_object/object_info/a~1b~0c[d]\"e/all");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->begin.line == 1u);
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_once_at_its_leaf)
{
    const auto report = linter().lint(R"({"job": {"type": "speed_limit", "params": {"speed_limit": [
        {"begin": "24:00", "end": "15:00", "speed": "0"}]}}})");
    BOOST_TEST(find(report, "string-format", "/job/params/speed_limit/0/begin") != nullptr);
    BOOST_TEST(find(report, "string-format", "/job/params/speed_limit/0/end") != nullptr);
    BOOST_TEST(find(report, "string-format", "/job/params/speed_limit/0/speed") != nullptr);
    BOOST_TEST(report.count(drslint::Severity::error) == 3u);
}

BOOST_AUTO_TEST_CASE(secrets_never_reach_a_message)
{
    const std::string secret = "Sup3rS3cret-value";
    const auto report = linter().lint(R"({"job": {"type": "endpoint", "params": {"source_endpoint": [{
        "db_type": "mysql", "endpoint_type": "offline", "endpoint_role": "so",
        "endpoint": {"endpoint_name": "mysql", "db_user": "u", "db_password": 12345678}}],
        "user_migration": {"is_migrate_user": true, "is_set_password": true, "password": ["Sup3rS3cret-value"]}}}})");
    BOOST_TEST(!report.findings.empty());
    for (const auto& f : report.findings) {
        BOOST_TEST(f.message.find(secret) == std::string::npos, f.message);
        BOOST_TEST(f.message.find("12345678") == std::string::npos, f.message);
    }
}

BOOST_AUTO_TEST_CASE(invalid_json_is_a_finding_at_the_parser_position)
{
    const auto report = linter().lint("{\n  \"job\": {,}\n}");
    BOOST_TEST_REQUIRE(report.findings.size() == 1u);
    BOOST_TEST(report.findings[0].rule == "invalid-json");
    BOOST_TEST(report.findings[0].begin.line == 2u);
    BOOST_TEST(report.findings[0].begin.column == 11u);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_errors_at_the_repeated_key)
{
    const auto report = linter().lint("{\"job\": {\"type\": \"name\",\n \"type\": \"re_create\", \"params\": {}}}");
    const auto* f = find(report, "duplicate-key", "/job/type");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->begin.line == 2u);
    BOOST_TEST(f->begin.column == 2u);
}

BOOST_AUTO_TEST_CASE(concurrent_lints_on_one_linter_agree)
{
    const std::string bad = R"({"job": {"type": "speed_limit", "params": {"speed_limit": [{"begin": "1:00", "end": "15:59", "speed": "10"}]}}})";
    const auto expected = linter().lint(bad).findings.size();
    std::vector<std::thread> threads;
    std::vector<std::size_t> counts(4);
    for (std::size_t t = 0; t < counts.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) counts[t] += linter().lint(bad).findings.size() == expected;
        });
    }
    for (auto& thread : threads) thread.join();
    for (auto c : counts) BOOST_TEST(c == 200u);
}

BOOST_AUTO_TEST_CASE(every_rule_id_is_lower_case_and_hyphenated)
{
    BOOST_TEST(linter().rules().size() >= 10u);
    for (const auto& rule : linter().rules()) {
        BOOST_TEST(rule.id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos, rule.id);
        BOOST_TEST(!rule.summary.empty());
    }
}

// Decision 13: an integer is any number whose fractional part is zero, as in draft-07 (and ajv):
// valid, with a warning that shows the plain form; beyond 64 bits it gets its field's range.
BOOST_AUTO_TEST_CASE(integers_follow_draft_07)
{
    auto notify = [](const std::string& delay) {
        return R"({"job": {"type": "notify", "params": {"alarm_notify": {"alarm_to_user": true, "delay_time": )" + delay +
               "}}}}";
    };
    const std::string pointer = "/job/params/alarm_notify/delay_time";
    for (const auto& [written, plain] : std::vector<std::pair<std::string, std::string>>{
             {"1.0", "1"}, {"1e2", "100"}, {"-0.0", "0"}, {"3.6e3", "3600"}, {"16.000", "16"}}) {
        for (const auto* l : {&linter(), &drslint::test::cross_checking_linter()}) {
            const auto report = l->lint(notify(written));
            BOOST_TEST_REQUIRE(report.findings.size() == 1u, written);
            const auto& f = report.findings[0];
            BOOST_TEST(f.rule == "integer-form", written);
            BOOST_TEST(f.severity == drslint::Severity::warning);
            BOOST_TEST(f.pointer == pointer);
            BOOST_TEST(f.expected == plain, written);
            BOOST_TEST(f.message.find("; write " + plain) != std::string::npos, f.message);
        }
    }
    BOOST_TEST(linter().lint(notify("60")).findings.empty());
    // a fraction is no integer; a written integer outside the range is a range error
    BOOST_TEST(find(linter().lint(notify("1.5")), "type-mismatch", pointer) != nullptr);
    BOOST_TEST(find(linter().lint(notify("3601.0")), "number-range", pointer) != nullptr);
    // beyond 64 bits: still an integer, so the range finding, never "not an integer"
    for (const std::string big : {"18446744073709551616", "-9223372036854775809", "1e20", "123456789012345678901234567890"}) {
        for (const auto* l : {&linter(), &drslint::test::cross_checking_linter()}) {
            const auto report = l->lint(notify(big));
            BOOST_TEST_REQUIRE(report.findings.size() == 1u, big);
            BOOST_TEST(report.findings[0].rule == "number-range", big);
            BOOST_TEST(report.findings[0].severity == drslint::Severity::error);
            BOOST_TEST(report.findings[0].message.find("0 to 3600") != std::string::npos, report.findings[0].message);
        }
    }
    // an integer enumeration: 2.0 is 2
    const auto period = linter().lint(
        R"({"job": {"type": "all", "params": {"base_info": {"name": "DRS-1234", "charging_mode": "period"},
            "source_endpoint": [], "target_endpoint": [], "period_order": {"period_type": 2.0, "period_num": 1}}}})");
    BOOST_TEST(find(period, "enum-value", "/job/params/period_order/period_type") == nullptr);
    BOOST_TEST(find(period, "type-mismatch", "/job/params/period_order/period_type") == nullptr);
    const auto* form = find(period, "integer-form", "/job/params/period_order/period_type");
    BOOST_TEST_REQUIRE(form != nullptr);
    BOOST_TEST(form->expected == "2");
}

// Issue 12, point 7: messages say what the page says. Each body is written from the page.
namespace {

// A copy: callers pass the report of a lint() they do not keep.
drslint::Finding only(const drslint::Report& report, const std::string& rule, const std::string& pointer,
                      drslint::Severity severity)
{
    const auto* f = find(report, rule, pointer);
    BOOST_TEST_REQUIRE(f != nullptr, rule << " at " << pointer);
    BOOST_TEST(f->severity == severity, rule);
    return *f;
}

bool says(const drslint::Finding& f, const std::string& words)
{
    const bool found = f.message.find(words) != std::string::npos;
    if (!found) BOOST_TEST_MESSAGE("message: " << f.message);
    return found;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_empty_enumerated_value_prints_as_json)
{
    const auto& f = only(linter().lint(R"({"job": {"type": "policy", "params": {"policy_config": {"filter_ddl_policy": "none"}}}})"),
                         "enum-value", "/job/params/policy_config/filter_ddl_policy", drslint::Severity::error);
    BOOST_TEST(says(f, "expected one of `\"\"`, `drop_database`"));
    BOOST_TEST(!says(f, "``"));
}

BOOST_AUTO_TEST_CASE(availability_zones_are_counted_in_words)
{
    const auto& f = only(linter().lint(R"({"job": {"type": "all", "params": {"base_info": {"name": "DRS-1234"},
        "source_endpoint": [], "target_endpoint": [], "node_info": {"spec": {"node_type": "high"},
        "base_info": {"instance_type": "ha", "arch": "x86", "availability_zone": "cn-north-4a"}}}}})"),
                         "availability-zone-count", "/job/params/node_info/base_info/availability_zone",
                         drslint::Severity::error);
    BOOST_TEST(says(f, "names 1 availability zone;"));
    BOOST_TEST(says(f, "needs 2 availability zones"));
}

BOOST_AUTO_TEST_CASE(a_missing_params_cites_the_table_of_its_row)
{
    const auto& f = only(linter().lint(R"({"job": {"type": "re_create"}})"), "required-member", "/job/params",
                         drslint::Severity::error);
    BOOST_TEST(says(f, "(Table 4; its members: Table 5"));
}

BOOST_AUTO_TEST_CASE(invalid_json_says_in_plain_words_what_is_wrong)
{
    const std::pair<std::string, std::string> cases[] = {
        {R"({"job":)", "the text ends where a value should follow"},
        {R"({"job": {"type": "name", "params": {"base_info": {"delay": NaN}}}})", "`NaN` is not JSON"},
        {"", "the file is empty"},
        {R"({"job": 1e400})", "a number too large for a double"},
        {R"({"job": {"type": "name",}})", "a member name in double quotes should follow here"},
        {R"({"job": {"type": "name"})", "before the object is closed with `}`"},
    };
    for (const auto& [body, words] : cases) {
        const auto report = linter().lint(body);
        BOOST_TEST_REQUIRE(report.findings.size() == 1u, body);
        const auto& f = only(report, "invalid-json", "", drslint::Severity::error);
        BOOST_TEST(says(f, words), body);
        for (const char* rapidjson : {"Invalid value.", "The document is empty.", "Number too big", "Missing a"}) {
            BOOST_TEST(!says(f, rapidjson), body);
        }
    }
}

// The page gives these fields a format, not a length: the maxLength beside their pattern is only
// the bound the pattern implies, so the format is what a wrong value is told.
BOOST_AUTO_TEST_CASE(a_value_of_the_wrong_format_is_told_the_format_not_a_length)
{
    const auto dml = linter().lint(R"({"job": {"type": "policy", "params": {"policy_config": {"dml_types": "insert,update"}}}})");
    const auto& list = only(dml, "string-format", "/job/params/policy_config/dml_types", drslint::Severity::error);
    BOOST_TEST(says(list, "expected a comma-separated list of i, u, d"));
    BOOST_TEST(find(dml, "string-length", "/job/params/policy_config/dml_types") == nullptr);

    const auto speed = linter().lint(R"({"job": {"type": "speed_limit", "params": {"speed_limit": [
        {"begin": "01:00", "end": "15:59:00", "speed": "10"}]}}})");
    const auto& end = only(speed, "string-format", "/job/params/speed_limit/0/end", drslint::Severity::error);
    BOOST_TEST(says(end, "expected hh:59"));
    BOOST_TEST(find(speed, "string-length", "/job/params/speed_limit/0/end") == nullptr);

    // A length the page states still speaks when the format is right (Table 6: name, 4-50 characters).
    const auto long_name = linter().lint(name_body("DRS-" + std::string(60, 'a')));
    const auto& name = only(long_name, "string-length", "/job/params/base_info/name", drslint::Severity::error);
    BOOST_TEST(says(name, "is 64 characters long; expected 4 to 50 characters"));
}

// The object with `all` false is named, not the child map it lacks (Tables 23 and 25).
BOOST_AUTO_TEST_CASE(children_required_when_not_all_names_the_object_with_all_false)
{
    const auto table = linter().lint(R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "table",
        "object_info": {"HR": {"name": "HR", "all": false, "tables": {"EMP": {"name": "EMP", "type": "table", "all": false}}}}}}}})");
    const auto& columns = only(table, "children-required-when-not-all",
                               "/job/params/db_object/object_info/HR/tables/EMP/columns", drslint::Severity::error);
    BOOST_TEST(says(columns, "`tables.EMP` has `all` set to false"));
    BOOST_TEST(!says(columns, "EMP.columns"));

    const auto database = linter().lint(R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "database",
        "object_info": {"HR": {"name": "HR", "all": false}}}}}})");
    const auto& hr = only(database, "children-required-when-not-all", "/job/params/db_object/object_info/HR",
                          drslint::Severity::error);
    BOOST_TEST(says(hr, "`object_info.HR` has `all` set to false"));
}

// A value or a member name that passes for ASCII is shown escaped, or `DRS-K` (KELVIN SIGN) would
// read as a valid name; CJK text, which a description may hold, stays readable.
BOOST_AUTO_TEST_CASE(lookalikes_of_ascii_are_escaped_in_messages)
{
    const std::pair<std::string, std::string> names[] = {
        {"DRS-\\u212A", "is \"DRS-\\u212a\";"},                           // KELVIN SIGN
        {"DRS\\u200B-1234", "is \"DRS\\u200b-1234\";"},                   // ZERO WIDTH SPACE
        {"DRS-\\uFF11234", "is \"DRS-\\uff11234\";"},                     // FULLWIDTH DIGIT ONE
        {"DRS-\\u0430bcd", "is \"DRS-\\u0430bcd\";"},                     // CYRILLIC SMALL LETTER A
        {"DRS-\\u039f1", "is \"DRS-\\u039f1\";"},                         // GREEK CAPITAL LETTER OMICRON
        {"DRS-\\uFEFF1", "is \"DRS-\\ufeff1\";"},                         // ZERO WIDTH NO-BREAK SPACE
        {"DRS-\\ud835\\udc00", "is \"DRS-\\ud835\\udc00\";"},            // MATHEMATICAL BOLD CAPITAL A
    };
    for (const auto& [name, words] : names) {
        const auto report = linter().lint(name_body(name));
        const auto& f = only(report, "string-format", "/job/params/base_info/name", drslint::Severity::error);
        BOOST_TEST(says(f, words), name);
    }

    const auto cjk = linter().lint(description_body("\u6570\u636e\u5e93\u201c\u540c\u6b65\u201d<"));
    const auto& text = only(cjk, "string-format", "/job/params/base_info/description", drslint::Severity::error);
    BOOST_TEST(says(text, "is \"数据库“同步”<\";"));

    const auto member = linter().lint(R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234", "n\u0430me": "x"}}}})");
    BOOST_TEST(says(only(member, "unknown-member", "/job/params/base_info/n\xD0\xB0me", drslint::Severity::error),
                    "`n\\u0430me` is not a documented member"));
}

BOOST_AUTO_TEST_CASE(message_templates_keep_literal_braces_and_refuse_unknown_placeholders)
{
    using drslint::rules::RuleCatalogue;
    BOOST_TEST(drslint::rules::MessageTemplate("PUT /v5/{{project_id}}/jobs/{{job_id}} is {value}").fill({{"value", "x"}}) ==
               "PUT /v5/{project_id}/jobs/{job_id} is x");
    BOOST_TEST(RuleCatalogue::check_template("{subject} is {value}; {{literal}}").empty());
    BOOST_TEST(RuleCatalogue::check_template("{subjcet} is wrong").find("{subjcet}") != std::string::npos);
    BOOST_TEST(!RuleCatalogue::check_template("a lone } brace").empty());
    BOOST_TEST(!RuleCatalogue::check_template("an open { brace").empty());
    const std::string rule = R"({"rules": [{"id": "r", "severity": "error", "origin": "parse", "summary": "s",
        "message": "{nosuch}", "rationale": "r", "source": "drslint limit"}]})";
    BOOST_CHECK_THROW(RuleCatalogue{rule}, std::runtime_error);
}

BOOST_AUTO_TEST_CASE(http_method_and_path_name_the_page_uri)
{
    drslint::HttpRequest request;
    request.method = "POST";
    request.target = "/v5/p/jobs";
    request.body = R"({"job": {"type": "re_create", "params": {}}})";
    request.headers = {{"Content-Type", "application/json", {}, {}}, {"X-Auth-Token", "t", {}, {}}};
    const auto report = linter().lint_request(request);
    for (const char* rule : {"http-method", "http-path"}) {
        const auto& f = only(report, rule, std::string("/") + (rule[5] == 'm' ? "method" : "path"), drslint::Severity::error);
        BOOST_TEST(says(f, "this API is `PUT /v5/{project_id}/jobs/{job_id}`"), rule);
    }
}
