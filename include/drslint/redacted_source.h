// Source text as formatters may see it: a copy of a body in which the value of every secret member
// is masked. A formatter that prints a source excerpt gets it from here, so no output format can
// print a secret, whatever line a finding is on (a minified body is one line).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace drslint {

// The value of every member whose name is_secret_member() (redaction.h: a secret's name or a near
// miss of one; a misspelled `db_pasword` still holds a password, and the unknown-member finding
// about it shows exactly that line) is masked, at any depth, found by where it is, never by what it looks like.
//
// Masking keeps the shape of the text: each masked code point becomes one '*', line breaks stay, the
// quotes around a string stay. So every line keeps its number and its length in code points, and
// the line:column of every finding still points at the same place. (The length of a secret is
// the one thing the mask keeps; positions after it on the same line depend on it.)
//
// The scan is a tolerant tokenizer, not the parser: text that is not JSON is exactly what the
// invalid-json finding shows, and a secret after the syntax error, or in a string that never ends,
// must be masked too. Where it cannot tell where a secret ends (an unterminated string or
// container), it masks to the end of the text. It keeps no stack, so any nesting depth is fine.
std::string mask_secret_values(std::string_view text);

class RedactedSource {
public:
    // No text: formatters show no excerpt.
    RedactedSource() = default;

    // The only way to make one: masks `text` with mask_secret_values().
    static RedactedSource from(std::string_view text);

    bool empty() const { return data_ == nullptr; }

    // Line `number` (1-based) of the masked text, without its line break; empty past the end.
    // Lines end where parse::LineMap ends them, the map that counted each Finding's position.
    std::string_view line(std::size_t number) const;

private:
    struct Data;
    std::shared_ptr<const Data> data_;  // shared: FileReports are copied, the text is not
};

}  // namespace drslint
