// Inputs: whole requests (.http files of the JetBrains HTTP Client / VS Code REST Client) and
// lint_request, JSON Lines, and files as drslint reads and writes them (drslint/files.h).
#define BOOST_TEST_MODULE input
#include <boost/test/unit_test.hpp>

#include "drslint/linter.h"
#include "../support/fixtures.h"
#include "../support/process.h"
#include "../support/temp_dir.h"
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "core/secrets.h"
#include "drslint/files.h"
#include "drslint/http.h"
#include "drslint/jsonl.h"
#include "input/http_body_place.h"

namespace core = drslint::core;

using drslint::parse_http_file;

namespace {

const drslint::Linter& linter() { return drslint::test::default_linter(); }

const drslint::Finding* find(const drslint::Report& r, const std::string& rule, const std::string& pointer)
{
    for (const auto& f : r.findings) {
        if (f.rule == rule && f.pointer == pointer) return &f;
    }
    return nullptr;
}

const char* kFile =
    "@host = https://drs.example\n"
    "# rename the task\n"
    "PUT {{host}}/v5/054ba152d480d55b2f5dc0069e7ddef0/jobs/c7debc9c HTTP/1.1\r\n"
    "content-type: application/json\r\n"
    "X-Auth-Token: MIIsecret-token-value\r\n"
    "x-language: fr-fr\r\n"
    "\r\n"
    "{\"job\": {\"type\": \"name\",\n"
    "  \"params\": {\"base_info\": {\"name\": \"DRS\"}}}}\n"
    "\n"
    "### second request\n"
    "POST https://drs.example/v3/p/jobs\n"
    "Content-Type: text/plain\n"
    "\n"
    "{\"job\": {\"type\": \"re_create\", \"params\": {}}}\n"
    "> {% client.test(\"ok\", function() {}); %}\n";

}  // namespace

BOOST_AUTO_TEST_CASE(http_files_split_into_requests_with_positions)
{
    const auto requests = parse_http_file(kFile);
    BOOST_TEST_REQUIRE(requests.size() == 2u);
    const auto& first = requests[0];
    BOOST_TEST(first.method == "PUT");
    BOOST_TEST(first.method_at.line == 3u);
    BOOST_TEST(first.target == "{{host}}/v5/054ba152d480d55b2f5dc0069e7ddef0/jobs/c7debc9c");
    BOOST_TEST(first.target_at.column == 5u);
    BOOST_TEST_REQUIRE(first.headers.size() == 3u);
    BOOST_TEST(first.headers[2].name == "x-language");
    BOOST_TEST(first.headers[2].value == "fr-fr");
    BOOST_TEST(first.headers[2].value_at.line == 6u);
    BOOST_TEST(first.headers[2].value_at.column == 13u);
    BOOST_TEST(first.body_line == 8u);
    BOOST_TEST(requests[1].body.find("re_create") != std::string::npos);
    BOOST_TEST(requests[1].body.find("client.test") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(request_line_headers_and_body_are_all_checked)
{
    const auto requests = parse_http_file(kFile);
    const auto first = linter().lint_request(requests[0]);
    const auto* language = find(first, "enum-value", "/headers/X-Language");
    BOOST_TEST_REQUIRE(language != nullptr);
    BOOST_TEST(language->begin.line == 6u);
    const auto* name = find(first, "string-length", "/job/params/base_info/name");
    BOOST_TEST_REQUIRE(name != nullptr);
    BOOST_TEST(name->begin.line == 9u);  // the body's second line, in file lines
    BOOST_TEST(find(first, "http-method", "/method") == nullptr);
    BOOST_TEST(find(first, "http-path", "/path") == nullptr);

    const auto second = linter().lint_request(requests[1]);
    BOOST_TEST(find(second, "http-method", "/method") != nullptr);
    BOOST_TEST(find(second, "http-path", "/path") != nullptr);
    BOOST_TEST(find(second, "content-type-json", "/headers/Content-Type") != nullptr);
    const auto* token = find(second, "required-member", "/headers/X-Auth-Token");
    BOOST_TEST_REQUIRE(token != nullptr);
    BOOST_TEST(token->begin.line == 12u);
}

BOOST_AUTO_TEST_CASE(the_token_is_never_printed)
{
    drslint::HttpRequest request;
    request.method = "put";
    request.target = "/v5/p/jobs";
    request.headers = {{"Content-Type", "text/json"}, {"X-Auth-Token", "MIIsecret"}, {"X-Language", "MIIsecret"}};
    request.body = R"({"job": {"type": "MIIsecret", "params": {}}})";
    const auto report = linter().lint_request(request);
    BOOST_TEST(report.findings.size() >= 4u);
    for (const auto& f : report.findings) {
        // the same text elsewhere is not a secret; at the token's place it always is
        if (f.pointer == "/headers/X-Auth-Token") BOOST_TEST(f.message.find("MIIsecret") == std::string::npos);
    }
    BOOST_TEST(core::is_secret_pointer("/headers/X-Auth-Token"));
}

BOOST_AUTO_TEST_CASE(variables_are_unknown_values_not_errors)
{
    drslint::HttpRequest request;
    request.method = "PUT";
    request.target = "{{base}}/v5/{{project}}/jobs/{{job}}";
    request.headers = {{"Content-Type", "{{type}}"}, {"X-Auth-Token", "{{token}}"}, {"X-Language", "{{lang}}"}};
    request.body = R"({"job": {"type": "re_create", "params": {}}})";
    BOOST_TEST(linter().lint_request(request).findings.empty());

    // In the body too: a value that is wholly a {{variable}} is unknown, not an enum-value or
    // format error. What is said of members stays: a missing one, an unknown one.
    request.body = R"({"job": {"type": "{{type}}", "params": {"base_info": {"name": "{{name}}"},
        "speed_limit": [{"begin": "{{begin}}", "end": "15:59", "speed": "{{speed}}"}]}}})";
    const auto quiet = linter().lint_request(request);
    BOOST_TEST(quiet.findings.empty(), quiet.findings.size() << " findings");
    request.body = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-{{n}}", "nmae": "{{x}}"}}}})";
    const auto loud = linter().lint_request(request);
    auto has = [&](const char* rule, const char* pointer) {
        return std::any_of(loud.findings.begin(), loud.findings.end(),
                           [&](const drslint::Finding& f) { return f.rule == rule && f.pointer == pointer; });
    };
    BOOST_TEST(has("string-format", "/job/params/base_info/name"));  // only part of it is a variable
    BOOST_TEST(has("unknown-member", "/job/params/base_info/nmae"));
    // The same body outside an .http file is an ordinary body: "{{type}}" is no task type there.
    BOOST_TEST(linter().lint(R"({"job": {"type": "{{type}}"}})").has_at_least(drslint::Severity::error));
}

BOOST_AUTO_TEST_CASE(responses_are_checked_against_their_table)
{
    BOOST_TEST(linter().lint_response(200, "{}").findings.empty());
    BOOST_TEST(linter().lint_response(400, R"({"error_code": "DRS.10000010", "error_msg": "Job does not exist"})").findings.empty());
    const auto bad = linter().lint_response(400, R"({"error_code": "DRS.1", "error_msg": ""})");
    BOOST_TEST(find(bad, "string-length", "/error_code") != nullptr);
    BOOST_TEST(find(bad, "string-length", "/error_msg") != nullptr);
    BOOST_CHECK_THROW(linter().lint_response(500, "{}"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(jsonl_batches_keep_input_order_and_line_numbers)
{
    std::string text;
    for (int i = 1; i <= 500; ++i) {
        if (i % 50 == 0) {
            text += "\n";  // blank lines are skipped but still counted
        } else if (i % 7 == 0) {
            text += R"({"job": {"type": "name", "params": {"base_info": {"name": "bad"}}}})" "\n";
        } else {
            text += R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-)" + std::to_string(i) + R"("}}}})" "\n";
        }
    }
    text += "{\"job\": ";  // a truncated last line without a newline
    for (unsigned jobs : {1u, 2u, 4u}) {
        std::istringstream in(text);
        std::vector<std::size_t> lines, bad;
        const auto n = drslint::lint_jsonl(linter(), in, jobs, [&](drslint::LineReport&& r) {
            lines.push_back(r.line);
            if (!r.report.findings.empty()) {
                bad.push_back(r.line);
                BOOST_TEST(r.report.findings[0].begin.line == r.line);
            }
        });
        BOOST_TEST(n == 491u);
        BOOST_TEST(std::is_sorted(lines.begin(), lines.end()));
        BOOST_TEST(lines.back() == 501u);
        BOOST_TEST(bad.size() == 70u + 1u);  // every 7th line that is not blank (350 is), and the truncated one
        BOOST_TEST(bad.back() == 501u);
    }
}

// Lines are read in blocks (of 64 KiB): a line longer than two blocks, CRLF endings, a NUL inside
// a line and a line over the input limit (kept only up to the limit, then refused) all stay one
// line each, on one job and on two.
BOOST_AUTO_TEST_CASE(jsonl_lines_longer_than_a_read_block_stay_whole)
{
    const std::string valid = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}})";
    const std::string padded = valid.substr(0, valid.size() - 1) + std::string(150000, ' ') + "}";
    const std::string text = padded + "\r\n" + valid + "\r\n" + std::string("{\"a\"\0: 1}", 9) + "\n" +
                             std::string(5000, 'x') + "\n" + valid;
    drslint::Options options;
    options.limits.max_input_bytes = 4200;  // the 150 KB line is over it; the others are not
    const drslint::Linter small_limit(options);
    for (const auto& [l, jobs] : {std::pair(&linter(), 1u), std::pair(&small_limit, 1u), std::pair(&linter(), 2u),
                                  std::pair(&small_limit, 2u)}) {
        std::istringstream in(text);
        std::vector<std::pair<std::size_t, std::string>> got;
        drslint::lint_jsonl(*l, in, jobs, [&](drslint::LineReport&& r) {
            got.emplace_back(r.line, r.report.findings.empty() ? "" : r.report.findings[0].rule);
        });
        BOOST_TEST_REQUIRE(got.size() == 5u);
        for (std::size_t i = 0; i < got.size(); ++i) BOOST_TEST(got[i].first == i + 1);
        BOOST_TEST(got[0].second == (l == &small_limit ? "input-too-large" : ""));
        BOOST_TEST(got[1].second == "");
        BOOST_TEST(got[2].second == "invalid-json");  // the NUL is inside line 3, not a line break
        BOOST_TEST(got[3].second == (l == &small_limit ? "input-too-large" : "invalid-json"));
        BOOST_TEST(got[4].second == "");
    }
}

// The two-stage form: every line is prepared once, into a slot below the count slots() gave, and
// each emit hands over exactly the lines prepared into its slot since the last one, so that the
// lines come out in input order on any number of jobs; what lint_jsonl returns is their number.
BOOST_AUTO_TEST_CASE(jsonl_sink_slots_hand_over_their_lines_in_input_order)
{
    std::string text;
    for (int i = 1; i <= 700; ++i) {
        text += i % 9 == 0 ? std::string("  \r\n")
                           : R"({"job": {"type": "name", "params": {"base_info": {"name": "x"}}}})" "\n";
    }
    struct Recording : drslint::JsonlSink {
        std::size_t count = 0, calls = 0;
        std::vector<std::vector<std::size_t>> prepared;
        std::vector<std::size_t> emitted;
        std::size_t emits = 0;
        bool findings_on_their_line = true;
        void slots(std::size_t n) override
        {
            count = n;
            ++calls;
            prepared.assign(n, {});
        }
        void prepare(std::size_t slot, drslint::LineReport&& line) override
        {
            BOOST_REQUIRE(slot < count);
            for (const auto& f : line.report.findings) findings_on_their_line = findings_on_their_line && f.begin.line == line.line;
            prepared[slot].push_back(line.line);
        }
        void emit(std::size_t slot) override
        {
            BOOST_REQUIRE(slot < count);
            ++emits;
            emitted.insert(emitted.end(), prepared[slot].begin(), prepared[slot].end());
            prepared[slot].clear();
        }
    };
    for (const unsigned jobs : {1u, 2u, 4u}) {
        std::istringstream in(text);
        Recording sink;
        const std::size_t n = drslint::lint_jsonl(linter(), in, jobs, sink);
        BOOST_TEST(sink.calls == 1u);
        BOOST_TEST(n == 700u - 77u);
        BOOST_TEST(sink.emitted.size() == n);
        BOOST_TEST(std::is_sorted(sink.emitted.begin(), sink.emitted.end()));
        BOOST_TEST((std::adjacent_find(sink.emitted.begin(), sink.emitted.end()) == sink.emitted.end()));
        BOOST_TEST(sink.emitted.back() == 700u);
        BOOST_TEST(sink.findings_on_their_line);
        // One job emits each line on its own; more emit batches of lines.
        BOOST_TEST((jobs == 1 ? sink.emits == n : sink.emits < n / 4), "jobs " << jobs);
        for (const auto& slot : sink.prepared) BOOST_TEST(slot.empty());
    }
}

// ---- files.h: a file drslint writes is never lost ----

BOOST_AUTO_TEST_CASE(a_written_file_replaces_the_old_one_whole_and_keeps_its_permissions)
{
    drslint::test::TempDir dir;
    const std::string file = dir.write("baseline.json", "old");
    ::chmod(file.c_str(), 0640);
    drslint::write_file_atomically(file, "new contents");
    BOOST_TEST(drslint::test::read_file(file) == "new contents");
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat(file.c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 07777) == 0640u);
    // Nothing but the file is left in the directory: the temporary file was renamed.
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(a_symbolic_link_stays_a_link_to_the_rewritten_file)
{
    drslint::test::TempDir dir;
    const std::string target = dir.write("real/config.json", "old");
    const std::string link = dir / "config.json";
    std::filesystem::create_symlink(target, link);
    drslint::write_file_atomically(link, "new");
    BOOST_TEST(std::filesystem::is_symlink(link));
    BOOST_TEST(drslint::test::read_file(target) == "new");
}

// A write that fails halfway (here the file-size limit, which root is held to as well: a full
// disk fails the same write) leaves the original as it was, and no temporary file behind.
BOOST_AUTO_TEST_CASE(a_failed_write_leaves_the_original_untouched)
{
    drslint::test::TempDir dir;
    const std::string file = dir.write("baseline.json", "the original");
    const auto result = drslint::test::run_in_child({{RLIMIT_FSIZE, 4096}}, [&file] {
        ::signal(SIGXFSZ, SIG_IGN);  // the write fails with EFBIG instead of killing the process
        try {
            drslint::write_file_atomically(file, std::string(100000, 'x'));
        } catch (const drslint::InputError& e) {
            return std::string(e.what()).find("was left as it was") != std::string::npos ? 0 : 3;
        }
        return 4;  // it claimed success
    });
    BOOST_TEST(result.exit_code == 0, result.err);
    BOOST_TEST(drslint::test::read_file(file) == "the original");
    BOOST_TEST(std::distance(std::filesystem::directory_iterator(dir.path), std::filesystem::directory_iterator()) == 1);
}

BOOST_AUTO_TEST_CASE(a_directory_with_nothing_to_lint_is_an_error_not_an_empty_run)
{
    drslint::test::TempDir dir;
    dir.write("notes.txt", "not a body");
    BOOST_CHECK_THROW(drslint::collect_inputs({dir.path.string()}, {}), drslint::InputError);
    drslint::FileFilters filters;
    filters.include = {"**/*.txt"};
    BOOST_TEST(drslint::collect_inputs({dir.path.string()}, filters).size() == 1u);
}

// ---- files.h: walk_inputs reads a repository as git does ----

namespace {

// The files a walk keeps, relative to `root`, or "error: ..." for what it could not walk.
std::vector<std::string> walked(const std::filesystem::path& root, const drslint::FileFilters& filters = {})
{
    std::vector<std::string> out;
    for (const auto& input : drslint::walk_inputs({root.string()}, filters).inputs) {
        out.push_back(input.error.empty() ? std::filesystem::path(input.path).lexically_relative(root).generic_string()
                                          : "error: " + input.error);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(gitignore_patterns_follow_git)
{
    drslint::test::TempDir dir;
    const char* body = "{}";
    dir.write(".gitignore",
              "# a comment\n"
              "\n"
              "*.out.json\n"      // any depth
              "!keep.out.json\n"  // re-included: the last matching line wins
              "/top.json\n"       // anchored: only at the top
              "build/\n"          // directories only
              "docs/*.json\n"     // a slash in the middle anchors too
              "trailing.json   \n"
              "\\#hash.json\n");
    for (const char* name : {"a.out.json", "sub/b.out.json", "keep.out.json", "top.json", "sub/top.json", "build/x.json",
                             "sub/build/y.json", "build.json", "docs/d.json", "sub/docs/d.json", "trailing.json",
                             "#hash.json", "plain.json"}) {
        dir.write(name, body);
    }
    dir.write("sub/.gitignore", "!b.out.json\nplain.json\n");  // deeper files win, relative to their directory
    dir.write("sub/plain.json", body);
    using V = std::vector<std::string>;
    BOOST_TEST(walked(dir.path) == (V{"build.json", "keep.out.json", "plain.json", "sub/b.out.json", "sub/docs/d.json",
                                      "sub/top.json"}));
    drslint::FileFilters everything;
    everything.repository_aware = false;
    BOOST_TEST(walked(dir.path, everything).size() == 14u);  // every body written above
}

BOOST_AUTO_TEST_CASE(a_walk_reports_what_it_could_not_walk_and_keeps_the_rest)
{
    drslint::test::TempDir dir;
    dir.write("d/a.json", "{}");
    std::filesystem::create_directories(dir.path / "empty");
    const auto walk = drslint::walk_inputs({(dir.path / "d").string(), (dir.path / "empty").string(), "x.json"}, {});
    BOOST_TEST_REQUIRE(walk.inputs.size() == 3u);
    BOOST_TEST(walk.inputs[0].error.empty());
    BOOST_TEST(walk.inputs[1].error.find("holds no *.json files") != std::string::npos, walk.inputs[1].error);
    BOOST_TEST(walk.inputs[2].path == "x.json");  // a file argument is kept as it is: reading it is the caller's
    // The first error is what collect_inputs throws.
    BOOST_CHECK_THROW(drslint::collect_inputs({(dir.path / "empty").string()}, {}), drslint::InputError);
    drslint::FileFilters filters;
    filters.exclude = {"nothing-like-this", "a.json"};
    filters.include = {"**/*.jsn", "**/*.json"};
    const auto unmatched = drslint::walk_inputs({(dir.path / "d").string()}, filters);
    BOOST_TEST(unmatched.unmatched_exclude == std::vector<std::string>{"nothing-like-this"});
    BOOST_TEST(unmatched.unmatched_include == std::vector<std::string>{"**/*.jsn"});
}

// A body's bytes and the file's: the linter moves fixes into the file, the language server a cursor
// into the body, with the same map (lines end at "\n", as the .http reader splits them).
BOOST_AUTO_TEST_CASE(a_body_s_offsets_map_to_the_file_s_and_back)
{
    using drslint::input::BodyPlace;
    using drslint::input::NewlineStarts;
    const std::string file = "PUT /v5/p/jobs/j\r\nContent-Type: application/json\r\n\r\n{\"a\r\":\r\n 1}\r\n\r\n###\r\n";
    const auto requests = parse_http_file(file);
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    const drslint::HttpRequest& request = requests.front();
    BOOST_TEST_REQUIRE(request.body == "{\"a\r\":\n 1}\n");  // a lone \r stays in its line
    const NewlineStarts lines(file);
    const BodyPlace place(request);
    for (std::size_t b = 0; b < request.body.size(); ++b) {
        const std::size_t f = place.file_offset(lines, b);
        if (request.body[b] != '\n') BOOST_TEST(file[f] == request.body[b], "body byte " << b);
        const auto back = place.body_offset(lines, f);
        BOOST_TEST((back && *back == b), "body byte " << b);
    }
    BOOST_TEST(file.substr(place.file_offset(lines, 0), 5) == "{\"a\r\"");
    BOOST_TEST(!place.body_offset(lines, 0).has_value());                      // the request line
    BOOST_TEST(!place.body_offset(lines, file.find("Content")).has_value());  // a header
    BOOST_TEST(!place.body_offset(lines, file.find("###")).has_value());      // past the body
}
