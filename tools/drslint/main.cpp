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
#include <set>
#include <sstream>
#include <string>
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

// One request body per line, linted on `jobs` threads; `each` gets every body's report in input
// order, as it is ready, so nothing needs to hold the batch.
void lint_jsonl_file(const drslint::Linter& linter, const std::string& path, unsigned jobs,
                     const std::function<void(drslint::Report&&)>& each)
{
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw drslint::InputError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::istream& in = path == "-" ? std::cin : file;
    const auto lines = drslint::lint_jsonl(linter, in, jobs, [&](drslint::LineReport&& line) {
        each(std::move(line.report));
    });
    if (in.bad()) throw drslint::InputError("cannot read " + path);
    if (lines == 0) throw drslint::InputError(path + ": no JSON line found; nothing was checked");
}

// The findings a document format (json, sarif, junit) or a baseline keeps of one batch: they need
// them all at once, so past this many they are counted into too-many-findings (an error), which
// bounds the memory a batch holds.
std::size_t batch_findings_limit(const drslint::Limits& limits) { return 100 * limits.max_findings; }

drslint::Report collect_jsonl_file(const drslint::Linter& linter, const std::string& path, unsigned jobs)
{
    drslint::Report report;
    const std::size_t limit = batch_findings_limit(linter.limits());
    std::size_t more = 0;
    lint_jsonl_file(linter, path, jobs, [&](drslint::Report&& body) {
        for (auto& finding : body.findings) {
            if (report.findings.size() < limit) {
                report.findings.push_back(std::move(finding));
            } else {
                ++more;
            }
        }
    });
    if (more != 0) report.findings.push_back(linter.too_many_findings(limit, more, false));
    return report;
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

int list_rules(const drslint::Linter& linter)
{
    std::size_t width = 0;
    for (const auto& rule : linter.rules()) width = std::max(width, rule.id.size());
    // Columns: id, severity, the applicability of its fixes ("-": none), summary.
    for (const auto& rule : linter.rules()) {
        std::string fixes = drslint::fix_applicabilities(rule);
        if (fixes.empty()) fixes = "-";
        std::cout << rule.id << std::string(width - rule.id.size() + 2, ' ') << drslint::to_string(rule.severity)
                  << std::string(9 - std::string(drslint::to_string(rule.severity)).size(), ' ') << fixes
                  << std::string(14 - fixes.size(), ' ') << rule.summary << "\n";
    }
    return kExitClean;
}

int explain_rule(const drslint::Linter& linter, const std::string& id)
{
    const drslint::RuleInfo* rule = linter.find_rule(id);
    if (rule == nullptr) {
        std::cerr << "drslint: no rule named '" << id << "'; `drslint rules` lists them\n";
        return kExitTrouble;
    }
    std::cout << rule->id << " (" << drslint::to_string(rule->severity) << ")\n\n"
              << rule->summary << "\n\n"
              << rule->rationale << "\n\n"
              << "Source: " << rule->source << "\n";
    if (rule->unchecked) {
        std::cout << "\nIts finding means part of the input was not checked: no config, baseline or limit can "
                     "turn it off, lower it or ignore it.\n";
    }
    if (!rule->fixes.empty()) {
        std::cout << "\nFixes (--fix applies safe ones, --fix --unsafe-fixes both):\n";
        for (const auto& fix : rule->fixes) {
            std::cout << "  " << fix.kind << " (" << drslint::to_string(fix.applicability) << "): " << fix.summary << ". "
                      << fix.reason << "\n";
        }
    }
    if (!rule->example_context.empty()) {
        std::cout << "\nWith the task context (--context):\n" << rule->example_context << "\n";
    }
    if (!rule->failing_example.empty()) {
        std::cout << "\nFails:\n" << rule->failing_example << "\n";
    }
    if (!rule->passing_example.empty()) {
        std::cout << "\nPasses:\n" << rule->passing_example << "\n";
    }
    return kExitClean;
}

}  // namespace

namespace {

int run(int argc, char** argv)
{
    CLI::App app{"drslint: lint request bodies of the Huawei Cloud DRS API PUT /v5/{project_id}/jobs/{job_id}"};
    app.set_version_flag("--version", std::string("drslint ") + kVersion);
    std::vector<std::string> inputs;
    std::string format_name = "text";
    std::string colour = "auto";
    std::string config_file;
    std::string fail_severity_name;
    std::string baseline_file;
    drslint::FileFilters filters;
    drslint::Options options;
    app.add_option("files", inputs, "request body files or directories ('-' reads standard input)");
    app.add_option("--format", format_name, "output format")
        ->check(CLI::IsMember(drslint::format::format_names()))
        ->capture_default_str();
    app.add_option("--color", colour, "colour in text output: auto (a terminal, and NO_COLOR unset), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--config", config_file,
                   "config file for every input (default: the nearest .drslint.json above each file)");
    app.add_option("--fail-severity", fail_severity_name,
                   "findings at or above it make exit code 1 (default: the config's failSeverity, else error)")
        ->check(CLI::IsMember({"error", "warning", "info"}));
    app.add_option("--write-baseline", baseline_file,
                   "write a config file that ignores every finding reported now, and print no report");
    // One glob per occurrence, so that the file arguments after it stay file arguments.
    app.add_option("--include", filters.include,
                   "in directories, lint the files whose path relative to the directory matches this glob "
                   "(repeatable; `**` spans directories; default **/*.json)")
        ->allow_extra_args(false);
    app.add_option("--exclude", filters.exclude,
                   "in directories, skip the files whose path relative to the directory matches this glob (repeatable)")
        ->allow_extra_args(false);
    bool jsonl = false;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    int response_status = 0;
    app.add_flag("--jsonl", jsonl, "each input holds one request body per line (JSON Lines); findings carry the line");
    app.add_option("--jobs", jobs, "threads for --jsonl batches (default: the number of cores)")
        ->check(CLI::Range(1u, 256u))
        ->capture_default_str();
    app.add_option("--response", response_status,
                   "check response bodies of this status (200 or 400) against the response tables instead")
        ->check(CLI::IsMember({200, 400}));
    bool fix = false, unsafe_fixes = false, diff = false;
    app.add_flag("--fix", fix, "apply safe fixes in place, then report what remains ('-': the fixed body goes to "
                               "standard output and the report to standard error)");
    app.add_flag("--unsafe-fixes", unsafe_fixes, "with --fix or --diff, apply unsafe fixes too; alone, count them as fixable");
    app.add_flag("--diff", diff, "write nothing: print the unified diff that --fix would make (patch -p0 applies it); "
                                 "exit code 1 when there is something to fix");
    bool cross_check = false;
    app.add_flag("--cross-check,!--no-cross-check", cross_check,
                 "also validate each body with valijson, the engine of record, and report any verdict it and "
                 "drslint's evaluator disagree on (about 25x slower; the test suite proves they agree)");
    std::string context_file;
    app.add_option("--context", context_file,
                   "JSON file with the task's job_type, engine_type, job_direction, task_type "
                   "(e.g. a saved query-task-details response)");
    // 0 would check nothing; above the ceilings a lint could overflow the stack or the memory. The
    // range check also catches "-1", which would otherwise wrap around to the largest size_t.
    const auto within = [](std::size_t ceiling) { return CLI::Range(std::size_t{1}, ceiling); };
    app.add_option("--max-input", options.limits.max_input_bytes, "largest input accepted, in bytes")
        ->capture_default_str()->check(within(drslint::kLimitCeilings.max_input_bytes));
    app.add_option("--max-depth", options.limits.max_depth, "deepest nesting accepted")->capture_default_str()
        ->check(within(drslint::kLimitCeilings.max_depth));
    app.add_option("--max-string", options.limits.max_pattern_length,
                   "longest string (bytes) checked against a format, and longest member name")->capture_default_str()
        ->check(within(drslint::kLimitCeilings.max_pattern_length));
    app.add_option("--max-findings", options.limits.max_findings, "findings listed per file")->capture_default_str()
        ->check(within(drslint::kLimitCeilings.max_findings));
    auto* rules_command = app.add_subcommand("rules", "list every rule with its id, severity and summary");
    auto* explain_command = app.add_subcommand("explain", "print a rule's rationale and examples");
    std::string explain_id;
    explain_command->add_option("rule", explain_id, "rule id")->required();
    auto* schema_command = app.add_subcommand("schema", "print the request-body schema as one self-contained draft-07 file");
    auto* lsp_command = app.add_subcommand("lsp", "serve the Language Server Protocol on standard input and output");
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        // --help or --version that could not be written is no success either.
        return code == 0 ? written_out() : kExitTrouble;
    }

    options.cross_check_with_valijson = cross_check;
    // A batch's findings carry no fixes (--fix refuses --jsonl): proving them would cost a lint more.
    options.offer_fixes = !jsonl;
    try {
        if (!context_file.empty()) {
            const std::size_t max_input = options.limits.max_input_bytes;
            std::string text = drslint::read_input(context_file, max_input);
            if (text.size() > max_input) {
                // Not cut and then reported as invalid JSON: the file is too large, and says so.
                throw drslint::InputError(context_file + ": the --context file is larger than --max-input (" +
                                 std::to_string(max_input) + " bytes); raise --max-input or shorten the file");
            }
            try {
                options.context = drslint::parse_task_context(text);
            } catch (const std::invalid_argument& e) {
                throw drslint::InputError(context_file + ": " + e.what());
            }
        }
        if (schema_command->parsed()) {
            std::cout << drslint::bundled_schema();
            return written_out();
        }
        if (lsp_command->parsed()) {
            // Standard output carries protocol messages only; a client that vanishes is EPIPE.
            std::signal(SIGPIPE, SIG_IGN);
            std::ios::sync_with_stdio(false);
            drslint::LanguageServerOptions server;
            server.options = options;
            return drslint::serve_language_server(std::cin, std::cout, std::cerr, server);
        }
        const drslint::Linter linter(options);
        if (rules_command->parsed()) {
            const int code = list_rules(linter);
            return code == kExitClean ? written_out() : code;
        }
        if (explain_command->parsed()) {
            const int code = explain_rule(linter, explain_id);
            return code == kExitClean ? written_out() : code;
        }
        if (jsonl && response_status != 0) {
            std::cerr << "drslint: --jsonl lints request bodies; it cannot be combined with --response\n";
            return kExitTrouble;
        }
        if ((fix || diff) && (jsonl || response_status != 0)) {
            std::cerr << "drslint: --fix and --diff repair request body files and .http files; "
                      << (jsonl ? "a --jsonl batch is a log of bodies, not a file to rewrite"
                                : "--response checks responses, which are not written by hand")
                      << "\n";
            return kExitTrouble;
        }
        if (diff && !baseline_file.empty()) {
            std::cerr << "drslint: --diff writes nothing, so it cannot be combined with --write-baseline\n";
            return kExitTrouble;
        }
        if (inputs.empty()) {
            std::cerr << "drslint: no input files (use '-' for standard input); see --help\n";
            return kExitTrouble;
        }
        std::optional<drslint::Severity> fail_severity;
        if (drslint::Severity s{}; drslint::parse_severity(fail_severity_name, s)) {
            fail_severity = s;
        }
        drslint::ConfigSet configs(config_file, linter.rules());
        std::set<std::shared_ptr<const drslint::Config>> used;
        const drslint::format::Format format = *drslint::format::parse_format(format_name);
        drslint::format::Context context;
        context.rules = &linter.rules();
        context.tool_version = kVersion;
        context.base_directory = fs::current_path();
        context.color = use_colour(colour);
        context.unsafe_fixes = unsafe_fixes;
        context.fix_command = "--fix";
        context.unsafe_fix_command = "--fix --unsafe-fixes";
        if (jsonl && baseline_file.empty() && drslint::format::streams(format)) {
            // Each body is printed when it is linted: the batch holds a few chunks of reports at a time.
            drslint::format::BatchWriter writer(std::cout, format, context, batch_findings_limit(linter.limits()),
                                                [&](std::size_t limit, std::size_t more) {
                                                    return linter.too_many_findings(limit, more, false);
                                                });
            for (const auto& file : drslint::collect_inputs(inputs, filters)) {
                const auto config = configs.for_input(file);
                writer.begin_file(drslint::finish_file(file, std::string_view(), {}, *config, fail_severity));
                lint_jsonl_file(linter, file, jobs, [&](drslint::Report&& body) {
                    // No source excerpts: a line is not kept once it is linted.
                    writer.add(drslint::finish_file(file, std::string_view(), std::move(body), *config, fail_severity));
                });
                writer.end_file();
            }
            writer.finish();
            if (written_out() != kExitClean) return kExitTrouble;
            return writer.failed() ? kExitFindings : kExitClean;
        }
        std::vector<drslint::format::FileResult> results;
        Fixing fixing;
        for (const auto& file : drslint::collect_inputs(inputs, filters)) {
            const auto config = configs.for_input(file);
            if (!config->file.empty()) used.insert(config);
            if (jsonl) {
                // No source excerpts: keeping the whole batch's text would defeat flat memory.
                results.push_back(drslint::finish_file(file, std::string_view(), collect_jsonl_file(linter, file, jobs),
                                                               *config, fail_severity));
                continue;
            }
            const std::string text = drslint::read_input(file, options.limits.max_input_bytes);
            if (fix || diff) {
                auto lint = [&](std::string_view t) {
                    drslint::Report report = drslint::is_http_file(file) ? lint_http_file(linter, file, std::string(t))
                                                                         : linter.lint(t);
                    return drslint::finish_file(file, t, std::move(report), *config, fail_severity);
                };
                const drslint::FixResult fixed = fix_file(file, text, lint, unsafe_fixes || config->unsafe_fixes, diff, fixing);
                if (!diff) results.push_back(lint(fixed.text));
                continue;
            }
            drslint::Report report = response_status != 0 ? linter.lint_response(response_status, text)
                                     : drslint::is_http_file(file)  ? lint_http_file(linter, file, text)
                                                           : linter.lint(text);
            results.push_back(drslint::finish_file(file, text, std::move(report), *config, fail_severity));
        }
        if (diff) {
            if (written_out() != kExitClean) return kExitTrouble;
            return fixing.fixable != 0 ? kExitFindings : kExitClean;
        }
        if (fix) {
            // Standard output holds the fixed body of '-': the report goes to standard error.
            report_fixes(fixing);
            if (fixing.to_stdout) {
                drslint::format::write(std::cerr, format, results, context);
                if (written_out() != kExitClean) return kExitTrouble;
                const bool failed = std::any_of(results.begin(), results.end(), [](const auto& r) { return r.failed(); });
                return failed ? kExitFindings : kExitClean;
            }
        }
        if (!baseline_file.empty()) {
            return write_baseline(baseline_file, results, used);
        }
        drslint::format::write(std::cout, format, results, context);
        if (written_out() != kExitClean) return kExitTrouble;
        const bool failed = std::any_of(results.begin(), results.end(), [](const auto& r) { return r.failed(); });
        return failed ? kExitFindings : kExitClean;
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
