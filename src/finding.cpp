#include "drslint/finding.h"
#include "drslint/rule_info.h"

namespace drslint {

const char* to_string(Severity severity)
{
    switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    }
    return "error";
}

const char* to_string(Applicability applicability)
{
    return applicability == Applicability::unsafe ? "unsafe" : "safe";
}

std::string fix_applicabilities(const RuleInfo& rule)
{
    bool safe = false, unsafe = false;
    for (const auto& fix : rule.fixes) (fix.applicability == Applicability::safe ? safe : unsafe) = true;
    return safe && unsafe ? "safe, unsafe" : safe ? "safe" : unsafe ? "unsafe" : "";
}

bool parse_severity(std::string_view text, Severity& out)
{
    if (text == "error") out = Severity::error;
    else if (text == "warning") out = Severity::warning;
    else if (text == "info") out = Severity::info;
    else return false;
    return true;
}

std::size_t Report::count(Severity severity) const
{
    std::size_t n = 0;
    for (const auto& finding : findings) {
        n += finding.severity == severity;
    }
    return n;
}

bool Report::has_at_least(Severity severity) const
{
    for (const auto& finding : findings) {
        if (finding.severity >= severity) {
            return true;
        }
    }
    return false;
}

}  // namespace drslint
