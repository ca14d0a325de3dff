#include "fix/fix_action.hpp"

namespace gpolint::fix {

std::optional<FixAction> fix_action_of(const rules::Rule& rule) {
    if (!rule.autofix) return std::nullopt;
    const auto& record = *rule.autofix;
    const auto& args = record.args;
    FixAction action;
    action.rule_id = rule.id;
    action.safe = record.safe;
    if (record.action == "add" && args.size() == 2) {
        action.kind = ActionKind::Add;
        action.to = args[1];
    } else if (record.action == "replace" && args.size() == 3) {
        action.kind = ActionKind::Replace;
        action.from = args[1];
        action.to = args[2];
    } else if (record.action == "set" && args.size() == 2) {
        action.kind = ActionKind::Set;
        action.to = args[1];
    } else {
        return std::nullopt;
    }
    action.key = args[0];
    return action;
}

}  // namespace gpolint::fix
