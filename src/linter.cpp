// The facade: a Linter orchestrates the stages and decides nothing itself. A body is parsed
// (parse/), checked by the schemas (schema/, findings/schema_findings) and the rules (rules/),
// and its findings are merged, placed and cut to the limit (findings/finish).
#include "drslint/linter.h"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/located.h"
#include "core/pointer.h"
#include "core/rule_table.h"
#include "core/secrets.h"
#include "core/text.h"
#include "findings/cross_check.h"
#include "findings/finish.h"
#include "findings/fixes.h"
#include "findings/schema_findings.h"
#include "input/http_body_place.h"
#include "input/http_envelope.h"
#include "parse/json_parser.h"
#include "parse/shorten.h"
#include "parse/value_text.h"
#include "rules/facts.h"
#include "rules/rule_catalogue.h"
#include "rules/rule_engine.h"
#include "schema/embedded.h"
#include "schema/evaluator.h"
#include "schema/lookup.h"
#include "schema/schema_set.h"
#include "schema/valijson_engine.h"

namespace drslint {
namespace {

constexpr const char* kRootSchema = "request/update-job-request.schema.json";
constexpr const char* kRuleCatalogue = "rules.json";

using core::Anchor;
using core::Located;
using core::RuleId;
using findings::Overflow;

// Refuses limits that are 0 (nothing could be checked) or above kLimitCeilings (beyond them a
// lint() could overflow a small thread stack or hold the memory of an absurd input).
Options checked(Options options)
{
    const Limits& l = options.limits;
    const std::pair<const char*, std::pair<std::size_t, std::size_t>> limits[] = {
        {"max_input_bytes", {l.max_input_bytes, kLimitCeilings.max_input_bytes}},
        {"max_depth", {l.max_depth, kLimitCeilings.max_depth}},
        {"max_pattern_length", {l.max_pattern_length, kLimitCeilings.max_pattern_length}},
        {"max_findings", {l.max_findings, kLimitCeilings.max_findings}},
    };
    for (const auto& [name, value] : limits) {
        if (value.first == 0 || value.first > value.second) {
            throw std::invalid_argument(std::string("limit ") + name + " is " + std::to_string(value.first) +
                                        "; it must be 1 to " + std::to_string(value.second));
        }
    }
    return options;
}

// Findings collected per body before the schema stage stops looking: enough to pick the first
// max_findings by position after repeats are dropped, few enough that a body with a violation per
// value (millions) costs bounded memory and time.
// Violations collapse into fewer findings (a branch of an allOf, a member and its value), so a
// cap near the limit would turn an exact count into "at least": with a floor, a small limit
// (--max-findings 1) still counts what a hand-written body holds exactly, and the work stays bounded.
std::size_t collection_cap(const Limits& limits) { return std::max<std::size_t>(4 * limits.max_findings, 1024); }

Located at_offset(Finding finding, std::size_t offset)
{
    Located l;
    l.finding = std::move(finding);
    l.offset = offset;
    return l;
}

}  // namespace

struct Linter::Impl {
    explicit Impl(Options o)
        : options(checked(std::move(o))),
          catalogue(embedded::file(kRuleCatalogue), core::DataChecks::built_in, rules::RuleCatalogue::Examples::on_demand),
          schemas(embedded::api_schema_files(), core::DataChecks::built_in),
          root(schemas.root(kRootSchema)),
          engine(catalogue)
    {
        rules::check_matches_rule_table(catalogue);
        for (const auto& tag : schemas.rule_tags()) {
            if (catalogue.find(tag) == nullptr) {
                throw std::runtime_error("schema rule tag '" + tag + "' has no entry in rules.json");
            }
        }
        if (options.cross_check_with_valijson) {
            valijson.emplace(schemas, kRootSchema);
        }
    }

    Finding make(RuleId rule, std::string pointer, const core::MessageArgs& args) const
    {
        return findings::make(catalogue, rule, std::move(pointer), args);
    }

    // Lints JSON text against a schema root; the rule engine runs only for request bodies, which
    // is when a task context is given. With `overflow`, findings beyond the limit are counted there
    // instead of in a too-many-findings finding (for a caller that sums them over a file).
    // `variables`: the body is an .http request's, whose {{variables}} are values not known here.
    // `propose`: offer fixes (Options::offer_fixes), proven by prove_fixes(); off for the lint
    // that proves them.
    Report lint(std::string_view text, const schema::Node& schema_root, const TaskContext* context,
                Overflow* overflow = nullptr, bool variables = false, bool propose = true) const;
    // Keeps only the fixes of `report` (on `text`, as lint() made it) that hold: applied together
    // to the text, it parses, no finding they fix is left and no error is new.
    void prove_fixes(std::string_view text, Report& report, const schema::Node& schema_root,
                     const TaskContext* context, bool variables) const;
    Report lint_request(const HttpRequest& request, const TaskContext& context, Overflow* overflow = nullptr) const;
    Report lint_http_file(std::string_view text, const TaskContext& context, std::size_t* requests) const;
    void check_envelope(const HttpRequest& request, std::vector<Finding>& out) const;
    // Returns true when it stopped collecting at collection_cap().
    // `unique_keys`: the document has no duplicate member names (see the cross-check below).
    bool check_schema(const rapidjson::Value& document, const schema::Node& schema_root, bool unique_keys,
                      std::vector<Located>& out) const;
    // truncated: the findings are the first of more than were collected (see collection_cap).
    // `parsed`: the parse of `text`, where the findings are placed; null when it did not parse.
    Report finish(std::string_view text, const parse::ParseResult* parsed, std::vector<Located> located,
                  bool truncated = false, Overflow* overflow = nullptr) const;

    Options options;
    rules::RuleCatalogue catalogue;
    schema::SchemaSet schemas;
    const schema::Node& root;
    // Built only when it cross-checks: compiling the schemas with valijson is two thirds of start-up.
    std::optional<schema::ValijsonEngine> valijson;
    schema::Evaluator evaluator;
    rules::RuleEngine engine;
};

Report Linter::Impl::lint(std::string_view text, const schema::Node& schema_root, const TaskContext* context,
                          Overflow* overflow, bool variables, bool propose) const
{
    propose = propose && options.offer_fixes;
    const std::string_view original = text;
    std::vector<Located> located;
    if (text.size() > options.limits.max_input_bytes) {
        located.push_back(
            at_offset(make(RuleId::input_too_large, "", {{"expected", std::to_string(options.limits.max_input_bytes)}}), 0));
        return finish(std::string_view(), nullptr, std::move(located));
    }
    if (parse::starts_with_byte_order_mark(text)) {
        // Positions are counted after the mark, as editors show the text; the finding is at 1:1.
        text.remove_prefix(parse::kByteOrderMark.size());
        Located mark = at_offset(make(RuleId::byte_order_mark, "", {}), 0);
        if (propose) mark.finding.fix = findings::byte_order_mark_fix(catalogue);
        located.push_back(std::move(mark));
    }
    parse::ParseLimits parse_limits;
    parse_limits.max_depth = options.limits.max_depth;
    parse_limits.max_member_name = options.limits.max_pattern_length;
    parse_limits.max_duplicates = collection_cap(options.limits);
    // Each duplicate's pointer is copied a few times on its way to the report: 8 MiB of them is
    // ample for real bodies and bounds what a body of deep, long names could make us hold.
    parse_limits.max_duplicate_bytes = 8u * 1024u * 1024u;
    parse::ParseResult parsed = parse::parse_json(text, parse_limits);
    if (!parsed.ok) {
        Finding f;
        if (parsed.error.kind == parse::ParseErrorKind::too_deep) {
            f = make(RuleId::nesting_too_deep, "", {{"expected", std::to_string(options.limits.max_depth)}});
        } else if (parsed.error.kind == parse::ParseErrorKind::name_too_long) {
            f = make(RuleId::member_name_too_long, "",
                     {{"actual", std::to_string(parsed.error.length)},
                      {"expected", std::to_string(options.limits.max_pattern_length)}});
        } else {
            f = make(RuleId::invalid_json, "", {{"reason", parsed.error.reason}});
        }
        located.push_back(at_offset(std::move(f), parsed.error.offset));
        return finish(text, nullptr, std::move(located));
    }
    for (auto& duplicate : parsed.duplicates) {
        Located l;
        l.finding = make(RuleId::duplicate_key, duplicate.pointer,
                         {{"member", core::printable(core::last_pointer_token(duplicate.pointer))}});
        l.anchor = Anchor::key;
        l.occurrence = duplicate.occurrence;
        located.push_back(std::move(l));
    }
    bool truncated = check_schema(parsed.document, schema_root, parsed.duplicates.empty() && !parsed.duplicates_truncated,
                                  located) ||
                     parsed.duplicates_truncated;
    if (context != nullptr) {
        truncated = engine.evaluate(parsed.document, rules::gather_facts(parsed.document, *context), located,
                                    collection_cap(options.limits)) || truncated;
    }
    if (variables) {
        // In an .http body, as in its headers, a "{{variable}}" string is a value the HTTP client
        // fills in: what is said of that value itself (its format, length, enumeration) is unknown.
        // Findings about members (missing, unknown, repeated) stay.
        located.erase(std::remove_if(located.begin(), located.end(),
                                     [&](const Located& l) {
                                         if (l.anchor != Anchor::value || l.offset) return false;
                                         const rapidjson::Value* v = parse::value_at(parsed.document, l.finding.pointer);
                                         return v != nullptr && v->IsString() &&
                                                input::is_variable({v->GetString(), v->GetStringLength()});
                                     }),
                      located.end());
    }
    if (!propose || truncated) {
        return finish(text, &parsed, std::move(located), truncated, overflow);
    }
    findings::propose_fixes(text, parsed.document, located, catalogue);
    Overflow left;
    Report report = finish(text, &parsed, std::move(located), truncated, &left);
    if (left.more > 0 || left.truncated) {
        // Cut to the limit, the report cannot show what a fix leaves: none is offered.
        for (auto& finding : report.findings) finding.fix.reset();
        if (overflow != nullptr) {
            *overflow = left;
        } else {
            report.findings.push_back(findings::too_many(catalogue, left, options.limits.max_findings));
        }
        return report;
    }
    const std::size_t mark = original.size() - text.size();
    for (auto& finding : report.findings) {
        if (finding.fix && finding.rule != core::id_of(RuleId::byte_order_mark)) findings::shift(*finding.fix, mark);
    }
    prove_fixes(original, report, schema_root, context, variables);
    return report;
}

void Linter::Impl::prove_fixes(std::string_view text, Report& report, const schema::Node& schema_root,
                               const TaskContext* context, bool variables) const
{
    // The byte-order mark's fix changes no value: it needs no proof.
    const std::string_view mark_rule = core::id_of(RuleId::byte_order_mark);
    std::vector<Finding*> candidates;
    for (auto& finding : report.findings) {
        if (finding.fix && finding.rule != mark_rule) candidates.push_back(&finding);
    }
    if (candidates.empty()) return;
    using Place = std::pair<std::string, std::string>;  // rule, pointer
    std::set<Place> errors;
    for (const auto& finding : report.findings) {
        if (finding.severity == Severity::error) errors.emplace(finding.rule, finding.pointer);
    }
    // Applies `fixes` (overlapping ones are left out, as findings::apply leaves them) and lints the
    // result; true when no error is new and no applied fix left its finding. `applied` says which.
    auto holds = [&](const std::vector<Finding*>& fixes, std::vector<bool>& applied) {
        std::vector<const Fix*> edits;
        for (const Finding* f : fixes) edits.push_back(&*f->fix);
        const std::string fixed = findings::apply(text, edits, &applied);
        Overflow left;
        const Report after = lint(fixed, schema_root, context, &left, variables, false);
        if (left.more > 0 || left.truncated) return false;
        std::set<Place> found;
        for (const auto& finding : after.findings) {
            if (finding.severity == Severity::error && errors.count({finding.rule, finding.pointer}) == 0) return false;
            found.emplace(finding.rule, finding.pointer);
        }
        for (std::size_t i = 0; i < fixes.size(); ++i) {
            if (applied[i] && found.count({fixes[i]->rule, fixes[i]->pointer}) != 0) return false;
        }
        return true;
    };
    // All together first: the common case, one more lint. Fixes that overlap an applied one, or
    // all of them when together they do not hold, are then tried alone (a bounded number), and
    // those that hold alone are kept if they also hold together.
    std::vector<bool> applied;
    std::vector<Finding*> kept, alone;
    const bool together = holds(candidates, applied);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        (together && applied[i] ? kept : alone).push_back(candidates[i]);
    }
    constexpr std::size_t kMaxSingleProofs = 16;
    std::size_t tried = 0;
    for (Finding* f : alone) {
        if (tried++ == kMaxSingleProofs) break;
        if (holds({f}, applied)) kept.push_back(f);
    }
    if (!together && kept.size() > 1 && !holds(kept, applied)) kept.clear();
    for (Finding* f : candidates) {
        if (std::find(kept.begin(), kept.end(), f) == kept.end()) f->fix.reset();
    }
}

bool Linter::Impl::check_schema(const rapidjson::Value& document, const schema::Node& schema_root,
                                bool unique_keys, std::vector<Located>& out) const
{
    std::vector<schema::Violation> violations;
    bool truncated = false;
    evaluator.validate(schema_root, document, &violations, collection_cap(options.limits), &truncated);
    if (!violations.empty()) out.reserve(out.size() + violations.size());
    for (auto& violation : violations) {
        Located& l = out.emplace_back();
        bool secret = true;
        findings::finding_from_violation(std::move(violation), catalogue, l.finding, &secret);
        l.secret = secret;
        l.value = violation.value;
        l.key = violation.key;
        if (violation.keyword == schema::Keyword::type) l.expected_types = violation.node->types;
        l.anchor = violation.keyword == schema::Keyword::required         ? Anchor::parent
                   : violation.keyword == schema::Keyword::unknown_member ? Anchor::key
                                                                          : Anchor::value;
    }
    // valijson is compiled for the request body, the one document it is the engine of record for.
    // When the evaluator stopped collecting, valijson's findings past that point would all look
    // unexplained; the report already fails with too-many-findings. With a duplicate member name
    // the two engines legitimately read different members (which one "counts" is undefined, the
    // very reason duplicate-key is an error), so their verdicts are not comparable there. Nor are
    // they with a string longer than the pattern limit: valijson 1.0 runs std::regex on it even
    // after maxLength failed, and std::regex recurses once per character (a stack overflow), so it
    // must not see the body; a copy with such strings cut short is another body (found by the
    // fuzzer: "endpoint*" cut to "endpoint" switches on the conditions of type endpoint). The
    // evaluator's DFAs check such a body in full (Decision 14), so that is said as info, once.
    if (options.cross_check_with_valijson && &schema_root == &root && !truncated && unique_keys) {
        if (const std::size_t longest = parse::longest_string(document); longest > options.limits.max_pattern_length) {
            out.push_back(at_offset(make(RuleId::cross_check_skipped, "",
                                         {{"actual", std::to_string(longest)},
                                          {"expected", std::to_string(options.limits.max_pattern_length)}}),
                                    0));
        } else {
            const bool rejected =
                std::any_of(violations.begin(), violations.end(), [](const auto& v) { return v.invalidates(); });
            findings::cross_check(*valijson, document, rejected, catalogue, out);
        }
    }
    return truncated;
}

Report Linter::Impl::finish(std::string_view text, const parse::ParseResult* parsed, std::vector<Located> located,
                            bool truncated, Overflow* overflow) const
{
    if (located.empty()) return {};  // a valid body: most of a batch
    findings::drop_repeats(located, catalogue);
    if (located.empty()) return {};
    const std::vector<std::size_t> order = findings::locate(text, located, parsed);
    return findings::keep_first(located, order, options.limits.max_findings, truncated, catalogue, overflow);
}

// The request line and headers (Tables 1 and 2): what input::read_envelope read of them, and the
// path parameters and headers as small JSON documents checked by the same schemas and messages
// as the body; their findings point at the request's own lines.
void Linter::Impl::check_envelope(const HttpRequest& request, std::vector<Finding>& out) const
{
    auto add = [&](Finding finding, Position at) {
        finding.begin = finding.end = at.line != 0 ? at : request.block_at;
        core::redact_finding(finding, catalogue.get(finding.rule).info.summary);
        out.push_back(std::move(finding));
    };
    auto add_all = [&](const std::vector<input::EnvelopeFinding>& found) {
        for (const auto& e : found) {
            Finding f = make(e.rule, e.pointer, e.args);
            f.expected = e.expected;
            f.suggestion = e.suggestion;
            add(std::move(f), e.at);
        }
    };
    // The members as one JSON object, validated; their values are only read, never shown for secrets.
    auto validate = [&](const char* schema_file, const std::string& prefix, const std::vector<input::EnvelopeMember>& members) {
        std::size_t bytes = 0;
        for (const auto& m : members) bytes += m.name.size() + m.value.size();
        parse::Pool pool(parse::pool_bytes_for_object(members.size(), bytes));
        parse::Document document(rapidjson::kObjectType, &pool.allocator());
        auto& a = document.GetAllocator();
        for (const auto& m : members) {
            document.AddMember(rapidjson::Value(m.name.data(), static_cast<rapidjson::SizeType>(m.name.size()), a),
                               rapidjson::Value(m.value.data(), static_cast<rapidjson::SizeType>(m.value.size()), a), a);
        }
        std::vector<schema::Violation> violations;
        evaluator.validate(schemas.root(schema_file), document, &violations);
        for (auto& violation : violations) {
            const bool required = violation.keyword == schema::Keyword::required;
            if (!required && violation.value->IsString() &&
                input::is_templated({violation.value->GetString(), violation.value->GetStringLength()})) {
                continue;
            }
            const std::string member = core::last_pointer_token(violation.pointer);
            violation.pointer = prefix + violation.pointer;
            Position at = request.block_at;
            if (!required) {
                for (const auto& m : members) {
                    if (m.name == member) {
                        at = m.at;
                        break;
                    }
                }
            }
            add(findings::finding_from_violation(std::move(violation), catalogue), at);
        }
    };

    const input::Envelope envelope = input::read_envelope(request);
    add_all(envelope.request_line);
    if (!envelope.path_parameters.empty()) {
        validate("request/path-parameters.schema.json", "/path", envelope.path_parameters);
    }
    validate("request/request-headers.schema.json", "/headers", envelope.headers);
    add_all(envelope.media_type);
}

Report Linter::Impl::lint_request(const HttpRequest& request, const TaskContext& context, Overflow* overflow) const
{
    Report report;
    check_envelope(request, report.findings);
    Report body = lint(request.body, root, &context, overflow, true);
    for (auto& finding : body.findings) {
        // Body positions are relative to the body; the body starts on a later line of the file.
        if (finding.begin.line != 0) finding.begin.line += request.body_line - 1;
        if (finding.end.line != 0) finding.end.line += request.body_line - 1;
        if (finding.fix) {
            for (auto& edit : finding.fix->edits) {
                edit.begin.line += request.body_line - 1;
                edit.end.line += request.body_line - 1;
            }
        }
        report.findings.push_back(std::move(finding));
    }
    return report;
}

// One request at a time, so that a file of millions of requests holds one of them and at most
// max_findings findings (issue 11). Once the file has more, it fails with too-many-findings
// whatever the rest holds, so the rest is not linted: the count becomes "at least".
Report Linter::Impl::lint_http_file(std::string_view text, const TaskContext& context, std::size_t* requests) const
{
    if (requests != nullptr) *requests = 0;
    if (text.size() > options.limits.max_input_bytes) {
        return lint(text, root, &context);  // input-too-large: requests past a cut must not vanish
    }
    Report file;
    Overflow left;
    std::optional<input::NewlineStarts> file_lines;  // found when a fix first needs them
    for_each_http_request(text, [&](HttpRequest&& request) {
        if (requests != nullptr) ++*requests;
        if (left.more > 0 || left.truncated) {
            left.stopped = true;
            return false;
        }
        Overflow request_left;
        Report report = lint_request(request, context, &request_left);
        // A fix's offsets count bytes of the body: they are made to count bytes of the file.
        std::optional<input::BodyPlace> place;
        for (auto& finding : report.findings) {
            if (!finding.fix) continue;
            if (!file_lines) file_lines.emplace(text);
            if (!place) place.emplace(request);
            for (auto& edit : finding.fix->edits) {
                const std::size_t end = place->file_offset(*file_lines, edit.offset + edit.length);
                edit.offset = place->file_offset(*file_lines, edit.offset);
                edit.length = end - edit.offset;
            }
        }
        left.more += request_left.more;
        left.truncated = left.truncated || request_left.truncated;
        for (auto& finding : report.findings) {
            if (file.findings.size() < options.limits.max_findings) {
                file.findings.push_back(std::move(finding));
            } else {
                ++left.more;
            }
        }
        return true;
    });
    if (left.more > 0 || left.truncated) {
        file.findings.push_back(findings::too_many(catalogue, left, options.limits.max_findings));
    }
    return file;
}

Linter::Linter(Options options) : impl_(std::make_unique<const Impl>(std::move(options))) {}
Linter::~Linter() = default;

void Linter::check_built_in_data()
{
    const rules::RuleCatalogue catalogue(embedded::file(kRuleCatalogue), core::DataChecks::all);
    const schema::SchemaSet schemas(embedded::api_schema_files(), core::DataChecks::all);
    const Linter linter;  // and what every construction checks: the rule table, the schemas' rule tags
}
Linter::Linter(Linter&&) noexcept = default;
Linter& Linter::operator=(Linter&&) noexcept = default;

// A moved-from Linter has no Impl: every call says so rather than dereference null.
const Linter::Impl& Linter::impl() const
{
    if (!impl_) throw std::logic_error("drslint::Linter used after it was moved from; construct a new one");
    return *impl_;
}

Report Linter::lint(std::string_view json) const { return lint(json, impl().options.context); }
Report Linter::lint(std::string_view json, const TaskContext& context) const
{
    return impl().lint(json, impl().root, &context);
}
Report Linter::lint_request(const HttpRequest& request) const { return lint_request(request, impl().options.context); }
Report Linter::lint_request(const HttpRequest& request, const TaskContext& context) const
{
    return impl().lint_request(request, context);
}
Report Linter::lint_response(int status, std::string_view json) const
{
    if (status != 200 && status != 400) {
        throw std::invalid_argument("the API page documents responses 200 and 400 only, not " + std::to_string(status));
    }
    return impl().lint(json, impl().schemas.root("response/update-job-response-" + std::to_string(status) + ".schema.json"),
                       nullptr);
}
Report Linter::lint_http_file(std::string_view text, std::size_t* requests) const
{
    return impl().lint_http_file(text, impl().options.context, requests);
}
Finding Linter::too_many_findings(std::size_t limit, std::size_t more, bool at_least) const
{
    return findings::too_many(impl().catalogue, {more, false, at_least}, limit);
}
namespace {

MemberInfo member_info(const std::string& name, const schema::Node* object, const schema::Node& member)
{
    MemberInfo info;
    info.name = name;
    if (object != nullptr) {
        info.table = schema::title_of(*object);
        info.mandatory = schema::requires_member(*object, name);
    }
    info.type = schema::type_names(member);
    info.description = schema::description_of(member);
    const schema::Node& target = schema::resolved(member);
    for (const schema::Node* n : {&member, &target}) {
        if (n->enum_values != nullptr && n->enum_values->IsArray() && info.allowed.empty()) {
            for (const auto& v : n->enum_values->GetArray()) info.allowed.push_back(parse::render_value(v, ""));
        }
    }
    return info;
}

std::vector<std::string> tokens_of(std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (!core::split_pointer(pointer, tokens)) tokens.clear();
    return tokens;
}

}  // namespace

bool Linter::describe(std::string_view pointer, MemberInfo& out) const
{
    const std::vector<std::string> tokens = tokens_of(pointer);
    if (tokens.empty() && !pointer.empty()) return false;
    const schema::Place place = schema::place_at(impl().root, tokens);
    if (place.member == nullptr) return false;
    out = member_info(tokens.empty() ? std::string() : tokens.back(), place.object, *place.member);
    return true;
}

std::vector<MemberInfo> Linter::members(std::string_view pointer) const
{
    std::vector<MemberInfo> out;
    const std::vector<std::string> tokens = tokens_of(pointer);
    if (tokens.empty() && !pointer.empty()) return out;
    const schema::Place place = schema::place_at(impl().root, tokens);
    if (place.member == nullptr) return out;
    for (const auto& [name, node] : schema::declared_members(*place.member)) {
        out.push_back(member_info(name, place.member, *node));
    }
    return out;
}

const std::vector<RuleInfo>& Linter::rules() const { return impl().catalogue.infos(); }

RuleExamples Linter::examples(std::string_view id) const { return impl().catalogue.examples(id); }
const Limits& Linter::limits() const { return impl().options.limits; }
const RuleInfo* Linter::find_rule(std::string_view id) const
{
    const auto* definition = impl().catalogue.find(id);
    return definition == nullptr ? nullptr : &definition->info;
}

}  // namespace drslint
