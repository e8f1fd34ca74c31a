#include "bench_corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace drslint::bench {

std::vector<Body> load_corpus(const std::string& dir)
{
    std::vector<Body> bodies;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".json") {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        Body body;
        body.name = entry.path().stem().string();
        body.text = text.str();
        body.valid = body.name.rfind("valid-", 0) == 0;
        bodies.push_back(std::move(body));
    }
    if (ec || bodies.empty()) {
        throw std::runtime_error("no corpus bodies in " + dir + (ec ? ": " + ec.message() : std::string()));
    }
    std::sort(bodies.begin(), bodies.end(), [](const Body& a, const Body& b) { return a.name < b.name; });
    return bodies;
}

Body make_large_db_object(std::size_t tables)
{
    constexpr std::size_t kTablesPerDatabase = 250;
    std::string text = R"j({"job": {"type": "db_object", "params": {"db_object": {"object_scope": "table", )j"
                       R"j("target_root_db": {"db_name": "mytest", "db_encoding": "utf8"}, "object_info": {)j";
    for (std::size_t first = 0; first < tables; first += kTablesPerDatabase) {
        const std::string database = "DB_" + std::to_string(first / kTablesPerDatabase);
        text += (first == 0 ? "\"" : ", \"") + database + R"j(": {"name": ")j" + database +
                R"j(", "all": false, "is_synchronized": false, "tables": {)j";
        for (std::size_t t = first; t < std::min(tables, first + kTablesPerDatabase); ++t) {
            const std::string table = "TBL_" + std::to_string(t);
            text += (t == first ? "\"" : ", \"") + table + R"j(": {"name": ")j" + table +
                    R"j(_new", "type": "table", "all": false, "filtered": true, "filter_conditions": ["id > 10"], )j"
                    R"j("is_synchronized": false, "columns": {"id": {"name": "id", "type": "int"}, )j"
                    R"j("c1": {"name": "c1_new", "type": "varchar(64)"}}})j";
        }
        text += "}}";
    }
    text += "}}}}}\n";
    return {kLargeBodyName, std::move(text), true};
}

std::string one_line(const std::string& text)
{
    std::string line = text;
    std::replace_if(line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return line;
}

namespace {

std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

BatchPools load_batch_pools(const std::string& source_dir, const std::vector<Body>& corpus)
{
    namespace fs = std::filesystem;
    BatchPools pools;
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(fs::path(source_dir) / "tests/schema/cases")) {
        if (entry.path().extension() == ".json") cases.push_back(entry.path());
    }
    std::sort(cases.begin(), cases.end());
    for (const auto& path : cases) {
        rapidjson::Document d;
        d.Parse(read_text(path).c_str());
        // A file with its own "schema" checks path parameters or headers, not a request body.
        if (d.HasParseError() || !d.IsObject() || d.HasMember("schema") || !d.HasMember("cases")) continue;
        for (const auto& c : d["cases"].GetArray()) {
            if (!c.HasMember("body")) continue;
            rapidjson::StringBuffer buffer;
            rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
            c["body"].Accept(writer);
            const bool valid = !c.HasMember("expect") || c["expect"].Empty();
            (valid ? pools.valid : pools.invalid).push_back(buffer.GetString());
        }
    }
    std::vector<fs::path> examples;
    for (const auto& entry : fs::directory_iterator(fs::path(source_dir) / "examples")) {
        if (entry.path().extension() == ".json") examples.push_back(entry.path());
    }
    std::sort(examples.begin(), examples.end());
    for (const auto& path : examples) {
        (path.filename() == "rename-task.json" ? pools.valid : pools.invalid).push_back(one_line(read_text(path)));
    }
    for (const auto& body : corpus) (body.valid ? pools.valid : pools.invalid).push_back(one_line(body.text));
    if (pools.valid.empty() || pools.invalid.empty()) throw std::runtime_error("no schema cases in " + source_dir);
    return pools;
}

std::string make_batch(const BatchPools& pools, std::size_t lines, unsigned invalid_percent)
{
    std::mt19937 random(17);
    std::string batch;
    for (std::size_t i = 0; i < lines; ++i) {
        const auto& pool = random() % 100 < invalid_percent ? pools.invalid : pools.valid;
        batch += pool[random() % pool.size()];
        batch += '\n';
    }
    return batch;
}

}  // namespace drslint::bench
