// Text output: clang-style lines, excerpts with carets by code point, windows of long lines, colour.
#include <boost/test/unit_test.hpp>

#include "format_support.h"

// ---- text ----

BOOST_AUTO_TEST_CASE(text_is_clang_style_with_excerpt_caret_and_pointer)
{
    const std::string text = "{\n  \"job\": {\"type\": \"nmae\"}\n}\n";
    Finding f = finding("enum-value", Severity::error, "/job/type", 2, 19, 2, 25, "`job.type` is \"nmae\"");
    f.suggestion = "name";
    const std::string out = render(drslint::format::Format::text, {result("a.json", text, {f})});
    const auto lines = lines_of(out);
    BOOST_TEST_REQUIRE(lines.size() == 6u, out);
    BOOST_TEST(lines[0] == "a.json:2:19: error: `job.type` is \"nmae\" [enum-value]");
    BOOST_TEST(lines[1] == "    2 |   \"job\": {\"type\": \"nmae\"}");
    BOOST_TEST(lines[2] == "      |                   ^~~~~~");
    BOOST_TEST(lines[3] == "      |                   \"name\"");  // the fix-it, under what it replaces
    BOOST_TEST(lines[4] == "      = at /job/type");
    BOOST_TEST(lines[5] == "1 file checked: 1 error, 0 warnings");
    BOOST_TEST(!contains(out, "\x1b["));
}

BOOST_AUTO_TEST_CASE(text_underlines_by_code_point_after_tabs_crlf_and_wide_characters)
{
    // A tab expands to the next multiple of 8.
    const std::string tabbed = "{\r\n\t\"name\": \"DRS\"\r\n}";
    std::string out = render(drslint::format::Format::text,
                             {result("t.json", tabbed, {finding("string-length", Severity::error, "/name", 2, 10, 2, 15)})});
    BOOST_TEST(source_line(out) == "        \"name\": \"DRS\"", out);  // no '\r' left at the end
    BOOST_TEST(caret_line(out) == "                ^~~~~", out);
    // Two CJK characters (two cells each) and an accented letter before the span.
    const std::string wide = "{\"d\": \"\xE4\xB8\xAD\xE6\x96\x87\", \"\xC3\xA9\": \"DRS\"}";
    out = render(drslint::format::Format::text,
                 {result("w.json", wide, {finding("string-length", Severity::error, "/\xC3\xA9", 1, 18, 1, 23)})});
    BOOST_TEST(caret_line(out) == std::string(19, ' ') + "^~~~~", out);
    // Control characters are not sent to the terminal.
    out = render(drslint::format::Format::text,
                 {result("c.json", "{\"a\x1b[2J\": 1}", {finding("invalid-json", Severity::error, "", 1, 4, 1, 5)})});
    BOOST_TEST(!contains(out, "\x1b"));
    BOOST_TEST(source_line(out) == "{\"a?[2J\": 1}", out);
    // Nor are bidirectional overrides, which would reorder the line on screen (U+202E).
    out = render(drslint::format::Format::text,
                 {result("b.json", "{\"a\xE2\x80\xAE\": 1}", {finding("invalid-json", Severity::error, "", 1, 4, 1, 5)})});
    BOOST_TEST(source_line(out) == "{\"a?\": 1}", out);
    BOOST_TEST(caret_line(out) == "   ^", out);
}

BOOST_AUTO_TEST_CASE(text_spans_over_lines_underline_to_the_end_of_the_first)
{
    const std::string text = "{\"a\": {\n  \"b\": 1\n}}";
    const std::string out = render(drslint::format::Format::text,
                                   {result("m.json", text, {finding("type-mismatch", Severity::error, "/a", 1, 7, 3, 2)})});
    BOOST_TEST(caret_line(out) == "      ^", out);
    // An error at the very end of the input points just past the last character.
    const std::string eof = render(drslint::format::Format::text,
                                   {result("e.json", "{\"a\": ", {finding("invalid-json", Severity::error, "", 1, 7, 1, 7)})});
    BOOST_TEST(caret_line(eof) == "      ^", eof);
}

BOOST_AUTO_TEST_CASE(text_shows_a_window_of_a_long_line)
{
    std::string text = "{\"a\": [";
    for (int i = 0; i < 300; ++i) text += "1, ";
    const std::size_t column = code_points(text) + 1;
    text += "\"bad\", 2]}";
    const std::string out = render(drslint::format::Format::text,
                                   {result("long.json", text, {finding("type-mismatch", Severity::error, "/a/300", 1, column, 1, column + 5)})});
    const std::string source = source_line(out);
    BOOST_TEST(source.size() <= 110u, source);
    BOOST_TEST(source.rfind("...", 0) == 0, source);
    const std::string caret = caret_line(out);
    BOOST_TEST(source.substr(caret.find('^'), 5) == "\"bad\"", out);
}

BOOST_AUTO_TEST_CASE(text_colour_only_when_asked)
{
    const auto r = result("a.json", "{\"x\": 1}", {finding("unknown-member", Severity::warning, "/x", 1, 2, 1, 5)});
    const std::string plain = render(drslint::format::Format::text, {r}, false);
    const std::string colour = render(drslint::format::Format::text, {r}, true);
    BOOST_TEST(!contains(plain, "\x1b["));
    BOOST_TEST(contains(colour, "\x1b[1;35mwarning:\x1b[0m"), colour);
    BOOST_TEST(contains(colour, "\x1b[1;32m^~~\x1b[0m"), colour);
}
