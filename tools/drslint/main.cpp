// drslint: lint DRS "update task" request bodies. A thin shell over the library: arguments, file
// reading, output format and exit code.
//
// Exit codes: 0 no finding at or above the fail severity; 1 at least one; 2 usage error, unreadable
// input or internal failure (never 0 when something could not be checked).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "drslint/linter.h"
#include "format/formatter.h"

namespace {

namespace fs = std::filesystem;

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitTrouble = 2;

struct InputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads at most max_bytes + 1 bytes: enough for the library to report an oversized input as a
// finding, without holding an arbitrarily large file in memory.
std::string read_bounded(std::istream& in, std::size_t max_bytes)
{
    std::string text;
    char buffer[65536];
    while (text.size() <= max_bytes) {
        in.read(buffer, sizeof buffer);
        if (in.gcount() <= 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (text.size() > max_bytes + 1) {
        text.resize(max_bytes + 1);
    }
    return text;
}

std::string read_input(const std::string& path, std::size_t max_bytes)
{
    if (path == "-") {
        std::string text = read_bounded(std::cin, max_bytes);
        if (std::cin.bad()) {
            throw InputError("cannot read standard input");
        }
        return text;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        throw InputError("cannot read " + path + ": is a directory");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::string text = read_bounded(in, max_bytes);
    if (in.bad()) {
        throw InputError("cannot read " + path);
    }
    return text;
}

// Expands directories into the *.json files below them, sorted, so output order is deterministic.
std::vector<std::string> expand_inputs(const std::vector<std::string>& args)
{
    std::vector<std::string> files;
    for (const auto& arg : args) {
        std::error_code ec;
        if (arg != "-" && fs::is_directory(arg, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (it->is_regular_file(ec) && it->path().extension() == ".json") {
                    found.push_back(it->path().string());
                }
            }
            if (ec) {
                throw InputError("cannot read directory " + arg + ": " + ec.message());
            }
            if (found.empty()) {
                throw InputError(arg + ": directory holds no *.json files; nothing was checked");
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(arg);
        }
    }
    return files;
}

int list_rules(const drslint::Linter& linter)
{
    std::size_t width = 0;
    for (const auto& rule : linter.rules()) width = std::max(width, rule.id.size());
    for (const auto& rule : linter.rules()) {
        std::cout << rule.id << std::string(width - rule.id.size() + 2, ' ') << drslint::to_string(rule.severity)
                  << std::string(9 - std::string(drslint::to_string(rule.severity)).size(), ' ') << rule.summary
                  << "\n";
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
    if (!rule->failing_example.empty()) {
        std::cout << "\nFails:\n" << rule->failing_example << "\n";
    }
    if (!rule->passing_example.empty()) {
        std::cout << "\nPasses:\n" << rule->passing_example << "\n";
    }
    return kExitClean;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"drslint: lint request bodies of the Huawei Cloud DRS API PUT /v5/{project_id}/jobs/{job_id}"};
    app.set_version_flag("--version", std::string("drslint 0.1.0"));
    std::vector<std::string> inputs;
    std::string format = "text";
    drslint::Options options;
    app.add_option("files", inputs, "request body files or directories ('-' reads standard input)");
    app.add_option("--format", format, "output format")->check(CLI::IsMember({"text", "json"}));
    std::string context_file;
    app.add_option("--context", context_file,
                   "JSON file with the task's job_type, engine_type, job_direction, task_type "
                   "(e.g. a saved query-task-details response)");
    app.add_option("--max-input", options.limits.max_input_bytes, "largest input accepted, in bytes")
        ->capture_default_str();
    app.add_option("--max-depth", options.limits.max_depth, "deepest nesting accepted")->capture_default_str();
    app.add_option("--max-string", options.limits.max_pattern_length,
                   "longest string (bytes) checked against a format")->capture_default_str();
    app.add_option("--max-findings", options.limits.max_findings, "findings listed per file")->capture_default_str();
    auto* rules_command = app.add_subcommand("rules", "list every rule with its id, severity and summary");
    auto* explain_command = app.add_subcommand("explain", "print a rule's rationale and examples");
    std::string explain_id;
    explain_command->add_option("rule", explain_id, "rule id")->required();
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? kExitClean : kExitTrouble;
    }

    try {
        if (!context_file.empty()) {
            try {
                options.context = drslint::parse_task_context(read_input(context_file, options.limits.max_input_bytes));
            } catch (const std::invalid_argument& e) {
                throw InputError(context_file + ": " + e.what());
            }
        }
        const drslint::Linter linter(options);
        if (rules_command->parsed()) {
            return list_rules(linter);
        }
        if (explain_command->parsed()) {
            return explain_rule(linter, explain_id);
        }
        if (inputs.empty()) {
            std::cerr << "drslint: no input files (use '-' for standard input); see --help\n";
            return kExitTrouble;
        }
        std::vector<drslint::format::FileResult> results;
        for (const auto& file : expand_inputs(inputs)) {
            const std::string text = read_input(file, options.limits.max_input_bytes);
            results.push_back({file == "-" ? "<stdin>" : file, linter.lint(text)});
        }
        if (format == "json") {
            drslint::format::write_json(std::cout, results);
        } else {
            drslint::format::write_text(std::cout, results);
        }
        std::cout.flush();
        const auto summary = drslint::format::summarize(results);
        return summary.errors > 0 ? kExitFindings : kExitClean;
    } catch (const InputError& e) {
        std::cerr << "drslint: " << e.what() << "\n";
        return kExitTrouble;
    } catch (const std::exception& e) {
        std::cerr << "drslint: internal error: " << e.what() << "\n";
        return kExitTrouble;
    }
}
