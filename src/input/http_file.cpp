#include "drslint/http.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace drslint::input {
namespace {

struct Line {
    std::string_view text;  // without the line break
    std::size_t number;     // 1-based
};

// The lines of a text one at a time, as the file's lines: a final line break ends the last line
// rather than starting an empty one. Nothing is held per line, so a file of millions of lines
// costs no more memory than one of a few.
class LineReader {
public:
    explicit LineReader(std::string_view text) : text_(text) {}
    bool next(Line& line)
    {
        if (position_ > text_.size() || (position_ == text_.size() && (ended_ || text_.empty()))) return false;
        const std::size_t end = std::min(text_.find('\n', position_), text_.size());
        std::string_view content = text_.substr(position_, end - position_);
        if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
        ended_ = end == text_.size();
        if (ended_ && position_ == end) return false;  // nothing after the last line break
        line = {content, ++number_};
        position_ = end + 1;
        return true;
    }

private:
    std::string_view text_;
    std::size_t position_ = 0;
    std::size_t number_ = 0;
    bool ended_ = false;
};

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
    return 1 + core::count_code_points(line.substr(0, std::min(offset, line.size())));
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

// One block (the lines between "###" separators) as it is read: the request line after any blank
// lines, comments and variable definitions (@name = value), the headers up to the first blank
// line, then the body up to the end of the block or to a response handler ("> {% ... %}",
// "<> file"), without the blank lines that end it.
class Block {
public:
    void add(const Line& line)
    {
        const std::string_view text = line.text;
        switch (state_) {
        case State::before_request:
            if (blank(text) || comment(text) || starts_with(trim(text), "@")) return;
            request_line(line);
            state_ = State::headers;
            return;
        case State::headers:
            if (blank(text)) {
                state_ = State::before_body;
                return;
            }
            header(line);
            return;
        case State::before_body:
            if (blank(text)) return;
            request_.body_line = line.number;
            state_ = State::body;
            [[fallthrough]];
        case State::body:
            if (starts_with(text, "> ") || starts_with(text, "<> ")) {
                state_ = State::after_body;
                return;
            }
            request_.body += text;
            request_.body += '\n';
            if (!blank(text)) body_kept_ = request_.body.size();
            return;
        case State::after_body:
            return;
        }
    }

    // The request, if the block had a request line; the block is empty again afterwards.
    bool take(HttpRequest& out)
    {
        const bool found = state_ != State::before_request;
        request_.body.resize(body_kept_);
        if (found) out = std::move(request_);
        request_ = HttpRequest();
        state_ = State::before_request;
        body_kept_ = 0;
        return found;
    }

private:
    enum class State { before_request, headers, before_body, body, after_body };

    void request_line(const Line& first)
    {
        request_.block_at = {first.number, 1};
        // "METHOD TARGET [HTTP/x]" or just "TARGET" (a GET, by the convention).
        const std::string_view text = first.text;
        const std::size_t lead = text.find_first_not_of(" \t");
        const std::size_t space = text.find_first_of(" \t", lead);
        const std::string_view word =
            text.substr(lead, space == std::string_view::npos ? std::string_view::npos : space - lead);
        std::size_t target_begin = lead;
        if (space != std::string_view::npos && is_method(word)) {
            request_.method = std::string(word);
            request_.method_at = {first.number, column_of(text, lead)};
            // "PUT " with nothing after it: no target (an http-path finding), not past the end.
            target_begin = std::min(text.size(), text.find_first_not_of(" \t", space));
        } else {
            request_.method = "GET";
            request_.method_at = {first.number, column_of(text, lead)};
        }
        std::string_view target = text.substr(target_begin);
        if (const auto version = target.rfind(" HTTP/"); version != std::string_view::npos) {
            target = target.substr(0, version);
        }
        request_.target = std::string(trim(target));
        request_.target_at = {first.number, column_of(text, target_begin)};
    }

    void header(const Line& header_line)
    {
        const std::string_view line = header_line.text;
        if (comment(line)) return;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return;
        HttpHeader header;
        const std::size_t name_begin = line.find_first_not_of(" \t");
        header.name = std::string(trim(line.substr(0, colon)));
        header.name_at = {header_line.number, column_of(line, name_begin)};
        const std::size_t value_begin = std::min(line.size(), line.find_first_not_of(" \t", colon + 1));
        header.value = std::string(trim(line.substr(colon + 1)));
        header.value_at = {header_line.number, column_of(line, value_begin)};
        request_.headers.push_back(std::move(header));
    }

    State state_ = State::before_request;
    HttpRequest request_;
    std::size_t body_kept_ = 0;  // the body's size up to its last non-blank line
};

}  // namespace
}  // namespace drslint::input

namespace drslint {

bool for_each_http_request(std::string_view text, const std::function<bool(HttpRequest&&)>& each)
{
    using namespace input;
    LineReader lines(text);
    Block block;
    HttpRequest request;
    Line line{};
    for (bool more = true; more;) {
        more = lines.next(line);
        if (more && !starts_with(trim(line.text), "###")) {
            block.add(line);
            continue;
        }
        if (block.take(request) && !each(std::move(request))) return false;
    }
    return true;
}

std::vector<HttpRequest> parse_http_file(std::string_view text)
{
    std::vector<HttpRequest> requests;
    for_each_http_request(text, [&requests](HttpRequest&& request) {
        requests.push_back(std::move(request));
        return true;
    });
    return requests;
}

}  // namespace drslint
