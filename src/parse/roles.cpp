// finish_topology: GPO names in topology files, LDIF groupPolicyContainer facts, roles of SOMs.
#include <map>
#include <set>

#include "model/setting.hpp"
#include "parse/gplink_value.hpp"
#include "parse/topology_reader.hpp"
#include "parse/topology_text.hpp"
#include "parse/topology_tree.hpp"

namespace gpolint::parse {

namespace {

constexpr uint32_t kServerTrustAccount = 0x2000;  // userAccountControl: a domain controller

// SPN service classes that give a computer's SOM a role.
struct SpnRole {
    std::string_view service;
    std::string_view role;
};
constexpr SpnRole kSpnRoles[] = {
    {"Microsoft Virtual System Migration Service", "hyperv"},
    {"Microsoft Virtual Console Service", "hyperv"},
    {"MSServerClusterMgmtAPI", "cluster"},
    {"MSServerCluster", "cluster"},
};

void resolve_gpo_names(model::Topology& topology, const std::vector<model::Gpo>& gpos, Diagnostics& diagnostics) {
    // Display name (folded) -> GUIDs; the GPO files first, LDIF containers for names they do not have.
    using NameIndex = std::map<std::string, std::set<std::string>>;
    NameIndex by_name;
    for (const auto& gpo : gpos)
        if (!gpo.guid.empty() && !gpo.name.empty()) by_name[model::fold_case(gpo.name)].insert(gpo.guid);
    NameIndex containers_by_name;
    auto lookup = [](const NameIndex& index, const std::string& key) -> const std::set<std::string>* {
        auto it = index.find(key);
        return it == index.end() ? nullptr : &it->second;
    };
    for (const auto& container : topology.gpo_containers)
        if (!container.name.empty()) containers_by_name[model::fold_case(container.name)].insert(container.guid);

    for (auto& som : topology.soms) {
        for (auto& link : som.links) {
            if (link.gpo_name_ref.empty() || !link.gpo_guid.empty()) continue;
            auto key = model::fold_case(link.gpo_name_ref);
            const auto* guids = lookup(by_name, key);
            if (!guids) guids = lookup(containers_by_name, key);
            if (!guids) {
                diagnostics.error("GPL001", link.location, "no GPO named '" + excerpt(link.gpo_name_ref) + "' in the input");
                continue;
            }
            if (guids->size() > 1) {
                std::string list;
                for (const auto& guid : *guids) list += (list.empty() ? "" : ", ") + guid;
                diagnostics.error("GPL001", link.location,
                                  std::to_string(guids->size()) + " GPOs are named '" + excerpt(link.gpo_name_ref) +
                                      "' (" + list + "); link by {GUID} instead");
                continue;
            }
            link.gpo_guid = *guids->begin();
        }
    }
}

// The directory is what clients read, so its flags win; name and WMI filter fill gaps only.
void merge_gpo_containers(const model::Topology& topology, std::vector<model::Gpo>& gpos) {
    std::map<std::string, const model::GpoContainer*> by_guid;
    for (const auto& container : topology.gpo_containers) by_guid.emplace(container.guid, &container);
    for (auto& gpo : gpos) {
        auto it = by_guid.find(canonical_guid(gpo.guid));
        if (gpo.guid.empty() || it == by_guid.end()) continue;
        const auto& container = *it->second;
        if (container.flags) gpo.flags = *container.flags;
        if (gpo.name.empty()) gpo.name = container.name;
        if (gpo.wmi_filter.empty()) gpo.wmi_filter = container.wmi_filter;
    }
}

void detect_roles(model::Topology& topology) {
    for (const auto& computer : topology.computers) {
        int som = containing_som(topology, computer.dn);
        if (som < 0) continue;
        auto& roles = topology.soms[static_cast<size_t>(som)].roles;
        if (computer.user_account_control & kServerTrustAccount) roles.insert("dc");
        for (const auto& spn : computer.service_principal_names) {
            auto service = std::string_view(spn).substr(0, spn.find('/'));
            for (const auto& rule : kSpnRoles)
                if (service.size() < spn.size() && model::iequals(service, rule.service)) roles.insert(std::string(rule.role));
        }
    }
    for (auto& som : topology.soms) {
        bool under_domain = som.parent >= 0 && topology.soms[static_cast<size_t>(som.parent)].kind == model::SomKind::Domain;
        if (som.kind == model::SomKind::OrganizationalUnit && under_domain &&
            model::iequals(rdn_value(som.dn), "Domain Controllers"))
            som.roles.insert("dc");
    }
}

// --role DN=ROLE adds a role, --role DN=-ROLE removes a detected one. DN may also be a canonical name.
void apply_role_overrides(model::Topology& topology, const std::vector<std::pair<std::string, std::string>>& overrides,
                          Diagnostics& diagnostics) {
    Location command_line{intern_path("--role"), 0, 0, 0};
    for (const auto& [dn, role_text] : overrides) {
        auto role = model::fold_case(trim(role_text));
        bool remove = !role.empty() && role.front() == '-';
        if (remove) role.erase(0, 1);
        if (role.empty()) {
            diagnostics.error("GPL001", command_line, "--role " + excerpt(dn) + "=: the role name is missing");
            continue;
        }
        int som = topology.find_dn_or_name(dn);
        if (som < 0) {
            diagnostics.error("GPL001", command_line,
                              "--role " + excerpt(dn) + "=" + role_text + ": no such SOM in the topology");
            continue;
        }
        auto& roles = topology.soms[static_cast<size_t>(som)].roles;
        if (remove) roles.erase(role);
        else roles.insert(role);
    }
}

}  // namespace

void finish_topology(model::Topology& topology, std::vector<model::Gpo>& gpos,
                     const std::vector<std::pair<std::string, std::string>>& role_overrides, Diagnostics& diagnostics) {
    resolve_gpo_names(topology, gpos, diagnostics);
    merge_gpo_containers(topology, gpos);
    detect_roles(topology);
    apply_role_overrides(topology, role_overrides, diagnostics);
}

}  // namespace gpolint::parse
