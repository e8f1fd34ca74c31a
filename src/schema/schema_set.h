// The embedded schema files, compiled once into Nodes (see schema_node.h).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "core/data_checks.h"
#include "parse/json_parser.h"
#include "schema/schema_node.h"

namespace drslint::schema {

struct SchemaFile {
    std::string name;       // path below schemas/, e.g. "request/base-endpoint.schema.json"
    std::string_view text;  // JSON text; must outlive nothing: it is parsed and copied
};

class SchemaSet {
public:
    // Compiles every file. Throws std::runtime_error naming the file and location on invalid
    // JSON, an unsupported keyword, an unresolvable $ref or a bad pattern: a schema that cannot
    // be compiled must never turn into a silent pass. With DataChecks::built_in, a pattern's DFA
    // is built on its first use, not here (see core/data_checks.h).
    explicit SchemaSet(const std::vector<SchemaFile>& files, core::DataChecks checks = core::DataChecks::all);
    SchemaSet(const SchemaSet&) = delete;
    SchemaSet& operator=(const SchemaSet&) = delete;

    // The compiled root of a file, e.g. "request/update-job-request.schema.json".
    const Node& root(const std::string& file) const;
    // Every "$comment": "rule: <id>" tag found in the compiled schemas.
    std::vector<std::string> rule_tags() const;
    // The parsed schema documents, by file name (valijson compiles the same documents).
    const std::map<std::string, parse::EmbeddedDocument>& documents() const { return documents_; }

    // Builds every pattern's DFA (the constructor leaves them to first use under
    // DataChecks::built_in); throws std::runtime_error naming the location of one too large.
    void compile_patterns() const;

private:
    const Node* compile(const std::string& file, const std::string& pointer);
    const Node* compile(const std::string& file, const std::string& pointer, const rapidjson::Value& value);
    const Node* resolve_ref(const std::string& file, const std::string& ref);
    void fill(Node& node, const rapidjson::Value& value, const std::string& file, const std::string& pointer);

    core::DataChecks checks_;
    std::map<std::string, parse::EmbeddedDocument> documents_;
    std::map<std::string, Node*> by_location_;
    std::deque<Node> nodes_;
};

}  // namespace drslint::schema
