#pragma once
// What `check` and `rules` share: loading the rule folder, printing its errors, reading rule ID lists.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace gpolint::cli {

// "file:line:col: SEVERITY: message", or "file: SEVERITY: message" for a problem with the whole file.
void print_error(std::ostream& err, const Diagnostic& diagnostic);

// Loads --rules DIR (default: policies/ of the source tree). Errors are printed to `err` as
// file:line:col lines; nullopt when there were any.
std::optional<std::vector<rules::Rule>> load_rules_or_report(const std::string& dir, std::ostream& err);

// "GPL101,GPL2" -> {"GPL101", "GPL2"}; repeated options accumulate.
std::vector<std::string> split_ids(const std::vector<std::string>& values);

}  // namespace gpolint::cli
