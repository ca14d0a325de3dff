// Checks on one GPO and its links, without resolution: GPL702 (linked nowhere), GPL703 (settings in a
// disabled half), GPL708 (WMI- or security-filtered), GPL710/GPL711 (the GPO's own permissions).
#include <algorithm>

#include "model/principal.hpp"
#include "rules/builtin/checks.hpp"

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
        out.push_back(finding(gpo_label(gpo) + "'s permissions give neither Authenticated Users nor Domain Computers Read: "
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
std::unique_ptr<BuiltinCheck> make_gpo_unreadable_by_computers(const Rule& rule) {
    return std::make_unique<GpoUnreadableByComputers>(rule);
}
std::unique_ptr<BuiltinCheck> make_gpo_editable_by_non_admins(const Rule& rule) {
    return std::make_unique<GpoEditableByNonAdmins>(rule);
}

}  // namespace gpolint::rules
