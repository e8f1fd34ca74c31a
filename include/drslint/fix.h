// Applying fixes: the findings of a report carry them (Finding::fix); these functions write them
// into the text, the way `drslint --fix` does. Every byte outside an edit stays as it was.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "drslint/finding.h"

namespace drslint {

// Whether a fix of this applicability is applied: safe ones always, unsafe ones only when asked.
inline bool admits(Applicability applicability, bool unsafe) { return unsafe || applicability == Applicability::safe; }

// The number of findings of `report` whose fix `unsafe` admits.
std::size_t count_fixes(const Report& report, bool unsafe);

// `text` with the fixes of `report` (made by linting this very text) that `unsafe` admits: in
// order of position, each one that overlaps none applied before it (the next round of
// fix_until_stable applies the others). *applied, when given, counts the fixes applied.
std::string apply_fixes(std::string_view text, const Report& report, bool unsafe, std::size_t* applied = nullptr);

struct FixResult {
    std::string text;         // the fixed text; the input itself when nothing applied
    std::size_t applied = 0;  // fixes applied, over all rounds
    std::size_t rounds = 0;   // lints that applied something
    Report report;            // `lint` of `text`: what remains
    bool stable = true;       // false: kMaxFixRounds ran out while fixes still applied
};

// Rounds of lint-and-apply at most: a round can enable a fix (a rename, then a type fix of the
// renamed member's value), so fixing goes on until a round applies nothing.
inline constexpr std::size_t kMaxFixRounds = 16;

// Lints `text` with `lint`, applies the admitted fixes of its report, and again on the result,
// until a round applies nothing: running it once more on its result changes nothing. `lint` is
// whatever the caller reports with (Linter::lint, or lint_http_file, after a config), so what is
// fixed is exactly what would be reported as fixable.
FixResult fix_until_stable(std::string_view text, const std::function<Report(std::string_view)>& lint, bool unsafe);

}  // namespace drslint
