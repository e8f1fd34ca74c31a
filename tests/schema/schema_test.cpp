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
#include "schema/embedded.h"
#include "schema/evaluator.h"
#include "schema/schema_set.h"
#include "schema/valijson_engine.h"

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

}  // namespace

// valijson is the engine of record: on every case, drslint's evaluator must reach the same
// verdict, and every problem valijson names must be among the evaluator's.
BOOST_AUTO_TEST_CASE(evaluator_and_valijson_agree_on_every_case)
{
    std::vector<drslint::schema::SchemaFile> files;
    for (std::size_t i = 0; i < drslint::embedded::kFileCount; ++i) {
        const std::string name = drslint::embedded::kFiles[i].name;
        if (name.find(".schema.json") != std::string::npos) files.push_back({name, drslint::embedded::kFiles[i].text()});
    }
    const drslint::schema::SchemaSet schemas(files);
    const std::string root = "request/update-job-request.schema.json";
    const drslint::schema::ValijsonEngine valijson(schemas, root);
    const drslint::schema::Evaluator evaluator(4096);
    std::size_t invalid = 0;
    for (const auto& body : all_case_bodies()) {
        rapidjson::Document doc;
        doc.Parse(body.json.c_str());
        std::vector<drslint::schema::Violation> violations;
        evaluator.validate(schemas.root(root), doc, &violations);
        std::vector<std::string> ours;
        for (const auto& v : violations) {
            if (v.keyword != drslint::schema::Keyword::unknown_member) ours.push_back(v.pointer);
        }
        std::vector<std::string> theirs;
        for (const auto& leaf : valijson.validate(doc)) {
            if (!leaf.unknown_member) theirs.push_back(leaf.pointer);
        }
        BOOST_TEST(ours.empty() == theirs.empty(), body.name);
        for (const auto& pointer : theirs) {
            BOOST_TEST((std::find(ours.begin(), ours.end(), pointer) != ours.end()), body.name << ": " << pointer);
        }
        invalid += !theirs.empty();
    }
    BOOST_TEST(invalid >= 300u);
}

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
