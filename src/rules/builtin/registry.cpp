// The one list of built-in IDs. Every entry has a `builtin` metadata record in policies/builtin.rules
// (or a family file); the consistency test checks both directions.
#include "rules/builtin/checks.hpp"

namespace gpolint::rules {

const std::vector<BuiltinEntry>& builtin_registry() {
    static const std::vector<BuiltinEntry> registry = {
        {"GPL001", nullptr, "parsers"},
        {"GPL002", nullptr, "template parser"},
        {"GPL003", nullptr, "template parser"},
        {"GPL004", nullptr, "parsers"},
        {"GPL005", nullptr, "input loader"},
        {"GPL006", nullptr, "input loader"},
        {"GPL008", nullptr, "input loader"},
        {"GPL009", nullptr, "topology reader"},
        {"GPL010", nullptr, "findings stage (suppressions)"},
        {"GPL011", nullptr, "findings stage (suppressions)"},
        {"GPL012", nullptr, "findings stage (baseline)"},
        {"GPL014", nullptr, "input loader"},
        {"GPL015", nullptr, "topology reader"},
        {"GPL016", nullptr, "LDIF reader"},
        {"GPL103", make_hyperv_group_by_name, ""},
        {"GPL104", make_hyperv_block_defeated, ""},
        {"GPL301", make_account_policy_below_domain, ""},
        {"GPL302", make_account_policy_conflict, ""},
        {"GPL405", make_deny_logon_replaced, ""},
        {"GPL601", make_group_members_conflict, ""},
        {"GPL706", make_template_pol_mismatch, ""},
        {"GPL602", nullptr, "Preferences reader"},
        {"GPL606", nullptr, "Preferences reader"},
        {"GPL607", nullptr, "scripts.ini reader"},
        {"GPL608", nullptr, "Preferences and scripts.ini readers"},
        {"GPL701", nullptr, "resolver"},
        {"GPL702", make_unlinked_gpo, ""},
        {"GPL703", make_disabled_half_settings, ""},
        {"GPL704", make_overridden_everywhere, ""},
        {"GPL705", make_same_level_conflict, ""},
        {"GPL708", make_filtered_gpo, ""},
        {"GPL710", make_gpo_unreadable_by_computers, ""},
        {"GPL711", make_gpo_editable_by_non_admins, ""},
        {"GPL712", make_dc_setting_without_dc, ""},
        {"GPL713", make_gpo_permission_for_unknown_sid, ""},
    };
    return registry;
}

const BuiltinEntry* find_builtin(std::string_view id) {
    for (const auto& entry : builtin_registry())
        if (entry.id == id) return &entry;
    return nullptr;
}

}  // namespace gpolint::rules
