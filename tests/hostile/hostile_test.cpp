// Hostile input: every byte sequence gets a finding with a rule id and a defined exit code, in
// bounded time and memory, without a crash, on a 1 MiB thread stack too. Each case is checked
// twice: through the library (the rule, the pointer, printable messages) and through the drslint
// binary (the exit code, well-formed JSON output, no input echoed at length).
#define BOOST_TEST_MODULE hostile
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/text.h"
#include "drslint/http.h"
#include "drslint/linter.h"
#include "drslint/redacted_source.h"
#include "rules/rule_catalogue.h"
#include "schema/schema_set.h"
#include "../support/fixtures.h"
#include "../support/process.h"
#include "../support/small_stack.h"
#include "../support/temp_dir.h"
#include "../support/text_checks.h"

namespace drslint {
std::ostream& operator<<(std::ostream& out, Severity s) { return out << to_string(s); }
}  // namespace drslint

namespace fs = std::filesystem;

using drslint::test::printable_utf8;
using drslint::test::valid_utf8;

namespace {

const drslint::Linter& linter() { return drslint::test::default_linter(); }

using drslint::test::read_file;

// ---- bodies ----

const std::string kMiB5(5u * 1024u * 1024u, 'x');

std::string replace(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::logic_error("no '" + from + "' in a body template");
    return text.replace(at, from.size(), to);
}

std::string name_body(const std::string& name_json)
{
    return R"({"job": {"type": "name", "params": {"base_info": {"name": )" + name_json + "}}}}";
}

const std::string kValidName = name_body(R"("DRS-1234")");

// A valid "all" update: endpoints with passwords, SSL, a period order (Table 30's first case).
const std::string kAll = R"({"job": {"type": "all", "params": {"base_info": {"name": "drs-task-01", "charging_mode": "period"},
 "source_endpoint": [{"db_type": "oracle", "endpoint_type": "offline", "endpoint_role": "so",
   "endpoint": {"id": "f59e6118-da89-4fdb-9b98-65f56709928a", "endpoint_name": "oracle", "ip": "10.154.217.239",
                "db_port": "1521", "db_user": "ORACLE_USER", "db_name": "serviceName.orcl", "db_password": "******"},
   "ssl": {"ssl_link": false}}],
 "target_endpoint": [{"db_type": "gaussdbv5", "endpoint_type": "cloud", "endpoint_role": "ta",
   "endpoint": {"id": "10deb576-8885-473b-a213-4d76e668dc0d", "endpoint_name": "cloud_gaussdbv5",
                "instance_id": "c2c7579bc09c490b9d8009db715aeb0ain14", "db_user": "root", "db_password": "******"},
   "cloud": {"region": "cn-north-4", "project_id": "9dc8c0f3f74c4dbb23c29cf0318ee561", "az_code": "cn-north-4a,cn-north-4g,cn-north-4c"},
   "vpc": {"vpc_id": "2cb5d364-ae63-4fbb-85b7-7d59f4a88f8f", "subnet_id": "2cb54324-ae63-4fbb-85b7-7d59f4a88f8f",
           "security_group_id": "039a3s89-665a-43e2-9b4f-bda7d9ee148d"}}],
 "period_order": {"period_type": 2, "period_num": 1, "is_auto_renew": 0}}}})";

// A valid Redis endpoint change whose config.node_num (1 to 16) is given.
std::string node_num_body(const std::string& node_num)
{
    return R"({"job": {"type": "endpoint", "params": {"source_endpoint": [{"db_type": "rediscluster",
      "endpoint_type": "offline", "endpoint_role": "so", "endpoint": {"endpoint_name": "rediscluster",
      "ip": "192.168.0.10:6379", "db_user": "default", "db_password": "******"}, "config": {"node_num": )" +
           node_num + R"(}}], "target_endpoint": [{"db_type": "gaussredis", "endpoint_type": "cloud", "endpoint_role": "ta",
      "endpoint": {"endpoint_name": "cloud_gaussdb_redis", "instance_id": "c2c7579bc09c490b9d8009db715aeb0ain12",
      "db_user": "rwuser", "db_password": "******"}, "cloud": {"region": "cn-north-4",
      "project_id": "9dc8c0f3f74c4dbb23c29cf0318ee561"}}]}}})";
}

std::string object_info_body(const std::string& key)
{
    return R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "database",
      "object_info": {")" + key + R"(": {"all": true}}}}}})";
}

std::string nested(std::size_t depth, char open, char close, const std::string& inner = "")
{
    std::string text(depth, open);
    if (open == '{') {
        text.clear();
        for (std::size_t i = 0; i < depth; ++i) text += R"({"a":)";
        return text + (inner.empty() ? "1" : inner) + std::string(depth, close);
    }
    return text + inner + std::string(depth, close);
}

// ---- checks shared by library and CLI ----

// What every report must satisfy, whatever the input: a rule id known to the catalogue, a pointer
// that is UTF-8, a short printable message, a position.
void check_report_invariants(const drslint::Report& report)
{
    for (const auto& f : report.findings) {
        BOOST_TEST(linter().find_rule(f.rule) != nullptr, f.rule);
        BOOST_TEST(valid_utf8(f.pointer), f.rule);
        BOOST_TEST(printable_utf8(f.message), f.rule << ": " << f.message);
        BOOST_TEST(f.message.size() < 1000u, f.rule);
        BOOST_TEST(printable_utf8(f.expected), f.rule);
        BOOST_TEST(f.begin.line >= 1u, f.rule);
    }
}

const drslint::Finding* find(const drslint::Report& report, const std::string& rule)
{
    for (const auto& f : report.findings) {
        if (f.rule == rule) return &f;
    }
    return nullptr;
}

struct Case {
    std::string name;
    std::function<std::string()> body;  // built on demand: some are megabytes
    std::string rule;                   // a finding it must have; "" for a body with no finding at all
    std::string pointer;                // where that finding is
    int exit_code;                      // what `drslint FILE` returns
    std::string in_message = {};        // a part of that finding's message
};

const std::vector<Case>& cases()
{
    static const std::vector<Case> all = {
        // A byte-order mark: read past, with a warning; the body is checked as usual.
        {"byte_order_mark", [] { return "\xEF\xBB\xBF" + kValidName; }, "byte-order-mark", "", 0},
        {"byte_order_mark_then_error", [] { return "\xEF\xBB\xBF" + name_body(R"("DRS")"); }, "string-length",
         "/job/params/base_info/name", 1},
        {"utf16_text", [] { return std::string("\xFF\xFE{\0}\0", 6); }, "invalid-json", "", 1, "UTF-16"},
        // Invalid UTF-8: RapidJSON validates it; the reason says so.
        {"invalid_utf8_in_value", [] { return name_body("\"DRS-\xC3\x28\""); }, "invalid-json", "", 1, "invalid UTF-8"},
        {"invalid_utf8_in_key", [] { return R"({"job": {"ty)" "\xFF" R"(pe": "name"}})"; }, "invalid-json", "", 1,
         "invalid UTF-8"},
        {"overlong_utf8", [] { return name_body("\"\xC0\xAF\""); }, "invalid-json", "", 1, "invalid UTF-8"},
        // NUL escapes keep their place: "name\u0000" is not "name".
        {"nul_escape_in_key", [] { return R"({"job": {"type": "name", "params": {"base_info": {"name\u0000": "DRS-1234"}}}})"; },
         "unknown-member", std::string("/job/params/base_info/name\0", 27), 1, "name\\u0000"},
        {"nul_escape_in_value", [] { return name_body(R"("DRS-\u00001234")"); }, "string-format",
         "/job/params/base_info/name", 1, "\\u0000"},
        // Lone surrogates stand for no character: invalid JSON, never bytes that are not UTF-8.
        {"lone_high_surrogate", [] { return name_body(R"("DRS-\ud800")"); }, "invalid-json", "", 1, "surrogate"},
        {"lone_low_surrogate_in_key", [] { return R"({"job\udc00": 1})"; }, "invalid-json", "", 1, "surrogate"},
        {"surrogate_pair", [] { return R"({"job": {"type": "description", "params": {"base_info": {"description": "\ud83d\ude00 ok"}}}})"; },
         "", "", 0},
        // Raw control characters and NULs inside a string.
        {"raw_control_in_string", [] { return name_body("\"DRS-\x1b[2J\""); }, "invalid-json", "", 1, "control character"},
        {"raw_nul_in_string", [] { return name_body(std::string("\"DRS-\0\"", 7)); }, "invalid-json", "", 1, "NUL"},
        {"duplicate_key", [] { return R"({"job": {"type": "name", "type": "re_create", "params": {"base_info": {"name": "DRS-1234"}}}})"; },
         "duplicate-key", "/job/type", 1},
        // Numbers JSON has no room for.
        {"nan", [] { return node_num_body("NaN"); }, "invalid-json", "", 1},
        {"infinity", [] { return node_num_body("Infinity"); }, "invalid-json", "", 1},
        {"minus_infinity", [] { return node_num_body("-Infinity"); }, "invalid-json", "", 1},
        {"number_too_big_for_a_double", [] { return node_num_body("1e400"); }, "invalid-json", "", 1, "too large for a double"},
        {"integer_beyond_2_53", [] { return node_num_body("9007199254740993"); }, "number-range",
         "/job/params/source_endpoint/0/config/node_num", 1, "9007199254740993"},
        // Decision 13: an integer too large for 64 bits is still an integer, with its field's range.
        {"integer_beyond_uint64", [] { return node_num_body("18446744073709551616"); }, "number-range",
         "/job/params/source_endpoint/0/config/node_num", 1, "1 to 16"},
        {"negative_beyond_int64", [] { return node_num_body("-9223372036854775809"); }, "number-range",
         "/job/params/source_endpoint/0/config/node_num", 1, "1 to 16"},
        {"period_num_beyond_2_53", [] { return replace(kAll, R"("period_num": 1)", R"("period_num": 9007199254740993)"); },
         "period-num-range", "/job/params/period_order/period_num", 0, "9007199254740993"},
        {"period_num_huge", [] { return replace(kAll, R"("period_num": 1)", R"("period_num": 1)" + std::string(30, '0')); },
         "period-num-range", "/job/params/period_order/period_num", 0},
        // Not a body at all.
        {"empty", [] { return std::string(); }, "invalid-json", "", 1, "empty"},
        {"whitespace_only", [] { return std::string(" \r\n\t \n"); }, "invalid-json", "", 1, "empty"},
        {"truncated", [] { return kValidName.substr(0, kValidName.size() / 2); }, "invalid-json", "", 1},
        {"trailing_garbage", [] { return kValidName + " x"; }, "invalid-json", "", 1},
        {"second_document", [] { return kValidName + kValidName; }, "invalid-json", "", 1},
        {"top_level_string", [] { return std::string(R"("job")"); }, "type-mismatch", "", 1},
        {"top_level_number", [] { return std::string("42"); }, "type-mismatch", "", 1},
        {"top_level_null", [] { return std::string("null"); }, "type-mismatch", "", 1},
        {"top_level_array", [] { return "[" + kValidName + "]"; }, "type-mismatch", "", 1},
        {"png_header", [] { return std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16); }, "invalid-json", "", 1, "0x89"},
        {"nul_bytes", [] { return std::string(4096, '\0'); }, "invalid-json", "", 1, "NUL"},
        {"body_then_nul", [] { return kValidName + std::string(1, '\0'); }, "invalid-json", "", 1},
        // Megabytes in every kind of field: refused by length, never echoed, never crashing.
        {"5mib_name", [] { return name_body('"' + kMiB5 + '"'); }, "string-length", "/job/params/base_info/name", 1,
         "5242880 characters"},
        {"5mib_description", [] { return R"({"job": {"type": "description", "params": {"base_info": {"description": ")" + kMiB5 + R"("}}}})"; },
         "string-length", "/job/params/base_info/description", 1},
        {"5mib_enum_value", [] { return R"({"job": {"type": ")" + kMiB5 + R"(", "params": {}}})"; }, "enum-value", "/job/type", 1,
         "…"},
        // A password has no length bound on the API page: no finding, and never printed.
        {"5mib_password", [] { return replace(kAll, R"("db_password": "******")", "\"db_password\": \"" + kMiB5 + '"'); }, "", "", 0},
        {"5mib_wrong_password_type", [] { return replace(kAll, R"("db_password": "******")", "\"db_password\": [\"" + kMiB5 + "\"]"); },
         "type-mismatch", "/job/params/source_endpoint/0/endpoint/db_password", 1},
        // A long legitimate string: valijson checks a copy with it cut, so there is no disagreement.
        {"20kib_certificate", [] { return replace(kAll, R"("ssl": {"ssl_link": false})",
                                                  R"("ssl": {"ssl_link": true, "ssl_cert_name": "ca.pem", "ssl_cert_key": ")" +
                                                      std::string(20000, 'Q') + R"(", "ssl_cert_check_sum": "abc"})"); },
         "", "", 0},
        {"5mib_map_key", [] { return object_info_body(kMiB5); }, "member-name-too-long", "", 1, "5242880 bytes"},
        {"control_characters_in_a_key", [] { return replace(kValidName, "{\"job\"", "{\"\\u001b[2J\\u202e\\u0085\": 1, \"job\""); },
         "unknown-member", "/\x1b[2J\xE2\x80\xAE\xC2\x85", 1, "\\u001b[2J\\u202e\\u0085"},
        // Nesting a million levels deep stops at the limit, without recursion.
        {"million_nested_arrays", [] { return nested(1000000, '[', ']'); }, "nesting-too-deep", "", 1},
        {"million_nested_objects", [] { return nested(1000000, '{', '}'); }, "nesting-too-deep", "", 1},
        {"million_nested_unclosed", [] { return std::string(1000000, '['); }, "nesting-too-deep", "", 1},
        // A finding per value: the report stops at the limit, and so does the work.
        {"a_finding_per_member", [] {
             std::string body = R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "database", "object_info": {)";
             for (int i = 0; i < 200000; ++i) body += (i ? ",\"" : "\"") + std::to_string(i) + "\":1";
             return body + "}}}}}";
         },
         "too-many-findings", "", 1, "at least"},
    };
    return all;
}

// ---- running the binary ----

using drslint::test::TempDir;
using Run = drslint::test::Result;

// As stdin_path or stdout_path of run(): the descriptor is closed.
const std::string kClosed = "<closed>";

// Runs drslint with `args`, standard input from `stdin_path`, standard output to `stdout_path`
// (captured when empty); no shell, so any byte may be in a file name.
Run run(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null", const std::string& stdout_path = "")
{
    std::vector<std::string> argv{DRSLINT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    drslint::test::RunOptions options;
    options.in = stdin_path == kClosed ? drslint::test::Stdin::closed() : drslint::test::Stdin::file(stdin_path);
    if (stdout_path == kClosed) {
        options.out = drslint::test::Stdout::closed();
    } else if (!stdout_path.empty()) {
        options.out = drslint::test::Stdout::file(stdout_path);
    }
    return drslint::test::run_process(argv, options);
}

bool is_root() { return ::geteuid() == 0; }

drslint::Linter limited(const std::function<void(drslint::Limits&)>& change)
{
    drslint::Options options;
    change(options.limits);
    return drslint::Linter(options);
}

}  // namespace

// ---- library ----

BOOST_AUTO_TEST_CASE(every_hostile_body_has_its_finding)
{
    for (const auto& c : cases()) {
        BOOST_TEST_CONTEXT(c.name)
        {
            const auto report = linter().lint(c.body());
            check_report_invariants(report);
            if (c.rule.empty()) {
                BOOST_TEST(report.findings.empty());
                continue;
            }
            const auto* f = find(report, c.rule);
            BOOST_TEST_REQUIRE(f != nullptr);
            BOOST_TEST(f->pointer == c.pointer);
            BOOST_TEST(f->message.find(c.in_message) != std::string::npos, f->message);
            BOOST_TEST(report.has_at_least(drslint::Severity::error) == (c.exit_code == 1));
        }
    }
}

BOOST_AUTO_TEST_CASE(positions_after_a_byte_order_mark_are_those_an_editor_shows)
{
    const auto report = linter().lint("\xEF\xBB\xBF{\"job\": {\"type\": \"name\", \"params\": {\"base_info\": {\"name\": \"DRS\"}}}}");
    const auto* mark = find(report, "byte-order-mark");
    BOOST_TEST_REQUIRE(mark != nullptr);
    BOOST_TEST(mark->severity == drslint::Severity::warning);
    BOOST_TEST(mark->begin.line == 1u);
    BOOST_TEST(mark->begin.column == 1u);
    const auto* name = find(report, "string-length");
    BOOST_TEST_REQUIRE(name != nullptr);
    BOOST_TEST(name->begin.column == 59u);  // "DRS" starts at the 59th character after the mark
    BOOST_TEST(name->end.column == 64u);
}

BOOST_AUTO_TEST_CASE(the_first_member_of_an_object_is_found_at_its_key)
{
    // Regression: the key span of an object's first member began at its '{'.
    const auto report = linter().lint(R"({"jbo": 1, "job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}})");
    const auto* f = find(report, "unknown-member");
    BOOST_TEST_REQUIRE(f != nullptr);
    BOOST_TEST(f->begin.column == 2u);
    BOOST_TEST(f->end.column == 7u);
}

BOOST_AUTO_TEST_CASE(parse_errors_point_at_the_offending_byte)
{
    const std::string body = name_body("\"DRS-\\udc00\"");
    const auto report = linter().lint(body);
    BOOST_TEST_REQUIRE(report.findings.size() == 1u);
    BOOST_TEST(report.findings[0].begin.column == body.find("\\udc00") + 1);
    const auto bad = linter().lint("{\"job\": \"\xC3\x28\"}");
    BOOST_TEST_REQUIRE(bad.findings.size() == 1u);
    BOOST_TEST(bad.findings[0].begin.column == 10u);
}

BOOST_AUTO_TEST_CASE(secrets_of_any_size_are_never_echoed)
{
    const std::string secret = "S3cret-" + std::string(100000, 's');
    for (const std::string& body : {replace(kAll, R"("db_password": "******")", "\"db_password\": \"" + secret + '"'),
                                    replace(kAll, R"("db_password": "******")", "\"db_password\": [\"" + secret + "\", 1]"),
                                    replace(kAll, R"("db_password": "******")", "\"db_password\": {\"" + std::string(900, 's') + "\": 1}")}) {
        const auto report = linter().lint(body);
        for (const auto& f : report.findings) {
            BOOST_TEST(f.message.find("S3cret") == std::string::npos, f.message);
            BOOST_TEST(f.message.find("ssssssss") == std::string::npos, f.message);
        }
    }
}

BOOST_AUTO_TEST_CASE(each_limit_is_a_finding_with_its_own_rule)
{
    const auto small_input = limited([](drslint::Limits& l) { l.max_input_bytes = 1024; });
    const auto too_large = small_input.lint(name_body('"' + std::string(1000, 'x') + '"'));
    BOOST_TEST_REQUIRE(too_large.findings.size() == 1u);
    BOOST_TEST(too_large.findings[0].rule == "input-too-large");
    BOOST_TEST(too_large.findings[0].message.find("1024") != std::string::npos);
    BOOST_TEST(small_input.lint(kValidName).findings.empty());

    const auto shallow = limited([](drslint::Limits& l) { l.max_depth = 4; });
    BOOST_TEST(shallow.lint(kValidName).findings.empty());  // exactly four levels deep
    const auto deep = shallow.lint(name_body(R"({"x": 1})"));
    BOOST_TEST_REQUIRE(deep.findings.size() == 1u);
    BOOST_TEST(deep.findings[0].rule == "nesting-too-deep");

    const auto short_strings = limited([](drslint::Limits& l) { l.max_pattern_length = 16; });
    const auto long_name = short_strings.lint(replace(kValidName, "{\"job\"", "{\"" + std::string(17, 'k') + "\": 1, \"job\""));
    BOOST_TEST_REQUIRE(long_name.findings.size() == 1u);
    BOOST_TEST(long_name.findings[0].rule == "member-name-too-long");
    BOOST_TEST(long_name.findings[0].message.find("17 bytes") != std::string::npos);
    const auto tag = short_strings.lint(
        R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234", "tags": [{"key": "k", "value": "vvvvvvvvvvvvvvvvvvvvvvv"}]}}}})");
    // Decision 14: the limit binds std::regex only; the DFA checks the 23-character value in full
    BOOST_TEST(!tag.has_at_least(drslint::Severity::error));
    const auto bad_tag = short_strings.lint(
        R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234", "tags": [{"key": "k", "value": "vvvvvvvvvvvvvvvvvvvvvv!"}]}}}})");
    BOOST_TEST((find(bad_tag, "tag-charset") != nullptr || find(bad_tag, "string-format") != nullptr));
    BOOST_TEST(bad_tag.has_at_least(drslint::Severity::error));

    const auto few = limited([](drslint::Limits& l) { l.max_findings = 3; });
    std::string unknown = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}})";
    for (int i = 0; i < 10; ++i) unknown += ", \"u" + std::to_string(i) + "\": 1";
    const auto report = few.lint(unknown + "}");
    BOOST_TEST_REQUIRE(report.findings.size() == 4u);
    BOOST_TEST(report.findings[3].rule == "too-many-findings");
    BOOST_TEST(report.findings[3].message.find("7 more") != std::string::npos, report.findings[3].message);
    BOOST_TEST(report.findings[0].pointer == "/u0");  // the first three by position
}

BOOST_AUTO_TEST_CASE(limits_outside_their_range_are_refused)
{
    using Field = std::size_t drslint::Limits::*;
    for (Field field : {&drslint::Limits::max_input_bytes, &drslint::Limits::max_depth,
                        &drslint::Limits::max_pattern_length, &drslint::Limits::max_findings}) {
        const std::size_t ceiling = drslint::kLimitCeilings.*field;
        BOOST_CHECK_THROW(limited([&](drslint::Limits& l) { l.*field = 0; }), std::invalid_argument);
        BOOST_CHECK_THROW(limited([&](drslint::Limits& l) { l.*field = ceiling + 1; }), std::invalid_argument);
        BOOST_CHECK_THROW(limited([&](drslint::Limits& l) { l.*field = static_cast<std::size_t>(-1); }),
                          std::invalid_argument);
        BOOST_CHECK_NO_THROW(limited([&](drslint::Limits& l) { l.*field = ceiling; }));
        BOOST_CHECK_NO_THROW(limited([&](drslint::Limits& l) { l.*field = 1; }));
    }
    const drslint::Limits defaults;
    BOOST_TEST(defaults.max_pattern_length <= drslint::kLimitCeilings.max_pattern_length);
    BOOST_TEST(defaults.max_depth <= drslint::kLimitCeilings.max_depth);
}

BOOST_AUTO_TEST_CASE(the_work_per_body_is_bounded)
{
    // A million findings' worth of members: the evaluator stops collecting at a multiple of the
    // finding limit, and positions cost a block scan, not a scan of the one long line.
    std::string body = R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "database", "object_info": {)";
    for (int i = 0; i < 1000000; ++i) body += (i ? ",\"" : "\"") + std::to_string(i) + "\":1";
    body += "}}}}}";
    const auto started = std::chrono::steady_clock::now();
    const auto report = linter().lint(body);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    BOOST_TEST(report.findings.size() == 1001u);
    BOOST_TEST(report.findings.back().rule == "too-many-findings");
    // Generous for a sanitizer build on a busy machine; before the bounds this took over an hour.
    BOOST_TEST(seconds < 120.0);
}

BOOST_AUTO_TEST_CASE(duplicates_deep_under_long_names_cost_bounded_memory)
{
    // 254 levels of 500-byte names, then 40000 repeated names: each duplicate's pointer is 127 KB,
    // 5 GB for all of them, unless the parse stops recording at its byte budget (8 MiB).
    drslint::Options options;
    options.limits = drslint::kLimitCeilings;
    const drslint::Linter ceilings(options);
    const std::size_t depth = drslint::kLimitCeilings.max_depth - 2;
    std::string body = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}, "x": )";
    for (std::size_t i = 0; i < depth; ++i) body += "{\"" + std::string(500, 'k') + "\": ";
    body += "{";
    for (int i = 0; i < 40000; ++i) body += (i ? ",\"d" : "\"d") + std::to_string(i) + "\": 1, \"d" + std::to_string(i) + "\": 2";
    body += "}" + std::string(depth, '}') + "}";
    const auto report = ceilings.lint(body);
    std::size_t duplicates = 0, bytes = 0;
    for (const auto& f : report.findings) {
        if (f.rule != "duplicate-key") continue;
        ++duplicates;
        bytes += f.pointer.size();
    }
    BOOST_TEST(duplicates >= 1u);
    BOOST_TEST(bytes <= 8u * 1024u * 1024u);
    const auto* more = find(report, "too-many-findings");
    BOOST_TEST_REQUIRE(more != nullptr);
    BOOST_TEST(more->message.find("at least") != std::string::npos, more->message);
}

BOOST_AUTO_TEST_CASE(the_task_context_reader_survives_hostile_text)
{
    for (const std::string& text : {std::string(), std::string("\x89PNG", 4), std::string("[1, 2]"), std::string("\"x\""),
                                    std::string("{\"a\": "), std::string(1000000, '[')}) {
        BOOST_CHECK_THROW(drslint::parse_task_context(text), std::invalid_argument);
    }
    drslint::test::run_with_stack(drslint::test::kOneMiB, [] {
        // Too deep for the bounded walk: no fact is found, which is refused, not a crash.
        BOOST_CHECK_THROW(drslint::parse_task_context(nested(1000000, '{', '}', R"({"job_type": "sync"})")),
                          std::invalid_argument);
        const auto shallow = drslint::parse_task_context(R"({"a": [{"job_type": "sync", "task_type": "INCR_TRANS"}]})");
        BOOST_TEST(shallow.job_type == "sync");
        BOOST_TEST(shallow.task_type == "INCR_TRANS");
        // A NUL in a value is no allowed value: refused, and the message names the key.
        try {
            drslint::parse_task_context(R"({"a": [{"job_type": "sync", "task_type": "\u0000"}]})");
            BOOST_FAIL("a task_type of U+0000 was accepted");
        } catch (const std::invalid_argument& e) {
            BOOST_TEST(std::string(e.what()).find("task_type is '") == 0, e.what());
        }
    });
}

// The worst inputs, linted on a 1 MiB thread stack: strings at the pattern limit in every string
// field of every schema case (valijson runs std::regex on them even after maxLength failed, and
// std::regex recurses once per character), nesting at the ceiling, a million levels, megabytes.
BOOST_AUTO_TEST_CASE(a_one_mib_stack_lints_the_worst_inputs)
{
    std::vector<std::string> bodies;
    const std::string long_string(drslint::kLimitCeilings.max_pattern_length, 'a');
    for (const auto& entry : fs::directory_iterator(fs::path(DRSLINT_SOURCE_DIR) / "tests/schema/cases")) {
        rapidjson::Document cases;
        cases.Parse(read_file(entry.path()).c_str());
        BOOST_TEST_REQUIRE(cases.IsObject(), entry.path());
        for (auto& c : cases["cases"].GetArray()) {
            // Every string value becomes the longest a regular expression may see.
            std::vector<rapidjson::Value*> pending{&c["body"]};
            while (!pending.empty()) {
                rapidjson::Value* v = pending.back();
                pending.pop_back();
                if (v->IsString()) v->SetString(long_string.data(), static_cast<rapidjson::SizeType>(long_string.size()));
                if (v->IsArray()) for (auto& item : v->GetArray()) pending.push_back(&item);
                if (v->IsObject()) for (auto& member : v->GetObject()) pending.push_back(&member.value);
            }
            rapidjson::StringBuffer buffer;
            rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
            c["body"].Accept(writer);
            bodies.emplace_back(buffer.GetString(), buffer.GetSize());
        }
    }
    BOOST_TEST(bodies.size() > 500u);
    for (const auto& c : cases()) bodies.push_back(c.body());

    drslint::Options options;
    options.limits = drslint::kLimitCeilings;
    const drslint::Linter ceilings(options);
    const std::size_t depth = drslint::kLimitCeilings.max_depth;
    const std::vector<std::string> deep = {
        replace(kValidName, "{\"job\"", "{\"x\": " + nested(depth - 1, '[', ']') + ", \"job\""),
        replace(kValidName, "{\"job\"", "{\"x\": " + nested(depth - 1, '{', '}') + ", \"job\""),
        replace(kAll, R"("ssl_link": false)", R"("ssl_link": false, "x": )" + nested(depth - 7, '[', ']', "[1, 1]")),  // 6 levels around
    };
    drslint::test::run_with_stack(drslint::test::kOneMiB, [&] {
        for (const auto& body : bodies) {
            check_report_invariants(linter().lint(body));
            check_report_invariants(ceilings.lint(body));
        }
        for (const auto& body : deep) {
            const auto report = ceilings.lint(body);
            BOOST_TEST(find(report, "nesting-too-deep") == nullptr);
            BOOST_TEST(find(report, "unknown-member") != nullptr);
        }
    });
}

BOOST_AUTO_TEST_CASE(printable_escapes_what_a_terminal_would_act_on)
{
    using drslint::core::printable;
    BOOST_TEST(printable(std::string("a\0b", 3)) == "a\\u0000b");
    BOOST_TEST(printable("\x1b[31m") == "\\u001b[31m");
    BOOST_TEST(printable("x\xE2\x80\xAEy") == "x\\u202ey");        // right-to-left override
    BOOST_TEST(printable("\xC2\x9B" "2J") == "\\u009b2J");           // C1 CSI
    BOOST_TEST(printable("\xED\xB0\x80") == "\\xED\\xB0\\x80");   // a surrogate is no UTF-8
    BOOST_TEST(printable("é😀\"\\") == "é😀\"\\");
    BOOST_TEST(printable(std::string(100, 'n'), 10) == std::string(10, 'n') + "…");
}

// ---- a schema or catalogue that cannot load is a hard failure ----

BOOST_AUTO_TEST_CASE(a_schema_that_cannot_compile_throws)
{
    using drslint::schema::SchemaSet;
    auto load = [](const std::string& text) {
        const std::string other = R"({"type": "string"})";
        SchemaSet set({{"request/a.schema.json", text}, {"request/b.schema.json", other}});
    };
    BOOST_CHECK_NO_THROW(load(R"({"type": "object", "properties": {"x": {"$ref": "b.schema.json"}}})"));
    const std::pair<const char*, const char*> bad[] = {
        {R"({"type": "object", "propertyName": {}})", "not supported"},             // unknown keyword (a typo)
        {R"({"properties": {"x": {"$ref": "c.schema.json"}}})", "no such schema file"},  // $ref to a missing file
        {R"({"properties": {"x": {"$ref": "#/definitions/none"}}})", "no such location"},
        {R"({"properties": {"x": {"type": "string", "pattern": "([a-z]"}}})", "outside the supported subset"},
        {R"({"properties": {"x": {"type": "string", "pattern": "^a|b$"}}})", "outside the supported subset"},
        {R"({"type": "strnig"})", "unknown type"},
        {R"({"pattern": 5})", "expected a string"},
        {R"({"required": "x"})", "expected an array"},
        {R"({"allOf": {"type": "string"}})", "expected an array"},
        {R"({"maxLength": -1})", "non-negative"},
        {R"({"type": "object",)", "invalid JSON"},
    };
    for (const auto& [text, reason] : bad) {
        try {
            load(text);
            BOOST_ERROR("loaded " << text);
        } catch (const std::runtime_error& e) {
            BOOST_TEST(std::string(e.what()).find(reason) != std::string::npos, text << ": " << e.what());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_rule_catalogue_that_cannot_load_throws)
{
    using drslint::rules::RuleCatalogue;
    const std::string rule = R"({"id": "r", "severity": "error", "origin": "parse", "summary": "s", "message": "m",
                                 "rationale": "r", "source": "s"})";
    BOOST_CHECK_NO_THROW(RuleCatalogue(R"({"rules": [)" + rule + "]}"));
    BOOST_CHECK_THROW(RuleCatalogue(R"({"rules": [)" + replace(rule, "\"error\"", "\"fatal\"") + "]}"), std::runtime_error);
    BOOST_CHECK_THROW(RuleCatalogue(R"({"rules": [)" + rule + "," + rule + "]}"), std::runtime_error);
    BOOST_CHECK_THROW(RuleCatalogue(R"({"rules": [)" + replace(rule, R"("message": "m",)", "") + "]}"), std::runtime_error);
    BOOST_CHECK_THROW(RuleCatalogue("[]"), std::runtime_error);
}

// ---- the binary ----

BOOST_AUTO_TEST_CASE(every_hostile_body_has_its_exit_code)
{
    TempDir dir;
    for (const auto& c : cases()) {
        BOOST_TEST_CONTEXT(c.name)
        {
            const fs::path file = dir.write(c.name + ".json", c.body());
            const Run json = run({"--format", "json", file.string()});
            BOOST_TEST(json.signal == 0);
            BOOST_TEST(json.exit_code == c.exit_code, json.err);
            BOOST_TEST(json.err.empty(), json.err);
            BOOST_TEST(json.out.size() < 1000000u);  // nothing megabytes long is echoed
            rapidjson::Document output;
            output.Parse<rapidjson::kParseValidateEncodingFlag>(json.out.data(), json.out.size());
            BOOST_TEST_REQUIRE(!output.HasParseError(), json.out.substr(0, 300));
            if (!c.rule.empty()) {
                BOOST_TEST(json.out.find("\"rule\":\"" + c.rule + "\"") != std::string::npos);
            }
            for (const auto& finding : output["files"][0]["findings"].GetArray()) {
                BOOST_TEST(printable_utf8(finding["message"].GetString()));
            }
            const Run text = run({file.string()});
            BOOST_TEST(text.exit_code == c.exit_code);
            BOOST_TEST(text.out.size() < 1000000u);
            BOOST_TEST(valid_utf8(text.out));
        }
    }
}

BOOST_AUTO_TEST_CASE(standard_input_is_bounded_like_a_file)
{
    TempDir dir;
    const fs::path big = dir.write("big.json", name_body('"' + std::string(5000, 'x') + '"'));
    const Run r = run({"--max-input", "4096", "-"}, big.string());
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.out.find("input-too-large") != std::string::npos, r.out);
    const Run dev_zero = run({"--max-input", "1048576", "-"}, "/dev/zero");  // endless input
    BOOST_TEST(dev_zero.exit_code == 1);
    BOOST_TEST(dev_zero.out.find("input-too-large") != std::string::npos, dev_zero.out);
}

BOOST_AUTO_TEST_CASE(limit_flags_refuse_zero_negative_and_absurd_values)
{
    TempDir dir;
    const fs::path ok = dir.write("ok.json", kValidName);
    const std::pair<const char*, std::size_t> flags[] = {
        {"--max-input", drslint::kLimitCeilings.max_input_bytes},
        {"--max-depth", drslint::kLimitCeilings.max_depth},
        {"--max-string", drslint::kLimitCeilings.max_pattern_length},
        {"--max-findings", drslint::kLimitCeilings.max_findings},
    };
    for (const auto& [flag, ceiling] : flags) {
        for (const std::string value : {std::string("0"), std::string("-1"), std::to_string(ceiling + 1),
                                        std::string("99999999999999999999999"), std::string("1e3"), std::string("x")}) {
            const Run r = run({flag, value, ok.string()});
            BOOST_TEST(r.exit_code == 2, flag << ' ' << value);
            BOOST_TEST(r.err.find(flag) != std::string::npos, flag << ' ' << value << ": " << r.err);
        }
        BOOST_TEST(run({flag, std::to_string(ceiling), ok.string()}).exit_code == 0, flag);
    }
    const Run deep = run({"--max-depth", "3", ok.string()});
    BOOST_TEST(deep.exit_code == 1);
    BOOST_TEST(deep.out.find("nesting-too-deep") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nothing_checked_is_never_a_clean_exit)
{
    TempDir dir;
    // Unreadable: /proc/self/mem opens but every read at offset 0 fails, even for root.
    const Run mem = run({"/proc/self/mem"});
    BOOST_TEST(mem.exit_code == 2);
    BOOST_TEST(mem.err.find("cannot read") != std::string::npos, mem.err);
    if (!is_root()) {  // root reads any file whatever its mode; /proc/self/mem covers root
        const fs::path locked = dir.write("locked.json", kValidName);
        fs::permissions(locked, fs::perms::none);
        BOOST_TEST(run({locked.string()}).exit_code == 2);
    }
    // A directory whose only *.json is a dangling link and a directory: nothing to check.
    fs::create_directories(dir.path / "tree" / "sub.json");
    fs::create_symlink(dir.path / "missing", dir.path / "tree" / "dangling.json");
    dir.write("tree/notes.txt", kValidName);
    const Run tree = run({(dir.path / "tree").string()});
    BOOST_TEST(tree.exit_code == 2);
    BOOST_TEST(!tree.err.empty());
    // The report cannot be written: a clean result nobody sees is not a clean result.
    const fs::path ok = dir.write("ok.json", kValidName);
    const Run full = run({ok.string()}, "/dev/null", "/dev/full");
    BOOST_TEST(full.exit_code == 2);
    BOOST_TEST(full.err.find("cannot write") != std::string::npos, full.err);
    // One bad file among good ones fails the run and every file is reported.
    dir.write("tree/a.json", kValidName);
    dir.write("tree/b.json", std::string("\x89PNG\r\n\x1a\n", 8));
    const Run mixed = run({"--format", "json", (dir.path / "tree").string()});
    BOOST_TEST(mixed.exit_code == 1);
    BOOST_TEST(mixed.out.find("a.json") != std::string::npos);
    BOOST_TEST(mixed.out.find("invalid-json") != std::string::npos);
}

// Found by the fuzzer: rule functions that quote a piece of the body (one item of a comma list,
// a member name offered as the fix) quoted it raw, control characters and all.
BOOST_AUTO_TEST_CASE(rule_messages_quote_pieces_of_the_body_printably)
{
    const std::string ip = R"({"job": {"type": "network", "params": {"node_info": {"vpc": {"custom_node_ip": "1.2.3.4,]\u0000]\u001b[31m"}}}}})";
    const auto ip_report = linter().lint(ip);
    BOOST_TEST_REQUIRE(find(ip_report, "custom-node-ip-format") != nullptr);
    check_report_invariants(ip_report);
    const std::string column = R"({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "table", "object_info": {"d": {"name": "d", "tables": {"t": {"name": "t", "type": "table", "all": false, "columns": {"c\u0007l": {"additional": true, "name": "other", "type": "int", "operation_type": "ADDITIONALCOLUMN,default_value", "value": "0"}}}}}}}}}})";
    const auto column_report = linter().lint(column);
    const drslint::Finding* name = find(column_report, "additional-column-name");
    BOOST_TEST_REQUIRE(name != nullptr);
    check_report_invariants(column_report);
    BOOST_TEST(printable_utf8(name->suggestion));
    BOOST_TEST(name->suggestion.empty());  // a key that needs escaping is no fix to paste
}

// Found by the fuzzer, both with the cross-check on: valijson and the evaluator must not be
// compared on bodies they read differently. With a member name repeated they read different
// members (duplicates are already an error). With a string longer than the pattern limit valijson
// read a copy with it cut short, another body: with --max-string 8 "endpoint*" became "endpoint",
// which switched on the conditions of type endpoint.
BOOST_AUTO_TEST_CASE(fuzz_regressions_are_no_engine_disagreement)
{
    const std::pair<const char*, std::size_t> cases[] = {
        {"fuzz-duplicate-keys-engine-disagreement.json", 512},
        {"fuzz-cut-string-engine-disagreement.json", 8},
    };
    for (const auto& [file, max_string] : cases) {
        const std::string body = read_file(fs::path(DRSLINT_SOURCE_DIR) / "tests/hostile/regressions" / file);
        BOOST_TEST_REQUIRE(!body.empty(), file);
        drslint::Options options;
        options.cross_check_with_valijson = true;
        options.limits.max_pattern_length = max_string;
        const auto report = drslint::Linter(options).lint(body, drslint::TaskContext{});
        BOOST_TEST(report.has_at_least(drslint::Severity::error), file);
        for (const auto& f : report.findings) {
            BOOST_TEST(f.rule != "engine-disagreement", file << " " << f.pointer << ": " << f.message);
        }
    }
}

// ---- the promises under attack (issue 11) ----

namespace {

const char* const kFormats[] = {"text", "json", "sarif", "github", "junit", "jsonl"};

// Every output of drslint over `body` (each format, standard error, a baseline, the exit-2 text
// of --config) must not hold `marker`.
void never_shows(const TempDir& dir, const std::string& name, const std::string& body, const std::string& marker)
{
    const fs::path file = dir.write(name, body);
    for (const char* format : kFormats) {
        const Run r = run({"--format", format, file.string()});
        BOOST_TEST(r.exit_code == 1, name << " " << format << ": " << r.err);
        BOOST_TEST(r.out.find(marker) == std::string::npos, name << " " << format << ": " << r.out);
        BOOST_TEST(r.err.find(marker) == std::string::npos, name << " " << format << ": " << r.err);
    }
    const fs::path baseline = dir.path / "baseline.json";
    const Run b = run({"--write-baseline", baseline.string(), file.string()});
    BOOST_TEST(b.err.find(marker) == std::string::npos, b.err);
    BOOST_TEST(read_file(baseline).find(marker) == std::string::npos, read_file(baseline));
    const Run config = run({"--config", file.string(), dir.write("ok.json", kValidName)});
    BOOST_TEST(config.exit_code == 2);
    BOOST_TEST(config.err.find(marker) == std::string::npos, config.err);
}

}  // namespace

BOOST_AUTO_TEST_CASE(near_misses_of_secret_names_are_secrets_in_messages_too)
{
    TempDir dir;
    // A misspelt secret name whose value a schema still checks (a tuning parameter must be a string).
    for (const std::string name : {"DB_PASSWORD", "dbPassword", "db-password", "Password", "db_password\\u0000",
                                   "ssl_cert_pasword", "new_password", "x-auth-token",
                                   "the_source_database_password_used_for_full_sync_only"}) {
        BOOST_TEST_CONTEXT(name)
        {
            const std::string body = R"({"job": {"type": "tuning_param", "params": {"tuning_params": {"full_sync": {")" +
                                     name + R"(": 8675309}}}}})";
            const auto report = linter().lint(body);
            BOOST_TEST(!report.findings.empty());
            for (const auto& f : report.findings) {
                BOOST_TEST(f.message.find("8675309") == std::string::npos, f.message);
                BOOST_TEST(f.suggestion.find("8675309") == std::string::npos);
                BOOST_TEST(f.expected.find("8675309") == std::string::npos);
            }
            never_shows(dir, "near-miss.json", body, "8675309");
            // The excerpt masker decides with the same predicate: the text output's excerpt too.
            BOOST_TEST(drslint::mask_secret_values(body).find("8675309") == std::string::npos, name);
        }
    }
}

BOOST_AUTO_TEST_CASE(nothing_below_a_secret_is_shown_not_even_its_keys)
{
    TempDir dir;
    const std::string body = replace(kValidName, R"("name": "DRS-1234")",
                                     R"("name": "DRS-1234", "db_password": {"SECRET-k": 1, "SECRET-k": 2})");
    const auto report = linter().lint(body);
    bool duplicate = false;
    for (const auto& f : report.findings) {
        BOOST_TEST(f.message.find("SECRET") == std::string::npos, f.message);
        BOOST_TEST(f.pointer.find("SECRET") == std::string::npos, f.pointer);
        if (f.rule == "duplicate-key") {
            duplicate = true;
            BOOST_TEST(f.pointer == "/job/params/base_info/db_password");  // cut at the secret
            BOOST_TEST(f.begin.line == 1u);  // still found where it is
        }
    }
    BOOST_TEST(duplicate);  // redacted, never dropped: it is still an error
    never_shows(dir, "below-secret.json", body, "SECRET");
}

BOOST_AUTO_TEST_CASE(a_request_without_its_request_line_never_shows_the_token)
{
    TempDir dir;
    const std::string token = "MIIZfake/token+base64==";
    const std::string http = "# PUT https://drs.example.com/v5/p1/jobs/j1\nX-Auth-Token: " + token +
                             "\nContent-Type: application/json\n\n" + kValidName + "\n";
    const fs::path file = dir.write("commented.http", http);
    for (const char* format : kFormats) {
        const Run r = run({"--format", format, file.string()});
        BOOST_TEST(r.exit_code == 1, format);
        BOOST_TEST(r.out.find("MIIZ") == std::string::npos, format << ": " << r.out);
        BOOST_TEST(r.out.find("http-request-line") != std::string::npos, format << ": " << r.out);
    }
}

BOOST_AUTO_TEST_CASE(request_paths_with_variables_are_checked)
{
    TempDir dir;
    auto request = [](const std::string& line) {
        return line + "\nX-Auth-Token: {{token}}\nContent-Type: application/json\n\n" + kValidName + "\n";
    };
    for (const std::string bad : {"/v3/{{project_id}}/jobs/{{job_id}}", "/job/{{project_id}}/jobs/{{job_id}}",
                                  "/v5/{{project_id}}/jobs", "/v5/{{project_id}}/jobs/{{job_id}}/extra",
                                  "/v5/{{project_id}}/{{jobs}}/{{job_id}}", "/{{project_id}}/jobs/{{job_id}}"}) {
        const fs::path file = dir.write("path.http", request("PUT https://{{endpoint}}" + bad));
        const Run r = run({file.string()});
        BOOST_TEST(r.exit_code == 1, bad);
        BOOST_TEST(r.out.find("[http-path]") != std::string::npos, bad << ": " << r.out);
    }
    const fs::path whole = dir.write("url.http", request("PUT {{url}}"));
    BOOST_TEST(run({whole.string()}).exit_code == 1);
    const fs::path good = dir.write("good.http", request("PUT https://{{endpoint}}/v5/{{project_id}}/jobs/{{job_id}}"));
    const Run ok = run({good.string()});
    BOOST_TEST(ok.exit_code == 0, ok.out);
    const fs::path method = dir.write("method.http", request("{{method}} https://{{endpoint}}/v5/{{p}}/jobs/{{j}}"));
    const Run m = run({method.string()});
    BOOST_TEST(m.exit_code == 1);
    BOOST_TEST(m.out.find("`{{method}}`") != std::string::npos, m.out);  // not reported as GET
    BOOST_TEST(m.out.find("GET") == std::string::npos, m.out);
}

BOOST_AUTO_TEST_CASE(no_config_baseline_or_limit_silences_a_rule_that_means_unchecked)
{
    TempDir dir;
    std::size_t unchecked = 0;
    for (const auto& rule : linter().rules()) {
        if (!rule.unchecked) continue;
        ++unchecked;
        BOOST_TEST(rule.severity == drslint::Severity::error, rule.id);
        for (const std::string config : {R"({"rules": {")" + rule.id + R"(": "off"}})",
                                         R"({"rules": {")" + rule.id + R"(": "warning"}})",
                                         R"({"ignore": [{"rule": ")" + rule.id + R"("}]})"}) {
            const fs::path file = dir.write("c.json", config);
            const Run r = run({"--config", file.string(), dir.write("ok.json", kValidName)});
            BOOST_TEST(r.exit_code == 2, config);
            BOOST_TEST(r.err.find("not checked") != std::string::npos, config << ": " << r.err);
        }
    }
    // The catalogue's own flag, not a list in C++: the rules that stop or cut the check.
    for (const char* id : {"input-too-large", "invalid-json", "nesting-too-deep", "member-name-too-long",
                           "duplicate-key", "too-many-findings", "engine-disagreement"}) {
        BOOST_TEST_REQUIRE(linter().find_rule(id) != nullptr, id);
        BOOST_TEST(linter().find_rule(id)->unchecked, id);
    }
    BOOST_TEST(unchecked >= 7u);

    // A repeated "type": the rules would see only one of them. Ignoring everything by pointer or by
    // file does not hide it, and a baseline cannot hold it.
    const fs::path twice = dir.write("twice.json", R"({"job": {"type": "name", "type": "db_object",
        "params": {"base_info": {"name": "DRS-1234"}}}})");
    const fs::path all = dir.write("all.json", R"({"ignore": [{"pointer": "/**"}, {"files": "**"}]})");
    const Run ignored = run({"--config", all.string(), twice.string()});
    BOOST_TEST(ignored.exit_code == 1, ignored.out);
    BOOST_TEST(ignored.out.find("[duplicate-key]") != std::string::npos, ignored.out);
    const fs::path baseline = dir.path / "b.json";
    BOOST_TEST(run({"--write-baseline", baseline.string(), twice.string()}).exit_code == 1);
    BOOST_TEST(read_file(baseline).find("duplicate-key") == std::string::npos);
    const Run with_baseline = run({"--config", baseline.string(), twice.string()});
    BOOST_TEST(with_baseline.exit_code == 1);

    // --max-string 1: member names are longer, so the body is not checked, and says so.
    const Run tiny = run({"--max-string", "1", dir.write("ok.json", kValidName)});
    BOOST_TEST(tiny.exit_code == 1, tiny.out);
}

BOOST_AUTO_TEST_CASE(a_directory_walk_skips_nothing_silently)
{
    TempDir dir;
    fs::create_directories(dir.path / "tree" / "a");
    fs::create_directories(dir.path / "elsewhere");
    dir.write("tree/a/ok.json", kValidName);
    dir.write("elsewhere/bad.json", R"({"job": {"type": "nme"}})");
    // A linked directory is walked; a link back up the tree is walked once, not forever.
    fs::create_directory_symlink(dir.path / "elsewhere", dir.path / "tree" / "a" / "linked");
    fs::create_directory_symlink(dir.path / "tree", dir.path / "tree" / "a" / "loop");
    const Run linked = run({(dir.path / "tree").string()});
    BOOST_TEST(linked.exit_code == 1, linked.out << linked.err);
    BOOST_TEST(linked.out.find("bad.json") != std::string::npos, linked.out);

    // An unreadable directory is an error, not a gap: run as an unprivileged user (root reads any).
    fs::create_directories(dir.path / "tree" / "locked");
    dir.write("tree/locked/bad.json", R"({"job": {"type": "nme"}})");
    fs::permissions(dir.path, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    for (const char* sub : {"tree", "tree/a", "elsewhere"}) {
        fs::permissions(dir.path / sub, fs::perms::owner_all | fs::perms::others_read | fs::perms::others_exec);
    }
    fs::permissions(dir.path / "tree" / "locked", fs::perms::none);
    std::vector<std::string> args{(dir.path / "tree").string()};
    if (is_root()) {
        const bool have_setpriv = fs::exists("/usr/bin/setpriv");
        BOOST_TEST_REQUIRE(have_setpriv, "setpriv (util-linux) runs the walk as nobody");
        // run() runs DRSLINT_BINARY; here setpriv is the program and drslint its argument.
        drslint::test::RunOptions options;
        options.stderr_to_stdout = true;
        const Run locked = drslint::test::run_process(
            {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", DRSLINT_BINARY, args[0]}, options);
        BOOST_TEST(locked.signal == 0);
        BOOST_TEST(locked.exit_code == 2, locked.out);
        BOOST_TEST(locked.out.find("locked") != std::string::npos, locked.out);
    } else {
        const Run locked = run(args);
        BOOST_TEST(locked.exit_code == 2);
        BOOST_TEST(locked.err.find("locked") != std::string::npos, locked.err);
    }
    fs::permissions(dir.path / "tree" / "locked", fs::perms::owner_all);
}

BOOST_AUTO_TEST_CASE(nothing_written_or_nothing_read_is_never_success)
{
    TempDir dir;
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"rules"}, {"explain", "invalid-json"}, {"--help"}, {"--version"}}) {
        for (const std::string& out : {std::string("/dev/full"), kClosed}) {
            const Run r = run(args, "/dev/null", out);
            BOOST_TEST(r.exit_code == 2, args[0] << " > " << out);
            BOOST_TEST(r.err.find("cannot write") != std::string::npos, r.err);
        }
    }
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{{"-"}, {"--jsonl", "-"}}) {
        const Run r = run(args, kClosed);
        BOOST_TEST(r.exit_code == 2, args[0]);
        BOOST_TEST(r.err.find("standard input") != std::string::npos, r.err);
    }
}

// Found by the fuzzer (the hour-long run): a request line of a method and trailing blanks, with no
// target, read past the end of the line (std::out_of_range, which terminated the process).
BOOST_AUTO_TEST_CASE(a_request_line_without_a_target_is_an_http_path_finding)
{
    for (const std::string line : {"PUT ", "PUT \t ", "{{method}} "}) {
        const std::string http = line + "\nX-Auth-Token: {{t}}\nContent-Type: application/json\n\n" + kValidName + "\n";
        std::vector<drslint::HttpRequest> requests;
        BOOST_CHECK_NO_THROW(requests = drslint::parse_http_file(http));
        BOOST_TEST_REQUIRE(requests.size() == 1u);
        BOOST_TEST(requests[0].target.empty());
        const auto report = linter().lint_request(requests[0]);
        BOOST_TEST(std::any_of(report.findings.begin(), report.findings.end(),
                               [](const drslint::Finding& f) { return f.rule == "http-path"; }));
        TempDir dir;
        BOOST_TEST(run({dir.write("t.http", http)}).exit_code == 1, line);
    }
}
