// Formatters print finished reports and decide nothing: every finding already carries its rule,
// configured severity, pointer, position and a redacted message, suppressions are gone, and the
// only source text they can reach is the report stage's redacted copy (report/redacted_source.h).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
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
    bool unsafe_fixes = false;             // unsafe fixes count as fixable in the text format
    // How the caller's user applies fixes, for the text format's last line ("with --fix"); empty:
    // the line only counts them.
    std::string fix_command;
    std::string unsafe_fix_command;  // and how to apply the unsafe ones too
};

enum class Format { text, json, sarif, github, junit, jsonl };

// The --format names, in the order --help lists them.
const std::vector<std::string>& format_names();
std::optional<Format> parse_format(std::string_view name);

void write(std::ostream& out, Format format, const std::vector<FileResult>& results, const Context& context);

// Formats with a summary of their own for -q: text, github and jsonl print write()'s output one
// result at a time (write_findings) and then its last line (write_summary); json writes its
// document as it goes (BatchWriter). sarif writes its results as they arrive too (BatchWriter) but
// has no summary form, and junit, whose counts come first, is written at the end; both are false.
bool streams(Format format);
void write_findings(std::ostream& out, Format format, const FileResult& result, const Context& context);
void write_summary(std::ostream& out, Format format, const Summary& summary);

// Parts of a file rendered ahead by BatchWriter::render, perhaps on another thread, for
// BatchWriter::add to print in order: their bytes and, for a document's limit (json, sarif,
// junit), where each finding's bytes end. add() empties it and keeps its buffers, so that a part reused for the next
// bodies allocates nothing.
class RenderedPart {
public:
    RenderedPart();
    RenderedPart(RenderedPart&&) noexcept;
    RenderedPart& operator=(RenderedPart&&) noexcept;
    ~RenderedPart();

    // Forgets what was rendered, keeping the buffers.
    void clear();

private:
    friend class BatchWriter;
    struct Data;
    std::unique_ptr<Data> data_;
};

// Prints results that arrive a part at a time (a JSON Lines batch: a part per body), in any
// format, with the bytes write() prints for the same reports. Output reaches `out` in blocks of
// 64 KiB (one write each, not one per byte), and all of it by finish(); every format but junit is
// printed as it arrives (junit's counts come first: its rendered testcases are kept until
// finish()). The documents (json, sarif, junit) keep at most `document_limit` findings per file
// and end the file with the finding `too_many(document_limit, more)` makes for the rest
// (too-many-findings), which bounds what a reader of the one document (and junit's writer) must
// hold; text, github and jsonl print every finding. Used from one thread, except render(), which
// any number of threads may call at once (and while the writer's thread prints) for parts of the
// file begun last.
class BatchWriter {
public:
    using TooMany = std::function<Finding(std::size_t limit, std::size_t more)>;

    BatchWriter(std::ostream& out, Format format, const Context& context, std::size_t document_limit,
                TooMany too_many);
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;
    ~BatchWriter();

    // Starts a file: `file` names it and gives its fail severity (its findings are not printed;
    // finish_file(path, {}, {}, config, fail_override) makes one).
    void begin_file(const FileResult& file);
    // Prints a part of the file begun last (finish_file of one body's report).
    void add(const FileResult& part);
    // Renders `part` as add(part) would print it, after what `into` holds already, without
    // printing or counting anything: the expensive half of add(), for another thread.
    void render(const FileResult& part, RenderedPart& into) const;
    // Prints the parts rendered into `parts`, in the order they were rendered, with the bytes and
    // counts add() of each would give (a document's limit included), and empties it.
    void add(RenderedPart& parts);
    void end_file();
    // An input that could not be read (unchecked_file): said in the format (json: a file with its
    // "error"; sarif: a notification, at the end), and counted as unchecked in the summary.
    void unchecked(const FileResult& file);
    // The summary line (json, sarif: the end of the document; junit: the document); then
    // everything is handed to `out`.
    void finish();
    // Whether a finding printed so far is at or above its file's fail severity.
    bool failed() const;
    const Summary& summary() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// clang style: FILE:LINE:COL: SEVERITY: MESSAGE [RULE], the source line with the span underlined,
// the JSON Pointer; then a summary line. A finding that --fix would fix says "[*]" before its
// message (ruff's mark), and a last line counts them ("[*] 2 fixable with --fix"), and the unsafe
// ones left out (Context::fix_command and unsafe_fix_command say how to apply them).
void write_text(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
// The versioned JSON contract documented in README.md ("version": 1).
void write_json(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
// SARIF 2.1.0, as GitHub code scanning reads it.
void write_sarif(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
void write_text_findings(std::ostream& out, const FileResult& result, const Context& context);
// GitHub Actions workflow commands (::error file=...::message), then a summary line.
void write_github_findings(std::ostream& out, const FileResult& result, const Context& context);
void write_github(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
// JSON Lines: a line per finding, {"version": 1, "file": ..., and the JSON format's finding
// members}, then {"version": 1, "summary": {...}} (README.md documents it).
void write_jsonl(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});
// JUnit XML: a testsuite per file, a testcase per finding.
void write_junit(std::ostream& out, const std::vector<FileResult>& results, const Context& context = {});

// A unified diff (diff -u) that `patch` applies to `before` to give `after`, with "--- NAME" and
// "+++ NAME" headers (apply it with `patch -p0` from where NAME is relative to). No line holding a
// secret is printed: a hunk that would change one is left out (counted in `hidden`; patch then
// gives `after` without that change) and context stops short of one. Empty text: no difference.
struct Diff {
    std::string text;
    std::size_t hunks = 0;   // hunks printed
    std::size_t hidden = 0;  // hunks left out because they hold a secret
};
Diff unified_diff(std::string_view before, std::string_view after, const std::string& name);

// Where a file is, for formats that want paths relative to the repository (the base directory):
// the relative path with '/' separators when the file is below it, else the absolute path.
struct ArtifactPath {
    bool relative = false;
    std::string path;
};
ArtifactPath artifact_path(const std::string& file, const std::filesystem::path& base_directory);

}  // namespace drslint::format
