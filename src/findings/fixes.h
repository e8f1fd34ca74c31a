// Fixes: what a finding's repair is, proposed from the finding, its value in the document and the
// text around it. Proposing is local and cheap; the facade then proves the proposals on the whole
// body (Linter::Impl::prove_fixes) before any leaves the library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "core/located.h"
#include "drslint/finding.h"
#include "rules/rule_catalogue.h"

namespace drslint::findings {

// Sets finding.fix on each of `located` that a kind of fix its rule declares in rules.json can
// repair, with edits into `text`, the body `document` was parsed from. Never one whose edits touch
// a secret's value (core::is_secret_member decides, by location) or a member name inside one.
void propose_fixes(std::string_view text, const rapidjson::Value& document, std::vector<core::Located>& located,
                   const rules::RuleCatalogue& catalogue);

// The fix of the byte-order-mark finding: the first three bytes go.
Fix byte_order_mark_fix(const rules::RuleCatalogue& catalogue);

// Moves every edit of `fix` by `bytes` (the text it was made for starts there in a larger one).
void shift(Fix& fix, std::size_t bytes);

// Applies `fixes` to `text`: in order of their first edit, each one whose edits overlap none
// applied before (a later round can apply the others). (*applied)[i] says whether fixes[i] was.
// An edit outside the text is never applied.
std::string apply(std::string_view text, const std::vector<const Fix*>& fixes, std::vector<bool>* applied = nullptr);

}  // namespace drslint::findings
