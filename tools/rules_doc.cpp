// Prints docs/rules.md from the rule catalogue compiled into the library, so the documentation is
// generated from the same data that drives the checks. A test fails when docs/rules.md is stale;
// `cmake --build <dir> --target rules-doc` rewrites it.
#include <iostream>
#include <map>
#include <string>

#include "drslint/linter.h"

namespace {

const char* origin_text(const std::string& origin)
{
    if (origin == "schema-keyword") return "JSON Schema keyword (schemas/)";
    if (origin == "schema") return "JSON Schema rule (tagged allOf entry in schemas/)";
    if (origin == "rule") return "rule engine (checks in schemas/rules.json)";
    if (origin == "parse") return "parser";
    return "drslint";
}

}  // namespace

int main()
{
    const drslint::Linter linter;
    std::cout << "# drslint rules\n\n"
                 "Generated from `schemas/rules.json` by `tools/rules_doc.cpp`; do not edit by hand.\n"
                 "Rule ids are stable. Severities are defaults: `.drslint.json` can change them.\n\n"
                 "The fix column says which fixes `drslint --fix` (safe) and `--fix --unsafe-fixes` (unsafe) apply.\n\n"
                 "| rule | severity | fix | summary |\n|---|---|---|---|\n";
    for (const auto& rule : linter.rules()) {
        std::cout << "| [`" << rule.id << "`](#" << rule.id << ") | " << drslint::to_string(rule.severity) << " | "
                  << drslint::fix_applicabilities(rule) << " | " << rule.summary << " |\n";
    }
    for (const auto& rule : linter.rules()) {
        std::cout << "\n## " << rule.id << "\n\n"
                  << "- Severity: " << drslint::to_string(rule.severity) << "\n"
                  << "- Checked by: " << origin_text(rule.origin) << "\n"
                  << "- Source: " << rule.source << "\n"
                  << (rule.unchecked ? "- Means unchecked input: cannot be turned off, lowered, ignored or baselined\n" : "")
                  << "\n"
                  << rule.summary << " " << rule.rationale << "\n";
        if (!rule.fixes.empty()) {
            std::cout << "\nFixes:\n\n";
            for (const auto& fix : rule.fixes) {
                std::cout << "- `" << fix.kind << "` (" << drslint::to_string(fix.applicability) << "): " << fix.summary
                          << ". " << fix.reason << "\n";
            }
        }
        const drslint::RuleExamples examples = linter.examples(rule.id);
        if (!examples.context.empty()) {
            std::cout << "\nWith the task context (`--context`):\n\n```json\n" << examples.context << "\n```\n";
        }
        if (!examples.failing.empty()) {
            std::cout << "\nFails:\n\n```json\n" << examples.failing << "\n```\n";
        }
        if (!examples.passing.empty()) {
            std::cout << "\nPasses:\n\n```json\n" << examples.passing << "\n```\n";
        }
    }
}
