// Evaluates a compiled schema against a document and reports each violation once, at its leaf.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "schema/schema_node.h"

namespace drslint::schema {

enum class Keyword {
    type,
    required,
    unknown_member,  // additionalProperties: false
    enum_value,      // enum and const
    min_length,
    max_length,
    pattern,
    minimum,
    maximum,
    min_items,
    max_items,
    unique_items,
    min_properties,
    max_properties,
    not_schema,
    any_of,
    one_of,
    integer_form,  // an integer written with a fraction or exponent (1.0, 1e2): a note, not a violation
};

struct Violation {
    Keyword keyword;
    std::string pointer;        // where the problem is (a missing member: where it would be)
    const Node* node;           // the subschema whose keyword failed
    const std::string_view* rule;  // innermost "$comment: rule:" tag around it, or nullptr
    std::string member;         // the missing or unknown member
    const rapidjson::Value* value;  // the offending value; the object itself for a missing member
    // The member name `value` is the value of, when it is a member's (not the root, not an item):
    // with `value`, what places the finding in the text without a walk down its pointer.
    const rapidjson::Value* key = nullptr;

    // Whether it makes the document invalid (everything but a note).
    bool invalidates() const { return keyword != Keyword::integer_form; }
};

class Evaluator {
public:
    // Returns true when `value` is valid. Appends violations to `out` when it is not null (and
    // integer_form notes, which do not make the value invalid: see Violation::invalidates); with a
    // null `out` it stops at the first violation. Once `out` holds `max_violations` it stops too
    // and sets *truncated: a hostile body can have a violation per value, millions of them.
    bool validate(const Node& root, const rapidjson::Value& value, std::vector<Violation>* out,
                  std::size_t max_violations = static_cast<std::size_t>(-1), bool* truncated = nullptr) const;
};

}  // namespace drslint::schema
