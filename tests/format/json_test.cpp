// JSON output (version 1): positions, expected, suggestion and the suppressed count.
#include <boost/test/unit_test.hpp>

#include <sstream>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "format/json_finding.h"
#include "format_support.h"

// ---- the writer's strings ----

BOOST_AUTO_TEST_CASE(json_writer_strings_are_rapidjsons_byte_for_byte)
{
    // formatting::JsonWriter writes strings its own way (runs at once); the bytes must be what
    // RapidJSON's Writer writes, for every byte value and for long strings across output blocks.
    std::vector<std::string> strings = {"", "plain", "a\"b\\c/d", "caf\xC3\xA9 \xF0\x9F\x98\x80", std::string("nul\0in", 6)};
    for (int b = 0; b < 256; ++b) strings.push_back(std::string("<") + static_cast<char>(b) + ">" + static_cast<char>(b));
    for (const char special : {'\0', '\x1F', '"', '\\', '\x7F', '\x80', '!', '#', '[', ']'}) {
        for (std::size_t at = 0; at < 40; ++at) {  // at every place of two 16-byte blocks and a tail
            std::string text(40, 'a');
            text[at] = special;
            strings.push_back(text);
        }
    }
    std::string all;
    for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
    strings.push_back(all);
    std::string long_one;
    while (long_one.size() < 3 * drslint::formatting::kOutputBlock) long_one += all + "some plain text that needs no escape ";
    strings.push_back(long_one);
    std::ostringstream ours;
    {
        drslint::formatting::JsonStream stream(ours);
        drslint::formatting::JsonWriter w(stream);
        w.StartArray();
        for (const auto& s : strings) w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        w.String("literal");
        w.StartObject();  // keys spelled in the source take their own path
        w.Key("rule");
        w.Int(1);
        w.Key("endColumn");
        w.String("x");
        w.EndObject();
        w.EndArray();
    }
    drslint::parse::StringBuffer buffer;
    drslint::parse::Writer<drslint::parse::StringBuffer> theirs(buffer);
    theirs.StartArray();
    for (const auto& s : strings) theirs.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    theirs.String("literal");
    theirs.StartObject();
    theirs.Key("rule");
    theirs.Int(1);
    theirs.Key("endColumn");
    theirs.String("x");
    theirs.EndObject();
    theirs.EndArray();
    const std::string expected(buffer.GetString(), buffer.GetSize());
    BOOST_TEST_REQUIRE(ours.str().size() == expected.size());
    BOOST_TEST((ours.str() == expected));
}

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
