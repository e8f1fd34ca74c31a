// Findings and reports: the result of linting one document.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace drslint {

enum class Severity { info = 0, warning = 1, error = 2 };

const char* to_string(Severity severity);
// Parses "error", "warning" or "info"; returns false for anything else.
bool parse_severity(std::string_view text, Severity& out);

// A 1-based place in the source text, counted in code points. line == 0 means unknown.
struct Position {
    std::size_t line = 0;
    std::size_t column = 0;
};

struct Finding {
    std::string rule;      // stable, lower-case, hyphenated id (see `drslint rules`)
    Severity severity = Severity::error;
    std::string pointer;   // RFC 6901 JSON Pointer into the body ("" is the whole document)
    std::string message;   // says what is wrong and how to fix it; never contains a secret
    Position begin;        // start of the offending value (or key, or opening brace)
    Position end;          // one past its last code point
    std::string expected;  // what would have been accepted, where that applies
    std::string suggestion;  // a did-you-mean replacement, where there is one
};

struct Report {
    std::vector<Finding> findings;

    std::size_t count(Severity severity) const;
    bool has_at_least(Severity severity) const;
};

}  // namespace drslint
