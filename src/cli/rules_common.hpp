#pragma once
// What `check` and `rules` share: loading the rule folder and describing rules to reporters.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "report/reporter.hpp"
#include "rules/rule.hpp"

namespace gpolint::cli {

// "file:line:col: SEVERITY: message", or "file: SEVERITY: message" for a problem with the whole file.
void print_error(std::ostream& err, const Diagnostic& diagnostic);

// Loads --rules DIR (default: policies/ of the source tree). Errors are printed to `err` as
// file:line:col lines; nullopt when there were any.
std::optional<std::vector<rules::Rule>> load_rules_or_report(const std::string& dir, std::ostream& err);

std::vector<report::RuleInfo> rule_infos(const std::vector<rules::Rule>& rules, const std::string& rules_dir);

// "GPL101,GPL2" -> {"GPL101", "GPL2"}; repeated options accumulate.
std::vector<std::string> split_ids(const std::vector<std::string>& values);

}  // namespace gpolint::cli
