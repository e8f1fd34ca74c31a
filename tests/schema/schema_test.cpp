// Data-driven: every case in tests/schema/cases/*.json is linted, and its error and warning
// findings must be exactly the expected (rule, pointer) pairs.
#define BOOST_TEST_MODULE schema
#include <boost/test/unit_test.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>

#include <algorithm>
#include <random>
#include <regex>
#include <set>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "drslint/linter.h"
#include "schema/embedded.h"
#include "schema/evaluator.h"
#include "schema/pattern.h"
#include "schema/schema_set.h"
#include "schema/valijson_engine.h"
#include "../support/fix_property.h"
#include "../support/fixtures.h"

namespace fs = std::filesystem;

namespace {

const drslint::Linter& linter() { return drslint::test::default_linter(); }

using drslint::test::read_file;

std::string to_json(const rapidjson::Value& v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return buffer.GetString();
}

struct CaseBody {
    std::string name;
    std::string json;
};

std::vector<CaseBody> all_case_bodies()
{
    const fs::path dir = fs::path(DRSLINT_SOURCE_DIR) / "tests" / "schema" / "cases";
    std::vector<CaseBody> bodies;
    for (const auto& entry : fs::directory_iterator(dir)) {
        rapidjson::Document doc;
        doc.Parse(read_file(entry.path()).c_str());
        if (doc.HasMember("schema") && std::string(doc["schema"].GetString()) != "update-job-request") continue;
        for (const auto& c : doc["cases"].GetArray()) {
            bodies.push_back({entry.path().filename().string() + ": " + c["name"].GetString(), to_json(c["body"])});
        }
    }
    return bodies;
}

// One case of tests/schema/cases/*.json (of the update-job-request schema), for the data test cases
// below: the list exists when tests are registered (static initialisation), so it is built on
// first use, in file order. A file that is not JSON is a case of its own that fails.
struct SchemaCase {
    std::string file;
    std::string name;
    std::string body;
    std::vector<std::string> expected;  // "rule pointer", sorted
    std::string load_error;             // why the file could not be read as cases
};

// How Boost.Test names a case in the context of a failed check.
std::ostream& operator<<(std::ostream& out, const SchemaCase& c) { return out << c.file << ": " << c.name; }

std::vector<fs::path> case_files()
{
    const fs::path dir = fs::path(DRSLINT_SOURCE_DIR) / "tests" / "schema" / "cases";
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".json") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

const std::vector<SchemaCase>& schema_cases()
{
    static const std::vector<SchemaCase> cases = [] {
        std::vector<SchemaCase> out;
        for (const auto& file : case_files()) {
            const std::string filename = file.filename().string();
            rapidjson::Document doc;
            doc.Parse(read_file(file).c_str());
            if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("cases") || !doc["cases"].IsArray()) {
                out.push_back({filename, "(the file)", "", {}, "not valid JSON with a \"cases\" array"});
                continue;
            }
            const std::string schema = doc.HasMember("schema") ? doc["schema"].GetString() : "";
            if (!schema.empty() && schema != "update-job-request") {
                continue;  // path parameters and headers are checked by the .http support
            }
            for (const auto& c : doc["cases"].GetArray()) {
                SchemaCase one{filename, c["name"].GetString(), to_json(c["body"]), {}, ""};
                for (const auto& e : c["expect"].GetArray()) {
                    one.expected.push_back(std::string(e["rule"].GetString()) + " " + e["pointer"].GetString());
                }
                std::sort(one.expected.begin(), one.expected.end());
                out.push_back(std::move(one));
            }
        }
        return out;
    }();
    return cases;
}

void collect(rapidjson::Value& v, std::vector<rapidjson::Value*>& all, std::set<std::string>& names,
             std::set<std::string>& strings)
{
    all.push_back(&v);
    if (v.IsObject()) {
        for (auto& m : v.GetObject()) {
            names.insert(m.name.GetString());
            collect(m.value, all, names, strings);
        }
    } else if (v.IsArray()) {
        for (auto& i : v.GetArray()) collect(i, all, names, strings);
    } else if (v.IsString()) {
        strings.insert(v.GetString());
    }
}

// One random edit: another type, value or number, a member removed, added or misspelled, an item
// removed, repeated or added. Values come from pools drawn from every case body.
void mutate(rapidjson::Document& d, std::mt19937& rng, const std::vector<std::string>& names,
            const std::vector<std::string>& strings)
{
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    auto& a = d.GetAllocator();
    std::vector<rapidjson::Value*> all;
    std::set<std::string> unused_names, unused_strings;
    collect(d, all, unused_names, unused_strings);
    rapidjson::Value& v = *all[pick(all.size())];
    switch (pick(7)) {
    case 0:
        switch (pick(7)) {
        case 0: v.SetNull(); break;
        case 1: v.SetBool(pick(2) == 1); break;
        case 2: v.SetInt(static_cast<int>(pick(5)) - 1); break;
        case 3: v.SetDouble(1.5); break;
        case 4: v.SetObject(); break;
        case 5: v.SetArray(); break;
        default: v.SetString(strings[pick(strings.size())].c_str(), a);
        }
        break;
    case 1:
        if (v.IsString()) v.SetString(strings[pick(strings.size())].c_str(), a);
        break;
    case 2:
        if (v.IsNumber()) {
            const long long pool[] = {0, -1, 1, 59, 60, 3600, 3601, 65535, 65536, 2147483648LL, 9999, 10000};
            v.SetInt64(pool[pick(12)]);
        }
        break;
    case 3:
        if (v.IsObject() && v.MemberCount() > 0) v.EraseMember(v.MemberBegin() + static_cast<long>(pick(v.MemberCount())));
        break;
    case 4:
        if (v.IsObject()) {
            rapidjson::Value key(names[pick(names.size())].c_str(), a);
            if (v.HasMember(key)) break;
            rapidjson::Value value;
            switch (pick(4)) {
            case 0: value.SetString(strings[pick(strings.size())].c_str(), a); break;
            case 1: value.SetBool(pick(2) == 1); break;
            case 2: value.SetInt(static_cast<int>(pick(100))); break;
            default: value.SetObject();
            }
            v.AddMember(key, value, a);
        }
        break;
    case 5:
        if (v.IsArray()) {
            if (v.Size() > 0 && pick(2) == 1) {
                rapidjson::Value copy(v[static_cast<rapidjson::SizeType>(pick(v.Size()))], a);
                v.PushBack(copy, a);
            } else if (v.Size() > 0) {
                v.Erase(v.Begin() + static_cast<long>(pick(v.Size())));
            } else {
                rapidjson::Value item(rapidjson::kObjectType);
                v.PushBack(item, a);
            }
        }
        break;
    default:
        if (v.IsObject() && v.MemberCount() > 0) {
            auto it = v.MemberBegin() + static_cast<long>(pick(v.MemberCount()));
            std::string name = it->name.GetString();
            if (!name.empty()) name[pick(name.size())] = 'q';
            it->name.SetString(name.c_str(), a);
        }
    }
}

// Both engines over the embedded schemas, and the comparison the differential tests make.
struct Engines {
    const std::string root = "request/update-job-request.schema.json";
    const drslint::schema::SchemaSet schemas{drslint::embedded::api_schema_files()};
    const drslint::schema::ValijsonEngine valijson{schemas, root};
    const drslint::schema::Evaluator evaluator{};

    // Whether the engines agree on `doc`: the same verdict, and every problem valijson names is
    // among the evaluator's (unknown members aside: drslint warns on them, valijson fails them).
    // `invalid` is set to valijson's verdict.
    bool agree(const rapidjson::Value& doc, bool& invalid) const
    {
        std::vector<drslint::schema::Violation> violations;
        evaluator.validate(schemas.root(root), doc, &violations);
        std::set<std::string> ours;
        for (const auto& v : violations) {
            if (v.keyword != drslint::schema::Keyword::unknown_member) ours.insert(v.pointer);
        }
        std::set<std::string> theirs;
        for (const auto& leaf : valijson.validate(doc)) {
            if (!leaf.unknown_member) theirs.insert(leaf.pointer);
        }
        invalid = !theirs.empty();
        return ours.empty() == theirs.empty() && std::includes(ours.begin(), ours.end(), theirs.begin(), theirs.end());
    }
};

}  // namespace

// The differential test on fuzzed input that lets the evaluator run without valijson
// (--no-cross-check): on thousands of mutants of the case bodies, with a fixed seed, both engines
// reach the same verdict and valijson names no problem the evaluator misses.
BOOST_AUTO_TEST_CASE(evaluator_and_valijson_agree_on_mutated_bodies)
{
    const Engines engines;
    const auto bodies = all_case_bodies();
    std::set<std::string> name_set, string_set = {"", "a", "00:00", "23:59", "24:00", "12:60", "0", "-1", "65536",
                                                  "1.2.3.4", "数据库", "a/b~c", "TRUE", "x\ny", std::string(300, 'x')};
    for (const auto& body : bodies) {
        rapidjson::Document d;
        d.Parse(body.json.c_str());
        std::vector<rapidjson::Value*> all;
        collect(d, all, name_set, string_set);
    }
    const std::vector<std::string> names(name_set.begin(), name_set.end());
    const std::vector<std::string> strings(string_set.begin(), string_set.end());
    std::mt19937 rng(7);
    std::size_t invalid = 0;
    constexpr std::size_t kMutants = 20000;
    for (std::size_t m = 0; m < kMutants; ++m) {
        rapidjson::Document d;
        d.Parse(bodies[std::uniform_int_distribution<std::size_t>(0, bodies.size() - 1)(rng)].json.c_str());
        for (std::size_t edits = 1 + m % 3; edits > 0; --edits) mutate(d, rng, names, strings);
        bool rejected = false;
        if (!engines.agree(d, rejected)) {
            rapidjson::StringBuffer buffer;
            rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
            d.Accept(writer);
            BOOST_ERROR("engines disagree on mutant " << m << ": " << buffer.GetString());
        }
        invalid += rejected;
    }
    BOOST_TEST(invalid > kMutants / 4);  // the mutants do exercise the schemas
}

// What the data test cases below stand on: the case files were found, they hold many cases, and
// most cases are bodies valijson, the engine of record, rejects.
BOOST_AUTO_TEST_CASE(the_cases_are_many_and_most_are_invalid)
{
    BOOST_TEST_REQUIRE(case_files().size() >= 30u);
    BOOST_TEST(schema_cases().size() >= 100u);
    const Engines engines;
    std::size_t invalid = 0;
    for (const auto& c : schema_cases()) {
        rapidjson::Document doc;
        doc.Parse(c.body.c_str());
        bool rejected = false;
        engines.agree(doc, rejected);
        invalid += rejected;
    }
    BOOST_TEST(invalid >= 300u);
}

// valijson is the engine of record: on every case, drslint's evaluator must reach the same
// verdict, and every problem valijson names must be among the evaluator's.
BOOST_DATA_TEST_CASE(evaluator_and_valijson_agree_on_every_case, boost::unit_test::data::make(schema_cases()), schema_case)
{
    BOOST_TEST_CHECKPOINT(schema_case);  // names the case when an exception ends it
    BOOST_TEST_REQUIRE(schema_case.load_error.empty(), schema_case.load_error);
    static const Engines engines;
    rapidjson::Document doc;
    doc.Parse(schema_case.body.c_str());
    bool rejected = false;
    BOOST_TEST(engines.agree(doc, rejected), schema_case);
}

BOOST_DATA_TEST_CASE(every_case_yields_exactly_its_expected_findings, boost::unit_test::data::make(schema_cases()),
                     schema_case)
{
    BOOST_TEST_CHECKPOINT(schema_case);
    BOOST_TEST_REQUIRE(schema_case.load_error.empty(), schema_case.load_error);
    const std::string& body = schema_case.body;
    const auto report = linter().lint(body);
    // valijson, the engine of record, confirms the verdict: no engine-disagreement.
    BOOST_TEST(drslint::test::finding_lines(drslint::test::cross_checking_linter().lint(body)) ==
                   drslint::test::finding_lines(report),
               schema_case << " (with --cross-check)");
    std::vector<std::string> actual;
    for (const auto& f : report.findings) {
        if (f.severity != drslint::Severity::info) actual.push_back(f.rule + " " + f.pointer);
    }
    std::sort(actual.begin(), actual.end());
    BOOST_TEST(schema_case.expected == actual, schema_case);
    if (schema_case.expected != actual) {
        for (const auto& f : report.findings) BOOST_TEST_MESSAGE("  got " << f.rule << " " << f.pointer << ": " << f.message);
    }
}

// Issue 14's property on every case: the offered fixes, all applied, give a body that parses,
// with no error they claimed to fix and no new one, and fixing twice equals fixing once.
BOOST_DATA_TEST_CASE(fixes_hold_on_every_case, boost::unit_test::data::make(schema_cases()), schema_case)
{
    BOOST_TEST_CHECKPOINT(schema_case);
    BOOST_TEST(drslint::test::fix_property_violation(linter(), schema_case.body) == "", schema_case);
}

namespace {

// Every "pattern" string in a schema document, and the match/applies patterns of the rules.
void gather_patterns(const rapidjson::Value& v, std::set<std::string>& out)
{
    if (v.IsObject()) {
        for (const auto& m : v.GetObject()) {
            const std::string name = m.name.GetString();
            if ((name == "pattern" || name == "match" || name == "applies") && m.value.IsString()) {
                out.insert(m.value.GetString());
            }
            gather_patterns(m.value, out);
        }
    } else if (v.IsArray()) {
        for (const auto& item : v.GetArray()) gather_patterns(item, out);
    }
}

std::set<std::string> embedded_patterns()
{
    std::set<std::string> patterns;
    for (std::size_t i = 0; i < drslint::embedded::kFileCount; ++i) {
        rapidjson::Document d;
        const std::string_view text = drslint::embedded::kFiles[i].text();
        d.Parse(text.data(), text.size());
        gather_patterns(d, patterns);
    }
    return patterns;
}

// Strings to try a pattern on: every string value of the cases, and random strings over the
// pattern's own characters plus a few others (digits, separators, a multi-byte character, a
// stray continuation byte), so that near misses are common.
std::vector<std::string> probe_strings(const std::string& pattern, const std::set<std::string>& case_strings, std::mt19937& rng)
{
    std::vector<std::string> out(case_strings.begin(), case_strings.end());
    out.insert(out.end(), {".-", "B", "abb", "bbb", "aabbb", "abx", "cdabx", "b"});
    std::vector<std::string> alphabet = {"0", "1", "2", "5", "9", ":", ",", ".", "-", "_", "a", "b", "A", "Z", " ",
                                         "数", "\x80", "\\", "~"};
    for (const char c : pattern) {
        if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f) alphabet.emplace_back(1, c);
    }
    std::uniform_int_distribution<std::size_t> letter(0, alphabet.size() - 1), length(0, 16);
    for (int k = 0; k < 3000; ++k) {
        std::string s;
        for (std::size_t n = length(rng); n > 0; --n) s += alphabet[letter(rng)];
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

// schema::Pattern answers exactly as std::regex_search (ECMAScript, on the string's bytes) does,
// for every pattern drslint embeds and for patterns that exercise the rest of its subset and its
// fallback; and every embedded pattern runs as a DFA, not through the fallback.
BOOST_AUTO_TEST_CASE(pattern_dfa_agrees_with_std_regex)
{
    std::set<std::string> case_strings, names;
    for (const auto& body : all_case_bodies()) {
        rapidjson::Document d;
        d.Parse(body.json.c_str());
        std::vector<rapidjson::Value*> all;
        collect(d, all, names, case_strings);
    }
    const std::set<std::string> embedded = embedded_patterns();
    BOOST_TEST_REQUIRE(embedded.size() >= 10u);
    std::set<std::string> patterns = embedded;
    patterns.insert({"a{2,3}", "^(ab|cd)*x$", "[^a-c]+$", "^\\.\\-$", "^$", "x?y", "^a{0,2}b{2,}$", "(a|)b",
                     "^[\\u0041-\\u0043]{1}$", "a|b", "ab|c"});
    std::mt19937 rng(11);
    for (const auto& source : patterns) {
        const drslint::schema::Pattern pattern(source);
        const std::regex reference(source, std::regex::ECMAScript);
        std::size_t matched = 0, disagreements = 0;
        for (const auto& s : probe_strings(source, case_strings, rng)) {
            const bool expected = std::regex_search(s, reference);
            matched += expected;
            if (pattern.search(s) != expected && ++disagreements <= 3) {
                BOOST_ERROR(source << " on \"" << s << "\": std::regex says " << expected);
            }
        }
        BOOST_TEST_MESSAGE(source << ": " << matched << " matches");
    }
}

// Outside the subset, a pattern is refused (the schemas then fail to load), never run some other
// way: anchors of a top-level alternation bind to one branch in ECMAScript (`a|b$` is not
// `(a|b)$`), and stacked quantifiers are no ECMAScript at all.
BOOST_AUTO_TEST_CASE(patterns_outside_the_subset_are_refused)
{
    for (const char* source : {"a|b$", "^a|b", "^(a)|b$", "a**", "a{2}{3}", "a+*", "a?+", "\\d+", "a+?",
                               "^[[:digit:]]$", "b\\b", "^(?=a)a", "[]", "^.$"}) {
        BOOST_CHECK_THROW(drslint::schema::Pattern{source}, std::invalid_argument);
    }
    // The same with the anchors inside a group, or no alternation, is fine.
    for (const char* source : {"^(a|b)$", "^ab$", "(a|b)$", "a*b+c?"}) {
        BOOST_CHECK_NO_THROW(drslint::schema::Pattern{source});
    }
    // `^(a|b)$` and `a|b$` differ: the first rejects "ax", ECMAScript's second accepts it.
    BOOST_TEST(!drslint::schema::Pattern("^(a|b)$").search("ax"));
}

// A pattern's DFA is built on first use (start-up builds none); one too large is still refused:
// when a schema loads with every check, by the build's check of the built-in data, and by the
// search itself, never by matching less.
BOOST_AUTO_TEST_CASE(a_pattern_too_large_to_compile_is_refused_however_it_is_loaded)
{
    using drslint::core::DataChecks;
    using drslint::schema::SchemaSet;
    // Unanchored, (a|b)*a(a|b){11} needs 2^12 DFA states: past the limit of 2048.
    const std::string schema = R"({"type": "string", "pattern": "(a|b)*a(a|b){11}"})";
    auto says_too_large = [](const std::exception& e) {
        const std::string what = e.what();
        return what.find("too large to compile") != std::string::npos &&
               what.find("request/big.schema.json#") != std::string::npos;
    };
    BOOST_CHECK_EXCEPTION(SchemaSet({{"request/big.schema.json", schema}}), std::runtime_error, says_too_large);
    const SchemaSet built_in({{"request/big.schema.json", schema}}, DataChecks::built_in);
    BOOST_CHECK_EXCEPTION(built_in.compile_patterns(), std::runtime_error, says_too_large);
    const drslint::schema::Pattern pattern("(a|b)*a(a|b){11}");
    BOOST_CHECK_THROW(pattern.search("ab"), std::invalid_argument);
    // A pattern within the limits matches the same whether compile() ran first or not.
    const drslint::schema::Pattern eager("^[a-z][a-z0-9-]{2,63}$"), lazy("^[a-z][a-z0-9-]{2,63}$");
    eager.compile();
    for (const std::string& text : std::vector<std::string>{"abc", "ab", "a-b-c", "9ab", std::string(64, 'a'),
                                                           std::string(65, 'a')}) {
        BOOST_TEST(eager.search(text) == lazy.search(text), text);
    }
    BOOST_TEST(lazy.search("job-1"));
    BOOST_TEST(!lazy.search("Job-1"));
}

// An embedded parse has no counting pass: its pool is the bound a body's parse takes, and a pool
// that overflowed would have sent values to RapidJSON's null-returning allocator.
BOOST_AUTO_TEST_CASE(every_embedded_file_parses_within_its_pool)
{
    std::size_t total = 0;
    for (std::size_t i = 0; i < drslint::embedded::kFileCount; ++i) {
        const drslint::embedded::File& file = drslint::embedded::kFiles[i];
        const std::string_view text = file.text();
        const auto parsed = drslint::parse::parse_embedded(text);
        BOOST_TEST(!parsed.result.IsError(), file.name);
        BOOST_TEST(!parsed.pool->overflowed(), file.name);
        total += text.size();
    }
    BOOST_TEST(total > 100000u);
    // The schema set's files share one pool of their texts' bound.
    const auto files = drslint::embedded::api_schema_files();
    std::size_t bytes = 0;
    for (const auto& f : files) bytes += f.text.size();
    const auto shared = std::make_shared<drslint::parse::Pool>(drslint::parse::pool_bytes_for_parse(bytes));
    std::vector<drslint::parse::EmbeddedDocument> documents;
    for (const auto& f : files) documents.push_back(drslint::parse::parse_embedded(f.text, shared));
    BOOST_TEST(!shared->overflowed());
}

BOOST_AUTO_TEST_CASE(the_built_in_data_passes_the_checks_start_up_leaves_out)
{
    BOOST_CHECK_NO_THROW(drslint::Linter::check_built_in_data());
}
