#pragma once
// What the reports say about each rule (SARIF's rule list, help links), so report/ needs no rules/.
#include <string>
#include <vector>

#include "report/reporter.hpp"
#include "rules/rule.hpp"

namespace gpolint::check {

std::vector<report::RuleInfo> rule_infos(const std::vector<rules::Rule>& rules, const std::string& rules_dir);

}  // namespace gpolint::check
