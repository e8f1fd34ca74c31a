// What the schemas document at a place of a body, for hover and completion: the member's own
// subschema and the object that declares it, found through $ref and allOf (not through if/then:
// a conditional constrains a member, it does not document it).
#pragma once

#include <string>
#include <vector>

#include "schema/schema_node.h"

namespace drslint::schema {

struct Place {
    const Node* object = nullptr;  // the object that declares the member (nullptr for the root)
    const Node* member = nullptr;  // the member's subschema, as declared
};

// The place `tokens` (a pointer's unescaped tokens; any array index matches items) names below
// `root`; member == nullptr when the schemas do not document it.
Place place_at(const Node& root, const std::vector<std::string>& tokens);

// `node` without the $refs it is only a name for.
const Node& resolved(const Node& node);

// The members an object node declares, in schema order, with their subschemas.
std::vector<std::pair<std::string, const Node*>> declared_members(const Node& object);

// Whether `object` (or an allOf branch of it) lists `name` in "required".
bool requires_member(const Node& object, const std::string& name);

// The first non-empty description or title along `node`'s $ref chain.
std::string description_of(const Node& node);
std::string title_of(const Node& node);

}  // namespace drslint::schema

namespace drslint::schema {

// The JSON types `node` allows ("string", "integer or null"), through its $refs; "" when any.
std::string type_names(const Node& node);

}  // namespace drslint::schema
