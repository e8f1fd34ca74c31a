#include "drslint/fix.h"

#include <vector>

#include "findings/fixes.h"

namespace drslint {

std::size_t count_fixes(const Report& report, bool unsafe)
{
    std::size_t n = 0;
    for (const auto& finding : report.findings) {
        n += finding.fix && admits(finding.fix->applicability, unsafe);
    }
    return n;
}

std::string apply_fixes(std::string_view text, const Report& report, bool unsafe, std::size_t* applied)
{
    std::vector<const Fix*> fixes;
    for (const auto& finding : report.findings) {
        if (finding.fix && admits(finding.fix->applicability, unsafe)) fixes.push_back(&*finding.fix);
    }
    std::vector<bool> taken;
    std::string fixed = findings::apply(text, fixes, &taken);
    if (applied != nullptr) {
        *applied = 0;
        for (const bool t : taken) *applied += t;
    }
    return fixed;
}

FixResult fix_until_stable(std::string_view text, const std::function<Report(std::string_view)>& lint, bool unsafe)
{
    FixResult result;
    result.text = std::string(text);
    result.report = lint(result.text);
    for (;;) {
        std::size_t applied = 0;
        std::string fixed = apply_fixes(result.text, result.report, unsafe, &applied);
        if (applied == 0) break;
        if (result.rounds == kMaxFixRounds) {
            result.stable = false;
            break;
        }
        result.text = std::move(fixed);
        result.applied += applied;
        ++result.rounds;
        result.report = lint(result.text);
    }
    return result;
}

}  // namespace drslint
