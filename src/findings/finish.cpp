#include "findings/finish.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>
#include <utility>

#include "core/pointer.h"
#include "core/secrets.h"
#include "parse/position_index.h"

namespace drslint::findings {

using core::Anchor;
using core::Located;

Finding make(const rules::RuleCatalogue& catalogue, core::RuleId rule, std::string pointer, const core::MessageArgs& args)
{
    const auto& definition = catalogue.get(rule);
    Finding finding;
    finding.rule = definition.info.id;
    finding.severity = definition.info.severity;
    finding.pointer = std::move(pointer);
    finding.message = definition.message.fill(args);
    return finding;
}

namespace {

// At most this many findings are compared pairwise, without the maps and sets (and the copies of
// every pointer into them) that a body with many findings needs; a body with findings has a few.
constexpr std::size_t kPairwise = 32;

}  // namespace

void drop_repeats(std::vector<Located>& located, const rules::RuleCatalogue& catalogue)
{
    const std::string_view unknown_member = core::id_of(core::RuleId::unknown_member);
    // An unknown member is explained best as such (with its did-you-mean), even where another rule
    // would also call it ignored.
    auto generic = [&](const Located& l) {
        return l.finding.rule != unknown_member && catalogue.get(l.finding.rule).info.origin == "schema-keyword";
    };
    if (located.size() <= kPairwise) {
        // The same decisions as below, finding against finding.
        const std::size_t n = located.size();
        bool is_generic[kPairwise], drop[kPairwise];
        for (std::size_t i = 0; i < n; ++i) is_generic[i] = generic(located[i]);
        for (std::size_t i = 0; i < n; ++i) {
            const Finding& a = located[i].finding;
            const bool lesser = a.severity != Severity::error;
            bool remove = false;
            for (std::size_t j = 0; j < n && !remove; ++j) {
                const Finding& b = located[j].finding;
                if (j == i || b.pointer != a.pointer) continue;
                remove = (j < i && b.rule == a.rule) ||                                   // a repeat
                         (is_generic[i] && !is_generic[j] && b.severity >= a.severity) ||  // explained
                         (lesser && b.severity == Severity::error) ||                      // an error there
                         (lesser && a.rule != unknown_member && b.rule == unknown_member);
            }
            drop[i] = remove;
        }
        std::size_t kept = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (drop[i]) continue;
            if (kept != i) located[kept] = std::move(located[i]);
            ++kept;
        }
        located.erase(located.begin() + static_cast<std::ptrdiff_t>(kept), located.end());
        return;
    }
    std::map<std::string, Severity> explained;  // pointer -> highest severity of a specific finding
    for (const auto& l : located) {
        if (generic(l)) continue;
        auto [it, inserted] = explained.emplace(l.finding.pointer, l.finding.severity);
        if (!inserted) it->second = std::max(it->second, l.finding.severity);
    }
    std::set<std::string> unknown, errors;
    for (const auto& l : located) {
        if (l.finding.rule == unknown_member) unknown.insert(l.finding.pointer);
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
                                            (lesser && l.finding.rule != unknown_member &&
                                             unknown.count(l.finding.pointer) != 0);
                                 }),
                  located.end());
}

std::vector<std::size_t> locate(std::string_view text, std::vector<Located>& located, const parse::ParseResult* parsed)
{
    auto place = [](const Located& l) {
        std::string_view pointer = l.finding.pointer;
        if (l.anchor == Anchor::parent) pointer = pointer.substr(0, std::min(pointer.size(), pointer.rfind('/')));
        return pointer;
    };
    // Findings with a known offset (parse errors, a byte-order mark) need no spans; text that did
    // not parse has no other findings, and no document to find them in.
    std::optional<parse::DocumentSpans> spans;
    if (parsed != nullptr && parsed->ok) spans.emplace(text, *parsed);
    const parse::LineMap lines = parsed != nullptr ? parse::LineMap(text, parsed->ascii) : parse::LineMap(text);
    for (std::size_t i = 0; i < located.size(); ++i) {
        Located& l = located[i];
        std::size_t begin = 0, end = 0;
        parse::Span span;
        if (l.offset) {
            begin = *l.offset;
            end = std::min(text.size(), begin + 1);
        } else if (spans && ((l.value != nullptr && spans->find(*l.value, l.key, span, l.anchor != Anchor::parent)) ||
                             spans->find(place(l), l.occurrence, span, l.anchor != Anchor::parent))) {
            const bool on_key = l.anchor == Anchor::key && span.key_begin != parse::Span::npos;
            begin = on_key ? span.key_begin : span.begin;
            end = on_key ? span.key_end : span.end;  // a parent: its opening brace
        }
        l.finding.begin = lines.position(begin);
        l.finding.end = lines.position(end);
    }
    // In the order of their places in the text (positions grow with offsets), ties in input order.
    // A body has a few findings: sorted by insertion, with no buffer beside the result.
    std::vector<std::size_t> indexes(located.size());
    auto before = [&located](std::size_t a, std::size_t b) {
        const Position& x = located[a].finding.begin;
        const Position& y = located[b].finding.begin;
        return x.line != y.line ? x.line < y.line : x.column < y.column;
    };
    for (std::size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
    if (indexes.size() <= kPairwise) {
        for (std::size_t i = 1; i < indexes.size(); ++i) {
            const std::size_t moving = indexes[i];
            std::size_t j = i;
            for (; j > 0 && before(moving, indexes[j - 1]); --j) indexes[j] = indexes[j - 1];
            indexes[j] = moving;
        }
    } else {
        std::stable_sort(indexes.begin(), indexes.end(), before);
    }
    return indexes;
}

Finding too_many(const rules::RuleCatalogue& catalogue, const Overflow& overflow, std::size_t limit)
{
    // Truncated: at least the violation that met the cap went uncollected, and maybe many more.
    const std::size_t count = overflow.more + (overflow.truncated ? 1 : 0);
    const std::string more = std::to_string(count) + (count == 1 ? " more finding" : " more findings");
    Finding summary = make(catalogue, core::RuleId::too_many_findings, "",
                           {{"actual", overflow.truncated || overflow.stopped ? "at least " + more : more},
                            {"expected", std::to_string(limit)}});
    summary.begin = summary.end = {1, 1};
    return summary;
}

Report keep_first(std::vector<Located>& located, const std::vector<std::size_t>& order, std::size_t limit,
                  bool truncated, const rules::RuleCatalogue& catalogue, Overflow* overflow)
{
    Report report;
    const std::size_t shown = std::min(order.size(), limit);
    report.findings.reserve(shown + 1);  // a Finding is large: moving it on each growth costs
    for (std::size_t k = 0; k < shown; ++k) {
        const Located& l = located[order[k]];
        Finding& finding = located[order[k]].finding;
        // Last, after positions were found from the full pointer; the rule's summary (a lookup by
        // its id) only for a finding inside a secret.
        if (l.secret ? *l.secret : core::is_secret_pointer(finding.pointer)) {
            core::redact_finding(finding, catalogue.get(finding.rule).info.summary);
        }
        report.findings.push_back(std::move(finding));
    }
    if (order.size() > shown || truncated) {
        const Overflow left{order.size() - shown, truncated, false};
        if (overflow != nullptr) {
            *overflow = left;
        } else {
            report.findings.push_back(too_many(catalogue, left, limit));
        }
    }
    return report;
}

}  // namespace drslint::findings
