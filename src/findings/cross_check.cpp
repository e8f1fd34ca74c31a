#include "findings/cross_check.h"

#include <string>
#include <unordered_set>

#include "core/pointer.h"
#include "findings/finish.h"

namespace drslint::findings {

void cross_check(const schema::ValijsonEngine& valijson, const rapidjson::Value& document, bool rejected,
                 const rules::RuleCatalogue& catalogue, std::vector<core::Located>& out)
{
    std::unordered_set<std::string> explained;
    for (const auto& l : out) {
        explained.insert(l.finding.pointer);
    }
    const auto leaves = valijson.validate(document);
    for (const auto& leaf : leaves) {
        if (leaf.unknown_member || explained.count(leaf.pointer) != 0) {
            continue;
        }
        core::Located l;
        l.finding = make(catalogue, core::RuleId::engine_disagreement, leaf.pointer,
                         {{"subject", core::describe_pointer(leaf.pointer)}, {"reason", "valijson: " + leaf.description}});
        explained.insert(leaf.pointer);
        out.push_back(std::move(l));
    }
    if (rejected && leaves.empty()) {
        core::Located l;
        l.finding = make(catalogue, core::RuleId::engine_disagreement, "",
                         {{"subject", "the body"}, {"reason", "drslint's evaluator rejects it, but valijson accepts it"}});
        out.push_back(std::move(l));
    }
}

}  // namespace drslint::findings
