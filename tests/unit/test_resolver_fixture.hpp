#pragma once
// Tiny topologies and GPOs built in code for the resolver's scenario tests. GPO GUIDs are just the GPO
// name in braces ("{H1}"): the resolver never looks inside a GUID.
#include <random>
#include <string>
#include <vector>

#include "model/gpo.hpp"
#include "model/topology.hpp"
#include "resolve/effective.hpp"

namespace gpolint::test {

constexpr int kEnforced = 2;
constexpr int kDisabled = 1;

class Scenario {
public:
    int site(const std::string& name) { return add(model::SomKind::Site, "CN=" + name + ",CN=Sites,CN=Configuration,DC=contoso,DC=com", -1); }
    int domain(const std::string& dn = "DC=contoso,DC=com") { return add(model::SomKind::Domain, dn, -1); }
    int ou(const std::string& dn, int parent) { return add(model::SomKind::OrganizationalUnit, dn, parent); }
    void block(int som) { topology.soms[static_cast<size_t>(som)].block_inheritance = true; }

    // Appends a gPLink entry: the entry linked last is link order 1.
    void link(int som, const std::string& gpo_name, int options = 0) {
        auto& node = topology.soms[static_cast<size_t>(som)];
        model::Link link;
        link.gpo_guid = "{" + gpo_name + "}";
        link.disabled = (options & kDisabled) != 0;
        link.enforced = (options & kEnforced) != 0;
        link.position = static_cast<uint32_t>(node.links.size());
        link.location.file = intern_path("topology.ldf");
        link.location.line = static_cast<uint32_t>(100 * som + node.links.size() + 1);
        node.links.push_back(link);
    }

    // Adds a GPO; valid until the next gpo() call.
    model::Gpo& gpo(const std::string& name) {
        model::Gpo gpo;
        gpo.guid = "{" + name + "}";
        gpo.name = name;
        gpos.push_back(std::move(gpo));
        return gpos.back();
    }

    // Adds a setting to the GPO named `name`; line numbers count up per GPO so history entries are distinct.
    model::Setting& set(const std::string& name, const std::string& key, const std::string& value,
                        model::SourceKind source = model::SourceKind::Template,
                        model::Operation op = model::Operation::Set) {
        model::Gpo& target = find_gpo(name);
        model::Setting setting;
        setting.key = model::SettingKey(key);
        setting.value.kind = model::ValueKind::String;
        setting.value.text = value;
        setting.op = op;
        setting.source = source;
        setting.location.file = intern_path(name + (source == model::SourceKind::Template ? "/GptTmpl.inf" : "/registry.pol"));
        setting.location.line = static_cast<uint32_t>(target.settings.size() + 1);
        target.settings.push_back(std::move(setting));
        return target.settings.back();
    }

    model::Gpo& find_gpo(const std::string& name) {
        for (auto& candidate : gpos)
            if (candidate.name == name) return candidate;
        return gpo(name);
    }

    resolve::EffectivePolicy resolve(int som) const { return resolve::resolve_som(topology, gpos, som); }

    model::Topology topology;
    std::vector<model::Gpo> gpos;

private:
    int add(model::SomKind kind, const std::string& dn, int parent) {
        model::Som som;
        som.dn = dn;
        som.kind = kind;
        som.parent = parent;
        return topology.add_som(std::move(som));
    }
};

// A domain with one OU below it and one GPO linked on each.
struct DomainAndOu {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    explicit DomainAndOu(const std::string& domain_gpo = "Domain", int domain_options = 0,
                         const std::string& ou_gpo = "Ou", int ou_options = 0) {
        s.link(dom, domain_gpo, domain_options);
        s.link(ou, ou_gpo, ou_options);
        s.gpo(domain_gpo);
        s.gpo(ou_gpo);
    }
};

// Names of the applied GPOs in application order (a missing GPO shows as its GUID).
inline std::vector<std::string> applied(const resolve::EffectivePolicy& policy) {
    std::vector<std::string> out;
    for (const auto& link : policy.order)
        if (link.applied) out.push_back(link.gpo != nullptr ? link.gpo->name : link.gpo_guid);
    return out;
}

// The order entry of the first link to `gpo_name` (by GUID); nullptr if absent.
inline const resolve::ProcessedLink* entry(const resolve::EffectivePolicy& policy, const std::string& gpo_name) {
    for (const auto& link : policy.order)
        if (link.gpo_guid == "{" + gpo_name + "}") return &link;
    return nullptr;
}

// Name of the GPO whose contribution won `key`; "" when nothing defines a value.
inline std::string winner(const resolve::EffectivePolicy& policy, const std::string& key) {
    const auto* setting = policy.find(model::fold_case(key));
    if (setting == nullptr || setting->winner == nullptr) return "";
    return policy.order[static_cast<size_t>(setting->winner_link)].gpo->name;
}

inline const resolve::ResolvedSetting& resolved(const resolve::EffectivePolicy& policy, const std::string& key) {
    static const resolve::ResolvedSetting none;
    const auto* setting = policy.find(model::fold_case(key));
    return setting != nullptr ? *setting : none;
}

// The reason of the index-th contribution of `setting`, as explain prints it.
inline std::string reason(const resolve::EffectivePolicy& policy, const resolve::ResolvedSetting& setting, size_t index) {
    return resolve::reason_of(policy, setting, setting.history.at(index));
}

// "GPO:state" for every contribution in application order.
inline std::vector<std::string> history(const resolve::EffectivePolicy& policy, const std::string& key) {
    std::vector<std::string> out;
    for (const auto& contribution : resolved(policy, key).history) {
        const auto& link = policy.order[contribution.link_index];
        out.push_back((link.gpo != nullptr ? link.gpo->name : link.gpo_guid) + ":" + resolve::to_string(contribution.state));
    }
    return out;
}

// Seeded dice for random scenarios. Draws from mt19937 directly: std distributions differ between
// standard libraries, and the scenarios must be the same everywhere.
struct Dice {
    explicit Dice(uint32_t seed) : engine(seed) {}
    std::mt19937 engine;
    uint32_t below(uint32_t n) { return static_cast<uint32_t>(engine() % n); }
    bool chance(uint32_t percent) { return below(100) < percent; }
};

}  // namespace gpolint::test
