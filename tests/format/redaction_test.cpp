// Secret values masked in the text that excerpts show, and the redacted source the report keeps.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/pointer.h"
#include "core/secrets.h"
#include "core/text.h"
#include "drslint/redacted_source.h"
#include "parse/position_index.h"
#include "parse/value_text.h"
#include "format_support.h"

using drslint::mask_secret_values;

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

BOOST_AUTO_TEST_CASE(remembered_answers_are_the_answers_however_many_names_are_asked)
{
    // is_secret_member() keeps answers per name in a table of fixed size: names that share a
    // slot replace each other, and each must still get its own answer, first time and later.
    const std::vector<std::string> secrets = {"password", "db_password", "X-Auth-Token", "ssl_cert_key",
                                              "dbPassword", "my_passwd_x", "ssl_cert_pasword"};
    const std::vector<std::string> plain = {"db_user", "is_set_password", "params", "speed_limit", "endpoint",
                                            "base_info", "object_info"};
    for (int round = 0; round < 3; ++round) {
        for (const auto& name : secrets) BOOST_TEST(drslint::core::is_secret_member(name), name);
        for (const auto& name : plain) BOOST_TEST(!drslint::core::is_secret_member(name), name);
        for (int i = 0; i < 5000; ++i) {
            const std::string filler = "member_" + std::to_string(i);
            BOOST_TEST_REQUIRE(!drslint::core::is_secret_member(filler));
            const std::string near = "passwor" + std::to_string(i % 10);  // one edit from "password"
            BOOST_TEST_REQUIRE(drslint::core::is_secret_member(near));
        }
    }
}

// A pointer is a secret's place when any member on it, unescaped, is a secret's name; a malformed
// pointer counts as one (nothing can be told of it). Pointers without '~' are read by a shortcut.
BOOST_AUTO_TEST_CASE(a_pointer_is_secret_where_any_of_its_members_is)
{
    using drslint::core::is_secret_member;
    using drslint::core::is_secret_pointer;
    auto reference = [](const std::string& pointer) {
        std::vector<std::string> tokens;
        if (!drslint::core::split_pointer(pointer, tokens)) return true;
        for (const auto& t : tokens) {
            if (is_secret_member(t)) return true;
        }
        return false;
    };
    const std::vector<std::string> names = {"", "job", "params", "db_password", "pass~1word", "passw~0rd", "a/b",
                                            "password", "db_pasword", "X-Auth-Token", "0", "speed_limit", "~", "~2"};
    std::vector<std::string> pointers = {"", "/", "//", "no-slash", "job/password"};
    for (const auto& a : names) {
        pointers.push_back("/" + a);
        for (const auto& b : names) {
            pointers.push_back("/" + a + "/" + b);
            pointers.push_back("/" + a + "/" + b + "/");
        }
    }
    for (const auto& p : pointers) BOOST_TEST(is_secret_pointer(p) == reference(p), p);
    BOOST_TEST(is_secret_pointer("/job/params/db_password"));
    BOOST_TEST(is_secret_pointer("/job/pass~1word"));  // "pass/word", a near miss of "password"
    BOOST_TEST(!is_secret_pointer("/job/params/speed_limit/0"));
    BOOST_TEST(is_secret_pointer("/job/a~2"));  // malformed
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
