// valijson, the engine of record: it compiles the same embedded schema documents and gives the
// verdict that drslint's own evaluator must agree with. Its error list is normalized here into
// leaf problems at RFC 6901 pointers (wrapper errors collapsed).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "schema/schema_set.h"

namespace drslint::schema {

struct ValijsonLeaf {
    std::string pointer;
    std::string description;
    bool unknown_member = false;  // additionalProperties: false (the evaluator reports it as unknown-member)
};

class ValijsonEngine {
public:
    // Throws std::runtime_error when valijson cannot compile the schemas.
    ValijsonEngine(const SchemaSet& schemas, const std::string& root_file);
    ~ValijsonEngine();

    // Leaf errors of `document`; empty when valid. Thread-safe: each thread has its own Validator.
    // A number with a zero fractional part is an integer, as in draft-07 and the evaluator.
    std::vector<ValijsonLeaf> validate(const rapidjson::Value& document) const;

private:
    struct Compiled;
    std::unique_ptr<Compiled> compiled_;
};

}  // namespace drslint::schema
