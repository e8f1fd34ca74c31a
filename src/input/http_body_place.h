// Where an .http request's body sits in its file. HttpRequest::body holds the file's lines from
// body_line on, each ended by "\n" (a "\r\n" of the file loses its "\r"), so a byte of the body is a
// line of the file and a byte within it. The linter moves a fix's edits into the file with this,
// and the language server a cursor into the body and a completion's range back out.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "drslint/http.h"

namespace drslint::input {

// Where each line of a text starts, lines ending at "\n" only, as the .http reader splits them.
struct NewlineStarts {
    explicit NewlineStarts(std::string_view text);
    std::vector<std::size_t> starts;
    std::size_t size;  // the text's
};

class BodyPlace {
public:
    explicit BodyPlace(const HttpRequest& request);

    // The byte of `file` (the file the request was read from) for byte `body_offset` of the body;
    // the file's end past its last line.
    std::size_t file_offset(const NewlineStarts& file, std::size_t body_offset) const;
    // The byte of the body for byte `file_offset` of `file`, or nullopt when that is on no line of
    // the body. The line just after the body's last line break counts as the body's (its end).
    std::optional<std::size_t> body_offset(const NewlineStarts& file, std::size_t file_offset) const;

private:
    std::size_t first_line_;  // the file's line (0-based) of the body's first line
    NewlineStarts body_;
};

}  // namespace drslint::input
