#include "drslint/file_report.h"

#include "core/text.h"

namespace drslint {

std::string display_name(const std::string& path)
{
    return core::printable(path == "-" ? std::string("<stdin>") : path, static_cast<std::size_t>(-1));
}

FileReport finish_file(const std::string& path, std::string_view text, Report report, const Config& config,
                       std::optional<Severity> fail_override)
{
    FileReport out;
    out.is_stdin = path == "-";
    out.file = out.is_stdin ? "<stdin>" : path;
    out.display_name = display_name(path);
    const std::optional<std::string> relative =
        out.is_stdin || config.ignore.empty() ? std::nullopt : std::optional<std::string>(relative_path(path, config.directory));
    out.report = apply_config(config, relative, std::move(report), out.suppressed);
    out.fail_severity = fail_override.value_or(config.fail_severity.value_or(Severity::error));
    if (!out.report.findings.empty() && !text.empty()) {
        // Once per file, and only when something will be shown: a clean file costs no copy. No
        // text (a JSON Lines batch, which is not kept) means no excerpts.
        out.source = RedactedSource::from(text);
    }
    return out;
}

FileReport unchecked_file(const std::string& path, std::string_view error)
{
    FileReport out;
    out.is_stdin = path == "-";
    out.file = out.is_stdin ? "<stdin>" : path;
    out.display_name = core::printable(out.file, static_cast<std::size_t>(-1));
    // The reason holds the path and an OS message: neither may act on a terminal or break a document.
    out.error = core::printable(error, static_cast<std::size_t>(-1));
    return out;
}

}  // namespace drslint
