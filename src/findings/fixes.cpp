#include "findings/fixes.h"

#include <algorithm>
#include <optional>
#include <unordered_set>
#include <utility>

#include "core/pointer.h"
#include "core/rule_table.h"
#include "core/secrets.h"
#include "core/text.h"
#include "parse/json_parser.h"
#include "parse/position_index.h"

namespace drslint::findings {
namespace {

using core::Located;
using core::RuleId;

// schema::TypeBit values (Located::expected_types); the schema layer comes after this one.
constexpr unsigned kBooleanBit = 2, kNumberBit = 16, kStringBit = 32, kIntegerBit = 64;
// Longest integer a fix writes out from an exponent (1e400 is an integer, but no field's value).
constexpr std::size_t kMaxIntegerDigits = 40;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

const FixInfo* declared(const rules::RuleCatalogue& catalogue, const std::string& rule, std::string_view kind)
{
    for (const auto& fix : catalogue.get(rule).info.fixes) {
        if (fix.kind == kind) return &fix;
    }
    return nullptr;
}

std::string json_string(std::string_view text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static const char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out += kHex[(c >> 4) & 0xF];
            out += kHex[c & 0xF];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

bool equal_ignoring_case(std::string_view a, std::string_view b, bool separators)
{
    auto fold = [&](char c) {
        if (separators && c == '-') c = '_';
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return fold(x) == fold(y); });
}

// JSON's number grammar (RFC 8259 §6), whole text; `integer`: no fraction or exponent.
bool is_json_number(std::string_view s, bool integer)
{
    std::size_t i = 0;
    auto digits = [&] {
        const std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        return i > start;
    };
    if (i < s.size() && s[i] == '-') ++i;
    if (i < s.size() && s[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (!integer && i < s.size() && s[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (!integer && i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == s.size();
}

// The plain integer a JSON number with a zero fraction or an exponent spells ("16.0", "1.6e1",
// "-0.0" → "16", "16", "0"), computed on the digits, so it is exact however large; nullopt when
// it has a non-zero fraction or more than kMaxIntegerDigits digits.
std::optional<std::string> integer_text(std::string_view raw)
{
    if (!is_json_number(raw, false)) return std::nullopt;
    std::size_t i = 0;
    const bool negative = raw[0] == '-';
    if (negative) ++i;
    std::string digits;
    long long point = 0;  // digits before the decimal point
    while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9') digits += raw[i++], ++point;
    if (i < raw.size() && raw[i] == '.') {
        ++i;
        while (i < raw.size() && raw[i] >= '0' && raw[i] <= '9') digits += raw[i++];
    }
    if (i < raw.size()) {  // the exponent
        ++i;
        const bool down = raw[i] == '-';
        if (raw[i] == '+' || raw[i] == '-') ++i;
        long long exponent = 0;
        for (; i < raw.size(); ++i) {
            exponent = std::min<long long>(exponent * 10 + (raw[i] - '0'), 1000000);
        }
        point += down ? -exponent : exponent;
    }
    std::string whole;
    for (long long k = 0; k < point; ++k) {
        whole += k < static_cast<long long>(digits.size()) ? digits[static_cast<std::size_t>(k)] : '0';
        if (whole.size() > kMaxIntegerDigits + digits.size()) return std::nullopt;
    }
    for (std::size_t k = static_cast<std::size_t>(std::max<long long>(point, 0)); k < digits.size(); ++k) {
        if (digits[k] != '0') return std::nullopt;
    }
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
    if (whole.empty()) return std::string("0");
    if (whole.size() > kMaxIntegerDigits) return std::nullopt;
    return negative ? "-" + whole : whole;
}

// The bytes that removing a member takes: the member and the comma and spaces that separate it
// from the next one, or from the one before when it is the last; all that the braces hold when it
// is the only one. So `{"a": 1, "b": 2}` loses `"a": 1, ` or `, "b": 2`, and the lines around
// keep their indentation.
std::pair<std::size_t, std::size_t> member_removal(std::string_view text, const parse::Span& span)
{
    std::size_t after = span.end;
    while (after < text.size() && is_space(text[after])) ++after;
    if (after < text.size() && text[after] == ',') {
        std::size_t next = after + 1;
        while (next < text.size() && is_space(text[next])) ++next;
        return {span.key_begin, next};
    }
    std::size_t before = span.key_begin;
    while (before > 0 && is_space(text[before - 1])) --before;
    if (before > 0 && text[before - 1] == ',') return {before - 1, span.end};
    return {before, span.end};
}

// The value ranges of every secret (a member core::is_secret_member names, with all it holds), and
// of the members that hold one, found by walking `value`.
void secret_pointers(const rapidjson::Value& value, std::string& pointer, std::vector<std::string>& out)
{
    if (value.IsObject()) {
        for (const auto& member : value.GetObject()) {
            const std::size_t size = pointer.size();
            const std::string_view name(member.name.GetString(), member.name.GetStringLength());
            core::append_pointer_token(pointer, name);
            if (core::is_secret_member(name)) {
                out.push_back(pointer);
            } else {
                secret_pointers(member.value, pointer, out);
            }
            pointer.resize(size);
        }
    } else if (value.IsArray()) {
        for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
            const std::size_t size = pointer.size();
            core::append_pointer_index(pointer, i);
            secret_pointers(value[i], pointer, out);
            pointer.resize(size);
        }
    }
}

// What a rule's finding would be repaired by, before the index knows where anything is.
struct Proposal {
    std::size_t index;           // into `located`
    const FixInfo* info;
    std::string place;           // the pointer whose span the edit replaces
    std::size_t occurrence = 0;  // of `place` (duplicates)
    bool member = false;         // removes the whole member; else replaces the key or the value
    bool key = false;            // replaces the key
    std::string replacement;     // for a value: empty means "computed from the span's text"
    std::string message;
};

std::string short_form(const std::string& replacement)
{
    return replacement.size() <= core::kMaxQuotedCodePoints ? core::printable(replacement, core::kMaxQuotedCodePoints)
                                                             : std::string();
}

std::optional<Proposal> propose(const Located& l, const rapidjson::Value& document, const rules::RuleCatalogue& catalogue)
{
    const Finding& f = l.finding;
    if (l.offset || core::is_secret_pointer(f.pointer)) return std::nullopt;
    const core::RuleEntry* entry = core::find_entry(f.rule);
    if (entry == nullptr) return std::nullopt;
    const rapidjson::Value* value = parse::value_at(document, f.pointer);
    auto make = [&](std::string_view kind) -> std::optional<Proposal> {
        const FixInfo* info = declared(catalogue, f.rule, kind);
        if (info == nullptr) return std::nullopt;
        Proposal p;
        p.info = info;
        p.place = f.pointer;
        return p;
    };
    const std::string name = core::last_pointer_token(f.pointer);
    switch (core::id_of(*entry)) {
    case RuleId::type_mismatch: {
        if (value == nullptr) return std::nullopt;
        if ((l.expected_types & kStringBit) && (value->IsNumber() || value->IsBool())) {
            auto p = make("quote");
            if (p) p->message = "write the value in quotes";
            return p;
        }
        if (!value->IsString()) return std::nullopt;
        const std::string_view s(value->GetString(), value->GetStringLength());
        const bool boolean = (l.expected_types & kBooleanBit) && (s == "true" || s == "false");
        const bool number = ((l.expected_types & kIntegerBit) && is_json_number(s, true)) ||
                            ((l.expected_types & kNumberBit) && is_json_number(s, false));
        if (!boolean && !number) return std::nullopt;
        auto p = make("unquote");
        if (!p) return p;
        p->replacement = std::string(s);
        p->message = "write " + short_form(p->replacement) + " without quotes";
        return p;
    }
    case RuleId::integer_form: {
        auto p = make("integer");
        if (p) p->message = "write the integer";  // the replacement comes from the span's text
        return p;
    }
    case RuleId::enum_value: {
        if (value == nullptr || !value->IsString() || f.suggestion.empty()) return std::nullopt;
        const std::string_view s(value->GetString(), value->GetStringLength());
        auto p = make(equal_ignoring_case(s, f.suggestion, false) ? "case" : "spelling");
        if (!p) return p;
        p->replacement = json_string(f.suggestion);
        p->message = "write " + short_form(p->replacement);
        return p;
    }
    case RuleId::job_type_renamed: {
        auto p = make("replace-value");
        if (!p || p->info->replacement.empty()) return std::nullopt;
        p->replacement = json_string(p->info->replacement);
        p->message = "write " + short_form(p->replacement);
        return p;
    }
    case RuleId::unknown_member: {
        const rapidjson::Value* parent = parse::value_at(document, core::parent_pointer(f.pointer));
        if (parent == nullptr || !parent->IsObject()) return std::nullopt;
        const bool taken = !f.suggestion.empty() &&
                           parent->FindMember(rapidjson::Value(f.suggestion.data(),
                                                               static_cast<rapidjson::SizeType>(f.suggestion.size()))) !=
                               parent->MemberEnd();
        if (!f.suggestion.empty() && !taken) {
            auto p = make(equal_ignoring_case(name, f.suggestion, true) ? "rename-case" : "rename");
            if (!p) return p;
            p->key = true;
            p->replacement = json_string(f.suggestion);
            p->message = "rename `" + core::printable(name) + "` to `" + core::printable(f.suggestion) + "`";
            return p;
        }
        auto p = make("remove");
        if (!p) return p;
        p->member = true;
        p->message = "remove `" + core::printable(name) + "`";
        return p;
    }
    case RuleId::params_member_unused: {
        auto p = make("remove");
        if (!p) return p;
        p->member = true;
        p->message = "remove `" + core::printable(name) + "`";
        return p;
    }
    case RuleId::duplicate_key: {
        if (l.occurrence == 0) return std::nullopt;
        auto p = make("remove");
        if (!p) return p;
        p->member = true;
        p->occurrence = l.occurrence - 1;
        p->message = "remove the earlier `" + core::printable(name) + "`, keep the last";
        return p;
    }
    default:
        return std::nullopt;
    }
}

}  // namespace

void propose_fixes(std::string_view text, const rapidjson::Value& document, std::vector<Located>& located,
                   const rules::RuleCatalogue& catalogue)
{
    std::vector<Proposal> proposals;
    for (std::size_t i = 0; i < located.size(); ++i) {
        if (auto p = propose(located[i], document, catalogue)) {
            p->index = i;
            proposals.push_back(std::move(*p));
        }
    }
    if (proposals.empty()) return;

    std::vector<std::string> secrets;
    std::string pointer;
    secret_pointers(document, pointer, secrets);
    std::unordered_set<std::string> wanted(secrets.begin(), secrets.end());
    for (const auto& p : proposals) wanted.insert(p.place);
    const parse::PositionIndex index(text, wanted);
    // Byte ranges no edit may touch: every secret member, its name, its value and all inside.
    std::vector<std::pair<std::size_t, std::size_t>> forbidden;
    for (const auto& secret : secrets) {
        for (std::size_t k = 0;; ++k) {
            const parse::Span* span = index.find(secret, k);
            if (span == nullptr) break;
            forbidden.emplace_back(span->key_begin == parse::Span::npos ? span->begin : span->key_begin, span->end);
        }
    }
    const parse::LineMap lines(text);
    for (auto& p : proposals) {
        const parse::Span* span = index.find(p.place, p.occurrence);
        if (span == nullptr) continue;
        Edit edit;
        if (p.member || p.key) {
            if (span->key_begin == parse::Span::npos) continue;
            const auto range = p.member ? member_removal(text, *span) : std::make_pair(span->key_begin, span->key_end);
            edit.offset = range.first;
            edit.length = range.second - range.first;
            edit.replacement = p.replacement;
        } else {
            edit.offset = span->begin;
            edit.length = span->end - span->begin;
            const std::string_view raw = text.substr(span->begin, span->end - span->begin);
            if (p.info->kind == "quote") {
                edit.replacement = "\"" + std::string(raw) + "\"";
                if (const std::string shown = short_form(edit.replacement); !shown.empty()) p.message = "write " + shown;
            } else if (p.info->kind == "integer") {
                const auto integer = integer_text(raw);
                if (!integer) continue;
                edit.replacement = *integer;
                p.message = "write " + *integer;
            } else if (p.info->kind == "unquote") {
                // Only a string written without escapes: its text is then exactly its value.
                if (raw.size() < 2 || raw.substr(1, raw.size() - 2) != p.replacement) continue;
                edit.replacement = p.replacement;
            } else {
                edit.replacement = p.replacement;
            }
        }
        const std::size_t end = edit.offset + edit.length;
        if (std::any_of(forbidden.begin(), forbidden.end(),
                        [&](const auto& r) { return edit.offset < r.second && r.first < end; })) {
            continue;
        }
        edit.begin = lines.position(edit.offset);
        edit.end = lines.position(end);
        Fix fix;
        fix.applicability = p.info->applicability;
        fix.kind = p.info->kind;
        fix.message = p.message.empty() ? p.info->summary : p.message;
        fix.edits.push_back(std::move(edit));
        located[p.index].finding.fix = std::move(fix);
    }
}

Fix byte_order_mark_fix(const rules::RuleCatalogue& catalogue)
{
    Fix fix;
    const FixInfo* info = declared(catalogue, std::string(core::id_of(RuleId::byte_order_mark)), "remove-mark");
    fix.applicability = info != nullptr ? info->applicability : Applicability::safe;
    fix.kind = "remove-mark";
    fix.message = "remove the byte-order mark";
    Edit edit;
    edit.offset = 0;
    edit.length = parse::kByteOrderMark.size();
    edit.begin = edit.end = {1, 1};
    fix.edits.push_back(std::move(edit));
    return fix;
}

void shift(Fix& fix, std::size_t bytes)
{
    for (auto& edit : fix.edits) edit.offset += bytes;
}

std::string apply(std::string_view text, const std::vector<const Fix*>& fixes, std::vector<bool>* applied)
{
    std::vector<std::size_t> ordered;
    for (std::size_t i = 0; i < fixes.size(); ++i) {
        if (fixes[i] != nullptr && !fixes[i]->edits.empty()) ordered.push_back(i);
    }
    std::stable_sort(ordered.begin(), ordered.end(), [&](std::size_t a, std::size_t b) {
        return fixes[a]->edits.front().offset < fixes[b]->edits.front().offset;
    });
    if (applied != nullptr) applied->assign(fixes.size(), false);
    std::vector<const Edit*> edits;  // accepted, sorted by offset, none overlapping
    auto after = [](std::size_t offset, const Edit* x) { return offset < x->offset; };
    for (const std::size_t i : ordered) {
        auto overlaps = [&](const Edit& e) {
            const std::size_t end = e.offset + e.length;
            if (end > text.size() || end < e.offset) return true;
            // Only the accepted edit starting last at or before e, and the one after it, can overlap.
            auto it = std::upper_bound(edits.begin(), edits.end(), e.offset, after);
            auto clash = [&](const Edit* x) {
                return (e.offset < x->offset + x->length && x->offset < end) || x->offset == e.offset;
            };
            return (it != edits.end() && clash(*it)) || (it != edits.begin() && clash(*(it - 1)));
        };
        if (std::any_of(fixes[i]->edits.begin(), fixes[i]->edits.end(), overlaps)) continue;
        for (const Edit& e : fixes[i]->edits) {
            edits.insert(std::upper_bound(edits.begin(), edits.end(), e.offset, after), &e);
        }
        if (applied != nullptr) (*applied)[i] = true;
    }
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    for (const Edit* e : edits) {
        out.append(text.substr(at, e->offset - at));
        out.append(e->replacement);
        at = e->offset + e->length;
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace drslint::findings
