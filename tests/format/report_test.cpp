// The report stage: globs, config files, baselines, and how messages name places and suggest names.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/pointer.h"
#include "core/suggest.h"
#include "core/text.h"
#include "drslint/baseline.h"
#include "findings/schema_findings.h"
#include "input/glob.h"
#include "format_support.h"

// ---- globs ----

BOOST_AUTO_TEST_CASE(globs_match_whole_relative_paths)
{
    using drslint::input::glob_match;
    BOOST_TEST(glob_match("**/*.json", "a.json"));
    BOOST_TEST(glob_match("**/*.json", "x/y/a.json"));
    BOOST_TEST(glob_match("*.json", "a.json"));
    BOOST_TEST(!glob_match("*.json", "x/a.json"));  // '*' stays within a directory
    BOOST_TEST(glob_match("x/**", "x/a/b.json"));
    BOOST_TEST(!glob_match("x/**", "y/a.json"));
    BOOST_TEST(glob_match("x/**/b.json", "x/b.json"));
    BOOST_TEST(glob_match("draft-?.json", "draft-1.json"));
    BOOST_TEST(glob_match("[ab].json", "b.json"));
    BOOST_TEST(!glob_match("[ab].json", "c.json"));
    const std::string odd = "we*ird [1]?.json";
    BOOST_TEST(glob_match(drslint::input::glob_escape(odd), odd));
    BOOST_TEST(!glob_match(drslint::input::glob_escape(odd), "weXird [1]?.json"));
    BOOST_TEST(!glob_match(drslint::input::glob_escape(odd), "we*ird 1X.json"));
}

// ---- config ----

BOOST_AUTO_TEST_CASE(a_config_reads_rules_ignores_and_fail_severity)
{
    const Config c = config_from(R"({
        "rules": {"unknown-member": "off", "string-length": "warning"},
        "ignore": [{"rule": "enum-value", "pointer": "/job/type", "files": "legacy/**", "reason": "old bodies"},
                   {"pointer": "/job/params/speed_limit/**"}],
        "failSeverity": "warning"})");
    BOOST_TEST(c.rules.at("unknown-member").has_value() == false);
    BOOST_TEST(*c.rules.at("string-length") == Severity::warning);
    BOOST_TEST_REQUIRE(c.ignore.size() == 2u);
    BOOST_TEST(*c.ignore[0].files == "legacy/**");
    BOOST_TEST(!c.ignore[1].rule.has_value());
    BOOST_TEST(*c.fail_severity == Severity::warning);
    BOOST_TEST(c.directory == fs::path("/work/repo"));
    // Written back, it reads the same.
    const Config again = config_from(drslint::to_json(c));
    BOOST_TEST(drslint::to_json(again) == drslint::to_json(c));
    BOOST_TEST(again.rules == c.rules);
}

BOOST_AUTO_TEST_CASE(a_config_that_cannot_be_used_says_where_and_why)
{
    BOOST_TEST(contains(config_error(R"({"rulez": {}})"), "rulez: unknown key"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-membr": "off"}})"), "did you mean 'unknown-member'"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-member": "loud"}})"), "rules.unknown-member"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-member": 1}})"), "rules.unknown-member"));
    BOOST_TEST(contains(config_error(R"({"failSeverity": "fatal"})"), "failSeverity"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{}]})"), "ignore[0]"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"rule": "enum-value", "colour": 1}]})"), "ignore[0].colour"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"pointer": "job/type"}]})"), "not a JSON Pointer"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"pointer": "/a~2b"}]})"), "not a JSON Pointer"));
    BOOST_TEST(contains(config_error(R"({"ignore": {"rule": "enum-value"}})"), "ignore: expected an array"));
    BOOST_TEST(contains(config_error("{\"rules\": {}\n,}"), "not valid JSON at line 2"));
    BOOST_TEST(contains(config_error(R"({"rules": {}, "rules": {}})"), "more than once"));
    BOOST_TEST(contains(config_error("[]"), "expected an object"));
    BOOST_TEST(contains(config_error(R"({"rules": {"unknown-member": "off"}})"), "(accepted)"));
}

BOOST_AUTO_TEST_CASE(a_config_cannot_silence_input_that_was_not_checked)
{
    BOOST_TEST(contains(config_error(R"({"rules": {"invalid-json": "off"}})"), "cannot be turned off"));
    BOOST_TEST(contains(config_error(R"({"rules": {"input-too-large": "warning"}})"), "cannot be turned off or lowered"));
    BOOST_TEST(contains(config_error(R"({"ignore": [{"rule": "too-many-findings"}]})"), "cannot be ignored"));
    BOOST_TEST(contains(config_error(R"({"rules": {"invalid-json": "error"}})"), "(accepted)"));
    // An entry without a rule matches everything else, but not these.
    const Config c = config_from(R"({"ignore": [{"pointer": "/**"}]})");
    Report report;
    report.findings = {finding("invalid-json", Severity::error, "", 1, 1, 1, 2),
                       finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2)};
    std::size_t suppressed = 0;
    const Report out = drslint::apply_config(c, std::string("a.json"), report, suppressed);
    BOOST_TEST_REQUIRE(out.findings.size() == 1u);
    BOOST_TEST(out.findings[0].rule == "invalid-json");
    BOOST_TEST(suppressed == 1u);
}

BOOST_AUTO_TEST_CASE(config_turns_rules_off_changes_severity_and_ignores_by_rule_pointer_and_glob)
{
    const Config c = config_from(R"({
        "rules": {"unknown-member": "off", "string-length": "info"},
        "ignore": [{"rule": "enum-value", "pointer": "/job/type", "files": "legacy/**/*.json"},
                   {"rule": "type-mismatch", "pointer": "/job/params/speed_limit/**"}]})");
    Report report;
    report.findings = {finding("unknown-member", Severity::warning, "/job/x", 1, 1, 1, 2),
                       finding("string-length", Severity::error, "/job/params/base_info/name", 1, 1, 1, 2),
                       finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2),
                       finding("type-mismatch", Severity::error, "/job/params/speed_limit/1/speed", 1, 1, 1, 2),
                       finding("type-mismatch", Severity::error, "/job/params/speed_limit", 1, 1, 1, 2),
                       finding("type-mismatch", Severity::error, "/job/params/speed_limits", 1, 1, 1, 2)};
    std::size_t suppressed = 0;
    const Report legacy = drslint::apply_config(c, std::string("legacy/2023/a.json"), report, suppressed);
    BOOST_TEST(suppressed == 3u);
    BOOST_TEST_REQUIRE(legacy.findings.size() == 2u);
    BOOST_TEST(legacy.findings[0].rule == "string-length");
    BOOST_TEST(legacy.findings[0].severity == Severity::info);
    BOOST_TEST(legacy.findings[1].pointer == "/job/params/speed_limits");  // a prefix ends at a '/'

    suppressed = 0;
    const Report current = drslint::apply_config(c, std::string("current/a.json"), report, suppressed);
    BOOST_TEST(suppressed == 2u);
    BOOST_TEST(current.findings.size() == 3u);  // the enum-value finding is outside legacy/
    suppressed = 0;
    const Report stdin_report = drslint::apply_config(c, std::nullopt, report, suppressed);
    BOOST_TEST(stdin_report.findings.size() == 3u);  // a `files` glob never matches standard input
}

BOOST_AUTO_TEST_CASE(fail_severity_comes_from_the_flag_then_the_config)
{
    const Config warn = config_from(R"({"failSeverity": "warning"})");
    const auto w = finding("unknown-member", Severity::warning, "/x", 1, 2, 1, 5);
    BOOST_TEST(!result("a.json", "{}", {w}).failed());
    BOOST_TEST(result("a.json", "{}", {w}, warn).failed());
    BOOST_TEST(!result("a.json", "{}", {w}, warn, Severity::error).failed());
    BOOST_TEST(result("a.json", "{}", {w}, Config(), Severity::info).failed());
}

BOOST_AUTO_TEST_CASE(a_baseline_ignores_exactly_todays_findings)
{
    const Config in_effect = config_from(R"({"rules": {"unknown-member": "info"}, "failSeverity": "info",
                                             "ignore": [{"rule": "enum-value", "files": "old/*.json"}]})",
                                         "/work/repo/sub/.drslint.json");
    std::vector<FileResult> results = {
        result("/work/repo/sub/x/we*ird.json", "{}",
               {finding("string-length", Severity::error, "/job/params/base_info/name", 1, 1, 1, 2),
                finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2),
                finding("enum-value", Severity::error, "/job/type", 1, 3, 1, 4),
                finding("invalid-json", Severity::error, "", 1, 1, 1, 2),
                finding("duplicate-key", Severity::error, "/job/params", 1, 5, 1, 6)})};
    std::size_t left_out = 0;
    const Config baseline = drslint::make_baseline(in_effect, "/work/repo/baseline.json", results, left_out);
    BOOST_TEST(left_out == 2u);  // invalid-json and duplicate-key mean unchecked input: never baselined
    BOOST_TEST(*baseline.fail_severity == Severity::info);
    BOOST_TEST(*baseline.rules.at("unknown-member") == Severity::info);
    BOOST_TEST_REQUIRE(baseline.ignore.size() == 3u);  // the carried entry, then two (a repeat is dropped)
    BOOST_TEST(*baseline.ignore[0].files == "sub/old/*.json");  // re-based onto the baseline's directory
    BOOST_TEST(*baseline.ignore[1].files == "sub/x/we\\*ird.json");
    BOOST_TEST(*baseline.ignore[1].pointer == "/job/params/base_info/name");
    // Read back from its own directory, it silences those findings and nothing else.
    const Config read = config_from(drslint::to_json(baseline), "/work/repo/baseline.json");
    Report again;
    again.findings = {finding("string-length", Severity::error, "/job/params/base_info/name", 1, 1, 1, 2),
                      finding("string-length", Severity::error, "/job/params/base_info/description", 1, 1, 1, 2)};
    std::size_t suppressed = 0;
    const Report out = drslint::apply_config(read, std::string("sub/x/we*ird.json"), again, suppressed);
    BOOST_TEST(suppressed == 1u);
    BOOST_TEST_REQUIRE(out.findings.size() == 1u);
    BOOST_TEST(out.findings[0].pointer == "/job/params/base_info/description");
    std::vector<FileResult> from_stdin = {result("-", "{}", {finding("enum-value", Severity::error, "/job/type", 1, 1, 1, 2)})};
    BOOST_CHECK_THROW(drslint::make_baseline(Config(), "b.json", from_stdin, left_out), ConfigError);
}

// How a message names a place: the last two member names, the indexes between them, member names
// unescaped and printable.
BOOST_AUTO_TEST_CASE(places_are_named_by_their_last_two_members)
{
    using drslint::core::describe_pointer;
    BOOST_TEST(describe_pointer("") == "the body");
    BOOST_TEST(describe_pointer("no-slash") == "the body");
    BOOST_TEST(describe_pointer("/a~2") == "the body");  // malformed: an escape that is none
    BOOST_TEST(describe_pointer("/a/b~") == "the body");
    BOOST_TEST(describe_pointer("/job/params/speed_limit/1/end") == "`speed_limit[1].end`");
    BOOST_TEST(describe_pointer("/job") == "`job`");
    BOOST_TEST(describe_pointer("/0/name") == "`[0].name`");
    BOOST_TEST(describe_pointer("/a/b~1c/d~0e") == "`b/c.d~e`");
    BOOST_TEST(describe_pointer("/x/a//b") == "`.b`");  // an empty member name is a name too
    BOOST_TEST(describe_pointer("/x/t\x1b[31m") == "`x.t\\u001b[31m`");
    BOOST_TEST(describe_pointer("/a/01/b") == "`01.b`");          // a leading zero: a name
    BOOST_TEST(describe_pointer("/a/0/12/b") == "`a[0][12].b`");  // indexes between the names
    BOOST_TEST(describe_pointer("/") == "``");
    BOOST_TEST(describe_pointer("/a/`b`") == "`a.`b``");  // a backtick prints as it is
}

// Plain names (most places) are written by a shortcut; it must say what the general path says: the
// printable form of each name, cut after 64 code points, whatever the lengths around its bound.
BOOST_AUTO_TEST_CASE(plain_places_are_named_as_any_other)
{
    using drslint::core::describe_pointer;
    using drslint::core::printable;
    for (std::size_t a = 0; a <= 70; a += 7) {
        for (std::size_t b = 50; b <= 70; ++b) {
            const std::string first(a, 'f'), second(b, 's');
            const std::string expected = "`" + printable(first) + "[3]." + printable(second) + "`";
            BOOST_TEST(describe_pointer("/x/" + first + "/3/" + second) == expected, a << " " << b);
            const std::string escaped = "`" + printable(first + "~") + "[3]." + printable(second) + "`";
            BOOST_TEST(describe_pointer("/x/" + first + "~0/3/" + second) == escaped, a << " " << b);
        }
    }
    BOOST_TEST(describe_pointer("/x/" + std::string(70, 'n')) == "`x." + std::string(64, 'n') + "…`");
}

// The did-you-mean distance: swaps count once, case does not count, and a bound stops it early
// without changing any answer within the bound.
BOOST_AUTO_TEST_CASE(edit_distance_and_its_bound)
{
    using drslint::core::edit_distance;
    BOOST_TEST(edit_distance("speed_limit", "speedlimit") == 1u);
    BOOST_TEST(edit_distance("base_info", "base_ifno") == 1u);
    BOOST_TEST(edit_distance("DB_Name", "db_name") == 0u);
    BOOST_TEST(edit_distance("", "abc") == 3u);
    BOOST_TEST(edit_distance("kitten", "sitting") == 3u);
    BOOST_TEST(edit_distance("kitten", "sitting", 3) == 3u);
    BOOST_TEST(edit_distance("kitten", "sitting", 1) > 1u);
    BOOST_TEST(edit_distance("policy_config", "speed_limit", 2) > 2u);
    BOOST_TEST(drslint::core::closest_match("speedlimit", {"speed_limit", "policy_config", "speed"}) == "speed_limit");
    BOOST_TEST(drslint::core::closest_match("zzzzzz", {"speed_limit", "name"}).empty());
}

// The distance is computed a column per bit where a word has at most 64 bytes and by the table
// otherwise: both give the textbook table's answer (optimal string alignment, case folded), at
// every length around the word size and with every bound.
BOOST_AUTO_TEST_CASE(edit_distance_is_the_tables_at_every_length)
{
    auto reference = [](std::string a, std::string b) {
        for (auto* s : {&a, &b}) {
            for (char& c : *s) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        }
        std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
        for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
        for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            for (std::size_t j = 1; j <= b.size(); ++j) {
                d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
        return d[a.size()][b.size()];
    };
    std::uint32_t seed = 12345;
    auto next = [&seed](std::uint32_t n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 8) % n;
    };
    const std::string alphabet = "abAB_\xC3";  // few letters, so that words are near each other
    for (int round = 0; round < 3000; ++round) {
        const std::size_t n = next(4) == 0 ? 60 + next(10) : next(12);
        std::string a, b;
        for (std::size_t i = 0; i < n; ++i) a += alphabet[next(static_cast<std::uint32_t>(alphabet.size()))];
        b = a;
        for (std::uint32_t edits = next(5); edits > 0; --edits) {  // a few edits of every kind
            const std::size_t at = b.empty() ? 0 : next(static_cast<std::uint32_t>(b.size()));
            switch (next(4)) {
            case 0: b.insert(at, 1, alphabet[next(static_cast<std::uint32_t>(alphabet.size()))]); break;
            case 1: if (!b.empty()) b.erase(at, 1); break;
            case 2: if (!b.empty()) b[at] = alphabet[next(static_cast<std::uint32_t>(alphabet.size()))]; break;
            default: if (at + 1 < b.size()) std::swap(b[at], b[at + 1]);
            }
        }
        if (next(8) == 0) b = b.substr(0, b.size() / 2) + std::string(next(80), 'a');  // far apart
        const std::size_t expected = reference(a, b);
        BOOST_TEST(drslint::core::edit_distance(a, b) == expected, a << " / " << b);
        for (std::size_t bound = 0; bound < 6; ++bound) {
            const std::size_t bounded = drslint::core::edit_distance(a, b, bound);
            BOOST_TEST((expected <= bound ? bounded == expected : bounded > bound), a << " / " << b << " within " << bound);
        }
    }
}

// The did-you-mean is the first candidate at the least distance, if that is at most a third of the
// word (1 to 3 edits), or a case-only match; its shortcuts (length and byte bounds, the bound
// lowered as better candidates are found, a compare once one is a single edit away) change no
// answer. Checked against every distance computed in full, on random near words.
BOOST_AUTO_TEST_CASE(closest_match_is_the_first_nearest_candidate)
{
    using drslint::core::closest_match;
    using drslint::core::edit_distance;
    auto reference = [](const std::string& word, const std::vector<std::string_view>& candidates) -> std::string {
        if (word.empty() || word.size() > 64) return {};
        const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
        std::string_view best;
        std::size_t best_distance = static_cast<std::size_t>(-1);
        for (std::string_view c : candidates) {
            if (c.size() > 64) continue;
            const std::size_t d = edit_distance(word, c);
            if (d < best_distance) {
                best_distance = d;
                best = c;
            }
        }
        if (best_distance == 0) return best != word ? std::string(best) : std::string();
        return best_distance <= allowed ? std::string(best) : std::string();
    };
    std::uint32_t seed = 777;
    auto next = [&seed](std::uint32_t n) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 8) % n;
    };
    const std::string alphabet = "abAB_";
    for (int round = 0; round < 4000; ++round) {
        std::string word;
        for (std::size_t i = 0, n = 1 + next(9); i < n; ++i) word += alphabet[next(5)];
        std::vector<std::string> owned;
        for (std::size_t k = 0, n = next(7); k < n; ++k) {
            std::string c = word;
            for (std::uint32_t edits = next(4); edits > 0; --edits) {
                const std::size_t at = c.empty() ? 0 : next(static_cast<std::uint32_t>(c.size()));
                switch (next(4)) {
                case 0: c.insert(at, 1, alphabet[next(5)]); break;
                case 1: if (!c.empty()) c.erase(at, 1); break;
                case 2: if (!c.empty()) c[at] = alphabet[next(5)]; break;
                default: if (at + 1 < c.size()) std::swap(c[at], c[at + 1]); break;
                }
            }
            owned.push_back(c);
        }
        const std::vector<std::string_view> candidates(owned.begin(), owned.end());
        BOOST_TEST(closest_match(word, candidates) == reference(word, candidates), word << " round " << round);
    }
}
