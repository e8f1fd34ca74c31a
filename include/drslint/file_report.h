// The report stage's result for one input: what every formatter prints and the exit code is
// decided from. Findings have their configured severity, suppressions are gone, and the source
// text is there only in its redacted form.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "drslint/config.h"
#include "drslint/finding.h"
#include "drslint/redacted_source.h"

namespace drslint {

struct FileReport {
    std::string file;        // the path as given; "<stdin>" for standard input
    // `file` as formats may print it: printable (core::printable), so that a name's control
    // characters, newlines or invalid UTF-8 neither act on a terminal nor break JSON or XML.
    std::string display_name;
    Report report;           // after the config
    bool is_stdin = false;
    RedactedSource source;   // secrets masked; empty when there is no finding to show
    Severity fail_severity = Severity::error;  // findings at or above it fail the run
    std::size_t suppressed = 0;                // findings the config's `ignore` removed
    // Why this input could not be checked (unreadable, a directory that could not be walked or
    // holds nothing to lint), printable; empty when it was. Such a report has no findings, and
    // every format says so: a run with one is never a success (the CLI exits 2).
    std::string error;

    bool failed() const { return report.has_at_least(fail_severity); }
    bool checked() const { return error.empty(); }
};

// `path` as FileReport::display_name shows it ("<stdin>" for "-"): for messages about a file.
std::string display_name(const std::string& path);

// Finishes one linted input: applies `config` (the default Config{} is no config), decides the
// fail severity (`fail_override`, the --fail-severity flag, beats the config's failSeverity), and
// keeps a redacted copy of `text` when a finding is left to show it. path "-" is standard input.
FileReport finish_file(const std::string& path, std::string_view text, Report report, const Config& config,
                       std::optional<Severity> fail_override);

// The report of an input that could not be checked: `error` says why (made printable, as the
// file name is). path "-" is standard input.
FileReport unchecked_file(const std::string& path, std::string_view error);

}  // namespace drslint
