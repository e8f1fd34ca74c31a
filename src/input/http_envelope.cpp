#include "input/http_envelope.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace drslint::input {
namespace {

using core::RuleId;

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The name of the header when `target` (the rest of a request's first line) reads "Name: value",
// as when the request line is missing; else "". "https://..." is a URL: its colon is followed by '/'.
std::string_view header_line_name(std::string_view target)
{
    const auto colon = target.find(':');
    if (colon == std::string_view::npos || colon == 0) return {};
    const std::string_view name = target.substr(0, colon);
    const bool token = std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
    const bool value_follows = colon + 1 == target.size() || target[colon + 1] == ' ' || target[colon + 1] == '\t';
    return token && value_follows ? name : std::string_view();
}

// The path of a request target: without scheme and host ("https://{endpoint}/v5/..." or
// "{{host}}/v5/..."), query and fragment.
std::string_view target_path(std::string_view target)
{
    if (const auto scheme = target.find("://"); scheme != std::string_view::npos) {
        target.remove_prefix(scheme + 3);
        const auto slash = target.find('/');
        target.remove_prefix(slash == std::string_view::npos ? target.size() : slash);
    } else if (!target.empty() && target.front() != '/') {
        const auto slash = target.find('/');
        target.remove_prefix(slash == std::string_view::npos ? target.size() : slash);
    }
    return target.substr(0, target.find_first_of("?#"));
}

EnvelopeFinding finding(RuleId rule, std::string pointer, core::MessageArgs args, std::string expected, Position at)
{
    return {rule, std::move(pointer), std::move(args), std::move(expected), {}, at};
}

void read_request_line(const HttpRequest& request, Envelope& envelope)
{
    // A first line "Name: value" is a header, not a request line (the request line was left out or
    // commented out): quoting it as a method or path would print the header's value, a token.
    if (const std::string_view header = header_line_name(request.target); !header.empty()) {
        envelope.request_line.push_back(finding(RuleId::http_request_line, "/method",
                                                {{"member", core::printable(header, 64)}}, "PUT", request.method_at));
        return;
    }
    if (request.method != "PUT") {
        // A {{variable}} for the method could be anything: only a literal PUT is this API.
        std::string value = "`" + core::printable(request.method, 32) + "`";
        if (is_templated(request.method)) value += " (a variable, which drslint cannot check: write PUT)";
        EnvelopeFinding f = finding(RuleId::http_method, "/method", {{"value", value}}, "PUT", request.method_at);
        f.suggestion = iequals(request.method, "PUT") ? "PUT" : "";
        envelope.request_line.push_back(std::move(f));
    }
    const std::string_view path = target_path(request.target);
    std::vector<std::string_view> segments;
    for (std::size_t start = 1; start <= path.size();) {
        const auto slash = std::min(path.find('/', start), path.size());
        segments.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    if (!segments.empty() && segments.back().empty()) segments.pop_back();  // a trailing slash
    // `v5` and `jobs` must be written out; {{variables}} may stand only for the two
    // parameters, whose values are then unknown (like a header's) and not checked.
    if (segments.size() == 4 && segments[0] == "v5" && segments[2] == "jobs") {
        envelope.path_parameters.push_back({"project_id", std::string(segments[1]), request.target_at});
        envelope.path_parameters.push_back({"job_id", std::string(segments[3]), request.target_at});
        return;
    }
    const std::string_view shown = path.empty() ? std::string_view(request.target) : path;
    std::string value = "`" + core::printable(shown, 100) + "`";
    if (is_templated(shown)) value += " (its {{variables}} may stand only for the project and job ids)";
    envelope.request_line.push_back(
        finding(RuleId::http_path, "/path", {{"value", value}}, "/v5/{project_id}/jobs/{job_id}", request.target_at));
}

void read_headers(const HttpRequest& request, Envelope& envelope)
{
    static const char* const kTable2[] = {"Content-Type", "X-Auth-Token", "X-Language"};
    for (const auto& header : request.headers) {
        std::string name = header.name;
        for (const char* known : kTable2) {
            if (iequals(name, known)) name = known;
        }
        const bool repeated = std::any_of(envelope.headers.begin(), envelope.headers.end(),
                                          [&name](const EnvelopeMember& m) { return m.name == name; });
        if (repeated) continue;  // the first of repeated headers is checked
        envelope.headers.push_back({std::move(name), header.value, header.value_at});
    }
    const auto type = std::find_if(envelope.headers.begin(), envelope.headers.end(),
                                   [](const EnvelopeMember& m) { return m.name == "Content-Type"; });
    if (type == envelope.headers.end() || is_templated(type->value)) return;
    std::string_view media(type->value);
    media = media.substr(0, media.find(';'));
    while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
    if (!iequals(media, "application/json")) {
        envelope.media_type.push_back(finding(RuleId::content_type_json, "/headers/Content-Type",
                                              {{"value", core::quoted(type->value)}}, "application/json", type->at));
    }
}

}  // namespace

bool is_templated(std::string_view value) { return value.find("{{") != std::string_view::npos; }

bool is_variable(std::string_view s)
{
    return s.size() > 4 && s.substr(0, 2) == "{{" && s.substr(s.size() - 2) == "}}" && s.find("}}") == s.size() - 2;
}

Envelope read_envelope(const HttpRequest& request)
{
    Envelope envelope;
    read_request_line(request, envelope);
    read_headers(request, envelope);
    return envelope;
}

}  // namespace drslint::input
