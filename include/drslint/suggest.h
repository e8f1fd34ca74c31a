// Did-you-mean for a program's own words (options, subcommands, rule ids): the same suggestion the
// library makes for a misspelt member or config rule id, so that every typo gets one answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drslint {

// The candidate closest to `word` by edit distance (insert, delete, substitute, swap neighbours;
// case-insensitive), if it is a plausible typo of it (at most a third of the word, 1 to 3 edits);
// else "". A word equal to a candidate gets "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace drslint
