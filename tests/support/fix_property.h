// The property every offered fix must have (issue 14), checked on the schema cases, the rule
// examples and by the fuzzer: applying all offered fixes (safe and unsafe) gives text that parses,
// changes nothing outside the edits, leaves no error it claimed to fix and adds no error; fixing
// until stable is idempotent; and no edit touches or writes a secret `marker`.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "drslint/fix.h"
#include "drslint/linter.h"

namespace drslint::test {

// "" when the property holds for `text`, else what broke it. `markers`: secret values the text
// holds, which no edit may overlap or write.
inline std::string fix_property_violation(const Linter& linter, std::string_view text,
                                          const std::vector<std::string>& markers = {})
{
    const Report before = linter.lint(text);
    // The fixes, applied independently of the library: by first offset, skipping overlaps.
    struct Applied {
        const Finding* finding;
        const Edit* edit;
    };
    std::vector<Applied> edits;
    for (const auto& f : before.findings) {
        if (!f.fix) continue;
        if (f.fix->edits.size() != 1) return "a fix of " + f.rule + " has " + std::to_string(f.fix->edits.size()) + " edits";
        const Edit& e = f.fix->edits.front();
        if (e.offset + e.length > text.size()) return "an edit of " + f.rule + " lies outside the text";
        for (const auto& marker : markers) {
            if (marker.empty()) continue;
            if (e.replacement.find(marker) != std::string::npos) return "a fix of " + f.rule + " writes a secret";
            for (std::size_t at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + 1)) {
                if (e.offset < at + marker.size() && at < e.offset + e.length) {
                    return "a fix of " + f.rule + " touches a secret";
                }
            }
            if (f.fix->message.find(marker) != std::string::npos) return "a fix message of " + f.rule + " shows a secret";
        }
        edits.push_back({&f, &e});
    }
    if (edits.empty()) return {};
    std::stable_sort(edits.begin(), edits.end(), [](const Applied& a, const Applied& b) { return a.edit->offset < b.edit->offset; });
    std::string fixed;
    std::size_t at = 0, last_offset = 0;
    std::set<std::pair<std::string, std::string>> claimed;
    for (const auto& a : edits) {
        // Overlapping an applied edit, or starting where one starts (their order is not defined).
        if (a.edit->offset < at || (!claimed.empty() && a.edit->offset == last_offset)) continue;
        last_offset = a.edit->offset;
        fixed.append(text.substr(at, a.edit->offset - at));
        fixed.append(a.edit->replacement);
        at = a.edit->offset + a.edit->length;
        claimed.emplace(a.finding->rule, a.finding->pointer);
    }
    fixed.append(text.substr(at));
    if (apply_fixes(text, before, true) != fixed) return "apply_fixes differs from applying the edits one by one";

    const Report after = linter.lint(fixed);
    std::set<std::pair<std::string, std::string>> errors_before;
    for (const auto& f : before.findings) {
        if (f.severity == Severity::error) errors_before.emplace(f.rule, f.pointer);
    }
    for (const auto& f : after.findings) {
        if (f.rule == "invalid-json") return "the fixed text does not parse: " + f.message;
        if (claimed.count({f.rule, f.pointer}) != 0) return "a fix left its finding: " + f.rule + " " + f.pointer;
        if (f.severity == Severity::error && errors_before.count({f.rule, f.pointer}) == 0) {
            return "the fixes added an error: " + f.rule + " " + f.pointer;
        }
    }

    auto lint = [&](std::string_view t) { return linter.lint(t); };
    const FixResult once = fix_until_stable(text, lint, true);
    const FixResult twice = fix_until_stable(once.text, lint, true);
    if (once.stable && (twice.applied != 0 || twice.text != once.text)) return "a second fix changed the text";
    return {};
}

}  // namespace drslint::test
