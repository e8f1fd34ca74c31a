#define BOOST_TEST_MODULE parse
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/pointer.h"
#include "core/text.h"
#include "parse/json_parser.h"
#include "parse/position_index.h"
#include "parse/shorten.h"
#include "../support/small_stack.h"

using namespace drslint::parse;
namespace core = drslint::core;

// all_ascii picks the parse without UTF-8 validation: one byte of 0x80 or above anywhere, at any
// length around its 32-, 16- and 8-byte steps, must be seen.
BOOST_AUTO_TEST_CASE(all_ascii_sees_a_high_byte_anywhere)
{
    for (std::size_t length = 0; length < 80; ++length) {
        const std::string plain(length, 'a');
        BOOST_TEST(drslint::core::all_ascii(plain), length);
        for (std::size_t at = 0; at < length; ++at) {
            for (const char high : {'\x80', '\xFF', '\xC3'}) {
                std::string text = plain;
                text[at] = high;
                BOOST_TEST(!drslint::core::all_ascii(text), length << " at " << at);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(pointer_tokens_are_escaped_per_rfc_6901)
{
    std::string pointer;
    core::append_pointer_token(pointer, "a/b");
    core::append_pointer_token(pointer, "m~n");
    core::append_pointer_token(pointer, "[x]\"");
    core::append_pointer_index(pointer, 3);
    BOOST_TEST(pointer == "/a~1b/m~0n/[x]\"/3");
    std::vector<std::string> tokens;
    BOOST_TEST(core::split_pointer(pointer, tokens));
    BOOST_TEST(tokens.size() == 4u);
    BOOST_TEST(tokens[0] == "a/b");
    BOOST_TEST(tokens[1] == "m~n");
    BOOST_TEST(tokens[2] == "[x]\"");
    BOOST_TEST(!core::split_pointer("/bad~2", tokens));
    BOOST_TEST(core::last_pointer_token("/x/~01") == "~1");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_found_once_at_their_second_occurrence)
{
    const auto result = parse_json(R"({"a": 1, "b": {"c": 1, "c": 2, "c": 3}, "a": 2, "d": [{"e": 1, "e": 1}]})", {});
    BOOST_TEST(result.ok);
    BOOST_TEST_REQUIRE(result.duplicates.size() == 3u);
    BOOST_TEST(result.duplicates[0].pointer == "/a");
    BOOST_TEST(result.duplicates[0].occurrence == 1u);
    BOOST_TEST(result.duplicates[1].pointer == "/b/c");  // the third "c" is the same problem
    BOOST_TEST(result.duplicates[1].occurrence == 1u);
    BOOST_TEST(result.duplicates[2].pointer == "/d/0/e");
    BOOST_TEST(!result.duplicates_truncated);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_recorded_up_to_the_limit)
{
    std::string text = "[";
    for (int i = 0; i < 100; ++i) text += std::string(i ? "," : "") + R"({"k": 1, "k": 2})";
    text += "]";
    ParseLimits limits;
    limits.max_duplicates = 10;
    const auto result = parse_json(text, limits);
    BOOST_TEST(result.ok);
    BOOST_TEST(result.duplicates.size() == 10u);
    BOOST_TEST(result.duplicates.back().pointer == "/9/k");
    BOOST_TEST(result.duplicates_truncated);

    ParseLimits bytes;
    bytes.max_duplicate_bytes = 20;  // "/0/k" is 4 bytes: five of them, not six
    const auto budget = parse_json(text, bytes);
    BOOST_TEST(budget.duplicates.size() == 5u);
    BOOST_TEST(budget.duplicates_truncated);
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

BOOST_AUTO_TEST_CASE(reasons_name_invalid_utf8_and_lone_surrogates)
{
    const auto bad_value = parse_json("{\"a\": \"x\xff\"}", {});
    BOOST_TEST(!bad_value.ok);
    BOOST_TEST(bad_value.error.reason.find("invalid UTF-8") != std::string::npos, bad_value.error.reason);
    const auto bad_key = parse_json("{\"\xc3x\": 1}", {});
    BOOST_TEST(!bad_key.ok);
    BOOST_TEST(bad_key.error.reason.find("invalid UTF-8") != std::string::npos, bad_key.error.reason);

    const auto high = parse_json(R"({"a": "x\ud800y"})", {});
    BOOST_TEST(!high.ok);
    BOOST_TEST(high.error.reason.find("surrogate") != std::string::npos, high.error.reason);
}

// Found by the fuzzer: a UTF-8 lead byte last in the text made the in-situ parse read past the
// end of its buffer (the asan suite fails without the fix); each length of sequence, cut short.
BOOST_AUTO_TEST_CASE(a_utf8_sequence_cut_off_by_the_end_of_the_text_is_refused)
{
    for (const std::string lead : {"\xC3", "\xE0", "\xE6\x95", "\xF0", "\xF0\x9F\x98"}) {
        for (const std::string& text : {"\"" + lead, "{\"a\": \"" + lead, "{\"" + lead}) {
            const auto result = parse_json(text, {});
            BOOST_TEST(!result.ok);
            BOOST_TEST(result.error.offset <= text.size());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_lone_low_surrogate_is_refused_at_its_escape)
{
    // RapidJSON itself turns \udc00 into the bytes ED B0 80, which are not UTF-8.
    const std::string value = R"({"a": "\\udc00 \ud83d\ude00 \u00e9 \udc00"})";
    const auto result = parse_json(value, {});
    BOOST_TEST(!result.ok);
    BOOST_TEST(result.error.reason.find("surrogate") != std::string::npos, result.error.reason);
    BOOST_TEST(result.error.offset == value.rfind("\\udc00"));  // not the escaped backslash, not the pair
    const std::string key = R"({"ok": 1, "k\uDC00": 1})";
    const auto in_key = parse_json(key, {});
    BOOST_TEST(!in_key.ok);
    BOOST_TEST(in_key.error.offset == key.find("\\uDC00"));
    BOOST_TEST(parse_json(R"({"a": "\ud83d\ude00 \\udc00"})", {}).ok);  // a pair, and an escaped backslash
}

BOOST_AUTO_TEST_CASE(nul_escapes_keep_their_length)
{
    const auto result = parse_json(R"({"a\u0000b": "x\u0000y"})", {});
    BOOST_TEST_REQUIRE(result.ok);
    const auto& member = *result.document.MemberBegin();
    BOOST_TEST(std::string(member.name.GetString(), member.name.GetStringLength()) == std::string("a\0b", 3));
    BOOST_TEST(member.value.GetStringLength() == 3u);
    BOOST_TEST(!result.document.HasMember("a"));
}

BOOST_AUTO_TEST_CASE(member_names_longer_than_the_limit_stop_the_parse)
{
    ParseLimits limits;
    limits.max_member_name = 8;
    const std::string text = R"({"ok": 1, "123456789": 2})";
    const auto result = parse_json(text, limits);
    BOOST_TEST(!result.ok);
    BOOST_TEST(static_cast<int>(result.error.kind) == static_cast<int>(ParseErrorKind::name_too_long));
    BOOST_TEST(result.error.length == 9u);
    BOOST_TEST(result.error.offset == text.find("\"123456789\""));
    BOOST_TEST(parse_json(R"({"12345678": 1})", limits).ok);
    BOOST_TEST(parse_json(R"({"a": "a string value longer than eight bytes"})", limits).ok);
}

BOOST_AUTO_TEST_CASE(binary_and_utf16_text_get_plain_reasons)
{
    const auto png = parse_json(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), {});
    BOOST_TEST(!png.ok);
    BOOST_TEST(png.error.reason.find("0x89") != std::string::npos, png.error.reason);
    const auto nul = parse_json(std::string("\0\0\0\0", 4), {});
    BOOST_TEST(nul.error.reason.find("NUL") != std::string::npos, nul.error.reason);
    const auto utf16 = parse_json(std::string("\xff\xfe{\0}\0", 6), {});
    BOOST_TEST(utf16.error.reason.find("UTF-16") != std::string::npos, utf16.error.reason);
    BOOST_TEST(starts_with_byte_order_mark("\xef\xbb\xbf{}"));
    BOOST_TEST(!starts_with_byte_order_mark("\xef\xbb"));
    BOOST_TEST(!parse_json("\xef\xbb\xbf{}", {}).ok);  // callers strip the mark first
}

BOOST_AUTO_TEST_CASE(line_map_columns_match_a_plain_count_across_blocks)
{
    // Multi-byte characters, CRLF, CR and LF across several 256-byte blocks, and a last block that
    // ends exactly at the end of the text.
    std::string text;
    for (int i = 0; text.size() < 2048; ++i) {
        text += i % 7 == 0 ? "\r\n" : i % 11 == 0 ? "\r" : i % 13 == 0 ? "\n" : i % 3 == 0 ? "é" : i % 5 == 0 ? "😀" : "x";
    }
    text.resize(2048);
    const LineMap lines(text);
    std::size_t line = 1, column = 1;
    for (std::size_t offset = 0; offset <= text.size(); ++offset) {
        const drslint::Position p = lines.position(offset);
        BOOST_TEST_REQUIRE(p.line == line, "offset " << offset);
        BOOST_TEST_REQUIRE(p.column == column, "offset " << offset);
        if (offset == text.size()) break;
        const char c = text[offset];
        if (c == '\n' || (c == '\r' && (offset + 1 == text.size() || text[offset + 1] != '\n'))) {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && c != '\r') {
            ++column;
        } else if (c == '\r') {
            ++column;  // the CR of a CRLF counts until its LF ends the line
        }
    }
    BOOST_TEST(LineMap("").position(0).column == 1u);
}

BOOST_AUTO_TEST_CASE(position_index_follows_only_wanted_paths)
{
    const std::string text = R"({"a/b": {"x": [10, {"y~": "v"}], "x": 3}, "long": [1, 2, 3], "01": 0})";
    const PositionIndex index(text, {"/a~1b/x/1/y~0", "/a~1b/x", "/long/2", "/01", "/long/02", "bad", ""});
    const Span* y = index.find("/a~1b/x/1/y~0");
    BOOST_TEST_REQUIRE(y != nullptr);
    BOOST_TEST(text.substr(y->begin, y->end - y->begin) == "\"v\"");
    BOOST_TEST(text.substr(y->key_begin, y->key_end - y->key_begin) == "\"y~\"");
    const Span* second_x = index.find("/a~1b/x", 1);  // the duplicate member
    BOOST_TEST_REQUIRE(second_x != nullptr);
    BOOST_TEST(text.substr(second_x->begin, 1) == "3");
    const Span* item = index.find("/long/2");
    BOOST_TEST_REQUIRE(item != nullptr);
    BOOST_TEST(text.substr(item->begin, 1) == "3");
    BOOST_TEST(index.find("/long/02") == nullptr);  // "02" is no array index
    BOOST_TEST(index.find("/01") != nullptr);       // but it is a member name
    const Span* root = index.find("");
    BOOST_TEST_REQUIRE(root != nullptr);
    BOOST_TEST(root->begin == 0u);
    BOOST_TEST(root->end == text.size());
}

BOOST_AUTO_TEST_CASE(long_strings_are_measured_in_bytes)
{
    const auto parsed = parse_json(R"({"short": "ab", "k": ["éééé", {"deep": "xxxxxxx"}], "123456789": true, "n": 1.5})", {});
    BOOST_TEST_REQUIRE(parsed.ok);
    BOOST_TEST(longest_string(parsed.document) == 9u);  // the member name; "éééé" is 8 bytes
    BOOST_TEST(longest_string(parsed.document["k"]) == 8u);
}

BOOST_AUTO_TEST_CASE(walks_over_a_deep_document_fit_a_small_stack)
{
    // The parse limit keeps real bodies shallow; these walks must not depend on it.
    const std::size_t depth = 200000;
    std::string text;
    for (std::size_t i = 0; i < depth; ++i) text += R"({"k": [)";
    text += R"("long string", {"d": 1, "d": 2})";
    for (std::size_t i = 0; i < depth; ++i) text += "]}";
    drslint::test::run_with_stack(drslint::test::kOneMiB, [&] {
        ParseLimits limits;
        limits.max_depth = 2 * depth + 2;
        const auto result = parse_json(text, limits);
        BOOST_TEST_REQUIRE(result.ok);
        BOOST_TEST_REQUIRE(result.duplicates.size() == 1u);
        BOOST_TEST(result.duplicates[0].pointer.size() == depth * std::string("/k/0").size() + 2);  // then "/d"
        BOOST_TEST(longest_string(result.document) == 11u);
        const PositionIndex index(text, {result.duplicates[0].pointer});
        BOOST_TEST(index.find(result.duplicates[0].pointer, 1) != nullptr);
        DocumentSpans spans(text, result);
        Span span;
        BOOST_TEST(spans.find(result.duplicates[0].pointer, 1, span));
        BOOST_TEST(span.begin == index.find(result.duplicates[0].pointer, 1)->begin);
        BOOST_TEST(spans.find("", 0, span));  // the root's end: one scan of every bracket
        BOOST_TEST(span.end == text.size());
    });
}

namespace {

// Every pointer in `value` (below `pointer`), repeated member names included.
void every_pointer(const rapidjson::Value& value, const std::string& pointer, std::set<std::string>& out)
{
    out.insert(pointer);
    if (value.IsObject()) {
        for (const auto& member : value.GetObject()) {
            std::string child = pointer;
            core::append_pointer_token(child, {member.name.GetString(), member.name.GetStringLength()});
            every_pointer(member.value, child, out);
        }
    } else if (value.IsArray()) {
        for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
            std::string child = pointer;
            core::append_pointer_index(child, i);
            every_pointer(value[i], child, out);
        }
    }
}

// DocumentSpans finds the very spans PositionIndex finds, for every place of `text` (and every
// occurrence of a repeated one), and nothing where it finds nothing.
void spans_agree(const std::string& text)
{
    const auto parsed = parse_json(text, {});
    BOOST_TEST_REQUIRE(parsed.ok);
    std::set<std::string> pointers;
    every_pointer(parsed.document, "", pointers);
    for (const char* absent : {"/nope", "/0", "/job/01", "bad", "/a~2", "/~", "/job/params/0/x", "//"}) {
        pointers.insert(absent);
    }
    const std::unordered_set<std::string> wanted(pointers.begin(), pointers.end());
    const PositionIndex index(text, wanted);
    DocumentSpans spans(text, parsed);
    for (const auto& pointer : pointers) {
        for (std::size_t k = 0;; ++k) {
            const Span* expected = index.find(pointer, k);
            Span found;
            const bool ok = spans.find(pointer, k, found);
            BOOST_TEST_REQUIRE(ok == (expected != nullptr), pointer << " #" << k);
            if (!ok) break;
            BOOST_TEST(found.key_begin == expected->key_begin, pointer << " #" << k);
            BOOST_TEST(found.key_end == expected->key_end, pointer << " #" << k);
            BOOST_TEST(found.begin == expected->begin, pointer << " #" << k);
            BOOST_TEST(found.end == expected->end, pointer << " #" << k);
            Span short_span;
            BOOST_TEST(spans.find(pointer, k, short_span, false));
            BOOST_TEST(short_span.begin == expected->begin);
            BOOST_TEST(short_span.end == expected->begin + 1);
        }
    }
    // Placed from the value and its member name (the schema's findings), every value where it has
    // one is where PositionIndex puts its occurrence: values visited in document order, each
    // pointer's occurrences counted.
    std::map<std::string, std::size_t> seen;
    std::size_t direct = 0;
    auto visit = [&](auto& self, const rapidjson::Value& value, const rapidjson::Value* key, const std::string& pointer) -> void {
        const std::size_t k = seen[pointer]++;
        Span found;
        if (spans.find(value, key, found)) {
            ++direct;
            const Span* expected = index.find(pointer, k);
            BOOST_TEST_REQUIRE(expected != nullptr, pointer << " #" << k);
            BOOST_TEST(found.key_begin == expected->key_begin, pointer << " #" << k);
            BOOST_TEST(found.key_end == expected->key_end, pointer << " #" << k);
            BOOST_TEST(found.begin == expected->begin, pointer << " #" << k);
            BOOST_TEST(found.end == expected->end, pointer << " #" << k);
        } else {
            BOOST_TEST((key == nullptr && !value.IsString() && &value != &parsed.document), pointer << " #" << k);
        }
        if (value.IsObject()) {
            for (const auto& m : value.GetObject()) {
                std::string child = pointer;
                core::append_pointer_token(child, {m.name.GetString(), m.name.GetStringLength()});
                self(self, m.value, &m.name, child);
            }
        } else if (value.IsArray()) {
            for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
                std::string child = pointer;
                core::append_pointer_index(child, i);
                self(self, value[i], nullptr, child);
            }
        }
    };
    visit(visit, parsed.document, nullptr, "");
    BOOST_TEST(direct > 0u);
}

}  // namespace

BOOST_AUTO_TEST_CASE(document_spans_are_the_position_index_spans)
{
    for (const char* text : {
             R"({"a/b": {"x": [10, {"y~": "v"}], "x": 3}, "long": [1, 2, 3], "01": 0})",
             "{\r\n  \"\u00e9\": {\"k\": [1, \"x\"]},\n  \"b\":true}",
             R"( [ [], {}, [[1,2],[ 3 ]], "s]}", {"\"k\\\u0041": "a\"b}", "e": [null, false, -1.5e3]} ] )",
             R"({"d": {"x": 1}, "d": {"y": [true]}, "d": {"x": {"z": "q"}}, "e": "", "e": {}})",
             R"({"job":{"params":[{"x":"1"},{"x":"2","x":[{},{"x":0}]}]},"job":[]})",
             "\t42 ", R"("text")", "[\"a\",1,\"b\",{\"c\":[\"d\"]}]",
         }) {
        BOOST_TEST_CONTEXT(text) { spans_agree(text); }
    }
    // And every JSON file the repository ships for tests and examples: real bodies and cases.
    const std::filesystem::path root(DRSLINT_SOURCE_DIR);
    std::size_t files = 0;
    for (const char* dir : {"tests/bench/corpus", "tests/schema/cases", "examples", "tests/fix/cases"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root / dir)) {
            if (entry.path().extension() != ".json") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream content;
            content << in.rdbuf();
            const std::string text = content.str();
            if (!parse_json(text, {}).ok) continue;
            BOOST_TEST_CONTEXT(entry.path()) { spans_agree(text); }
            ++files;
        }
    }
    BOOST_TEST(files > 40u);
}
