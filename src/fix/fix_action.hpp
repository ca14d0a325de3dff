#pragma once
// A machine-applicable fix as declared by a rule's `autofix` line (docs/rule-language.md).
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace gpolint::fix {

enum class ActionKind { Add, Replace, Set };

struct FixAction {
    std::string rule_id;
    bool safe = false;
    ActionKind kind = ActionKind::Set;
    std::string key;   // canonical setting key, e.g. privilege:SeServiceLogonRight
    std::string from;  // Replace: the principal to replace
    std::string to;    // Add: the principal; Replace: its replacement; Set: the value
};

// The fix a rule declares, or nullopt when it has none or the record is malformed (wrong arity,
// unknown action: the rule loader accepts any words, the fixer only these three shapes).
std::optional<FixAction> fix_action_of(const rules::Rule& rule);

}  // namespace gpolint::fix
