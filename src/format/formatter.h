// Formatters print a finished report and decide nothing: every finding already carries its rule,
// severity, pointer, position and a redacted message.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "drslint/finding.h"

namespace drslint::format {

struct FileResult {
    std::string file;  // as given on the command line; "-" is shown as "<stdin>"
    Report report;
};

struct Summary {
    std::size_t files = 0;
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t infos = 0;
};

Summary summarize(const std::vector<FileResult>& results);

// FILE: SEVERITY: POINTER: MESSAGE [RULE] per finding, then a one-line summary.
void write_text(std::ostream& out, const std::vector<FileResult>& results);
// The versioned JSON contract documented in README.md ("version": 1).
void write_json(std::ostream& out, const std::vector<FileResult>& results);

}  // namespace drslint::format
