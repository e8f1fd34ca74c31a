// The functions a check of schemas/rules.json can name. One class per function: it reads its
// options once, then decides on each target it is given.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "core/located.h"
#include "core/pointer.h"
#include "rules/facts.h"
#include "rules/rule_catalogue.h"

namespace drslint::rules {

// What a function looks at: the member named by the check's "field" of a node that "given"
// matched (or the node itself when there is no field).
struct Target {
    Target(const rapidjson::Value* value, const core::PointerPath& node_path, const rapidjson::Value& node,
           std::string_view node_key, std::string_view field, const Facts& facts)
        : value(value), node_path(node_path), node(node), node_key(node_key), field(field), facts(facts) {}

    const rapidjson::Value* value;       // nullptr when the field is absent
    const core::PointerPath& node_path;  // where the node is
    const rapidjson::Value& node;         // the node "given" matched
    std::string_view node_key;            // the node's own member name (for map entries)
    std::string_view field;               // the check's field, "" for the node itself
    const Facts& facts;

    // Where the value is, or would be. Built on first use: most targets pass and never need it.
    const std::string& pointer() const;

private:
    mutable std::optional<std::string> pointer_;
};

// What a function reports; the engine turns it into a finding of the check's rule.
struct Hit {
    std::string pointer;
    core::Anchor anchor = core::Anchor::value;
    MessageArgs args;
    std::string expected;
    std::string suggestion;
};

class RuleFunction {
public:
    virtual ~RuleFunction() = default;
    virtual void check(const Target& target, std::vector<Hit>& hits) const = 0;
};

// Throws std::runtime_error for an unknown name or bad options.
std::unique_ptr<RuleFunction> make_rule_function(std::string_view name, const rapidjson::Value& options);

}  // namespace drslint::rules
