#pragma once
// Hand-built GPOs, topologies and effective policies for the rule-engine tests, so per-SOM behaviour is
// tested without the resolver.
#include <string>
#include <vector>

#include "model/gpo.hpp"
#include "model/setting.hpp"
#include "model/topology.hpp"
#include "resolve/effective.hpp"
#include "rules/loader.hpp"

namespace gpolint::testing {

inline const std::string kLsa = "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\";

inline model::Setting privilege(const std::string& right, std::vector<std::string> items, const std::string& file,
                                uint32_t line) {
    model::Setting s;
    s.key = model::SettingKey("privilege:" + right);
    s.value.kind = model::ValueKind::PrincipalList;
    for (size_t i = 0; i < items.size(); ++i) s.value.text += (i ? "," : "") + items[i];
    s.value.items = std::move(items);
    s.location = Location{intern_path(file), line, 1, 0};
    return s;
}

inline model::Setting dword(const std::string& key, int64_t value, const std::string& file, uint32_t line,
                            model::SourceKind source = model::SourceKind::Template) {
    model::Setting s;
    s.key = model::SettingKey(key);
    s.value.kind = model::ValueKind::Dword;
    s.value.text = "4," + std::to_string(value);
    s.value.number = value;
    s.value.reg_type = 4;
    s.source = source;
    s.location = Location{intern_path(file), line, 1, 0};
    return s;
}

inline model::Gpo gpo(const std::string& guid, const std::string& name, std::vector<model::Setting> settings) {
    model::Gpo g;
    g.guid = guid;
    g.name = name;
    g.settings = std::move(settings);
    g.origin.file = intern_path(name + "/Backup.xml");
    g.origin.line = 1;
    return g;
}

inline int add_som(model::Topology& topology, const std::string& dn, model::SomKind kind, int parent,
                   std::vector<std::string> roles = {}, bool block = false) {
    model::Som som;
    som.dn = dn;
    som.kind = kind;
    som.parent = parent;
    som.roles.insert(roles.begin(), roles.end());
    som.block_inheritance = block;
    return topology.add_som(std::move(som));
}

inline resolve::ProcessedLink link(const model::Gpo& g, int som, uint32_t order, bool enforced = false) {
    resolve::ProcessedLink l;
    l.gpo = &g;
    l.gpo_guid = g.guid;
    l.link_som = som;
    l.link_order = order;
    l.enforced = enforced;
    l.applied = true;
    return l;
}

// Each key's contributions in application order: (link index, setting). The last one wins.
struct Contributions {
    std::string key;
    std::vector<std::pair<size_t, const model::Setting*>> in_order;
};

inline resolve::EffectivePolicy policy(const model::Topology& topology, int som, std::vector<resolve::ProcessedLink> order,
                                       std::vector<Contributions> keys) {
    resolve::EffectivePolicy p;
    p.topology = &topology;
    p.som = som;
    p.order = std::move(order);
    for (auto& k : keys) {
        resolve::ResolvedSetting r;
        r.key = model::SettingKey(k.key);
        for (size_t i = 0; i < k.in_order.size(); ++i) {
            bool last = i + 1 == k.in_order.size();
            r.history.push_back({k.in_order[i].first, k.in_order[i].second,
                                 last ? resolve::ContributionState::Won : resolve::ContributionState::Overridden, {}});
        }
        r.winner = k.in_order.back().second;
        r.winner_link = static_cast<int>(k.in_order.back().first);
        p.settings.push_back(std::move(r));
    }
    std::sort(p.settings.begin(), p.settings.end(),
              [](const auto& a, const auto& b) { return a.key.folded() < b.key.folded(); });
    return p;
}

inline const std::vector<rules::Rule>& policies() {
    static const std::vector<rules::Rule> loaded = [] {
        Diagnostics diagnostics;
        return rules::load_rules(rules::default_rules_dir(), diagnostics);
    }();
    return loaded;
}

inline std::vector<const Diagnostic*> of_rule(const std::vector<Diagnostic>& findings, const std::string& id) {
    std::vector<const Diagnostic*> out;
    for (const auto& d : findings)
        if (d.rule_id == id) out.push_back(&d);
    return out;
}

inline bool has_note(const Diagnostic& d, const std::string& part) {
    for (const auto& n : d.notes)
        if (n.message.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace gpolint::testing
