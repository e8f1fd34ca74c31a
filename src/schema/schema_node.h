// A compiled JSON Schema (draft-07 subset that drslint's schemas use): one node per subschema, one
// member per keyword. Nodes are immutable after compilation and shared by all threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

namespace drslint::schema {

enum TypeBit : std::uint8_t {
    kNull = 1,
    kBoolean = 2,
    kObject = 4,
    kArray = 8,
    kNumber = 16,
    kString = 32,
    kInteger = 64,
};

struct Node;

struct Dependency {
    std::string property;
    std::vector<std::string> required;  // array form
    const Node* schema = nullptr;       // schema form
};

struct Node {
    std::string location;  // "file.schema.json#/json/pointer", for messages and tests
    std::string rule;      // rule id from "$comment": "rule: <id>", empty when untagged
    std::string title;
    std::string description;

    const Node* ref = nullptr;  // $ref target

    std::uint8_t types = 0;  // 0: no "type" keyword

    const rapidjson::Value* enum_values = nullptr;  // points into the schema document
    const rapidjson::Value* const_value = nullptr;

    std::optional<std::size_t> min_length, max_length;
    std::optional<std::regex> pattern;
    std::string pattern_source;

    std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;

    std::optional<std::size_t> min_items, max_items;
    bool unique_items = false;
    const Node* items = nullptr;

    std::vector<std::pair<std::string, const Node*>> properties;  // in schema order
    std::vector<std::string> required;
    bool additional_forbidden = false;    // "additionalProperties": false
    const Node* additional = nullptr;     // "additionalProperties": {schema}
    const Node* property_names = nullptr;
    std::optional<std::size_t> min_properties, max_properties;
    std::vector<Dependency> dependencies;

    std::vector<const Node*> all_of, any_of, one_of;
    const Node* not_ = nullptr;
    const Node* if_ = nullptr;
    const Node* then_ = nullptr;
    const Node* else_ = nullptr;

    const Node* property(std::string_view name) const
    {
        for (const auto& [key, node] : properties) {
            if (key == name) {
                return node;
            }
        }
        return nullptr;
    }
};

}  // namespace drslint::schema
