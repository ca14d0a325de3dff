#pragma once
// Rule IDs typed by users (--select, --ignore, the config, `rules ID`) checked against the loaded rules,
// so a typo (GPL1O1, GPL999) is an error with a suggestion instead of a rule silently not run.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.hpp"

namespace gpolint::cli {

// Loaded rule IDs closest to `typed` (edit distance at most 2, letter O read as zero), best first.
std::vector<std::string> close_rule_ids(std::string_view typed, const std::vector<rules::Rule>& rules);

// Ends an error line: "; did you mean GPL101?" or a hint to list the rules, then a newline.
void suggest_rule_ids(std::string_view typed, const std::vector<rules::Rule>& rules, std::ostream& err);

// False after printing "gpolint: error: unknown rule ID 'X' in <where>; did you mean …?" for each ID or
// family in `patterns` that matches no loaded rule.
bool check_rule_ids(const std::vector<std::string>& patterns, std::string_view where,
                    const std::vector<rules::Rule>& rules, std::ostream& err);

}  // namespace gpolint::cli
