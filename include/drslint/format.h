// Formatters print finished reports and decide nothing: every finding already carries its rule,
// configured severity, pointer, position and a redacted message, suppressions are gone, and the
// only source text they can reach is the report stage's redacted copy (report/redacted_source.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "drslint/file_report.h"
#include "drslint/rule_info.h"

namespace drslint::format {

using FileResult = drslint::FileReport;

struct Summary {
    std::size_t files = 0;      // inputs checked
    std::size_t unchecked = 0;  // inputs that could not be checked (FileReport::error)
    std::size_t errors = 0;
    std::size_t warnings = 0;
    std::size_t infos = 0;
    std::size_t suppressed = 0;
};

Summary summarize(const std::vector<FileResult>& results);
// Adds a file's findings (not the file) to a summary; an unchecked file counts in `unchecked`.
void count_findings(Summary& summary, const FileResult& result);
// "2 files checked: 1 error, 0 warnings[, 3 info][, 2 suppressed][; 1 file could not be checked]"
std::string summary_line(const Summary& summary);

// What a formatter may know besides the reports; the CLI fills it in.
struct Context {
    const std::vector<RuleInfo>* rules = nullptr;  // rule metadata (SARIF's tool.driver.rules)
    std::string tool_version;
    std::filesystem::path base_directory;  // absolute; SARIF and GitHub paths are relative to it
    bool color = false;                    // ANSI colour in the text format
};

enum class Format { text, json, sarif, github, junit };

// The --format names, in the order --help lists them.
const std::vector<std::string>& format_names();
std::optional<Format> parse_format(std::string_view name);

void write(std::ostream& out, Format format, const std::vector<FileResult>& results, const Context& context);

// Output printed as it is found, so that a JSON Lines batch need not hold its findings: text and
// github print write()'s output one result at a time (write_findings) and then its last line
// (write_summary). The documents (json, sarif, junit) cannot: they need every finding at once.
bool streams(Format format);
void write_findings(std::ostream& out, Format format, const FileResult& result, const Context& context);
void write_summary(std::ostream& out, Format format, const Summary& summary);

// clang style: FILE:LINE:COL: SEVERITY: MESSAGE [RULE], the source line with the span underlined,
// the JSON Pointer; then a summary line.
void write_text(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
// The versioned JSON contract documented in README.md ("version": 1).
void write_json(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
// SARIF 2.1.0, as GitHub code scanning reads it.
void write_sarif(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
void write_text_findings(std::ostream& out, const FileResult& result, const Context& context);
// GitHub Actions workflow commands (::error file=...::message), then a summary line.
void write_github_findings(std::ostream& out, const FileResult& result, const Context& context);
void write_github(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
// JUnit XML: a testsuite per file, a testcase per finding.
void write_junit(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});

// Where a file is, for formats that want paths relative to the repository (the base directory):
// the relative path with '/' separators when the file is below it, else the absolute path.
struct ArtifactPath {
    bool relative = false;
    std::string path;
};
ArtifactPath artifact_path(const std::string& file, const std::filesystem::path& base_directory);

}  // namespace drslint::format
