#define BOOST_TEST_MODULE parse
#include <boost/test/unit_test.hpp>

#include <string>

#include "parse/json_parser.h"
#include "parse/pointer.h"
#include "parse/position_index.h"

using namespace drslint::parse;

BOOST_AUTO_TEST_CASE(pointer_tokens_are_escaped_per_rfc_6901)
{
    std::string pointer;
    append_pointer_token(pointer, "a/b");
    append_pointer_token(pointer, "m~n");
    append_pointer_token(pointer, "[x]\"");
    append_pointer_index(pointer, 3);
    BOOST_TEST(pointer == "/a~1b/m~0n/[x]\"/3");
    std::vector<std::string> tokens;
    BOOST_TEST(split_pointer(pointer, tokens));
    BOOST_TEST(tokens.size() == 4u);
    BOOST_TEST(tokens[0] == "a/b");
    BOOST_TEST(tokens[1] == "m~n");
    BOOST_TEST(tokens[2] == "[x]\"");
    BOOST_TEST(!split_pointer("/bad~2", tokens));
    BOOST_TEST(last_pointer_token("/x/~01") == "~1");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_found_with_their_occurrence)
{
    const auto result = parse_json(R"({"a": 1, "b": {"c": 1, "c": 2, "c": 3}, "a": 2})", {});
    BOOST_TEST(result.ok);
    BOOST_TEST_REQUIRE(result.duplicates.size() == 3u);
    BOOST_TEST(result.duplicates[0].pointer == "/a");
    BOOST_TEST(result.duplicates[0].occurrence == 1u);
    BOOST_TEST(result.duplicates[1].pointer == "/b/c");
    BOOST_TEST(result.duplicates[2].occurrence == 2u);
}

BOOST_AUTO_TEST_CASE(nesting_beyond_the_limit_stops_the_parse)
{
    const std::string deep = std::string(100, '[') + std::string(100, ']');
    const auto result = parse_json(deep, {64});
    BOOST_TEST(!result.ok);
    BOOST_TEST(static_cast<int>(result.error.kind) == static_cast<int>(ParseErrorKind::too_deep));
    BOOST_TEST(parse_json(deep, {100}).ok);
}

BOOST_AUTO_TEST_CASE(a_million_levels_do_not_touch_the_c_stack)
{
    const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
    const auto result = parse_json(deep, {64});
    BOOST_TEST(!result.ok);
    BOOST_TEST(result.error.offset == 64u);
}

BOOST_AUTO_TEST_CASE(syntax_errors_have_an_offset_and_a_reason)
{
    const auto result = parse_json("{\"a\": [1, 2,]}", {});
    BOOST_TEST(!result.ok);
    BOOST_TEST(result.error.offset == 12u);
    BOOST_TEST(!result.error.reason.empty());
    BOOST_TEST(!parse_json("{} x", {}).ok);
    BOOST_TEST(!parse_json("", {}).ok);
    BOOST_TEST(!parse_json("{\"a\": \"\xff\"}", {}).ok);  // invalid UTF-8
}

BOOST_AUTO_TEST_CASE(positions_count_code_points_and_lines)
{
    const std::string text = "{\r\n  \"é\": {\"k\": [1, \"x\"]},\n  \"b\":true}";
    const PositionIndex index(text, {"/é/k/1", "/b", "/é"});
    const LineMap lines(text);
    const Span* x = index.find("/é/k/1");
    BOOST_TEST_REQUIRE(x != nullptr);
    BOOST_TEST(text.substr(x->begin, x->end - x->begin) == "\"x\"");
    const auto px = lines.position(x->begin);
    BOOST_TEST(px.line == 2u);
    BOOST_TEST(px.column == 18u);  // "é" is one column although it is two bytes
    const Span* b = index.find("/b");
    BOOST_TEST_REQUIRE(b != nullptr);
    BOOST_TEST(text.substr(b->key_begin, b->key_end - b->key_begin) == "\"b\"");
    BOOST_TEST(lines.position(b->key_begin).line == 3u);
    BOOST_TEST(lines.position(b->key_begin).column == 3u);
    const Span* e = index.find("/é");
    BOOST_TEST_REQUIRE(e != nullptr);
    BOOST_TEST(text[e->begin] == '{');
    BOOST_TEST(text[e->end - 1] == '}');
    BOOST_TEST(index.find("/nope") == nullptr);
}
