// Did-you-mean: the closest known name by edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drslint::core {

// Damerau-style distance (insert, delete, substitute, swap neighbours), case-insensitive. Past
// `bound` it stops early and returns some value above `bound`.
std::size_t edit_distance(std::string_view a, std::string_view b,
                          std::size_t bound = static_cast<std::size_t>(-1) - 1);

// The candidate closest to `word`, if it is close enough to be a plausible typo; else "".
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace drslint::core
