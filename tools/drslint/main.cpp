// drslint: lint DRS "update task" request bodies. A thin shell over the library: arguments, file
// walking, config discovery, output format and exit code. What a finding says, whether a config
// silences it and what a formatter may print are decided in src/report/.
//
// Exit codes: 0 no finding at or above the fail severity; 1 at least one; 2 usage error, unreadable
// input or config, or internal failure (never 0 when something could not be checked).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <exception>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <string_view>
#include <thread>
#include <vector>

// Before CLI11's header, whose validators are namespace-scope objects that allocate as the program
// starts, before main() can catch anything: when memory runs out there (a tight ulimit -v), not even
// the std::bad_alloc can be allocated, and std::terminate runs. This handler makes that, and any
// other termination, exit code 2 with a message, never an abort.
namespace {

[[noreturn]] void terminated()
{
    bool out_of_memory = true;  // no exception at all: allocating it failed
    if (const std::exception_ptr current = std::current_exception()) {
        try {
            std::rethrow_exception(current);
        } catch (const std::bad_alloc&) {
        } catch (...) {
            out_of_memory = false;
        }
    }
    static const char kOutOfMemory[] = "drslint: out of memory; nothing after this point was checked (see --max-input)\n";
    static const char kInternal[] = "drslint: internal error: terminated; nothing after this point was checked\n";
    const std::string_view message = out_of_memory ? kOutOfMemory : kInternal;
    (void)!::write(STDERR_FILENO, message.data(), message.size());
    ::_exit(2);
}

const std::terminate_handler kDefaultTerminate = std::set_terminate(terminated);

}  // namespace

#include <CLI/CLI.hpp>

#include "drslint/baseline.h"
#include "drslint/config.h"
#include "drslint/file_report.h"
#include "drslint/files.h"
#include "drslint/fix.h"
#include "drslint/format.h"
#include "drslint/jsonl.h"
#include "drslint/linter.h"
#include "drslint/lsp.h"
#include "drslint/schema.h"
#include "drslint/suggest.h"
#include "drslint/version.h"

namespace {

namespace fs = std::filesystem;

// project(VERSION) in CMakeLists.txt, through drslint/version.h: the one place the version is set.
constexpr const char* kVersion = DRSLINT_VERSION_STRING;
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitTrouble = 2;

bool use_colour(const std::string& mode)
{
    if (mode != "auto") return mode == "always";
    // https://no-color.org: a set, non-empty NO_COLOR turns colour off; --color always still wins.
    const char* no_color = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    return ::isatty(STDOUT_FILENO) == 1 && (no_color == nullptr || no_color[0] == '\0') &&
           !(term != nullptr && std::string(term) == "dumb");
}

int write_baseline(const std::string& path, const std::vector<drslint::format::FileResult>& results,
                   const std::set<std::shared_ptr<const drslint::Config>>& used)
{
    if (used.size() > 1) {
        throw drslint::ConfigError(
            "the files are under different .drslint.json files; write one baseline per config, or pass --config");
    }
    std::size_t left_out = 0;
    const drslint::Config baseline = drslint::make_baseline(
        used.empty() ? drslint::Config() : **used.begin(), path, results, left_out);
    drslint::write_file_atomically(path, drslint::to_json(baseline));
    std::cerr << "drslint: wrote " << baseline.ignore.size() << " ignore entries to " << path << "\n";
    if (left_out != 0) {
        // These mean the input was not checked; no config may silence them, so the run fails.
        std::cerr << "drslint: " << left_out << " finding(s) cannot be baselined (input that could not be checked); "
                  << "fix them\n";
        return kExitFindings;
    }
    return kExitClean;
}

// Every request of an .http file, in one report whose positions are the file's lines, with at most
// --max-findings findings for the file; larger than --max-input, it is input-too-large.
drslint::Report lint_http_file(const drslint::Linter& linter, const std::string& path, const std::string& text)
{
    std::size_t requests = 0;
    drslint::Report report = linter.lint_http_file(text, &requests);
    if (requests == 0 && report.findings.empty()) {
        throw drslint::InputError(path + ": no request found; nothing was checked");
    }
    return report;
}

// One request body per line, linted on `jobs` threads into `sink` (prepared on the thread that
// linted it, emitted in input order), so nothing needs to hold the batch.
void lint_jsonl_file(const drslint::Linter& linter, const std::string& path, unsigned jobs, drslint::JsonlSink& sink)
{
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw drslint::InputError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::istream& in = path == "-" ? std::cin : file;
    const auto lines = drslint::lint_jsonl(linter, in, jobs, sink);
    if (in.bad()) throw drslint::InputError("cannot read " + path);
    if (lines == 0) throw drslint::InputError(path + ": no JSON line found; nothing was checked");
}

// A body's report with the config applied, where it was linted: the config, like the rendering
// after it, is per-body work that the workers share, not the thread that prints.
class FinishingSink : public drslint::JsonlSink {
public:
    FinishingSink(const std::string& file, const drslint::Config& config, std::optional<drslint::Severity> fail_severity)
        : file_(file), config_(config), fail_severity_(fail_severity)
    {
    }

protected:
    drslint::FileReport finish(drslint::LineReport&& line) const
    {
        // No source excerpts: a line is not kept once it is linted.
        return drslint::finish_file(file_, std::string_view(), std::move(line.report), config_, fail_severity_);
    }

private:
    const std::string& file_;
    const drslint::Config& config_;
    std::optional<drslint::Severity> fail_severity_;
};

// A batch printed as it is linted: each body rendered on its worker, the bytes printed in order.
class PrintingSink : public FinishingSink {
public:
    PrintingSink(drslint::format::BatchWriter& writer, const std::string& file, const drslint::Config& config,
                 std::optional<drslint::Severity> fail_severity)
        : FinishingSink(file, config, fail_severity), writer_(writer)
    {
    }
    void slots(std::size_t count) override { parts_.resize(count); }
    void prepare(std::size_t slot, drslint::LineReport&& line) override { writer_.render(finish(std::move(line)), parts_[slot]); }
    void emit(std::size_t slot) override { writer_.add(parts_[slot]); }

private:
    drslint::format::BatchWriter& writer_;
    std::vector<drslint::format::RenderedPart> parts_;
};

// -q: a batch only counted.
class CountingSink : public FinishingSink {
public:
    CountingSink(drslint::format::Summary& summary, bool& failed, const std::string& file, const drslint::Config& config,
                 std::optional<drslint::Severity> fail_severity)
        : FinishingSink(file, config, fail_severity), summary_(summary), failed_(failed)
    {
    }
    void slots(std::size_t count) override { slots_.resize(count); }
    void prepare(std::size_t slot, drslint::LineReport&& line) override
    {
        const auto result = finish(std::move(line));
        drslint::format::count_findings(slots_[slot].summary, result);
        slots_[slot].failed = slots_[slot].failed || result.failed();
    }
    void emit(std::size_t slot) override
    {
        Slot& s = slots_[slot];
        summary_.errors += s.summary.errors;
        summary_.warnings += s.summary.warnings;
        summary_.infos += s.summary.infos;
        summary_.suppressed += s.summary.suppressed;
        failed_ = failed_ || s.failed;
        s = Slot();
    }

private:
    struct Slot {
        drslint::format::Summary summary;
        bool failed = false;
    };
    drslint::format::Summary& summary_;
    bool& failed_;
    std::vector<Slot> slots_;
};

// The findings a document format (json, sarif, junit) or a baseline keeps of one batch: past this
// many they are counted into too-many-findings (an error), which bounds what a reader of the
// document, or the memory of a baseline or a junit batch, holds.
std::size_t batch_findings_limit(const drslint::Limits& limits) { return 100 * limits.max_findings; }

// A batch for a baseline, finished as
// finish_file(path, {}, <every body's findings>, config, fail_severity) would finish it, with at
// most batch_findings_limit findings before the config (and too-many-findings for the rest). The
// config is applied to each finding on the worker that found it, which records what became of it
// (kept, suppressed, or its rule off) so that the limit still counts the findings before the
// config; this thread only moves each slot's kept findings into the report, in input order.
drslint::FileReport finish_jsonl_file(const drslint::Linter& linter, const std::string& file, const std::string& path,
                                      unsigned jobs, const drslint::Config& config,
                                      std::optional<drslint::Severity> fail_severity)
{
    drslint::FileReport finished = drslint::finish_file(file, std::string_view(), {}, config, fail_severity);
    const std::optional<std::string> relative =
        finished.is_stdin || config.ignore.empty() ? std::nullopt : std::optional<std::string>(drslint::relative_path(file, config.directory));
    class CollectingSink : public drslint::JsonlSink {
    public:
        CollectingSink(const drslint::Config& config, const std::optional<std::string>& relative, std::size_t limit)
            : config_(config), relative_(relative), limit_(limit)
        {
        }
        void slots(std::size_t count) override { slots_.resize(count); }
        void prepare(std::size_t slot, drslint::LineReport&& line) override
        {
            Slot& s = slots_[slot];
            for (auto& finding : line.report.findings) {
                drslint::Report one;
                one.findings.push_back(std::move(finding));
                std::size_t suppressed = 0;
                drslint::Report kept = drslint::apply_config(config_, relative_, std::move(one), suppressed);
                if (!kept.findings.empty()) s.kept.push_back(std::move(kept.findings.front()));
                s.fates.push_back(!kept.findings.empty() ? Fate::kept : suppressed != 0 ? Fate::suppressed : Fate::off);
                s.suppressed += suppressed;
            }
        }
        void emit(std::size_t slot) override
        {
            Slot& s = slots_[slot];
            // Moved into the report here, while the workers lint: after the last line this
            // thread alone works, and moving them all then was half of what it did.
            auto& report = report_.findings;
            if (counted_ + s.fates.size() <= limit_) {
                counted_ += s.fates.size();
                suppressed_ += s.suppressed;
                std::move(s.kept.begin(), s.kept.end(), std::back_inserter(report));
            } else {
                // The limit falls in (or before) this slot: only the findings before it count.
                std::size_t k = 0;
                for (const Fate fate : s.fates) {
                    if (counted_ < limit_) {
                        ++counted_;
                        suppressed_ += fate == Fate::suppressed;
                        if (fate == Fate::kept) report.push_back(std::move(s.kept[k]));
                    } else {
                        ++more_;
                    }
                    k += fate == Fate::kept;
                }
            }
            s.kept.clear();
            s.fates.clear();
            s.suppressed = 0;
        }
        // The kept findings in input order, and too-many-findings for those past the limit.
        void finish(drslint::FileReport& out, const drslint::Linter& linter)
        {
            drslint::Report report = std::move(report_);
            if (more_ != 0) {
                drslint::Report rest;
                rest.findings.push_back(linter.too_many_findings(limit_, more_, false));
                for (auto& f : drslint::apply_config(config_, relative_, std::move(rest), suppressed_).findings) {
                    report.findings.push_back(std::move(f));
                }
            }
            out.report = std::move(report);
            out.suppressed = suppressed_;
        }

    private:
        enum class Fate : unsigned char { kept, suppressed, off };
        struct Slot {
            std::vector<drslint::Finding> kept;
            std::vector<Fate> fates;  // one per finding before the config
            std::size_t suppressed = 0;
        };
        const drslint::Config& config_;
        const std::optional<std::string>& relative_;
        const std::size_t limit_;
        std::vector<Slot> slots_;
        drslint::Report report_;
        std::size_t counted_ = 0, more_ = 0, suppressed_ = 0;
    };
    CollectingSink sink(config, relative, batch_findings_limit(linter.limits()));
    lint_jsonl_file(linter, path, jobs, sink);
    sink.finish(finished, linter);
    return finished;
}

// What --fix and --diff did, for the closing line on standard error.
struct Fixing {
    std::size_t applied = 0;  // fixes written (--fix)
    std::size_t files = 0;    // files they were written to
    std::size_t fixable = 0;  // fixes --diff showed
    bool to_stdout = false;   // a fixed '-' body went to standard output
};

// Fixes one input until nothing more applies (--fix) or prints the diff of doing so (--diff).
// The file is replaced whole, by rename, with its permissions (write_file_atomically), and only
// if it still holds what was read: a file changed meanwhile is left alone, exit code 2.
drslint::FixResult fix_file(const std::string& file, const std::string& text,
                            const std::function<drslint::FileReport(std::string_view)>& lint, bool unsafe, bool diff,
                            Fixing& fixing)
{
    drslint::FixResult fixed = drslint::fix_until_stable(
        text, [&](std::string_view t) { return lint(t).report; }, unsafe);
    if (!fixed.stable) {
        std::cerr << "drslint: " << drslint::display_name(file) << ": fixes still applied after "
                  << drslint::kMaxFixRounds << " rounds; run --fix again\n";
    }
    const bool is_stdin = file == "-";
    if (diff) {
        const drslint::format::Diff d =
            drslint::format::unified_diff(text, fixed.text, is_stdin ? "-" : drslint::display_name(file));
        std::cout << d.text;
        fixing.fixable += fixed.applied;
        if (d.hidden != 0) {
            std::cerr << "drslint: " << drslint::display_name(file) << ": " << d.hidden
                      << (d.hidden == 1 ? " change is" : " changes are")
                      << " not shown because the line holds a secret; --fix applies it\n";
        }
        return fixed;
    }
    if (is_stdin) {
        std::cout << fixed.text;
        fixing.to_stdout = true;
    } else if (fixed.applied != 0) {
        // A new file replaces the old by rename, so other hard links would keep the old text:
        // rather than split them silently, such a file is left alone.
        struct stat status {};
        if (::stat(file.c_str(), &status) == 0 && status.st_nlink > 1) {
            throw drslint::InputError(drslint::display_name(file) + ": it has " + std::to_string(status.st_nlink) +
                                      " hard links, and --fix would leave the others with the old text; "
                                      "it was left as it is (--diff shows the fix)");
        }
        if (drslint::read_input(file, text.size() + 1) != text) {
            throw drslint::InputError(drslint::display_name(file) +
                                      ": the file changed while it was being fixed; it was left as it is");
        }
        drslint::write_file_atomically(file, fixed.text);
    }
    fixing.applied += fixed.applied;
    fixing.files += fixed.applied != 0;
    return fixed;
}

void report_fixes(const Fixing& fixing)
{
    if (fixing.applied == 0) return;
    std::cerr << "drslint: fixed " << fixing.applied << (fixing.applied == 1 ? " finding" : " findings") << " in "
              << fixing.files << (fixing.files == 1 ? " file" : " files") << "\n";
}

// kExitClean once everything printed has reached standard output; else (a full disk, a closed
// pipe or descriptor) kExitTrouble with a message: whoever reads it got none, or half of it.
int written_out()
{
    std::cout.flush();
    if (std::cout && ::fcntl(STDOUT_FILENO, F_GETFD) != -1) return kExitClean;
    std::cerr << "drslint: cannot write to standard output\n";
    return kExitTrouble;
}

// JSON string escaping for `rules --format json`: the CLI sees only the public API, which has no
// JSON writer of its own to offer.
std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
}

int list_rules(std::ostream& out, const drslint::Linter& linter, const std::string& format)
{
    if (format == "json") {
        out << "[";
        const char* separator = "\n";
        for (const auto& rule : linter.rules()) {
            out << separator << "  {\"id\": " << json_string(rule.id) << ", \"severity\": \""
                << drslint::to_string(rule.severity) << "\", \"unchecked\": " << (rule.unchecked ? "true" : "false")
                << ", \"summary\": " << json_string(rule.summary) << ", \"source\": " << json_string(rule.source)
                << ", \"fixes\": [";
            const char* comma = "";
            for (const auto& fix : rule.fixes) {
                out << comma << "{\"kind\": " << json_string(fix.kind) << ", \"applicability\": \""
                    << drslint::to_string(fix.applicability) << "\", \"summary\": " << json_string(fix.summary)
                    << ", \"reason\": " << json_string(fix.reason) << "}";
                comma = ", ";
            }
            out << "]}";
            separator = ",\n";
        }
        out << "\n]\n";
        return kExitClean;
    }
    std::size_t width = 0;
    for (const auto& rule : linter.rules()) width = std::max(width, rule.id.size());
    // Columns: id, severity, the applicability of its fixes ("-": none), summary.
    for (const auto& rule : linter.rules()) {
        std::string fixes = drslint::fix_applicabilities(rule);
        if (fixes.empty()) fixes = "-";
        out << rule.id << std::string(width - rule.id.size() + 2, ' ') << drslint::to_string(rule.severity)
            << std::string(9 - std::string(drslint::to_string(rule.severity)).size(), ' ') << fixes
            << std::string(14 - fixes.size(), ' ') << rule.summary << "\n";
    }
    return kExitClean;
}

std::vector<std::string_view> rule_ids(const drslint::Linter& linter)
{
    std::vector<std::string_view> ids;
    for (const auto& rule : linter.rules()) ids.push_back(rule.id);
    return ids;
}

int explain_rule(std::ostream& out, const drslint::Linter& linter, const std::string& id)
{
    const drslint::RuleInfo* rule = linter.find_rule(id);
    if (rule == nullptr) {
        const std::string guess = drslint::did_you_mean(id, rule_ids(linter));
        std::cerr << "drslint: no rule named '" << id << "'"
                  << (guess.empty() ? std::string() : " (did you mean '" + guess + "'?)")
                  << "; `drslint rules` lists them\n";
        return kExitTrouble;
    }
    out << rule->id << " (" << drslint::to_string(rule->severity) << ")\n\n"
        << rule->summary << "\n\n"
        << rule->rationale << "\n\n"
        << "Source: " << rule->source << "\n";
    if (rule->unchecked) {
        out << "\nIts finding means part of the input was not checked: no config, baseline or limit can "
               "turn it off, lower it or ignore it.\n";
    }
    if (!rule->fixes.empty()) {
        out << "\nFixes (--fix applies safe ones, --fix --unsafe-fixes both):\n";
        for (const auto& fix : rule->fixes) {
            out << "  " << fix.kind << " (" << drslint::to_string(fix.applicability) << "): " << fix.summary << ". "
                << fix.reason << "\n";
        }
    }
    const drslint::RuleExamples examples = linter.examples(rule->id);
    if (!examples.context.empty()) {
        out << "\nWith the task context (--context):\n" << examples.context << "\n";
    }
    if (!examples.failing.empty()) {
        out << "\nFails:\n" << examples.failing << "\n";
    }
    if (!examples.passing.empty()) {
        out << "\nPasses:\n" << examples.passing << "\n";
    }
    return kExitClean;
}

// ---- The command line: one table of options, from which --help is printed and against which
// the man page, the completions and the README are tested (cli_test), so that none can drift.
// A new option is one row here and one add_option/add_flag in parse_arguments(). ----

struct OptionDoc {
    const char* names;  // as CLI11 takes them: "-o,--output"
    const char* value;  // the value's name in help, or "" for a flag
    const char* help;
};

constexpr OptionDoc kOptionDocs[] = {
    {"-h,--help", "", "print this help and exit"},
    {"--version", "", "print the version and exit"},
    {"--format", "FORMAT", "output format: text (default), json, sarif, github, junit, jsonl"},
    {"-o,--output", "FILE", "write the report to FILE (replaced whole) instead of standard output"},
    {"-q,--quiet", "", "text, github: only the summary line; -qq: nothing (exit code only)"},
    {"--color", "WHEN", "colour in text output: auto (default), always, never"},
    {"--config", "FILE", "the config for every input (default: the nearest .drslint.json)"},
    {"--print-config", "FILE", "print which config applies to FILE and what it sets"},
    {"--fail-severity", "SEVERITY", "findings at or above it fail: error (default), warning, info"},
    {"--write-baseline", "FILE", "write a config that ignores every finding reported now"},
    {"--fix", "", "apply safe fixes in place, then report what remains ('-': fixed body to stdout)"},
    {"--unsafe-fixes", "", "with --fix or --diff, apply unsafe fixes too; alone, count them as fixable"},
    {"--diff", "", "write nothing; print the diff --fix would make (exit code 1 if any)"},
    {"--include", "GLOB", "in directories, lint only matching files (repeatable; default **/*.json)"},
    {"--exclude", "GLOB", "in directories, skip matching files and directories (repeatable)"},
    {"--no-ignore", "", "also walk what .gitignore ignores, hidden files, node_modules"},
    {"--stdin-filename", "NAME", "the name of standard input in messages and for config lookup"},
    {"--jsonl", "", "each input holds one request body per line (JSON Lines)"},
    {"--jobs", "N", "threads for --jsonl (default: the number of cores)"},
    {"--response", "STATUS", "check response bodies of status 200 or 400 instead"},
    {"--context", "FILE", "task facts (job_type, engine_type, ...) for rules that need them"},
    {"--cross-check", "", "also validate with valijson, report disagreements (25x slower)"},
    {"--no-cross-check", "", "do not cross-check (the default)"},
    {"--max-input", "SIZE", "largest input accepted (default 64MiB, at most 1GiB)"},
    {"--max-depth", "N", "deepest nesting accepted (default 64, at most 256)"},
    {"--max-string", "SIZE", "longest string for std::regex and member name (default, max 512)"},
    {"--max-findings", "N", "findings listed per file (default 1000, at most 10000)"},
};

// The first word of a command line that names a subcommand, and its own options.
constexpr const char* kSubcommands[] = {"rules", "explain", "lsp", "schema"};

std::string option_column(const OptionDoc& doc)
{
    std::string names = doc.names;
    std::replace(names.begin(), names.end(), ',', ' ');
    if (names.find(' ') != std::string::npos) names.insert(names.find(' '), ",");
    return names + (doc.value[0] != '\0' ? std::string(" ") + doc.value : std::string());
}

std::string help_text(const std::string& program)
{
    std::ostringstream out;
    out << "drslint " << kVersion
        << ": lint request bodies of the Huawei Cloud DRS API PUT /v5/{project_id}/jobs/{job_id}\n\n"
        << "Usage:\n"
        << "  " << program << " [OPTIONS] FILE|DIR|- ...   lint bodies (.json), whole requests (.http, .rest);\n"
        << "  " << std::string(program.size(), ' ') << "                           '-' reads standard input\n"
        << "  " << program << " rules [--format json]      list every rule: id, severity, fixes, summary\n"
        << "  " << program << " explain RULE               a rule's rationale, source, fixes and examples\n"
        << "  " << program << " lsp                        a language server on standard input and output\n"
        << "  " << program << " schema                     the request-body schema as one draft-07 file\n\n"
        << "Options:\n";
    std::size_t width = 0;
    for (const auto& doc : kOptionDocs) width = std::max(width, option_column(doc).size());
    for (const auto& doc : kOptionDocs) {
        const std::string column = option_column(doc);
        out << "  " << column << std::string(width - column.size() + 2, ' ') << doc.help << "\n";
    }
    out << "\nDirectories are walked for **/*.json like ripgrep: what .gitignore and .git/info/exclude ignore,\n"
        << "hidden files and directories, node_modules and package.json are skipped (--no-ignore).\n"
        << "Each file uses the nearest .drslint.json at or above it (rules, ignore, failSeverity).\n\n"
        << "Examples:\n"
        << "  " << program << " bodies/                            lint every body below bodies/\n"
        << "  " << program << " --format sarif -o drslint.sarif .  a SARIF report for code scanning\n"
        << "  " << program << " --stdin-filename body.json - < body.json\n"
        << "  " << program << " --diff bodies/ | patch -p0               the safe fixes, as --fix would write them\n\n"
        << "Exit codes:\n"
        << "  0  no finding at or above the fail severity\n"
        << "  1  at least one finding at or above the fail severity (input that is not JSON too)\n"
        << "  2  usage error, unreadable input, invalid config or context, internal failure;\n"
        << "     the inputs that could be read are still reported\n\n"
        << "README.md and `man drslint` say more.\n";
    return out.str();
}

// Sizes as people write them: 65536, 64KiB, 64MiB, 1GiB (and a trailing B). Empty when it is none.
std::optional<std::size_t> parse_size(const std::string& text)
{
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0 || digits > 12) return std::nullopt;
    const std::string unit = text.substr(digits);
    std::size_t scale = 0;
    // Binary units only, spelled out: "64M" or "64MB" could mean 10^6 or 2^20, and a guess is refused.
    if (unit.empty() || unit == "B") scale = 1;
    else if (unit == "KiB") scale = std::size_t{1} << 10;
    else if (unit == "MiB") scale = std::size_t{1} << 20;
    else if (unit == "GiB") scale = std::size_t{1} << 30;
    else return std::nullopt;
    return static_cast<std::size_t>(std::stoull(text.substr(0, digits))) * scale;
}

std::string size_text(std::size_t bytes)
{
    if (bytes % (std::size_t{1} << 30) == 0) return std::to_string(bytes >> 30) + "GiB";
    if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + "MiB";
    if (bytes % (std::size_t{1} << 10) == 0) return std::to_string(bytes >> 10) + "KiB";
    return std::to_string(bytes) + " bytes";
}

// What the command line asks for, typed: parse_arguments() fills it, run() dispatches on it.
struct Arguments {
    enum class Command { lint, rules, explain, help, version, print_config, lsp, schema } command = Command::lint;
    std::vector<std::string> inputs;
    std::string format_name = "text";
    std::string colour = "auto";
    std::string config_file;
    std::string print_config_file;
    std::string fail_severity_name;
    std::string baseline_file;
    std::string output_file;
    std::string stdin_filename;
    std::string context_file;
    std::string explain_id;
    int quiet = 0;
    drslint::FileFilters filters;
    drslint::Options options;
    bool jsonl = false;
    bool fix = false, unsafe_fixes = false, diff = false;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    int response_status = 0;
};

// A command line that cannot be run: the message is printed after "drslint: ", exit code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The long option names `app` knows, for did-you-mean.
std::vector<std::string> option_names(const CLI::App& app)
{
    std::vector<std::string> names;
    for (const CLI::Option* option : app.get_options()) {
        for (const auto& name : option->get_lnames()) names.push_back("--" + name);
        for (const auto& name : option->get_snames()) names.push_back("-" + name);
    }
    return names;
}

// CLI11's complaint in drslint's words: the option it did not know, and the closest it does.
[[noreturn]] void usage_error(const CLI::App& app, const CLI::ParseError& e, const std::vector<std::string>& args)
{
    const std::vector<std::string> known = option_names(app);
    for (const auto& arg : args) {
        if (arg == "--") break;  // what follows is files
        if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) continue;  // "-1" is a value
        const std::string name = arg.substr(0, arg.find('='));
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        const std::string guess = drslint::did_you_mean(name, {known.begin(), known.end()});
        throw UsageError("unknown option '" + name + "'" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                         "; see drslint --help");
    }
    std::string message = e.what();
    if (!message.empty() && message.back() == '\n') message.pop_back();
    throw UsageError(message + "; see drslint --help");
}

void parse_subcommand(Arguments& args, const std::vector<std::string>& words)
{
    CLI::App app{"", "drslint " + words[0]};
    app.set_help_flag();
    bool help = false;
    app.add_flag("-h,--help", help);
    std::string format = "text";
    if (words[0] == "rules") {
        args.command = Arguments::Command::rules;
        app.add_option("--format", format)->check(CLI::IsMember({"text", "json"}));
    } else if (words[0] == "lsp") {
        args.command = Arguments::Command::lsp;
    } else if (words[0] == "schema") {
        args.command = Arguments::Command::schema;
    } else {
        args.command = Arguments::Command::explain;
        app.add_option("rule", args.explain_id);
    }
    std::vector<std::string> rest(words.rbegin(), words.rend() - 1);  // CLI11 takes them reversed
    try {
        app.parse(rest);
    } catch (const CLI::ParseError& e) {
        usage_error(app, e, {words.begin() + 1, words.end()});
    }
    if (help) {
        args.command = Arguments::Command::help;  // one help, which shows the subcommands too
        return;
    }
    if (args.command == Arguments::Command::explain && args.explain_id.empty()) {
        throw UsageError("explain needs a rule id, e.g. drslint explain unknown-member; drslint rules lists them");
    }
    args.format_name = format;
}

Arguments parse_arguments(int argc, char** argv)
{
    Arguments args;
    const std::vector<std::string> words(argv + 1, argv + argc);
    // A subcommand only as the first word: `drslint body.json rules` lints a file named rules.
    if (!words.empty() && std::find(std::begin(kSubcommands), std::end(kSubcommands), words[0]) != std::end(kSubcommands)) {
        parse_subcommand(args, words);
        return args;
    }
    CLI::App app{"", "drslint"};
    app.set_help_flag();
    app.allow_windows_style_options(false);
    bool help = false, version = false;
    app.add_flag("-h,--help", help);
    app.add_flag("--version", version);
    app.add_option("files", args.inputs);
    app.add_option("--format", args.format_name)->check(CLI::IsMember(drslint::format::format_names()));
    app.add_option("-o,--output", args.output_file);
    app.add_flag("-q,--quiet", args.quiet);
    app.add_option("--color", args.colour)->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--config", args.config_file);
    app.add_option("--print-config", args.print_config_file);
    app.add_option("--fail-severity", args.fail_severity_name)->check(CLI::IsMember({"error", "warning", "info"}));
    app.add_option("--write-baseline", args.baseline_file);
    app.add_flag("--fix", args.fix);
    app.add_flag("--unsafe-fixes", args.unsafe_fixes);
    app.add_flag("--diff", args.diff);
    // One glob per occurrence, so that the file arguments after it stay file arguments.
    app.add_option("--include", args.filters.include)->allow_extra_args(false);
    app.add_option("--exclude", args.filters.exclude)->allow_extra_args(false);
    bool no_ignore = false;
    app.add_flag("--no-ignore", no_ignore);
    app.add_option("--stdin-filename", args.stdin_filename);
    app.add_flag("--jsonl", args.jsonl);
    app.add_option("--jobs", args.jobs)->check(CLI::Range(1u, 256u));
    app.add_option("--response", args.response_status)->check(CLI::IsMember({200, 400}));
    app.add_option("--context", args.context_file);
    app.add_flag("--cross-check,!--no-cross-check", args.options.cross_check_with_valijson);
    // 0 would check nothing; above the ceilings a lint could overflow the stack or the memory. The
    // range check also catches "-1", which would otherwise wrap around to the largest size_t.
    // As text, checked below: CLI11 would read "-1" into a size_t as its largest value.
    std::string max_input, max_string, max_depth, max_findings;
    app.add_option("--max-input", max_input);
    app.add_option("--max-depth", max_depth);
    app.add_option("--max-string", max_string);
    app.add_option("--max-findings", max_findings);
    // Every option is documented in kOptionDocs, and every row there is an option: --help, the man
    // page and the completions cannot name an option that does not exist, nor miss one.
    std::vector<std::string> documented;
    for (const auto& doc : kOptionDocs) {
        std::stringstream names(doc.names);
        for (std::string name; std::getline(names, name, ',');) documented.push_back(name);
    }
    const std::vector<std::string> defined = option_names(app);
    for (const auto& name : documented) {
        if (std::find(defined.begin(), defined.end(), name) == defined.end()) {
            throw std::logic_error("option " + name + " is documented but not defined");
        }
    }
    for (const auto& name : defined) {
        if (std::find(documented.begin(), documented.end(), name) == documented.end()) {
            throw std::logic_error("option " + name + " is defined but not documented");
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        usage_error(app, e, words);
    }
    if (help) {
        args.command = Arguments::Command::help;
        return args;
    }
    if (version) {
        args.command = Arguments::Command::version;
        return args;
    }
    if (!args.print_config_file.empty()) args.command = Arguments::Command::print_config;
    args.filters.repository_aware = !no_ignore;
    const auto size_option = [](const std::string& name, const std::string& text, std::size_t ceiling,
                                std::size_t& target) {
        if (text.empty()) return;
        const std::optional<std::size_t> size = parse_size(text);
        if (!size || *size == 0 || *size > ceiling) {
            throw UsageError(name + " " + text + " is not a size from 1 to " + size_text(ceiling) +
                             " (a number of bytes, or with KiB, MiB or GiB: 64MiB)");
        }
        target = *size;
    };
    size_option("--max-input", max_input, drslint::kLimitCeilings.max_input_bytes, args.options.limits.max_input_bytes);
    size_option("--max-string", max_string, drslint::kLimitCeilings.max_pattern_length,
                args.options.limits.max_pattern_length);
    const auto count_option = [](const std::string& name, const std::string& text, std::size_t ceiling,
                                 std::size_t& target) {
        if (text.empty()) return;
        const bool digits = text.size() <= 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        const std::size_t value = digits ? static_cast<std::size_t>(std::stoull(text)) : 0;
        if (value == 0 || value > ceiling) {
            throw UsageError(name + " " + text + " is not a number from 1 to " + std::to_string(ceiling));
        }
        target = value;
    };
    count_option("--max-depth", max_depth, drslint::kLimitCeilings.max_depth, args.options.limits.max_depth);
    count_option("--max-findings", max_findings, drslint::kLimitCeilings.max_findings, args.options.limits.max_findings);
    // A first word that is no file but close to a subcommand is a typo of it (`drslint rule`).
    std::error_code ec;
    if (!args.inputs.empty() && args.inputs[0] == words[0] && words[0] != "-" && !fs::exists(words[0], ec)) {
        const std::string guess = drslint::did_you_mean(words[0], {std::begin(kSubcommands), std::end(kSubcommands)});
        if (!guess.empty()) {
            throw UsageError("'" + words[0] + "' is neither a file nor a subcommand (did you mean 'drslint " + guess +
                             "'?)");
        }
    }
    return args;
}

drslint::TaskContext read_context(const std::string& file, std::size_t max_input)
{
    std::string text;
    try {
        text = drslint::read_input(file, max_input);
    } catch (const drslint::InputError& e) {
        throw drslint::InputError(std::string("the --context file: ") + e.what());
    }
    if (text.size() > max_input) {
        // Not cut and then reported as invalid JSON: the file is too large, and says so.
        throw drslint::InputError(file + ": the --context file is larger than --max-input (" + std::to_string(max_input) +
                                  " bytes); raise --max-input or shorten the file");
    }
    try {
        return drslint::parse_task_context(text);
    } catch (const std::invalid_argument& e) {
        throw drslint::InputError(file + ": the --context file: " + e.what());
    }
}

int print_config(std::ostream& out, const Arguments& args, const drslint::Linter& linter)
{
    drslint::ConfigSet configs(args.config_file, linter.rules());
    const auto config = configs.for_input(args.print_config_file);
    out << args.print_config_file << ": "
        << (config->file.empty() ? std::string("no config file applies; the built-in defaults")
                                 : "uses " + config->file.string() + (args.config_file.empty() ? "" : " (--config)"))
        << "\n"
        << drslint::to_json(*config);
    if (drslint::to_json(*config).back() != '\n') out << "\n";
    return kExitClean;
}

// The report, and where it goes: standard output, or -o FILE, replaced whole once it is complete.
class Output {
public:
    explicit Output(std::string file) : file_(std::move(file)) {}
    std::ostream& stream() { return file_.empty() ? std::cout : buffer_; }
    // kExitClean once everything is where it belongs; else kExitTrouble with a message.
    int finish()
    {
        if (file_.empty()) return written_out();
        try {
            drslint::write_file_atomically(file_, buffer_.str());
        } catch (const drslint::InputError& e) {
            std::cerr << "drslint: " << e.what() << "\n";
            return kExitTrouble;
        }
        return kExitClean;
    }

private:
    std::string file_;
    std::ostringstream buffer_;
};

// An input that could not be checked: said on standard error at once, and in the report.
drslint::format::FileResult not_checked(const std::string& path, const std::string& why)
{
    std::cerr << "drslint: " << why << "\n";
    return drslint::unchecked_file(path, why);
}

int lint(const Arguments& args)
{
    drslint::Options options = args.options;
    // A batch's findings carry no fixes (--fix refuses --jsonl): proving them would cost a lint more.
    options.offer_fixes = !args.jsonl;
    const drslint::Linter linter(options);
    if (args.jsonl && args.response_status != 0) {
        throw UsageError("--jsonl lints request bodies; it cannot be combined with --response");
    }
    if ((args.fix || args.diff) && (args.jsonl || args.response_status != 0)) {
        throw UsageError(std::string("--fix and --diff repair request body files and .http files; ") +
                         (args.jsonl ? "a --jsonl batch is a log of bodies, not a file to rewrite"
                                     : "--response checks responses, which are not written by hand"));
    }
    if (args.diff && !args.baseline_file.empty()) {
        throw UsageError("--diff writes nothing, so it cannot be combined with --write-baseline");
    }
    if (args.inputs.empty()) throw UsageError("no input files (use '-' for standard input); see drslint --help");
    std::optional<drslint::Severity> fail_severity;
    if (drslint::Severity s{}; drslint::parse_severity(args.fail_severity_name, s)) fail_severity = s;
    drslint::ConfigSet configs(args.config_file, linter.rules());
    std::set<std::shared_ptr<const drslint::Config>> used;
    const drslint::format::Format format = *drslint::format::parse_format(args.format_name);
    drslint::format::Context context;
    context.rules = &linter.rules();
    context.tool_version = kVersion;
    context.base_directory = fs::current_path();
    // auto asks whether standard output is a terminal; a file named by -o is none.
    context.color = args.output_file.empty() ? use_colour(args.colour) : args.colour == "always";
    context.unsafe_fixes = args.unsafe_fixes;
    context.fix_command = "--fix";
    context.unsafe_fix_command = "--fix --unsafe-fixes";
    const drslint::Walk walk = drslint::walk_inputs(args.inputs, args.filters);
    for (const auto& glob : walk.unmatched_include) {
        std::cerr << "drslint: warning: --include '" << glob << "' matched no file\n";
    }
    for (const auto& glob : walk.unmatched_exclude) {
        std::cerr << "drslint: warning: --exclude '" << glob << "' matched no file or directory\n";
    }
    // The name an input goes by: --stdin-filename for '-', for messages and config lookup alike.
    const auto name_of = [&args](const std::string& path) {
        return path == "-" && !args.stdin_filename.empty() ? args.stdin_filename : path;
    };
    Output output(args.output_file);
    std::ostream& out = output.stream();
    // -q leaves the formats with a summary only that; sarif and junit are printed whole unless -qq.
    const bool findings_shown = args.quiet == 0 || !drslint::format::streams(format);
    if (args.jsonl && args.baseline_file.empty() && findings_shown && args.quiet < 2) {
        // Each body is rendered when it is linted and printed in order (junit: kept rendered until
        // the end): the batch holds a few chunks of reports at a time.
        drslint::format::BatchWriter writer(out, format, context, batch_findings_limit(linter.limits()),
                                            [&](std::size_t limit, std::size_t more) {
                                                return linter.too_many_findings(limit, more, false);
                                            });
        for (const auto& input : walk.inputs) {
            const std::string file = name_of(input.path);
            if (!input.error.empty()) {
                writer.unchecked(not_checked(file, input.error));
                continue;
            }
            const auto config = configs.for_input(file);
            writer.begin_file(drslint::finish_file(file, std::string_view(), {}, *config, fail_severity));
            try {
                PrintingSink sink(writer, file, *config, fail_severity);
                lint_jsonl_file(linter, input.path, args.jobs, sink);
                writer.end_file();
            } catch (const drslint::InputError& e) {
                writer.end_file();
                writer.unchecked(not_checked(file, e.what()));
            }
        }
        writer.finish();
        if (output.finish() != kExitClean || writer.summary().unchecked != 0) return kExitTrouble;
        return writer.failed() ? kExitFindings : kExitClean;
    }
    if (args.jsonl && args.baseline_file.empty()) {
        // -q: only the summary (or, -qq, nothing), counted as the bodies are linted.
        drslint::format::Summary summary;
        bool failed = false;
        for (const auto& input : walk.inputs) {
            const std::string file = name_of(input.path);
            if (!input.error.empty()) {
                drslint::format::count_findings(summary, not_checked(file, input.error));
                continue;
            }
            const auto config = configs.for_input(file);
            try {
                CountingSink sink(summary, failed, file, *config, fail_severity);
                lint_jsonl_file(linter, input.path, args.jobs, sink);
                ++summary.files;
            } catch (const drslint::InputError& e) {
                drslint::format::count_findings(summary, not_checked(file, e.what()));
            }
        }
        if (args.quiet < 2) drslint::format::write_summary(out, format, summary);
        if (output.finish() != kExitClean || summary.unchecked != 0) return kExitTrouble;
        return failed ? kExitFindings : kExitClean;
    }
    std::vector<drslint::format::FileResult> results;
    Fixing fixing;
    for (const auto& input : walk.inputs) {
        const std::string file = name_of(input.path);
        if (!input.error.empty()) {
            results.push_back(not_checked(file, input.error));
            continue;
        }
        const auto config = configs.for_input(file);
        if (!config->file.empty()) used.insert(config);
        try {
            if (args.jsonl) {
                // No source excerpts: keeping the whole batch's text would defeat flat memory.
                results.push_back(finish_jsonl_file(linter, file, input.path, args.jobs, *config, fail_severity));
                continue;
            }
            const std::string text = drslint::read_input(input.path, options.limits.max_input_bytes);
            if (args.fix || args.diff) {
                auto lint_text = [&](std::string_view t) {
                    drslint::Report report = drslint::is_http_file(file) ? lint_http_file(linter, file, std::string(t))
                                                                         : linter.lint(t);
                    return drslint::finish_file(file, t, std::move(report), *config, fail_severity);
                };
                const drslint::FixResult fixed = fix_file(input.path, text, lint_text,
                                                          args.unsafe_fixes || config->unsafe_fixes, args.diff, fixing);
                if (!args.diff) results.push_back(lint_text(fixed.text));
                continue;
            }
            drslint::Report report = args.response_status != 0 ? linter.lint_response(args.response_status, text)
                                     : drslint::is_http_file(file) ? lint_http_file(linter, file, text)
                                                                   : linter.lint(text);
            results.push_back(drslint::finish_file(file, text, std::move(report), *config, fail_severity));
        } catch (const drslint::InputError& e) {
            results.push_back(not_checked(file, e.what()));
        }
    }
    const bool unchecked = std::any_of(results.begin(), results.end(), [](const auto& r) { return !r.checked(); });
    if (args.diff) {
        if (written_out() != kExitClean || unchecked) return kExitTrouble;
        return fixing.fixable != 0 ? kExitFindings : kExitClean;
    }
    if (args.fix) report_fixes(fixing);
    // With a fixed '-' on standard output, the report goes to standard error (or -o FILE).
    std::ostream& report_out = fixing.to_stdout && args.output_file.empty() ? std::cerr : out;
    if (!args.baseline_file.empty()) {
        if (unchecked) {
            // A baseline without the findings of a file it never saw would fail that file later.
            std::cerr << "drslint: no baseline written: some inputs could not be checked\n";
            return kExitTrouble;
        }
        return write_baseline(args.baseline_file, results, used);
    }
    if (args.quiet >= 2) {
        // Nothing printed: the exit code says it all.
    } else if (!findings_shown) {
        drslint::format::write_summary(report_out, format, drslint::format::summarize(results));
    } else {
        drslint::format::write(report_out, format, results, context);
    }
    if (output.finish() != kExitClean || unchecked) return kExitTrouble;
    const bool failed = std::any_of(results.begin(), results.end(), [](const auto& r) { return r.failed(); });
    return failed ? kExitFindings : kExitClean;
}

int run(int argc, char** argv)
{
    try {
        Arguments args = parse_arguments(argc, argv);
        if (args.command == Arguments::Command::help) {
            std::cout << help_text(fs::path(argv[0]).filename().string());
            return written_out();
        }
        if (args.command == Arguments::Command::version) {
            std::cout << "drslint " << kVersion << "\n";
            return written_out();
        }
        if (!args.context_file.empty()) {
            args.options.context = read_context(args.context_file, args.options.limits.max_input_bytes);
        }
        if (args.command == Arguments::Command::lint) return lint(args);
        if (args.command == Arguments::Command::schema) {
            std::cout << drslint::bundled_schema();
            return written_out();
        }
        if (args.command == Arguments::Command::lsp) {
            // Standard output carries protocol messages only; a client that vanishes is EPIPE.
            std::signal(SIGPIPE, SIG_IGN);
            std::ios::sync_with_stdio(false);
            drslint::LanguageServerOptions server;
            server.options = args.options;
            return drslint::serve_language_server(std::cin, std::cout, std::cerr, server);
        }
        const drslint::Linter linter(args.options);
        int code = kExitClean;
        switch (args.command) {
        case Arguments::Command::rules: code = list_rules(std::cout, linter, args.format_name); break;
        case Arguments::Command::explain: code = explain_rule(std::cout, linter, args.explain_id); break;
        case Arguments::Command::print_config: code = print_config(std::cout, args, linter); break;
        default: break;
        }
        return code == kExitClean ? written_out() : code;
    } catch (const UsageError& e) {
        std::cerr << "drslint: " << e.what() << "\n";
        return kExitTrouble;
    } catch (const drslint::ConfigError& e) {
        std::cerr << "drslint: " << e.what() << "\n";
        return kExitTrouble;
    } catch (const drslint::InputError& e) {
        std::cerr << "drslint: " << e.what() << "\n";
        return kExitTrouble;
    } catch (const std::bad_alloc&) {
        // Nothing is allocated on the way out: the message is a literal, std::cerr is unbuffered.
        std::cerr << "drslint: out of memory; nothing after this point was checked (see --max-input)\n";
        return kExitTrouble;
    } catch (const std::system_error& e) {
        // The standard library says out of memory this way too (fs::current_path: ENOMEM).
        if (e.code() == std::errc::not_enough_memory) {
            std::cerr << "drslint: out of memory; nothing after this point was checked (see --max-input)\n";
        } else {
            std::cerr << "drslint: internal error: " << e.what() << "\n";
        }
        return kExitTrouble;
    } catch (const std::exception& e) {
        std::cerr << "drslint: internal error: " << e.what() << "\n";
        return kExitTrouble;
    }
}

}  // namespace

int main(int argc, char** argv)
{
    // A write beyond RLIMIT_FSIZE then fails with EFBIG, which --fix reports (exit 2, the file
    // untouched), instead of killing the process halfway.
    std::signal(SIGXFSZ, SIG_IGN);
    // Out of memory outside run()'s own handler (setting up or parsing the command line, writing
    // --help or --version) is the same answer, not std::terminate's abort.
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "drslint: out of memory; nothing after this point was checked (see --max-input)\n";
        return kExitTrouble;
    }
}
