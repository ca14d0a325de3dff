#include "check/rule_infos.hpp"

#include "rules/evaluator.hpp"
#include "rules/loader.hpp"

namespace gpolint::check {

std::vector<report::RuleInfo> rule_infos(const std::vector<rules::Rule>& rules, const std::string& rules_dir) {
    std::vector<report::RuleInfo> infos;
    std::string docs = rules::docs_dir_for(rules_dir);
    for (const auto& rule : rules)
        infos.push_back({rule.id, rule.slug, rule.severity, rule.title, rule.rationale,
                         rules::render_general(rule.fix), docs + "/" + rule.id + ".md"});
    return infos;
}

}  // namespace gpolint::check
