#include "findings/schema_findings.h"

#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "core/pointer.h"
#include "core/rule_table.h"
#include "core/secrets.h"
#include "core/suggest.h"
#include "core/text.h"
#include "parse/value_text.h"

namespace drslint::findings {
namespace {

using schema::Keyword;
using schema::Node;

// As `std::ostream << d` writes it (precision 6, %g), without building a stream per number.
std::string format_number(double d)
{
    char buffer[32];
    const int n = std::snprintf(buffer, sizeof buffer, "%.6g", d);
    return std::string(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string describe_types(std::uint8_t types)
{
    static const std::pair<std::uint8_t, const char*> kNames[] = {
        {schema::kString, "a string"}, {schema::kInteger, "an integer"}, {schema::kNumber, "a number"},
        {schema::kBoolean, "a boolean (true or false)"}, {schema::kObject, "an object"},
        {schema::kArray, "an array"}, {schema::kNull, "null"},
    };
    std::string out;
    for (const auto& [bit, name] : kNames) {
        if (types & bit) {
            out += out.empty() ? "" : " or ";
            out += name;
        }
    }
    return out;
}

std::string describe_range(std::optional<double> low, std::optional<double> high, const char* unit)
{
    const std::string suffix = unit[0] ? std::string(" ") + unit : std::string();
    if (low && high) {
        return *low == *high ? "exactly " + format_number(*low) + suffix
                             : format_number(*low) + " to " + format_number(*high) + suffix;
    }
    if (low) return "at least " + format_number(*low) + suffix;
    if (high) return "at most " + format_number(*high) + suffix;
    return {};
}

std::optional<double> as_double(const std::optional<std::size_t>& v)
{
    return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

// An allowed value as a message lists it, appended to `out`: a string between backticks, as it is
// (the schema's own values), anything else as JSON.
void append_literal(std::string& out, const rapidjson::Value& v)
{
    if (!v.IsString()) {
        out += parse::render_value(v, "");
    } else if (v.GetStringLength() == 0) {
        out += "`\"\"`";  // an empty value would print as two backticks: show it as JSON does
    } else {
        out.append("`").append(v.GetString(), v.GetStringLength()).append("`");
    }
}

// The members a schema node documents, looking through $ref and allOf.
void collect_properties(const Node* node, std::vector<std::string_view>& out, int depth = 0)
{
    if (node == nullptr || depth > 8) return;
    for (const auto& [name, child] : node->properties) out.push_back(name);
    collect_properties(node->ref, out, depth + 1);
    for (const Node* all : node->combinators().all_of) collect_properties(all, out, depth + 1);
}

const Node* resolved(const Node* node)
{
    for (int i = 0; node != nullptr && node->ref != nullptr && i < 8; ++i) node = node->ref;
    return node;
}

// A message quotes at most core::kMaxQuotedCodePoints of a value: where a long value breaks its
// format, it names the character ("; character 151, `!`, is not allowed there"). Never for a secret.
std::string mismatch_hint(const Node& node, const rapidjson::Value& value, bool secret)
{
    const std::string_view text(value.GetString(), value.GetStringLength());
    const std::size_t characters = core::count_code_points(text);
    if (characters <= core::kMaxQuotedCodePoints || secret || !node.pattern) return {};
    const auto at = node.pattern->first_mismatch(text);
    if (!at) return {};
    if (*at == text.size()) return "; it ends before the format is complete";
    std::size_t begin = *at;
    while (begin > 0 && !core::starts_code_point(text[begin])) --begin;
    std::size_t end = begin + 1;
    while (end < text.size() && !core::starts_code_point(text[end])) ++end;
    return "; character " + std::to_string(core::count_code_points(text.substr(0, begin)) + 1) + ", `" +
           core::printable(text.substr(begin, end - begin)) + "`, is not allowed there";
}

// `out` = the pieces, one after another, in one allocation (a hint is built for many findings).
void concat(std::string& out, std::initializer_list<std::string_view> pieces)
{
    std::size_t size = 0;
    for (std::string_view piece : pieces) size += piece.size();
    out.clear();
    out.reserve(size);
    for (std::string_view piece : pieces) out.append(piece);
}

// A message's temporaries, kept per thread with their capacity: every finding builds a message
// (a batch has one every few lines), and each of these was an allocation per finding. Their sizes
// are bounded by the schema's names and the quoting limits, whatever the body.
struct Scratch {
    std::string subject, object, hint;
    std::vector<std::string_view> names;  // documented members, or allowed values
};

Scratch& this_threads_scratch()
{
    thread_local Scratch scratch;
    return scratch;
}

// A message's values as views (no keyword fills more than kMax). A view of a temporary would
// dangle, so a value is a string that outlives the message, or a literal.
struct MessageValues {
    static constexpr std::size_t kMax = 6;
    core::MessageArgView args[kMax];
    std::size_t count = 0;

    void operator()(std::string_view name, const std::string& text) { add(name, text); }
    void operator()(std::string_view name, const char* literal) { add(name, literal); }
    void operator()(std::string_view name, std::string&& text) = delete;

private:
    void add(std::string_view name, std::string_view text)
    {
        if (count < kMax) args[count++] = {name, text};
    }
};

}  // namespace

Finding finding_from_violation(schema::Violation&& violation, const rules::RuleCatalogue& catalogue, bool* secret)
{
    Finding finding;
    finding_from_violation(std::move(violation), catalogue, finding, secret);
    return finding;
}

void finding_from_violation(schema::Violation&& v, const rules::RuleCatalogue& catalogue, Finding& finding, bool* in_secret)
{
    const Node& node = *v.node;
    const rapidjson::Value& value = *v.value;
    const bool secret = core::is_secret_pointer(v.pointer);
    if (in_secret != nullptr) *in_secret = secret;
    // Set by every case of the switch: the rule of a plain keyword, unless a tag overrides it.
    core::RuleId rule = core::RuleId::schema_constraint;
    // The message's values: views of the finding's own strings (its expected, its suggestion) and
    // of these, which live until the message is built.
    MessageValues arg;
    Scratch& scratch = this_threads_scratch();
    std::string& subject = scratch.subject;
    std::string& object = scratch.object;
    std::string& hint = scratch.hint;
    std::string shown;
    hint.clear();
    core::describe_pointer(v.pointer, subject);
    arg("subject", subject);

    switch (v.keyword) {
    case Keyword::type: {
        rule = core::RuleId::type_mismatch;
        finding.expected = describe_types(node.types);
        arg("expected", finding.expected);
        shown = parse::describe_type(value);
        arg("actual", shown);
        if ((node.types & schema::kString) && value.IsNumber()) {
            const std::string rendered = parse::render_value_in(value, secret);
            hint = rendered == core::kRedacted ? std::string("; put the value in quotes")
                                               : "; write \"" + rendered + "\", not " + rendered;
            arg("hint", hint);
        } else if ((node.types & schema::kBoolean) && value.IsString() &&
                   (value == rapidjson::Value("true") || value == rapidjson::Value("false"))) {
            concat(hint, {"; write ", {value.GetString(), value.GetStringLength()}, " without quotes"});
            arg("hint", hint);
        } else if ((node.types & (schema::kInteger | schema::kNumber)) && value.IsString()) {
            arg("hint", "; write the number without quotes");
        }
        break;
    }
    case Keyword::required: {
        rule = core::RuleId::required_member;
        finding.expected = "`" + v.member + "`";
        arg("member", v.member);
        core::describe_pointer(core::parent_pointer(v.pointer), object);
        arg("object", object);
        // The member's row is in the table of the object that lacks it; its own table (if it is an
        // object) describes what goes inside: "(Table 4; its members: Table 5 — params (UpdateJob))".
        const std::string_view title = node.title;
        const std::string_view row = title.rfind("Table ", 0) == 0 ? title.substr(0, title.find(" \xE2\x80\x94")) : "";
        const Node* child = resolved(node.property(v.member));
        const std::string_view inside = child != nullptr ? std::string_view(child->title) : std::string_view();
        if (!row.empty() && !inside.empty()) {
            hint.append(" (").append(row).append("; its members: ").append(inside).append(")");
            arg("hint", hint);
        } else if (!row.empty() || !inside.empty()) {
            hint.append(" (").append(row.empty() ? inside : row).append(")");
            arg("hint", hint);
        }
        break;
    }
    case Keyword::unknown_member: {
        rule = core::RuleId::unknown_member;
        shown = core::printable(v.member);
        arg("member", shown);
        core::describe_pointer(core::parent_pointer(v.pointer), object);
        arg("object", object);
        std::vector<std::string_view>& known = scratch.names;
        known.clear();
        collect_properties(&node, known);
        finding.suggestion = core::closest_match(v.member, known);
        if (!finding.suggestion.empty()) {
            concat(hint, {"; did you mean `", finding.suggestion, "`?"});
            arg("hint", hint);
        }
        break;
    }
    case Keyword::enum_value: {
        rule = core::RuleId::enum_value;
        std::vector<std::string_view>& candidates = scratch.names;
        candidates.clear();
        std::string allowed;
        auto add = [&](const rapidjson::Value& option) {
            if (!allowed.empty()) allowed += ", ";
            append_literal(allowed, option);
            if (option.IsString()) candidates.emplace_back(option.GetString(), option.GetStringLength());
        };
        if (node.enum_values != nullptr) {
            for (const auto& option : node.enum_values->GetArray()) add(option);
        } else if (node.const_value != nullptr) {
            add(*node.const_value);
        }
        finding.expected = std::move(allowed);
        shown = parse::render_value_in(value, secret);
        arg("value", shown);
        arg("allowed", finding.expected);
        arg("expected", finding.expected);
        if (value.IsString() && !secret) {
            finding.suggestion = core::closest_match({value.GetString(), value.GetStringLength()}, candidates);
            if (!finding.suggestion.empty()) {
                concat(hint, {"; did you mean `", finding.suggestion, "`?"});
                arg("hint", hint);
            }
        }
        break;
    }
    case Keyword::min_length:
    case Keyword::max_length: {
        rule = core::RuleId::string_length;
        finding.expected = describe_range(as_double(node.bounds().min_length), as_double(node.bounds().max_length), "characters");
        arg("expected", finding.expected);
        shown = std::to_string(core::count_code_points({value.GetString(), value.GetStringLength()}));
        arg("actual", shown);
        break;
    }
    case Keyword::pattern: {
        rule = core::RuleId::string_format;
        finding.expected = !node.title.empty() ? std::string(node.title) : "a value matching " + node.pattern->source();
        arg("expected", finding.expected);
        shown = parse::render_value_in(value, secret);
        arg("value", shown);
        hint = mismatch_hint(node, value, secret);
        arg("hint", hint);
        break;
    }
    case Keyword::integer_form: {
        // The evaluator notes only integral doubles within 64 bits (see its Walk::note).
        rule = core::RuleId::integer_form;
        const double d = value.GetDouble();
        finding.expected = d < 0 ? std::to_string(static_cast<long long>(d))
                                 : std::to_string(static_cast<unsigned long long>(d));
        arg("expected", finding.expected);
        shown = parse::render_value_in(value, secret);
        arg("value", shown);
        break;
    }
    case Keyword::minimum:
    case Keyword::maximum: {
        rule = core::RuleId::number_range;
        const schema::Limits& b = node.bounds();
        std::optional<double> low = b.minimum, high = b.maximum;
        if (!low && b.exclusive_minimum) low = *b.exclusive_minimum + 1;
        if (!high && b.exclusive_maximum) high = *b.exclusive_maximum - 1;
        finding.expected = describe_range(low, high, "");
        arg("expected", finding.expected);
        shown = parse::render_value_in(value, secret);
        arg("value", shown);
        break;
    }
    case Keyword::min_items:
    case Keyword::max_items: {
        rule = core::RuleId::array_length;
        finding.expected = describe_range(as_double(node.bounds().min_items), as_double(node.bounds().max_items), "items");
        arg("expected", finding.expected);
        shown = std::to_string(value.Size());
        arg("actual", shown);
        break;
    }
    case Keyword::unique_items:
    case Keyword::min_properties:
    case Keyword::max_properties:
    case Keyword::not_schema:
    case Keyword::any_of:
    case Keyword::one_of: {
        rule = core::RuleId::schema_constraint;
        finding.expected = !node.title.empty() ? node.title : !node.description.empty() ? node.description : node.location;
        arg("expected", finding.expected);
        shown = parse::render_value_in(value, secret);
        arg("value", shown);
        // A rule about a whole object (a tagged `not`) names it as {object}, as `required` names the
        // object that lacks a member: children-required-when-not-all is raised both ways.
        if (value.IsObject()) arg("object", subject);
        break;
    }
    }

    // A violation inside a tagged subschema belongs to that rule: its id, severity and message.
    const rules::RuleDefinition& definition = v.rule != nullptr ? catalogue.get(*v.rule) : catalogue.get(rule);
    finding.rule = definition.info.id;
    finding.severity = definition.info.severity;
    finding.message = definition.message.fill(arg.args, arg.count);
    finding.pointer = std::move(v.pointer);
}

}  // namespace drslint::findings
