// Checks on one GPO and its links, without resolution: GPL702 (linked nowhere), GPL703 (settings in a
// disabled half), GPL708 (WMI- or security-filtered), GPL710/GPL711 (the GPO's own permissions).
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "model/policy_semantics.hpp"
#include "model/principal.hpp"
#include "model/topology.hpp"
#include "rules/builtin/checks.hpp"
#include "rules/evaluator.hpp"

namespace gpolint::rules {

namespace {

class UnlinkedGpo final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    // Only meaningful with a topology: without one every GPO would look unlinked.
    void finish(const CheckContext& context, std::vector<Diagnostic>& out) override {
        if (context.topology.empty()) return;
        for (const auto& gpo : context.gpos) {
            if (gpo.guid.empty()) continue;
            // The links of a GPO from a domain the topology does not describe are simply not in the
            // input (a STIG package checked beside another domain's export): no judgement, so the
            // finding does not depend on which unrelated folders are checked with it.
            if (!gpo.domain.empty() && context.topology.find(model::canonical_name_to_dn(gpo.domain)) < 0) continue;
            std::vector<std::string> disabled_at;
            bool linked = false;
            for (const auto& site : context.links.to(gpo.guid)) {
                if (site.link->disabled) disabled_at.push_back(site.som->dn);
                else linked = true;
            }
            if (linked) continue;
            std::string message = gpo_label(gpo) + (disabled_at.empty() ? " is not linked anywhere"
                                                                        : " is linked only through disabled links");
            Diagnostic d = finding(message + ": none of its settings apply", gpo.origin, gpo);
            for (const auto& dn : disabled_at) d.notes.push_back({"the link at " + dn + " is disabled", std::nullopt});
            out.push_back(std::move(d));
        }
    }
};

class DisabledHalfSettings final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_gpo(const model::Gpo& gpo, const CheckContext&, std::vector<Diagnostic>& out) const override {
        report(gpo, !gpo.computer_enabled(), false, "computer", out);
        report(gpo, !gpo.user_enabled(), true, "user", out);
    }

private:
    void report(const model::Gpo& gpo, bool disabled, bool user_side, const char* half,
                std::vector<Diagnostic>& out) const {
        if (!disabled) return;
        auto count = std::count_if(gpo.settings.begin(), gpo.settings.end(),
                                   [user_side](const model::Setting& s) { return s.user_side == user_side; });
        if (count == 0) return;
        auto first = std::find_if(gpo.settings.begin(), gpo.settings.end(),
                                  [user_side](const model::Setting& s) { return s.user_side == user_side; });
        Diagnostic d = finding(gpo_label(gpo) + " has its " + half + " half disabled, so its " + std::to_string(count) +
                                   " " + half + " setting" + (count == 1 ? "" : "s") + " never apply",
                               first->location, gpo);
        d.notes.push_back({std::string("the ") + half + " half is disabled here", located(gpo.origin)});
        out.push_back(std::move(d));
    }
};

class FilteredGpo final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_gpo(const model::Gpo& gpo, const CheckContext&, std::vector<Diagnostic>& out) const override {
        if (gpo.wmi_filter.empty() && !gpo.security_filtered) return;
        std::string how = !gpo.wmi_filter.empty() ? "WMI filter '" + gpo.wmi_filter + "'" : std::string();
        if (gpo.security_filtered) how += std::string(how.empty() ? "" : " and ") + "security filtering";
        out.push_back(finding(gpo_label(gpo) + " is limited by " + how +
                                  ": it applies only to the computers the filter lets through, so findings about it are conditional",
                              gpo.origin, gpo));
    }
};

// Only a descriptor read from Backup.xml tells; without one nothing is known about read access.
class GpoUnreadableByComputers final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_gpo(const model::Gpo& gpo, const CheckContext&, std::vector<Diagnostic>& out) const override {
        if (!gpo.security_descriptor_known || gpo.computers_can_read) return;
        bool user_settings = std::any_of(gpo.settings.begin(), gpo.settings.end(),
                                         [](const model::Setting& s) { return s.user_side; });
        out.push_back(finding("the permissions of " + gpo_label(gpo) + " give neither Authenticated Users nor Domain Computers Read: "
                                  "since MS16-072 computers read GPOs in their own context, so the GPO is skipped" +
                                  (user_settings ? " and its user settings never apply" : ""),
                              gpo.origin, gpo));
    }
};

class GpoEditableByNonAdmins final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_gpo(const model::Gpo& gpo, const CheckContext&, std::vector<Diagnostic>& out) const override {
        if (!gpo.security_descriptor_known || gpo.non_admin_editors.empty()) return;
        std::string who;
        for (const auto& sid : gpo.non_admin_editors) {
            auto name = model::well_known_name(sid);
            who += (who.empty() ? "" : ", ") + ("*" + sid) + (name ? " (" + std::string(*name) + ")" : "");
        }
        out.push_back(finding(gpo_label(gpo) + " can be changed by " + who +
                                  ": whoever controls these accounts runs code as SYSTEM on every computer the GPO applies to",
                              gpo.origin, gpo));
    }
};

class GpoPermissionForUnknownSid final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_gpo(const model::Gpo& gpo, const CheckContext&, std::vector<Diagnostic>& out) const override {
        if (gpo.unnamed_trustees.empty()) return;
        std::string who;
        for (const auto& sid : gpo.unnamed_trustees) who += (who.empty() ? "*" : ", *") + sid;
        out.push_back(finding("the permissions of " + gpo_label(gpo) + " name " + who +
                                  ", which Backup.xml could not resolve to an account: a deleted account or one of a "
                                  "removed trust, whose rights come back with anything that reuses the SID",
                              gpo.origin, gpo));
    }
};

// In one GPO the Registry CSE writes registry.pol values, then the Security CSE writes the template's
// registry values, then Preferences write theirs: two sources with different data for one value
// rewrite each other at every refresh, and only the last one is what the machine keeps.
class TemplatePolMismatch final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_gpo(const model::Gpo& gpo, const CheckContext&, std::vector<Diagnostic>& out) const override {
        std::map<std::string_view, const model::Setting*> from_template;
        for (const auto& s : gpo.settings)
            if (s.source == model::SourceKind::Template && s.key.kind() == "registry") from_template[s.key.folded()] = &s;
        if (from_template.empty()) return;
        std::set<std::string_view> reported;
        for (const auto& s : gpo.settings) {
            if (s.source != model::SourceKind::RegistryPol && s.source != model::SourceKind::Preferences) continue;
            auto it = from_template.find(s.key.folded());
            if (it == from_template.end() || same_data(it->second->value, s.value) || !reported.insert(it->first).second) continue;
            const model::Setting& in_template = *it->second;
            // Which of the two the machine keeps is the precedence inside one GPO (model/policy_semantics).
            bool preferences_win = model::replaces(model::applying_extension(s), model::applying_extension(in_template));
            const model::Setting& kept = preferences_win ? s : in_template;
            Diagnostic d = finding(s.key.text() + " is " + display_value(in_template.value) + " in the security template and " +
                                       display_value(s.value) + " in " + model::to_string(s.source) + " of " + gpo_label(gpo) +
                                       ": both are written at every refresh, the " +
                                       (preferences_win ? "Preferences value" : "template value") + " (" +
                                       display_value(kept.value) + ") last",
                                   in_template.location, gpo);
            d.notes.push_back({std::string("set here in ") + model::to_string(s.source), located(s.location)});
            d.setting = s.key.text();
            out.push_back(std::move(d));
        }
    }

private:
    static bool same_data(const model::Value& a, const model::Value& b) {
        if (a.number && b.number) return *a.number == *b.number;
        auto text = [](const model::Value& v) {
            std::string_view t = v.text;
            if (t.size() >= 2 && t.front() == '"' && t.back() == '"') t = t.substr(1, t.size() - 2);
            return model::fold_case(t);
        };
        return text(a) == text(b) || display_value(a) == display_value(b);
    }
};

// Values only a domain controller reads (its KDC, Netlogon and LDAP server): linked where no DC is, they
// do nothing. Folded key prefixes.
constexpr std::string_view kDcOnlyKeys[] = {
    "registry:hklm\\system\\currentcontrolset\\services\\ntds\\parameters\\ldapserverintegrity",
    "registry:hklm\\system\\currentcontrolset\\services\\ntds\\parameters\\ldapenforcechannelbinding",
    "registry:hklm\\system\\currentcontrolset\\services\\netlogon\\parameters\\restrictntlmindomain",
    "registry:hklm\\system\\currentcontrolset\\services\\netlogon\\parameters\\auditntlmindomain",
    "registry:hklm\\system\\currentcontrolset\\services\\netlogon\\parameters\\dcallowedntlmservers",
    "registry:hklm\\system\\currentcontrolset\\services\\netlogon\\parameters\\refusepasswordchange",
    "registry:hklm\\system\\currentcontrolset\\services\\netlogon\\parameters\\fullsecurechannelprotection",
    "registry:hklm\\system\\currentcontrolset\\services\\kdc\\",
};

bool is_dc_only(const model::SettingKey& key) {
    std::string_view folded = key.folded();
    if (!folded.starts_with("registry:hklm\\system\\currentcontrolset\\services\\")) return false;  // most keys
    for (auto prefix : kDcOnlyKeys)
        if (folded.starts_with(prefix)) return true;
    return false;
}

// Per SOM: it or an OU below it holds domain controllers. Parents come before children, so one pass
// from the end sees every child before its parent.
std::vector<bool> soms_reaching_dcs(const model::Topology& topology) {
    std::vector<bool> reaches(topology.soms.size(), false);
    for (size_t i = topology.soms.size(); i-- > 0;) {
        const auto& som = topology.soms[i];
        if (som.roles.count("dc")) reaches[i] = true;
        if (reaches[i] && som.parent >= 0) reaches[static_cast<size_t>(som.parent)] = true;
    }
    return reaches;
}

class DcSettingWithoutDc final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    // Needs to know where DCs are: a topology with at least one dc SOM.
    void finish(const CheckContext& context, std::vector<Diagnostic>& out) override {
        const auto& topology = context.topology;
        auto reaches_dc = soms_reaching_dcs(topology);
        if (std::find(reaches_dc.begin(), reaches_dc.end(), true) == reaches_dc.end()) return;
        for (const auto& gpo : context.gpos) {
            auto first = std::find_if(gpo.settings.begin(), gpo.settings.end(),
                                      [](const model::Setting& s) { return is_dc_only(s.key); });
            if (first == gpo.settings.end()) continue;
            std::vector<std::string> linked_at;
            bool reaches = false;
            for (const auto& site : context.links.to(gpo.guid)) {
                if (site.link->disabled) continue;
                linked_at.push_back(site.som->dn);
                int index = topology.find(site.som->dn);
                // A site link reaches every DC of the site: count it as reaching.
                reaches = reaches || index < 0 || site.som->kind == model::SomKind::Site || reaches_dc[static_cast<size_t>(index)];
            }
            if (linked_at.empty() || reaches) continue;
            Diagnostic d = finding(first->key.text() + " in " + gpo_label(gpo) +
                                       " is read only by domain controllers, and no domain controller is in or below where the GPO is linked: it does nothing there",
                                   first->location, gpo);
            d.setting = first->key.text();
            for (const auto& dn : linked_at) d.notes.push_back({"linked at " + dn, std::nullopt});
            out.push_back(std::move(d));
        }
    }
};

// The SID form works on every machine; the name of the Hyper-V group resolves only on Hyper-V hosts.
class HyperVGroupByName final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_gpo(const model::Gpo& gpo, const CheckContext&, std::vector<Diagnostic>& out) const override {
        for (const auto& s : gpo.settings) {
            if (s.value.kind != model::ValueKind::PrincipalList) continue;
            for (const auto& item : s.value.items) {
                bool written_as_sid = !item.empty() && (item.front() == '*' || model::iequals(item.substr(0, 4), "S-1-"));
                if (written_as_sid || model::canonical_principal(item) != "*s-1-5-83-0") continue;
                Diagnostic d = finding(s.key.text() + " names '" + item +
                                           "' instead of *S-1-5-83-0: the name resolves only where the Hyper-V role is installed",
                                       s.location, gpo);
                d.setting = s.key.text();
                out.push_back(std::move(d));
            }
        }
    }
};

}  // namespace

std::unique_ptr<BuiltinCheck> make_hyperv_group_by_name(const Rule& rule) {
    return std::make_unique<HyperVGroupByName>(rule);
}
std::unique_ptr<BuiltinCheck> make_unlinked_gpo(const Rule& rule) { return std::make_unique<UnlinkedGpo>(rule); }
std::unique_ptr<BuiltinCheck> make_disabled_half_settings(const Rule& rule) {
    return std::make_unique<DisabledHalfSettings>(rule);
}
std::unique_ptr<BuiltinCheck> make_filtered_gpo(const Rule& rule) { return std::make_unique<FilteredGpo>(rule); }
std::unique_ptr<BuiltinCheck> make_dc_setting_without_dc(const Rule& rule) {
    return std::make_unique<DcSettingWithoutDc>(rule);
}
std::unique_ptr<BuiltinCheck> make_template_pol_mismatch(const Rule& rule) {
    return std::make_unique<TemplatePolMismatch>(rule);
}
std::unique_ptr<BuiltinCheck> make_gpo_unreadable_by_computers(const Rule& rule) {
    return std::make_unique<GpoUnreadableByComputers>(rule);
}
std::unique_ptr<BuiltinCheck> make_gpo_permission_for_unknown_sid(const Rule& rule) {
    return std::make_unique<GpoPermissionForUnknownSid>(rule);
}
std::unique_ptr<BuiltinCheck> make_gpo_editable_by_non_admins(const Rule& rule) {
    return std::make_unique<GpoEditableByNonAdmins>(rule);
}

}  // namespace gpolint::rules
