#include "schema/lookup.h"

#include <algorithm>

#include "core/pointer.h"

namespace drslint::schema {
namespace {

// Calls visit(node) on `node`, the targets of its $refs and its allOf branches, each once.
template <typename Visit>
void for_each_part(const Node& node, Visit&& visit, int depth = 0)
{
    if (depth > 32) return;  // schemas are not that deep; a $ref cycle must not be walked for ever
    visit(node);
    if (node.ref != nullptr) for_each_part(*node.ref, visit, depth + 1);
    for (const Node* branch : node.combinators().all_of) for_each_part(*branch, visit, depth + 1);
}

}  // namespace

const Node& resolved(const Node& node)
{
    const Node* n = &node;
    for (int i = 0; i < 32 && n->ref != nullptr && n->properties.empty() && n->items == nullptr; ++i) n = n->ref;
    return *n;
}

std::vector<std::pair<std::string, const Node*>> declared_members(const Node& object)
{
    std::vector<std::pair<std::string, const Node*>> out;
    for_each_part(object, [&](const Node& part) {
        for (const auto& property : part.properties) {
            // Branches may repeat a member with a narrower schema: the first declaration documents it.
            if (std::none_of(out.begin(), out.end(), [&](const auto& m) { return m.first == property.first; })) {
                out.emplace_back(std::string(property.first), property.second);
            }
        }
    });
    return out;
}

bool requires_member(const Node& object, const std::string& name)
{
    bool found = false;
    for_each_part(object, [&](const Node& part) {
        found = found || std::find(part.required.begin(), part.required.end(), name) != part.required.end();
    });
    return found;
}

Place place_at(const Node& root, const std::vector<std::string>& tokens)
{
    Place place;
    place.member = &root;
    for (const auto& token : tokens) {
        if (place.member == nullptr) return {};
        const Node* items = nullptr;
        for_each_part(*place.member, [&](const Node& part) {
            if (items == nullptr && part.items != nullptr) items = part.items;
        });
        if (items != nullptr && core::array_index(token)) {
            place.member = items;  // an array's item: the object stays the one that declared the array
            continue;
        }
        const Node* member = nullptr;
        for (const auto& [name, node] : declared_members(*place.member)) {
            if (name == token) member = node;
        }
        place.object = place.member;
        place.member = member;
    }
    return place;
}

std::string description_of(const Node& node)
{
    std::string text;
    for_each_part(node, [&](const Node& part) {
        if (text.empty() && !part.description.empty()) text = part.description;
    });
    return text;
}

std::string title_of(const Node& node)
{
    std::string text;
    for_each_part(node, [&](const Node& part) {
        if (text.empty() && !part.title.empty()) text = part.title;
    });
    return text;
}

}  // namespace drslint::schema

namespace drslint::schema {

std::string type_names(const Node& node)
{
    std::uint8_t types = 0;
    for_each_part(node, [&](const Node& part) { types = types == 0 ? part.types : types; });
    static const std::pair<std::uint8_t, const char*> kNames[] = {
        {kString, "string"}, {kInteger, "integer"}, {kNumber, "number"}, {kBoolean, "boolean"},
        {kObject, "object"}, {kArray, "array"},     {kNull, "null"},
    };
    std::string out;
    for (const auto& [bit, name] : kNames) {
        if (types & bit) out += (out.empty() ? "" : " or ") + std::string(name);
    }
    return out;
}

}  // namespace drslint::schema
