#include "report/redaction.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "parse/json_parser.h"
#include "parse/pointer.h"
#include "report/suggest.h"

namespace drslint::report {
namespace {

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates), or 0.
std::size_t sequence_length(std::string_view s, std::size_t i)
{
    const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    auto tail = [&](std::size_t k) { return (b(k) & 0xC0) == 0x80; };
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return tail(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const bool ok = tail(1) && tail(2) && !(c == 0xE0 && b(1) < 0xA0) && !(c == 0xED && b(1) >= 0xA0);
        return ok ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const bool ok = tail(1) && tail(2) && tail(3) && !(c == 0xF0 && b(1) < 0x90) && !(c == 0xF4 && b(1) >= 0x90);
        return ok ? 4 : 0;
    }
    return 0;
}

unsigned decode(std::string_view s, std::size_t i, std::size_t length)
{
    static const unsigned kLead[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned cp = static_cast<unsigned char>(s[i]) & kLead[length];
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

// Characters a terminal or an editor acts on instead of showing: C0 and C1 controls, DEL, and the
// bidirectional marks and overrides that reorder what is displayed ("Trojan Source").
bool acts_on_display(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

// Appends `text`, escaping what acts_on_display() and bytes that are not UTF-8 (so the result is
// always valid UTF-8); in a quoted literal, '"' and '\\' too. Stops with "…" after max_code_points.
void append_printable(std::string& out, std::string_view text, std::size_t max_code_points, bool literal)
{
    std::size_t code_points = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (++code_points > max_code_points) {
            out += "…";
            return;
        }
        const std::size_t length = sequence_length(text, i);
        char escaped[16];
        if (length == 0) {
            std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned char>(text[i]));
            out += escaped;
            ++i;
            continue;
        }
        const unsigned cp = decode(text, i, length);
        if (acts_on_display(cp)) {
            std::snprintf(escaped, sizeof escaped, "\\u%04x", cp);
            out += escaped;
        } else {
            if (literal && (cp == '"' || cp == '\\')) out.push_back('\\');
            out.append(text, i, length);
        }
        i += length;
    }
}

}  // namespace

bool is_secret_member(std::string_view name)
{
    constexpr std::size_t kNearMiss = 2;
    // Longer names are no near miss of a short secret name, and searching them stays linear.
    constexpr std::size_t kMaxNearMissBytes = 32;
    if (name.size() <= kMaxNearMissBytes) {
        for (std::string_view secret : kSecretMembers) {
            const std::size_t longer = std::max(name.size(), secret.size());
            const std::size_t shorter = std::min(name.size(), secret.size());
            if (longer - shorter <= kNearMiss && edit_distance(name, secret, kNearMiss) <= kNearMiss) {
                return true;
            }
        }
    }
    if (name.size() > kMaxSecretNameBytes) return false;
    static constexpr std::string_view kNotSecret[] = {"is_set_password"};
    for (std::string_view documented : kNotSecret) {
        if (name == documented) return false;
    }
    auto contains = [name](std::string_view word) {
        return std::search(name.begin(), name.end(), word.begin(), word.end(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
               }) != name.end();
    };
    return contains("password") || contains("passwd");
}

bool is_secret_pointer(std::string_view pointer)
{
    bool secret = false;
    if (!parse::for_each_raw_token(pointer, [&secret](std::string_view raw) {
            secret = secret || is_secret_member(parse::unescape_token(raw));
        })) {
        return true;  // cannot tell: be safe
    }
    return secret;
}

std::string redact_pointer(std::string_view pointer)
{
    std::size_t end = pointer.size();
    bool found = false;
    std::size_t at = 0;
    const bool wellformed = parse::for_each_raw_token(pointer, [&](std::string_view raw) {
        at = static_cast<std::size_t>(raw.data() - pointer.data()) + raw.size();
        if (!found && is_secret_member(parse::unescape_token(raw))) {
            found = true;
            end = at;
        }
    });
    return wellformed ? std::string(pointer.substr(0, end)) : std::string();
}

void redact_finding(Finding& finding, std::string_view summary)
{
    std::string cut = redact_pointer(finding.pointer);
    if (cut.size() == finding.pointer.size()) return;
    // Strictly inside a secret: what is wrong there could only be said with what is there.
    std::string secret = "`" + printable(parse::last_pointer_token(cut)) + "`";
    finding.message = secret + " holds a secret, so nothing inside it is shown: " + std::string(summary);
    finding.suggestion.clear();
    finding.expected.clear();
    finding.pointer = std::move(cut);
}

std::string render_value(const rapidjson::Value& value, std::string_view pointer)
{
    if (is_secret_pointer(pointer)) {
        return std::string(kRedacted);
    }
    if (value.IsObject()) {
        return "an object";
    }
    if (value.IsArray()) {
        return "an array of " + std::to_string(value.Size()) + " items";
    }
    if (!value.IsString()) {
        parse::StringBuffer buffer;  // throws std::bad_alloc rather than write through null
        parse::Writer<parse::StringBuffer> writer(buffer);
        value.Accept(writer);
        return buffer.GetString();
    }
    std::string out = "\"";
    append_printable(out, {value.GetString(), value.GetStringLength()}, kMaxRenderedCodePoints, true);
    out.push_back('"');
    return out;
}

std::string printable(std::string_view text, std::size_t max_code_points)
{
    std::string out;
    append_printable(out, text, max_code_points, false);
    return out;
}

std::string describe_type(const rapidjson::Value& value)
{
    switch (value.GetType()) {
    case rapidjson::kNullType: return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return "a boolean";
    case rapidjson::kObjectType: return "an object";
    case rapidjson::kArrayType: return "an array";
    case rapidjson::kStringType: return "a string";
    case rapidjson::kNumberType: return value.IsInt64() || value.IsUint64() ? "an integer" : "a number";
    }
    return "a value";
}

}  // namespace drslint::report
