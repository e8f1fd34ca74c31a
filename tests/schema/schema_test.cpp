// Data-driven: every case in tests/schema/cases/*.json is linted, and its error and warning
// findings must be exactly the expected (rule, pointer) pairs.
#define BOOST_TEST_MODULE schema
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "drslint/linter.h"

namespace fs = std::filesystem;

namespace {

const drslint::Linter& linter()
{
    static const drslint::Linter instance;
    return instance;
}

std::string read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string to_json(const rapidjson::Value& v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return buffer.GetString();
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_case_yields_exactly_its_expected_findings)
{
    const fs::path dir = fs::path(DRSLINT_SOURCE_DIR) / "tests" / "schema" / "cases";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    BOOST_TEST_REQUIRE(files.size() >= 30u);
    std::size_t cases = 0;
    for (const auto& file : files) {
        rapidjson::Document doc;
        doc.Parse(read_file(file).c_str());
        BOOST_TEST_REQUIRE(!doc.HasParseError(), file);
        const std::string schema = doc.HasMember("schema") ? doc["schema"].GetString() : "";
        if (!schema.empty() && schema != "update-job-request") {
            continue;  // path parameters and headers are checked by the .http support
        }
        for (const auto& c : doc["cases"].GetArray()) {
            ++cases;
            const std::string name = file.filename().string() + ": " + c["name"].GetString();
            std::vector<std::string> expected, actual;
            for (const auto& e : c["expect"].GetArray()) {
                expected.push_back(std::string(e["rule"].GetString()) + " " + e["pointer"].GetString());
            }
            const auto report = linter().lint(to_json(c["body"]));
            for (const auto& f : report.findings) {
                if (f.severity != drslint::Severity::info) actual.push_back(f.rule + " " + f.pointer);
            }
            std::sort(expected.begin(), expected.end());
            std::sort(actual.begin(), actual.end());
            BOOST_TEST(expected == actual, name);
            if (expected != actual) {
                for (const auto& f : report.findings) BOOST_TEST_MESSAGE("  got " << f.rule << " " << f.pointer << ": " << f.message);
            }
        }
    }
    BOOST_TEST(cases >= 100u);
}
