#include "model/policy_semantics.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace gpolint::model {

namespace {

// [System Access] keys the SAM keeps per domain (password, lockout and logon policy of the domain
// object): MS-GPSB §2.2.1 and Microsoft's "Account Policies" list.
constexpr std::array<std::string_view, 11> kAccountPolicyNames = {
    "minimumpasswordage", "maximumpasswordage", "minimumpasswordlength", "passwordcomplexity",
    "passwordhistorysize", "cleartextpassword",  "lockoutbadcount",       "resetlockoutcount",
    "lockoutduration",    "requirelogontochangepassword", "allowadministratorlockout"};

}  // namespace

Extension applying_extension(const Setting& setting) {
    switch (setting.source) {
        case SourceKind::RegistryPol: return Extension::Registry;
        case SourceKind::AuditCsv: return Extension::AdvancedAudit;
        case SourceKind::Scripts: return Extension::Scripts;
        case SourceKind::SoftwareInstallation: return Extension::SoftwareInstallation;
        case SourceKind::Template:
        case SourceKind::Report: return Extension::Security;
        case SourceKind::Preferences: break;
    }
    std::string_view key = setting.key.folded();
    if (key.starts_with("group:")) return Extension::PreferencesGroups;
    if (key.starts_with("service:")) return Extension::PreferencesServices;
    return Extension::PreferencesRegistry;
}

std::string_view to_string(Extension extension) {
    switch (extension) {
        case Extension::Registry: return "Registry";
        case Extension::PreferencesGroups: return "Preferences (Local Users and Groups)";
        case Extension::Scripts: return "Scripts";
        case Extension::Security: return "Security";
        case Extension::PreferencesServices: return "Preferences (Services)";
        case Extension::PreferencesRegistry: return "Preferences (Registry)";
        case Extension::SoftwareInstallation: return "Software Installation";
        case Extension::AdvancedAudit: return "Advanced Audit";
    }
    return "";
}

bool accumulates_across_gpos(const SettingKey& key) {
    auto kind = key.kind();
    return kind == "script" || kind == "psscript" || kind == "package";
}

bool defines_value(Operation op) { return op == Operation::Set || op == Operation::SetIfAbsent; }

namespace {

std::vector<std::string> folded_sorted(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const auto& item : items) out.push_back(fold_case(item));
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::string service_key_text(std::string_view service, ServiceAspect aspect) {
    std::string_view name;
    switch (aspect) {
        case ServiceAspect::StartupType: name = "StartupType"; break;
        case ServiceAspect::Permissions: name = "Permissions"; break;
        case ServiceAspect::Account: name = "Account"; break;
        case ServiceAspect::Recovery: name = "Recovery"; break;
        case ServiceAspect::Action: name = "Action"; break;
    }
    std::string key = "service:";
    key.append(service).append("\\").append(name);
    return key;
}

bool same_effect(const Value& a, const Value& b) {
    if (a.number && b.number) return *a.number == *b.number;
    if (a.kind == ValueKind::PrincipalList || b.kind == ValueKind::PrincipalList) {
        // GPL704 asks this of every overridden contribution of a forest: settle the common cases without
        // copying (different lengths; the same list in the same order).
        if (a.items.size() != b.items.size()) return false;
        if (std::equal(a.items.begin(), a.items.end(), b.items.begin(), [](const auto& x, const auto& y) { return iequals(x, y); }))
            return true;
        return folded_sorted(a.items) == folded_sorted(b.items);
    }
    if (!a.items.empty() || !b.items.empty()) return a.items == b.items;
    return a.text == b.text;
}

bool is_account_policy(const SettingKey& key) {
    std::string_view folded = key.folded();
    if (folded.starts_with("kerberos:")) return true;
    if (!folded.starts_with("access:")) return false;
    folded.remove_prefix(7);
    for (auto name : kAccountPolicyNames)
        if (folded == name) return true;
    return false;
}

std::string display_value(const Value& value, Operation op) {
    if (!defines_value(op)) return std::string("(") + to_string(op) + ")";
    if (!value.text.empty()) return value.text;
    if (!value.items.empty()) {
        std::string joined;
        for (const auto& item : value.items) {
            if (!joined.empty()) joined += ',';
            joined += item;
        }
        return joined;
    }
    if (value.number) return std::to_string(*value.number);
    return "(empty)";
}

std::string gpo_label(const Gpo& gpo) { return "'" + gpo.name + "'"; }

std::string describe_link(const Topology& topology, const LinkRef& link, std::string_view unknown_name) {
    std::string text = link.gpo ? gpo_label(*link.gpo) : std::string(unknown_name);
    if (link.link_som >= 0) text += " linked at " + topology.soms[static_cast<size_t>(link.link_som)].dn;
    std::string details;
    if (link.link_order > 0) details = "link order " + std::to_string(link.link_order);
    if (link.enforced) details += std::string(details.empty() ? "" : ", ") + "enforced";
    if (!details.empty()) text += " (" + details + ")";
    return text;
}

}  // namespace gpolint::model
