// A finding on its way to the report: where in the source it should be shown is decided later,
// in one place, once the text's positions are indexed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <rapidjson/fwd.h>

#include "drslint/finding.h"

namespace drslint::core {

// Named values for a message template's {placeholders}. Values must already be printable and
// redacted: a message shows them as they are.
using MessageArgs = std::vector<std::pair<std::string_view, std::string>>;
// The same, viewing values held elsewhere: what a finding's message is built from on the hot path
// (no copy of a value it also keeps, such as its `expected`).
using MessageArgView = std::pair<std::string_view, std::string_view>;

// What a finding points at in the source: the member's key for an unknown or duplicate member,
// the enclosing object for a missing member, the value otherwise.
enum class Anchor { value, key, parent };

struct Located {
    Finding finding;
    Anchor anchor = Anchor::value;
    std::size_t occurrence = 0;         // which of several members with one pointer (duplicates)
    std::optional<std::size_t> offset;  // a known byte offset (parse errors)
    unsigned expected_types = 0;        // a type violation's schema::TypeBit set, for its fix
    // Whether the pointer is at or inside a secret, where that was decided already (the schema's
    // findings); else the report stage decides it.
    std::optional<bool> secret;
    // Where the schema's findings were found in the parsed body (the value, and its member name
    // when it has one), valid while that document is: placed from them directly, not by a walk
    // down the pointer.
    const rapidjson::Value* value = nullptr;
    const rapidjson::Value* key = nullptr;
};

}  // namespace drslint::core
