#include "input/http_file.h"

#include <cctype>

namespace drslint::input {
namespace {

struct Line {
    std::string_view text;  // without the line break
    std::size_t number;     // 1-based
};

std::vector<Line> split_lines(std::string_view text)
{
    std::vector<Line> lines;
    std::size_t start = 0, number = 1;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '\n') {
            std::string_view line = text.substr(start, i - start);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (i < text.size() || !line.empty()) lines.push_back({line, number});
            start = i + 1;
            ++number;
        }
    }
    return lines;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool blank(std::string_view s) { return trim(s).empty(); }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool comment(std::string_view s)
{
    const auto t = trim(s);
    return starts_with(t, "#") || starts_with(t, "//");
}

// 1-based column of byte `offset` in `line`, counting code points.
std::size_t column_of(std::string_view line, std::size_t offset)
{
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < line.size(); ++i) {
        column += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    }
    return column;
}

bool is_method(std::string_view word)
{
    // A {{variable}} in the method's place is the method, of unknown value.
    if (word.size() > 4 && starts_with(word, "{{") && word.substr(word.size() - 2) == "}}") return true;
    if (word.empty()) return false;
    for (char c : word) {
        if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

void parse_block(const std::vector<Line>& lines, std::size_t begin, std::size_t end, std::vector<HttpRequest>& out)
{
    std::size_t i = begin;
    // Before the request line: blank lines, comments, and variable definitions (@name = value).
    while (i < end && (blank(lines[i].text) || comment(lines[i].text) || starts_with(trim(lines[i].text), "@"))) ++i;
    if (i == end) return;
    HttpRequest request;
    const Line& first = lines[i];
    request.block_at = {first.number, 1};
    // "METHOD TARGET [HTTP/x]" or just "TARGET" (a GET, by the convention).
    const std::string_view text = first.text;
    const std::size_t lead = text.find_first_not_of(" \t");
    const std::size_t space = text.find_first_of(" \t", lead);
    const std::string_view word = text.substr(lead, space == std::string_view::npos ? std::string_view::npos : space - lead);
    std::size_t target_begin = lead;
    if (space != std::string_view::npos && is_method(word)) {
        request.method = std::string(word);
        request.method_at = {first.number, column_of(text, lead)};
        target_begin = text.find_first_not_of(" \t", space);
    } else {
        request.method = "GET";
        request.method_at = {first.number, column_of(text, lead)};
    }
    std::string_view target = text.substr(target_begin);
    if (const auto version = target.rfind(" HTTP/"); version != std::string_view::npos) target = target.substr(0, version);
    request.target = std::string(trim(target));
    request.target_at = {first.number, column_of(text, target_begin)};
    ++i;
    // Headers up to the first blank line.
    for (; i < end && !blank(lines[i].text); ++i) {
        const std::string_view line = lines[i].text;
        if (comment(line)) continue;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        HttpHeader header;
        const std::size_t name_begin = line.find_first_not_of(" \t");
        header.name = std::string(trim(line.substr(0, colon)));
        header.name_at = {lines[i].number, column_of(line, name_begin)};
        const std::size_t value_begin = std::min(line.size(), line.find_first_not_of(" \t", colon + 1));
        header.value = std::string(trim(line.substr(colon + 1)));
        header.value_at = {lines[i].number, column_of(line, value_begin)};
        request.headers.push_back(std::move(header));
    }
    while (i < end && blank(lines[i].text)) ++i;
    // The body runs to the end of the block or to a response handler ("> {% ... %}", "<> file").
    std::size_t body_end = i;
    while (body_end < end && !starts_with(lines[body_end].text, "> ") && !starts_with(lines[body_end].text, "<> ")) {
        ++body_end;
    }
    while (body_end > i && blank(lines[body_end - 1].text)) --body_end;
    if (i < body_end) {
        request.body_line = lines[i].number;
        for (std::size_t k = i; k < body_end; ++k) {
            request.body += lines[k].text;
            request.body += '\n';
        }
    }
    out.push_back(std::move(request));
}

}  // namespace

std::vector<HttpRequest> parse_http_file(std::string_view text)
{
    const std::vector<Line> lines = split_lines(text);
    std::vector<HttpRequest> requests;
    std::size_t begin = 0;
    for (std::size_t i = 0; i <= lines.size(); ++i) {
        if (i == lines.size() || starts_with(trim(lines[i].text), "###")) {
            parse_block(lines, begin, i, requests);
            begin = i + 1;
        }
    }
    return requests;
}

}  // namespace drslint::input
