// The last stages of a lint, each a unit of its own: findings collected from the parser, the
// schemas and the rules are merged (drop_repeats), placed in the source (locate), and cut to the
// limit (keep_first), which also redacts each one as it leaves the library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/located.h"
#include "core/rule_table.h"
#include "drslint/finding.h"
#include "parse/json_parser.h"
#include "rules/rule_catalogue.h"

namespace drslint::findings {

// A finding of `rule`: its catalogue severity, and its message from the template and `args`.
Finding make(const rules::RuleCatalogue& catalogue, core::RuleId rule, std::string pointer, const core::MessageArgs& args);

// One finding per problem: the same rule at the same place is reported once (a rule may be both
// in the schemas and in the rule engine, which alone knows the task context); where a specific
// rule explains a place, the generic schema finding there is dropped (job.type "policy_config"
// is a renamed type, not just a value outside the enumeration); and an error at a place
// supersedes warnings about the same value.
void drop_repeats(std::vector<core::Located>& located, const rules::RuleCatalogue& catalogue);

// Sets each finding's begin and end in `text` (the body the pointers point into), from `parsed`,
// the parse of `text` (parse::DocumentSpans: no second parse); null when the text did not parse,
// when every finding has its offset. Returns the indexes of `located` in source order (stable:
// findings at one place keep their order).
std::vector<std::size_t> locate(std::string_view text, std::vector<core::Located>& located,
                                const parse::ParseResult* parsed);

// What keep_first leaves out: `more` findings beyond the limit; `truncated`: the collection
// stopped at its cap, so one more at least went uncollected; `stopped`: the rest of the input was
// not linted, so there may be more.
struct Overflow {
    std::size_t more = 0;
    bool truncated = false;
    bool stopped = false;
};

// The too-many-findings finding (at 1:1) that says what `overflow` left out beyond `limit`.
Finding too_many(const rules::RuleCatalogue& catalogue, const Overflow& overflow, std::size_t limit);

// The report: the first `limit` findings in `order`, each redacted (core::redact_finding) as the
// one place every finding of a body passes before it leaves the library. What is left out (or
// `truncated`) is counted into `*overflow` when given, else into a too-many-findings finding.
Report keep_first(std::vector<core::Located>& located, const std::vector<std::size_t>& order, std::size_t limit,
                  bool truncated, const rules::RuleCatalogue& catalogue, Overflow* overflow);

}  // namespace drslint::findings
