#include "drslint/format.h"

#include <limits>

#include "core/text.h"

namespace drslint::format {
namespace {

const char* command(Severity s)
{
    switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
    }
    return "notice";
}

// GitHub's escaping of workflow command data; properties (file=, title=) also escape ':' and ','.
std::string escape(std::string_view text, bool property)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '%': out += "%25"; break;
        case '\r': out += "%0D"; break;
        case '\n': out += "%0A"; break;
        case ':': out += property ? "%3A" : ":"; break;
        case ',': out += property ? "%2C" : ","; break;
        default: out += c;
        }
    }
    return out;
}

}  // namespace

void write_github_findings(std::ostream& out, const FileResult& result, const Context& context)
{
    if (!result.checked()) {
        // An annotation too: a pull request whose file could not be checked must not look clean.
        std::string properties;
        if (!result.is_stdin) {
            properties = " file=" + escape(core::printable(artifact_path(result.file, context.base_directory).path,
                                                           static_cast<std::size_t>(-1)),
                                           true) + ",";
        } else {
            properties = " ";
        }
        out << "::error" << properties << "title=not checked::" << escape(result.error, false) << "\n";
        return;
    }
    for (const auto& f : result.report.findings) {
        std::string properties;
        auto add = [&properties](const char* key, const std::string& value) {
            properties += (properties.empty() ? " " : ",") + std::string(key) + "=" + escape(value, true);
        };
        if (!result.is_stdin) {
            add("file", core::printable(artifact_path(result.file, context.base_directory).path,
                                          static_cast<std::size_t>(-1)));
        }
        if (f.begin.line != 0) {
            add("line", std::to_string(f.begin.line));
            // GitHub takes columns only for a one-line annotation, and its endColumn is the
            // last column, where ours is one past it.
            if (f.end.line == f.begin.line) {
                add("col", std::to_string(f.begin.column));
                add("endLine", std::to_string(f.end.line));
                add("endColumn", std::to_string(f.end.column > f.begin.column ? f.end.column - 1 : f.begin.column));
            } else {
                add("endLine", std::to_string(f.end.line));
            }
        }
        add("title", f.rule);
        // The pointer is exact, so it may hold what a log viewer acts on (ESC, bidi overrides).
        const std::string where =
            f.pointer.empty() ? std::string()
                              : " (at " + core::printable(f.pointer, std::numeric_limits<std::size_t>::max()) + ")";
        out << "::" << command(f.severity) << properties << "::" << escape(f.message + where, false) << "\n";
    }
}

void write_github(std::ostream& out, const std::vector<FileResult>& results, const Context& context)
{
    for (const auto& result : results) write_github_findings(out, result, context);
    out << summary_line(summarize(results)) << "\n";
}

}  // namespace drslint::format
