#define BOOST_TEST_MODULE linter
#include <boost/test/unit_test.hpp>

#include <string>
#include <thread>
#include <vector>

#include "drslint/linter.h"
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

BOOST_AUTO_TEST_CASE(a_long_string_under_a_pattern_is_refused_before_any_regex)
{
    // description allows 256 characters; the limit refuses what would reach std::regex first
    drslint::Options options;
    options.limits.max_pattern_length = 100;
    const drslint::Linter small(options);
    const auto report = small.lint(R"({"job": {"type": "description", "params": {"base_info": {"description": ")" +
                                   std::string(200, 'x') + R"("}}}})");
    BOOST_TEST(find(report, "string-too-long-to-check", "/job/params/base_info/description") != nullptr);
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

BOOST_AUTO_TEST_CASE(unknown_member_is_a_warning_with_a_suggestion)
{
    const auto report = linter().lint(
        R"({"job": {"type": "speed_limit", "params": {"speed_limit": [], "speedlimit": []}}})");
    const auto* f = find(report, "unknown-member", "/job/params/speedlimit");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->severity == drslint::Severity::warning);
    BOOST_TEST(f->suggestion == "speed_limit");
    BOOST_TEST(f->message.find("did you mean `speed_limit`?") != std::string::npos);
    BOOST_TEST(report.count(drslint::Severity::error) == 0u);
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
