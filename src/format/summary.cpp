#include "format/formatter.h"

namespace drslint::format {

Summary summarize(const std::vector<FileResult>& results)
{
    Summary summary;
    summary.files = results.size();
    for (const auto& result : results) {
        summary.errors += result.report.count(Severity::error);
        summary.warnings += result.report.count(Severity::warning);
        summary.infos += result.report.count(Severity::info);
    }
    return summary;
}

}  // namespace drslint::format
