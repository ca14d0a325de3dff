// finish_topology: GPO names in topology files, LDIF groupPolicyContainer facts, roles of SOMs.
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "model/setting.hpp"
#include "parse/gplink_value.hpp"
#include "parse/topology_reader.hpp"
#include "parse/topology_text.hpp"
#include "parse/topology_tree.hpp"

namespace gpolint::parse {

namespace {

constexpr uint32_t kServerTrustAccount = 0x2000;  // userAccountControl: a domain controller

// SPN service classes that give the SOM of the computer they run on a role (docs/topology-file.md "Roles").
struct SpnRole {
    std::string_view service;
    std::string_view role;
};
constexpr SpnRole kSpnRoles[] = {
    {"Microsoft Virtual System Migration Service", "hyperv"},
    {"Microsoft Virtual Console Service", "hyperv"},
    {"MSServerClusterMgmtAPI", "cluster"},
    {"MSServerCluster", "cluster"},
    {"MSClusterVirtualServer", "cluster"},  // cluster name objects, in the nodes' OU
    {"exchangeMDB", "exchange"},
    {"exchangeRFR", "exchange"},
    {"exchangeAB", "exchange"},  // Exchange 2000/2003 registered it on global catalogs: not taken from DCs
    {"MSSQLSvc", "sql"},
    {"HTTP", "iis"},
};

// operatingSystem substrings (case-insensitive) that give a role; the first match wins.
struct OsRole {
    std::string_view contains;
    std::string_view role;
};
constexpr OsRole kOsRoles[] = {
    {"Azure Stack HCI", "azurelocal"},
    {"Azure Local", "azurelocal"},
    {"Server", ""},  // "Windows Server 2022 Datacenter": no role from the name
    {"Windows", "workstation"},  // "Windows 11 Enterprise", "Windows 10 Pro"
};

bool contains_ci(std::string_view text, std::string_view part) {
    if (part.size() > text.size()) return false;
    for (size_t i = 0; i + part.size() <= text.size(); ++i)
        if (model::iequals(text.substr(i, part.size()), part)) return true;
    return false;
}

// "MSSQLSvc/sql01.contoso.com:1433" -> service "MSSQLSvc", host "sql01.contoso.com"; empty when not an SPN.
struct SpnParts {
    std::string_view service;
    std::string_view host;
};
SpnParts split_spn(std::string_view spn) {
    auto slash = spn.find('/');
    if (slash == std::string_view::npos || slash == 0) return {};
    auto host = spn.substr(slash + 1);
    host = host.substr(0, std::min(host.find(':'), host.find('/')));
    return {spn.substr(0, slash), host};
}

std::string_view spn_role(std::string_view service) {
    for (const auto& rule : kSpnRoles)
        if (model::iequals(service, rule.service)) return rule.role;
    return {};
}

std::string_view os_role(std::string_view operating_system) {
    for (const auto& rule : kOsRoles)
        if (contains_ci(operating_system, rule.contains)) return rule.role;
    return {};
}

std::string_view first_label(std::string_view host) { return host.substr(0, host.find('.')); }

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

// Computers by DNS name and by short name ("sql01.contoso.com", "sql01"), for services named by host.
class ComputersByHost {
public:
    explicit ComputersByHost(const model::Topology& topology) {
        for (size_t i = 0; i < topology.computers.size(); ++i) {
            const auto& computer = topology.computers[i];
            if (!computer.dns_host_name.empty()) add(computer.dns_host_name, i);
            add(first_label(computer.dns_host_name.empty() ? rdn_value(computer.dn) : computer.dns_host_name), i);
        }
    }
    std::vector<size_t> find(std::string_view host) const {
        auto it = index_.find(model::fold_case(host));
        if (it == index_.end()) it = index_.find(model::fold_case(first_label(host)));
        return it == index_.end() ? std::vector<size_t>{} : it->second;
    }

private:
    void add(std::string_view host, size_t computer) {
        if (!host.empty()) index_[model::fold_case(host)].push_back(computer);
    }
    std::map<std::string, std::vector<size_t>> index_;
};

void detect_roles(model::Topology& topology) {
    std::vector<std::set<std::string>> computer_roles(topology.computers.size());
    for (size_t i = 0; i < topology.computers.size(); ++i) {
        const auto& computer = topology.computers[i];
        auto& roles = computer_roles[i];
        bool dc = (computer.user_account_control & kServerTrustAccount) != 0;
        if (dc) roles.insert("dc");
        for (const auto& spn : computer.service_principal_names) {
            auto parts = split_spn(spn);
            auto role = spn_role(parts.service);
            if (!role.empty() && !(dc && role == "exchange")) roles.insert(std::string(role));
        }
        if (auto role = os_role(computer.operating_system); !role.empty()) roles.insert(std::string(role));
    }
    ComputersByHost by_host(topology);
    for (const auto& spn : topology.account_spns) {
        auto parts = split_spn(spn);
        auto role = spn_role(parts.service);
        if (role.empty()) continue;
        for (size_t computer : by_host.find(parts.host)) computer_roles[computer].insert(std::string(role));
    }
    for (const auto& host : topology.exchange_server_hosts)
        for (size_t computer : by_host.find(host)) computer_roles[computer].insert("exchange");

    bool exchange_in_forest = !topology.exchange_server_hosts.empty();
    for (size_t i = 0; i < topology.computers.size(); ++i) {
        exchange_in_forest = exchange_in_forest || computer_roles[i].count("exchange");
        int som = containing_som(topology, topology.computers[i].dn);
        if (som >= 0) topology.soms[static_cast<size_t>(som)].roles.merge(computer_roles[i]);
    }
    for (auto& som : topology.soms) {
        bool under_domain = som.parent >= 0 && topology.soms[static_cast<size_t>(som.parent)].kind == model::SomKind::Domain;
        if (som.kind == model::SomKind::OrganizationalUnit && under_domain &&
            model::iequals(rdn_value(som.dn), "Domain Controllers"))
            som.roles.insert("dc");
    }
    // Exchange needs rights on every DC of its forest (SeSecurityPrivilege for Exchange Servers).
    if (exchange_in_forest)
        for (auto& som : topology.soms)
            if (som.roles.count("dc")) som.roles.insert("exchange-org");
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
