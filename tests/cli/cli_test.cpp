// Runs the real drslint binary: exit codes, stdin, text and the JSON contract.
#define BOOST_TEST_MODULE cli
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <rapidjson/document.h>

namespace fs = std::filesystem;

namespace {

struct Run {
    int status;
    std::string out;
};

Run run(const std::string& args, const std::string& stdin_file = "")
{
    std::string command = std::string("'") + DRSLINT_BINARY + "' " + args + " 2>&1";
    if (!stdin_file.empty()) command += " < '" + stdin_file + "'";
    FILE* pipe = popen(command.c_str(), "r");
    BOOST_REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

struct TempDir {
    fs::path path;
    TempDir() : path(fs::temp_directory_path() / ("drslint-cli-" + std::to_string(::getpid())))
    {
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const
    {
        std::ofstream(path / name, std::ios::binary) << text;
        return (path / name).string();
    }
};

const char* kValid = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234"}}}})";
const char* kInvalid = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS"}}}})";
const char* kWarning = R"({"job": {"type": "name", "params": {"base_info": {"name": "DRS-1234", "nmae": "x"}}}})";

}  // namespace

BOOST_AUTO_TEST_CASE(exit_codes)
{
    TempDir dir;
    BOOST_TEST(run("'" + dir.write("ok.json", kValid) + "'").status == 0);
    BOOST_TEST(run("'" + dir.write("warn.json", kWarning) + "'").status == 0);
    BOOST_TEST(run("'" + dir.write("bad.json", kInvalid) + "'").status == 1);
    BOOST_TEST(run("'" + dir.write("broken.json", "{\"job\": ") + "'").status == 1);
    BOOST_TEST(run("'" + (dir.path / "missing.json").string() + "'").status == 2);
    BOOST_TEST(run("--format yaml x.json").status == 2);
    BOOST_TEST(run("").status == 2);
    BOOST_TEST(run("--no-such-flag").status == 2);
    fs::create_directories(dir.path / "empty");
    BOOST_TEST(run("'" + (dir.path / "empty").string() + "'").status == 2);
}

BOOST_AUTO_TEST_CASE(text_output_names_file_severity_pointer_and_rule)
{
    TempDir dir;
    const auto file = dir.write("bad.json", kInvalid);
    const auto r = run("'" + file + "'");
    BOOST_TEST(r.out.find(file + ": error: /job/params/base_info/name: ") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("[string-length]") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("1 file checked: 1 error, 0 warnings") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(dash_reads_standard_input)
{
    TempDir dir;
    const auto r = run("--format json -", dir.write("bad.json", kInvalid));
    BOOST_TEST(r.status == 1);
    BOOST_TEST(r.out.find("\"file\":\"<stdin>\"") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(json_output_follows_the_version_1_contract)
{
    TempDir dir;
    const auto bad = dir.write("bad.json", kInvalid);
    const auto ok = dir.write("ok.json", kValid);
    const auto r = run("--format json '" + bad + "' '" + ok + "'");
    BOOST_TEST(r.status == 1);
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    BOOST_TEST_REQUIRE(!d.HasParseError(), r.out);
    BOOST_TEST(d["version"].GetInt() == 1);
    BOOST_TEST_REQUIRE(d["files"].Size() == 2u);
    const auto& first = d["files"][0];
    BOOST_TEST(std::string(first["file"].GetString()) == bad);
    BOOST_TEST_REQUIRE(first["findings"].Size() == 1u);
    const auto& f = first["findings"][0];
    BOOST_TEST(std::string(f["rule"].GetString()) == "string-length");
    BOOST_TEST(std::string(f["severity"].GetString()) == "error");
    BOOST_TEST(std::string(f["pointer"].GetString()) == "/job/params/base_info/name");
    BOOST_TEST(std::string(f["message"].GetString()).find("4 to 50") != std::string::npos);
    BOOST_TEST(d["files"][1]["findings"].Size() == 0u);
    BOOST_TEST(d["summary"]["files"].GetInt() == 2);
    BOOST_TEST(d["summary"]["errors"].GetInt() == 1);
    BOOST_TEST(d["summary"]["warnings"].GetInt() == 0);
}

BOOST_AUTO_TEST_CASE(directories_are_walked_in_sorted_order)
{
    TempDir dir;
    fs::create_directories(dir.path / "d" / "sub");
    dir.write("d/b.json", kInvalid);
    dir.write("d/sub/a.json", kValid);
    dir.write("d/a.json", kValid);
    dir.write("d/notes.txt", "not json");
    const auto r = run("--format json '" + (dir.path / "d").string() + "'");
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    BOOST_TEST_REQUIRE(!d.HasParseError(), r.out);
    BOOST_TEST_REQUIRE(d["files"].Size() == 3u);
    BOOST_TEST(fs::path(d["files"][0]["file"].GetString()).filename() == "a.json");
    BOOST_TEST(fs::path(d["files"][1]["file"].GetString()).filename() == "b.json");
    BOOST_TEST(r.status == 1);
}

BOOST_AUTO_TEST_CASE(rules_and_explain)
{
    const auto list = run("rules");
    BOOST_TEST(list.status == 0);
    BOOST_TEST(list.out.find("unknown-member") != std::string::npos);
    const auto explain = run("explain type-mismatch");
    BOOST_TEST(explain.status == 0);
    BOOST_TEST(explain.out.find("Fails:") != std::string::npos);
    BOOST_TEST(run("explain no-such-rule").status == 2);
}
