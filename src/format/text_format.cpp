#include "format/formatter.h"

namespace drslint::format {
namespace {

std::string plural(std::size_t n, const char* word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

void write_text(std::ostream& out, const std::vector<FileResult>& results)
{
    for (const auto& result : results) {
        for (const auto& finding : result.report.findings) {
            out << result.file << ": " << to_string(finding.severity) << ": "
                << (finding.pointer.empty() ? std::string("(root)") : finding.pointer) << ": " << finding.message
                << " [" << finding.rule << "]\n";
        }
    }
    const Summary s = summarize(results);
    out << plural(s.files, "file") << " checked: " << plural(s.errors, "error") << ", "
        << plural(s.warnings, "warning");
    if (s.infos != 0) {
        out << ", " << s.infos << " info";
    }
    out << "\n";
}

}  // namespace drslint::format
