#include "drslint/format.h"

namespace drslint::format {
namespace {

std::string plural(std::size_t n, const char* word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void count_findings(Summary& summary, const FileResult& result)
{
    summary.errors += result.report.count(Severity::error);
    summary.warnings += result.report.count(Severity::warning);
    summary.infos += result.report.count(Severity::info);
    summary.suppressed += result.suppressed;
    summary.unchecked += result.checked() ? 0 : 1;
}

Summary summarize(const std::vector<FileResult>& results)
{
    Summary summary;
    for (const auto& result : results) {
        count_findings(summary, result);
        summary.files += result.checked() ? 1 : 0;
    }
    return summary;
}

std::string summary_line(const Summary& s)
{
    std::string line = plural(s.files, "file") + " checked: " + plural(s.errors, "error") + ", " +
                       plural(s.warnings, "warning");
    if (s.infos != 0) {
        line += ", " + std::to_string(s.infos) + " info";
    }
    if (s.suppressed != 0) {
        line += ", " + std::to_string(s.suppressed) + " suppressed";
    }
    if (s.unchecked != 0) {
        // The last word: a run with an input it could not read is no clean run, whatever came before.
        line += "; " + plural(s.unchecked, "file") + " could not be checked";
    }
    return line;
}

}  // namespace drslint::format
