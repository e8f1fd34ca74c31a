// A compiled JSON Schema (draft-07 subset that drslint's schemas use): one node per subschema, one
// member per keyword. Nodes are immutable after compilation and shared by all threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/document.h>

#include "schema/pattern.h"

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

// The strings of nodes are views: of their schema documents, which their SchemaSet keeps as long
// as the nodes (a copy of each would be more fresh pages at every start-up), and of its index of
// locations.
struct Dependency {
    std::string_view property;
    std::vector<std::string_view> required;  // array form
    const Node* schema = nullptr;       // schema form
};

// The numeric keywords of a node, on the heap as its pattern is: few nodes have any, and their
// optionals were a third of every node's bytes.
struct Limits {
    std::optional<std::size_t> min_length, max_length;
    std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
    std::optional<std::size_t> min_items, max_items;
    std::optional<std::size_t> min_properties, max_properties;
};

inline const Limits kNoLimits{};

// A node's dependencies and allOf, anyOf and oneOf lists, on the heap too: most nodes have none,
// and four empty vectors were 96 of every node's bytes.
struct Lists {
    std::vector<Dependency> dependencies;
    std::vector<const Node*> all_of, any_of, one_of;
};

inline const Lists kNoLists{};

struct Node {
    std::string_view location;  // "file.schema.json#/json/pointer", for messages and tests
    std::string_view rule;      // rule id from "$comment": "rule: <id>", empty when untagged
    std::string_view title;
    std::string_view description;

    const Node* ref = nullptr;  // $ref target

    const rapidjson::Value* enum_values = nullptr;  // points into the schema document
    const rapidjson::Value* const_value = nullptr;

    // On the heap: few nodes have one, and every node is read by each lint (a smaller node is
    // fewer pages to touch at start-up). Its source() is the keyword's text.
    std::unique_ptr<const Pattern> pattern;

    std::unique_ptr<Limits> limits;  // null when the node has none of them: see bounds()

    const Node* items = nullptr;

    std::vector<std::pair<std::string_view, const Node*>> properties;  // in schema order
    std::vector<std::string_view> required;
    const Node* additional = nullptr;     // "additionalProperties": {schema}
    const Node* property_names = nullptr;
    std::unique_ptr<Lists> lists;  // null when the node has none of them: see combinators()

    const Node* not_ = nullptr;
    const Node* if_ = nullptr;
    const Node* then_ = nullptr;
    const Node* else_ = nullptr;

    // The one-byte members together (each alone took a word of padding).
    std::uint8_t types = 0;            // 0: no "type" keyword
    bool unique_items = false;
    bool additional_forbidden = false;  // "additionalProperties": false

    // Derived from the keywords above once every node is compiled (derive_summary()), so that
    // the evaluator skips whole groups of keywords a node does not have with one test each.
    bool string_keywords = false;   // minLength, maxLength, pattern
    bool number_keywords = false;   // minimum, maximum and their exclusive forms
    bool array_keywords = false;    // minItems, maxItems, uniqueItems, items
    bool object_keywords = false;   // required, properties, additionalProperties, ... dependencies
    bool applicators = false;       // allOf, anyOf, oneOf, not, if
    // Only "if" (with a discriminator) and "then": on an object whose discriminator member is
    // missing or differs, the if fails and the node passes without a look at anything else.
    bool discriminated_conditional = false;
    // A node that is only a $ref (descriptions aside) and carries no rule tag stands for the
    // node at the end of its chain of such refs: evaluating it is evaluating that node.
    const Node* same_as = nullptr;
    // A required member with a "const" value (an if/then keyed on job.type, say): an object that
    // lacks it, or holds another value there, fails this node whatever else it holds.
    const std::string_view* discriminator = nullptr;
    const rapidjson::Value* discriminator_value = nullptr;

    void derive_summary()
    {
        for (const auto& name : required) {
            const Node* member = property(name);
            if (member != nullptr && member->const_value != nullptr) {
                discriminator = &name;
                discriminator_value = member->const_value;
                break;
            }
        }
        const Limits& b = bounds();
        string_keywords = b.min_length || b.max_length || pattern;
        number_keywords = b.minimum || b.maximum || b.exclusive_minimum || b.exclusive_maximum;
        array_keywords = b.min_items || b.max_items || unique_items || items != nullptr;
        object_keywords = !required.empty() || !properties.empty() || additional_forbidden || additional != nullptr ||
                          property_names != nullptr || b.min_properties || b.max_properties ||
                          !combinators().dependencies.empty();
        const Lists& l = combinators();
        applicators = !l.all_of.empty() || !l.any_of.empty() || !l.one_of.empty() || not_ != nullptr || if_ != nullptr;
    }

    // After derive_summary() of every node: it reads the if's discriminator.
    void derive_conditional()
    {
        discriminated_conditional = if_ != nullptr && if_->discriminator != nullptr && else_ == nullptr &&
                                    ref == nullptr && types == 0 && enum_values == nullptr && const_value == nullptr &&
                                    !string_keywords && !number_keywords && !array_keywords && !object_keywords &&
                                    combinators().all_of.empty() && combinators().any_of.empty() &&
                                    combinators().one_of.empty() && not_ == nullptr;
    }

    const Limits& bounds() const { return limits ? *limits : kNoLimits; }
    const Lists& combinators() const { return lists ? *lists : kNoLists; }
    // While compiling: the lists to fill in, made on the first.
    Lists& fill_lists()
    {
        if (!lists) lists = std::make_unique<Lists>();
        return *lists;
    }
    // While compiling: the limits to fill in, made on the first.
    Limits& fill_limits()
    {
        if (!limits) limits = std::make_unique<Limits>();
        return *limits;
    }

    bool only_ref() const
    {
        return ref != nullptr && rule.empty() && types == 0 && enum_values == nullptr && const_value == nullptr &&
               !string_keywords && !number_keywords && !array_keywords && !object_keywords && !applicators;
    }

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
