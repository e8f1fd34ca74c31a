#include "drslint/linter.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_set>

#include "drslint/http.h"
#include "parse/json_parser.h"
#include "core/pointer.h"
#include "parse/position_index.h"
#include "parse/shorten.h"
#include "core/secrets.h"
#include "core/text.h"
#include "parse/value_text.h"
#include "findings/schema_findings.h"
#include "rules/facts.h"
#include "rules/rule_catalogue.h"
#include "rules/rule_engine.h"
#include "schema/embedded.h"
#include "schema/evaluator.h"
#include "schema/schema_set.h"
#include "schema/valijson_engine.h"

namespace drslint {
namespace {

constexpr const char* kRootSchema = "request/update-job-request.schema.json";
constexpr const char* kRuleCatalogue = "rules.json";

std::vector<schema::SchemaFile> embedded_schema_files()
{
    std::vector<schema::SchemaFile> files;
    for (std::size_t i = 0; i < embedded::kFileCount; ++i) {
        const std::string name = embedded::kFiles[i].name;
        if (name.size() > 12 && name.compare(name.size() - 12, 12, ".schema.json") == 0) {
            files.push_back({name, embedded::kFiles[i].text()});
        }
    }
    return files;
}

std::string_view embedded_file(std::string_view name)
{
    for (std::size_t i = 0; i < embedded::kFileCount; ++i) {
        if (name == embedded::kFiles[i].name) {
            return embedded::kFiles[i].text();
        }
    }
    throw std::runtime_error("no embedded file named " + std::string(name));
}

using core::Anchor;
using core::Located;

// Refuses limits that are 0 (nothing could be checked) or above kLimitCeilings (beyond them a
// lint() could overflow a small thread stack or hold the memory of an absurd input).
Options checked(Options options)
{
    const Limits& l = options.limits;
    const std::pair<const char*, std::pair<std::size_t, std::size_t>> limits[] = {
        {"max_input_bytes (--max-input)", {l.max_input_bytes, kLimitCeilings.max_input_bytes}},
        {"max_depth (--max-depth)", {l.max_depth, kLimitCeilings.max_depth}},
        {"max_pattern_length (--max-string)", {l.max_pattern_length, kLimitCeilings.max_pattern_length}},
        {"max_findings (--max-findings)", {l.max_findings, kLimitCeilings.max_findings}},
    };
    for (const auto& [name, value] : limits) {
        if (value.first == 0 || value.first > value.second) {
            throw std::invalid_argument(std::string("limit ") + name + " is " + std::to_string(value.first) +
                                        "; it must be 1 to " + std::to_string(value.second));
        }
    }
    return options;
}

// The value `pointer` names in `document`, or nullptr.
const rapidjson::Value* value_at(const rapidjson::Value& document, std::string_view pointer)
{
    std::vector<std::string> tokens;
    if (!core::split_pointer(pointer, tokens)) return nullptr;
    const rapidjson::Value* at = &document;
    for (const std::string& token : tokens) {
        if (at->IsObject()) {
            const auto it = at->FindMember(rapidjson::Value(rapidjson::StringRef(token.data(), token.size())));
            if (it == at->MemberEnd()) return nullptr;
            at = &it->value;
        } else if (const auto index = core::array_index(token); at->IsArray() && index && *index < at->Size()) {
            at = &(*at)[static_cast<rapidjson::SizeType>(*index)];
        } else {
            return nullptr;
        }
    }
    return at;
}

// A string that is wholly an HTTP client's {{variable}}: "{{name}}".
bool is_variable(std::string_view s)
{
    return s.size() > 4 && s.substr(0, 2) == "{{" && s.substr(s.size() - 2) == "}}" &&
           s.find("}}") == s.size() - 2;
}

// Findings collected per body before the schema stage stops looking: enough to pick the first
// max_findings by position after repeats are dropped, few enough that a body with a violation per
// value (millions) costs bounded memory and time.
std::size_t collection_cap(const Limits& limits) { return 4 * limits.max_findings; }

}  // namespace

struct Linter::Impl {
    explicit Impl(Options o)
        : options(checked(std::move(o))),
          catalogue(embedded_file(kRuleCatalogue)),
          schemas(embedded_schema_files()),
          root(schemas.root(kRootSchema)),
          engine(embedded_file(kRuleCatalogue), catalogue)
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

    Finding make(std::string_view rule, std::string pointer, const rules::MessageArgs& args) const
    {
        const auto& definition = catalogue.get(rule);
        Finding finding;
        finding.rule = definition.info.id;
        finding.severity = definition.info.severity;
        finding.pointer = std::move(pointer);
        finding.message = rules::RuleCatalogue::format(definition.message, args);
        return finding;
    }

    // What finish() leaves out of a report: `more` findings beyond the limit; `truncated`: the
    // collection stopped at its cap, so one more at least went uncollected; `stopped`: the rest of
    // the input was not linted, so there may be more.
    struct Overflow {
        std::size_t more = 0;
        bool truncated = false;
        bool stopped = false;
    };
    Finding too_many(const Overflow& overflow, std::size_t limit) const;

    // Lints JSON text against a schema root; the rule engine runs only for request bodies, which
    // is when a task context is given. With `overflow`, findings beyond the limit are counted there
    // instead of in a too-many-findings finding (for a caller that sums them over a file).
    // `variables`: the body is an .http request's, whose {{variables}} are values not known here.
    Report lint(std::string_view text, const schema::Node& schema_root, const TaskContext* context,
                Overflow* overflow = nullptr, bool variables = false) const;
    Report lint_request(const HttpRequest& request, const TaskContext& context, Overflow* overflow = nullptr) const;
    Report lint_http_file(std::string_view text, const TaskContext& context, std::size_t* requests) const;
    void check_envelope(const HttpRequest& request, std::vector<Finding>& out) const;
    // Returns true when it stopped collecting at collection_cap().
    // `unique_keys`: the document has no duplicate member names (see the cross-check below).
    bool check_schema(const rapidjson::Value& document, const schema::Node& schema_root, bool unique_keys,
                      std::vector<Located>& out) const;
    // `rejected`: the evaluator found a violation (the verdict valijson must confirm).
    void cross_check(const rapidjson::Value& document, bool rejected, std::vector<Located>& out) const;
    void drop_repeats(std::vector<Located>& located) const;
    // truncated: the findings are the first of more than were collected (see collection_cap).
    Report finish(std::string_view text, std::vector<Located> located, bool truncated = false,
                  Overflow* overflow = nullptr) const;

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
                          Overflow* overflow, bool variables) const
{
    std::vector<Located> located;
    if (text.size() > options.limits.max_input_bytes) {
        Located l;
        l.finding = make("input-too-large", "", {{"expected", std::to_string(options.limits.max_input_bytes)}});
        l.offset = 0;
        located.push_back(std::move(l));
        return finish(std::string_view(), std::move(located));
    }
    if (parse::starts_with_byte_order_mark(text)) {
        // Positions are counted after the mark, as editors show the text; the finding is at 1:1.
        text.remove_prefix(parse::kByteOrderMark.size());
        Located l;
        l.finding = make("byte-order-mark", "", {});
        l.offset = 0;
        located.push_back(std::move(l));
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
        Located l;
        if (parsed.error.kind == parse::ParseErrorKind::too_deep) {
            l.finding = make("nesting-too-deep", "", {{"expected", std::to_string(options.limits.max_depth)}});
        } else if (parsed.error.kind == parse::ParseErrorKind::name_too_long) {
            l.finding = make("member-name-too-long", "",
                             {{"actual", std::to_string(parsed.error.length)},
                              {"expected", std::to_string(options.limits.max_pattern_length)}});
        } else {
            l.finding = make("invalid-json", "", {{"reason", parsed.error.reason}});
        }
        l.offset = parsed.error.offset;
        located.push_back(std::move(l));
        return finish(text, std::move(located));
    }
    for (auto& duplicate : parsed.duplicates) {
        Located l;
        l.finding = make("duplicate-key", duplicate.pointer,
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
                                         const rapidjson::Value* v = value_at(parsed.document, l.finding.pointer);
                                         return v != nullptr && v->IsString() &&
                                                is_variable({v->GetString(), v->GetStringLength()});
                                     }),
                      located.end());
    }
    return finish(text, std::move(located), truncated, overflow);
}

bool Linter::Impl::check_schema(const rapidjson::Value& document, const schema::Node& schema_root,
                                bool unique_keys, std::vector<Located>& out) const
{
    std::vector<schema::Violation> violations;
    bool truncated = false;
    evaluator.validate(schema_root, document, &violations, collection_cap(options.limits), &truncated);
    for (const auto& violation : violations) {
        Located l;
        l.finding = findings::finding_from_violation(violation, catalogue);
        l.anchor = violation.keyword == schema::Keyword::required         ? Anchor::parent
                   : violation.keyword == schema::Keyword::unknown_member ? Anchor::key
                                                                          : Anchor::value;
        out.push_back(std::move(l));
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
            Located l;
            l.finding = make("cross-check-skipped", "",
                             {{"actual", std::to_string(longest)},
                              {"expected", std::to_string(options.limits.max_pattern_length)}});
            l.offset = 0;
            out.push_back(std::move(l));
        } else {
            cross_check(document,
                        std::any_of(violations.begin(), violations.end(), [](const auto& v) { return v.invalidates(); }),
                        out);
        }
    }
    return truncated;
}

// valijson is the engine of record: whatever it rejects must be in the report, and what the
// evaluator rejects, valijson must reject too.
void Linter::Impl::cross_check(const rapidjson::Value& document, bool rejected, std::vector<Located>& out) const
{
    std::unordered_set<std::string> explained;
    for (const auto& l : out) {
        explained.insert(l.finding.pointer);
    }
    const auto leaves = valijson->validate(document);
    for (const auto& leaf : leaves) {
        if (leaf.unknown_member || explained.count(leaf.pointer) != 0) {
            continue;
        }
        Located l;
        l.finding = make("engine-disagreement", leaf.pointer,
                         {{"subject", core::describe_pointer(leaf.pointer)}, {"reason", "valijson: " + leaf.description}});
        explained.insert(leaf.pointer);
        out.push_back(std::move(l));
    }
    if (rejected && leaves.empty()) {
        Located l;
        l.finding = make("engine-disagreement", "",
                         {{"subject", "the body"},
                          {"reason", "drslint's evaluator rejects it, but valijson accepts it"}});
        out.push_back(std::move(l));
    }
}

// One finding per problem: the same rule at the same place is reported once (a rule may be both
// in the schemas and in the rule engine, which alone knows the task context); where a specific
// rule explains a place, the generic schema finding there is dropped (job.type "policy_config"
// is a renamed type, not just a value outside the enumeration); and an error at a place
// supersedes warnings about the same value.
void Linter::Impl::drop_repeats(std::vector<Located>& located) const
{
    // An unknown member is explained best as such (with its did-you-mean), even where another rule
    // would also call it ignored.
    auto generic = [this](const Located& l) {
        return l.finding.rule != "unknown-member" && catalogue.get(l.finding.rule).info.origin == "schema-keyword";
    };
    std::map<std::string, Severity> explained;  // pointer -> highest severity of a specific finding
    for (const auto& l : located) {
        if (generic(l)) continue;
        auto [it, inserted] = explained.emplace(l.finding.pointer, l.finding.severity);
        if (!inserted) it->second = std::max(it->second, l.finding.severity);
    }
    std::set<std::string> unknown, errors;
    for (const auto& l : located) {
        if (l.finding.rule == "unknown-member") unknown.insert(l.finding.pointer);
        if (l.finding.severity == Severity::error) errors.insert(l.finding.pointer);
    }
    std::set<std::pair<std::string, std::string>> seen;
    located.erase(std::remove_if(located.begin(), located.end(),
                                 [&](const Located& l) {
                                     if (!seen.insert({l.finding.rule, l.finding.pointer}).second) return true;
                                     auto it = generic(l) ? explained.find(l.finding.pointer) : explained.end();
                                     const bool lesser = l.finding.severity != Severity::error;
                                     return (it != explained.end() && it->second >= l.finding.severity) ||
                                            (lesser && errors.count(l.finding.pointer) != 0) ||
                                            (lesser && l.finding.rule != "unknown-member" &&
                                             unknown.count(l.finding.pointer) != 0);
                                 }),
                  located.end());
}

Finding Linter::Impl::too_many(const Overflow& overflow, std::size_t limit) const
{
    // Truncated: at least the violation that met the cap went uncollected, and maybe many more.
    const std::string more = std::to_string(overflow.more + (overflow.truncated ? 1 : 0));
    Finding summary = make("too-many-findings", "",
                           {{"actual", overflow.truncated || overflow.stopped ? "at least " + more : more},
                            {"expected", std::to_string(limit)}});
    summary.begin = summary.end = {1, 1};
    return summary;
}

Report Linter::Impl::finish(std::string_view text, std::vector<Located> located, bool truncated,
                            Overflow* overflow) const
{
    Report report;
    drop_repeats(located);
    if (located.empty()) {
        return report;
    }
    std::unordered_set<std::string> wanted;
    for (const auto& l : located) {
        wanted.insert(l.anchor == Anchor::parent ? core::parent_pointer(l.finding.pointer) : l.finding.pointer);
    }
    // Findings with a known offset (parse errors, a byte-order mark) need no index; text that did
    // not parse has no other findings.
    const bool needs_index = std::any_of(located.begin(), located.end(), [](const Located& l) { return !l.offset; });
    const parse::PositionIndex index = needs_index ? parse::PositionIndex(text, wanted) : parse::PositionIndex({}, {});
    const parse::LineMap lines(text);
    std::vector<std::pair<std::size_t, std::size_t>> order;  // (begin offset, input order)
    for (std::size_t i = 0; i < located.size(); ++i) {
        Located& l = located[i];
        std::size_t begin = 0, end = 0;
        if (l.offset) {
            begin = *l.offset;
            end = std::min(text.size(), begin + 1);
        } else {
            const std::string pointer = l.anchor == Anchor::parent ? core::parent_pointer(l.finding.pointer) : l.finding.pointer;
            if (const parse::Span* span = index.find(pointer, l.occurrence)) {
                const bool on_key = l.anchor == Anchor::key && span->key_begin != parse::Span::npos;
                begin = on_key ? span->key_begin : span->begin;
                end = on_key ? span->key_end : span->end;
                if (l.anchor == Anchor::parent) {
                    end = std::min(span->end, begin + 1);  // the opening brace
                }
            }
        }
        l.finding.begin = lines.position(begin);
        l.finding.end = lines.position(end);
        order.emplace_back(begin, i);
    }
    std::stable_sort(order.begin(), order.end());
    const std::size_t limit = options.limits.max_findings;
    const std::size_t shown = std::min(order.size(), limit);
    for (std::size_t k = 0; k < shown; ++k) {
        Finding& finding = located[order[k].second].finding;
        // Last, after positions were found from the full pointer: the one place every finding of
        // a body passes through before it leaves the library.
        core::redact_finding(finding, catalogue.get(finding.rule).info.summary);
        report.findings.push_back(std::move(finding));
    }
    if (order.size() > shown || truncated) {
        const Overflow left{order.size() - shown, truncated, false};
        if (overflow != nullptr) {
            *overflow = left;
        } else {
            report.findings.push_back(too_many(left, limit));
        }
    }
    return report;
}

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// A {{variable}} of the HTTP client: its value is unknown here, so it is not checked.
bool templated(std::string_view value) { return value.find("{{") != std::string_view::npos; }

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
    const bool value_follows = colon + 1 == target.size() || target[colon + 1] == ' ' || target[colon + 1] == '	';
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

}  // namespace

// The request line and headers (Tables 1 and 2) become small JSON documents checked by the same
// schemas and messages as the body; their findings point at the request's own lines.
void Linter::Impl::check_envelope(const HttpRequest& request, std::vector<Finding>& out) const
{
    auto add = [&](Finding finding, Position at) {
        finding.begin = finding.end = at.line != 0 ? at : request.block_at;
        core::redact_finding(finding, catalogue.get(finding.rule).info.summary);
        out.push_back(std::move(finding));
    };
    // The documents validated below; their values are only read, never shown for secrets.
    auto validate = [&](const char* schema_file, const std::string& prefix, const rapidjson::Value& document,
                        const std::function<Position(const std::string&)>& position_of) {
        std::vector<schema::Violation> violations;
        evaluator.validate(schemas.root(schema_file), document, &violations);
        for (auto& violation : violations) {
            const std::string member = core::last_pointer_token(violation.pointer);
            if (violation.keyword != schema::Keyword::required && violation.value->IsString() &&
                templated(violation.value->GetString())) {
                continue;
            }
            violation.pointer = prefix + violation.pointer;
            Finding f = findings::finding_from_violation(violation, catalogue);
            add(std::move(f), violation.keyword == schema::Keyword::required ? request.block_at : position_of(member));
        }
    };

    // A first line "Name: value" is a header, not a request line (the request line was left out or
    // commented out): quoting it as a method or path would print the header's value, a token.
    if (const std::string_view header = header_line_name(request.target); !header.empty()) {
        Finding f = make("http-request-line", "/method", {{"member", core::printable(header, 64)}});
        f.expected = "PUT";
        add(std::move(f), request.method_at);
    } else {
        if (request.method != "PUT") {
            // A {{variable}} for the method could be anything: only a literal PUT is this API.
            std::string value = "`" + core::printable(request.method, 32) + "`";
            if (templated(request.method)) value += " (a variable, which drslint cannot check: write PUT)";
            Finding f = make("http-method", "/method", {{"value", value}});
            f.expected = "PUT";
            f.suggestion = iequals(request.method, "PUT") ? "PUT" : "";
            add(std::move(f), request.method_at);
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
            parse::Pool pool(parse::pool_bytes_for_object(2, segments[1].size() + segments[3].size()));
            parse::Document parameters(rapidjson::kObjectType, &pool.allocator());
            auto& a = parameters.GetAllocator();
            parameters.AddMember("project_id", rapidjson::Value(segments[1].data(), static_cast<rapidjson::SizeType>(segments[1].size()), a), a);
            parameters.AddMember("job_id", rapidjson::Value(segments[3].data(), static_cast<rapidjson::SizeType>(segments[3].size()), a), a);
            validate("request/path-parameters.schema.json", "/path", parameters, [&](const std::string&) { return request.target_at; });
        } else {
            const std::string_view shown = path.empty() ? std::string_view(request.target) : path;
            std::string value = "`" + core::printable(shown, 100) + "`";
            if (templated(shown)) value += " (its {{variables}} may stand only for the project and job ids)";
            Finding f = make("http-path", "/path", {{"value", value}});
            f.expected = "/v5/{project_id}/jobs/{job_id}";
            add(std::move(f), request.target_at);
        }
    }

    // Header names are case-insensitive: those of Table 2 are checked under the page's spelling.
    static const char* const kTable2[] = {"Content-Type", "X-Auth-Token", "X-Language"};
    std::size_t header_bytes = 0;
    for (const auto& header : request.headers) header_bytes += header.name.size() + header.value.size();
    parse::Pool pool(parse::pool_bytes_for_object(request.headers.size(), header_bytes));
    parse::Document headers(rapidjson::kObjectType, &pool.allocator());
    auto& a = headers.GetAllocator();
    std::map<std::string, Position> header_at;
    for (const auto& header : request.headers) {
        std::string name = header.name;
        for (const char* known : kTable2) {
            if (iequals(name, known)) name = known;
        }
        if (headers.HasMember(name.c_str())) continue;  // the first of repeated headers is checked
        header_at[name] = header.value_at;
        headers.AddMember(rapidjson::Value(name.c_str(), a), rapidjson::Value(header.value.c_str(), a), a);
    }
    validate("request/request-headers.schema.json", "/headers", headers,
             [&](const std::string& name) { return header_at.count(name) ? header_at[name] : request.block_at; });
    if (auto type = headers.FindMember("Content-Type"); type != headers.MemberEnd() && !templated(type->value.GetString())) {
        std::string_view media(type->value.GetString());
        media = media.substr(0, media.find(';'));
        while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
        if (!iequals(media, "application/json")) {
            Finding f = make("content-type-json", "/headers/Content-Type",
                             {{"value", parse::render_value(type->value, "/headers/Content-Type")}});
            f.expected = "application/json";
            add(std::move(f), header_at["Content-Type"]);
        }
    }
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
        report.findings.push_back(std::move(finding));
    }
    return report;
}

Linter::Linter(Options options) : impl_(std::make_unique<const Impl>(std::move(options))) {}
Linter::~Linter() = default;
Linter::Linter(Linter&&) noexcept = default;
Linter& Linter::operator=(Linter&&) noexcept = default;

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
    drslint::for_each_http_request(text, [&](HttpRequest&& request) {
        if (requests != nullptr) ++*requests;
        if (left.more > 0 || left.truncated) {
            left.stopped = true;
            return false;
        }
        Overflow request_left;
        Report report = lint_request(request, context, &request_left);
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
    if (left.more > 0 || left.truncated) file.findings.push_back(too_many(left, options.limits.max_findings));
    return file;
}

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
    return impl().too_many({more, false, at_least}, limit);
}
const std::vector<RuleInfo>& Linter::rules() const { return impl().catalogue.infos(); }
const Limits& Linter::limits() const { return impl().options.limits; }
const RuleInfo* Linter::find_rule(std::string_view id) const
{
    const auto* definition = impl().catalogue.find(id);
    return definition == nullptr ? nullptr : &definition->info;
}

}  // namespace drslint
