#pragma once
// Factories of the built-in checks; registry.cpp lists them under their rule IDs.
#include "rules/builtin/check.hpp"

namespace gpolint::rules {

std::unique_ptr<BuiltinCheck> make_hyperv_group_by_name(const Rule& rule);       // GPL103
std::unique_ptr<BuiltinCheck> make_hyperv_block_defeated(const Rule& rule);      // GPL104
std::unique_ptr<BuiltinCheck> make_account_policy_below_domain(const Rule& rule); // GPL301
std::unique_ptr<BuiltinCheck> make_account_policy_conflict(const Rule& rule);     // GPL302
std::unique_ptr<BuiltinCheck> make_deny_logon_replaced(const Rule& rule);         // GPL405
std::unique_ptr<BuiltinCheck> make_group_members_conflict(const Rule& rule);      // GPL601
std::unique_ptr<BuiltinCheck> make_template_pol_mismatch(const Rule& rule);       // GPL706
std::unique_ptr<BuiltinCheck> make_unlinked_gpo(const Rule& rule);                // GPL702
std::unique_ptr<BuiltinCheck> make_disabled_half_settings(const Rule& rule);      // GPL703
std::unique_ptr<BuiltinCheck> make_overridden_everywhere(const Rule& rule);       // GPL704
std::unique_ptr<BuiltinCheck> make_same_level_conflict(const Rule& rule);         // GPL705
std::unique_ptr<BuiltinCheck> make_filtered_gpo(const Rule& rule);                // GPL708
std::unique_ptr<BuiltinCheck> make_gpo_unreadable_by_computers(const Rule& rule); // GPL710
std::unique_ptr<BuiltinCheck> make_gpo_editable_by_non_admins(const Rule& rule);  // GPL711
std::unique_ptr<BuiltinCheck> make_gpo_permission_for_unknown_sid(const Rule& rule);  // GPL713
std::unique_ptr<BuiltinCheck> make_dc_setting_without_dc(const Rule& rule);       // GPL712

}  // namespace gpolint::rules
