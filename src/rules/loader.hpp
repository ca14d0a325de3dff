#pragma once
// Loads every *.rules file of a folder and checks the set as a whole (unique IDs, built-in records
// matching the registry).
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "rules/rule.hpp"

namespace gpolint::rules {

// The default for --rules: ../share/gpolint/policies next to the executable (an installed gpolint),
// else, for a binary in its build tree only, policies/ of the source tree (GPOLINT_SOURCE_DIR).
std::string default_rules_dir();
// docs/rules/ next to a rules folder (../docs/rules), where `gpolint rules ID` finds the page.
std::string docs_dir_for(const std::string& rules_dir);

// Files in name order so IDs, errors and output are deterministic. Errors (GPL000) name file:line:col.
std::vector<Rule> load_rules(const std::string& dir, Diagnostics& diagnostics);

// Cross-file checks: duplicate IDs; `builtin` records without a registered class and registered
// classes without a record (only when `complete`, i.e. the whole policies/ folder was loaded).
void check_rule_set(const std::vector<Rule>& rules, bool complete, Diagnostics& diagnostics);

}  // namespace gpolint::rules
