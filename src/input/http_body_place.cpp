#include "input/http_body_place.h"

#include <algorithm>

namespace drslint::input {
namespace {

// The line (0-based) that holds byte `offset`.
std::size_t line_of(const std::vector<std::size_t>& starts, std::size_t offset)
{
    return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin() - 1);
}

}  // namespace

NewlineStarts::NewlineStarts(std::string_view text) : starts{0}, size(text.size())
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') starts.push_back(i + 1);
    }
}

BodyPlace::BodyPlace(const HttpRequest& request)
    : first_line_(request.body_line == 0 ? 0 : request.body_line - 1), body_(request.body)
{
}

std::size_t BodyPlace::file_offset(const NewlineStarts& file, std::size_t body_offset) const
{
    const std::size_t k = line_of(body_.starts, body_offset);
    const std::size_t line = first_line_ + k;
    return line < file.starts.size() ? file.starts[line] + (body_offset - body_.starts[k]) : file.size;
}

std::optional<std::size_t> BodyPlace::body_offset(const NewlineStarts& file, std::size_t file_offset) const
{
    if (body_.size == 0) return std::nullopt;
    const std::size_t line = line_of(file.starts, file_offset);
    if (line < first_line_ || line >= first_line_ + body_.starts.size()) return std::nullopt;
    const std::size_t column = file_offset - file.starts[line];
    return std::min(body_.starts[line - first_line_] + column, body_.size);
}

}  // namespace drslint::input
