// Findings and reports: the result of linting one document.
#pragma once

#include <cstddef>
#include <optional>
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

// How sure a fix is (ruff's terms): `safe` fixes keep what the user meant, certainly, and --fix
// applies them; `unsafe` ones are probably right but change what is sent, and need --unsafe-fixes.
enum class Applicability { safe = 0, unsafe = 1 };

const char* to_string(Applicability applicability);

// One replacement of bytes of the linted text: [offset, offset + length) becomes `replacement`.
// Offsets count bytes of the text exactly as it was given to the lint call (a byte-order mark
// included; for lint_http_file, the whole file; for lint_request, the request's body).
struct Edit {
    std::size_t offset = 0;
    std::size_t length = 0;
    std::string replacement;
    Position begin;  // where offset is, and where offset + length is, as a Finding counts them
    Position end;
};

// A repair of a finding: its edits are sorted and do not overlap, every byte outside them stays
// as it is, and no edit writes, moves or removes a secret's value. The library offers a fix only
// after checking it: with all of a report's fixes applied, the text parses, none of the findings
// they fix is left and no new error appears.
struct Fix {
    Applicability applicability = Applicability::safe;
    std::string kind;     // the rule's kind of fix, as schemas/rules.json declares it ("quote", ...)
    std::string message;  // what it does, for people: "write \"50\"", "rename to `speed_limit`"
    std::vector<Edit> edits;
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
    std::optional<Fix> fix;  // see Fix; only on findings of a body that parsed (a byte-order mark aside)
};

struct Report {
    std::vector<Finding> findings;

    std::size_t count(Severity severity) const;
    bool has_at_least(Severity severity) const;
};

}  // namespace drslint
