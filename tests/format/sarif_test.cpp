// SARIF 2.1.0 output: rules, levels, regions and repository-relative URIs.
#include <boost/test/unit_test.hpp>

#include <rapidjson/document.h>

#include "format_support.h"

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
