// JSON output (version 1): positions, expected, suggestion and the suppressed count.
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include "format_support.h"

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
