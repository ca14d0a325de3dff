#pragma once
// Scopes of management (site, domain, OUs), their links and roles: what the resolver walks.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/location.hpp"

namespace gpolint::model {

enum class SomKind { Site, Domain, OrganizationalUnit };
const char* to_string(SomKind kind);

struct Link {
    std::string gpo_guid;       // "{…}" upper-case
    bool disabled = false;      // option bit 0x1
    bool enforced = false;      // option bit 0x2
    uint32_t position = 0;      // 0-based index in the gPLink string (first entry = 0)
    Location location;
    // Topology files may name the GPO ("Server Hardening") instead of giving its GUID; finish_topology
    // resolves the name and fills gpo_guid. gpo_guid stays empty when the name matched no GPO or several
    // (already reported as GPL001).
    std::string gpo_name_ref;
};

struct Som {
    std::string dn;                  // as written, e.g. OU=HyperV,OU=Servers,DC=contoso,DC=com
    SomKind kind = SomKind::OrganizationalUnit;
    int parent = -1;                 // index of the parent SOM (domain for a top OU; -1 for domain/site)
    std::vector<int> children;
    std::vector<Link> links;         // in gPLink string order: the LAST entry is link order 1
    bool link_order_known = true;    // false when links come from gpreport.xml LinksTo
    bool block_inheritance = false;  // gPOptions = 1
    std::set<std::string> roles;     // detected (docs/topology-file.md "Roles") plus user tags
    Location location;
    uint32_t link_order(size_t index) const { return static_cast<uint32_t>(links.size() - index); }
};

// What LDIF says about a GPO (groupPolicyContainer); merged into the Gpo by GUID when both are known.
struct GpoContainer {
    std::string guid;
    std::string name;
    std::optional<uint32_t> flags;
    std::optional<uint32_t> version;
    std::vector<std::string> machine_extensions;
    std::string wmi_filter;
    Location location;
};

struct Computer {
    std::string dn;
    std::string dns_host_name;
    std::string operating_system;
    std::vector<std::string> service_principal_names;
    uint32_t user_account_control = 0;
    Location location;
};

struct Topology {
    std::vector<Som> soms;          // parents always before children
    std::vector<GpoContainer> gpo_containers;
    std::vector<Computer> computers;
    // SPNs of service accounts (users, managed service accounts) and msExchExchangeServer objects of the
    // configuration partition: the service runs on another object's computer.
    std::vector<std::string> account_spns;
    std::vector<std::string> exchange_server_hosts;
    std::unordered_map<std::string, int> index_by_dn;  // key: normalize_dn(dn)
    int find(std::string_view dn) const;               // -1 if absent
    // A DN, or a canonical name as users type it (contoso.com/Servers/HyperV); -1 if absent.
    int find_dn_or_name(std::string_view name) const;
    int add_som(Som som);                              // keeps index_by_dn and parent/children in step
    bool empty() const { return soms.empty(); }
};

// Case-insensitive, spaces around ',' and '=' removed: "OU=Hyper V, DC=Contoso" -> "ou=hyper v,dc=contoso".
std::string normalize_dn(std::string_view dn);
// Parent DN ("OU=A,DC=x,DC=y" -> "DC=x,DC=y"); empty for the domain root.
std::string parent_dn(std::string_view dn);
// contoso.com/Servers/HyperV -> OU=HyperV,OU=Servers,DC=contoso,DC=com
std::string canonical_name_to_dn(std::string_view canonical);

}  // namespace gpolint::model
