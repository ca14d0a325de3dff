#include <doctest/doctest.h>

#include "parse/topology_reader.hpp"
#include "test_topology_support.hpp"

using namespace gpolint;
using gpolint::testing::diagnostics_text;
using gpolint::testing::read_ldif_text;
using gpolint::testing::read_topology_text;
using Overrides = std::vector<std::pair<std::string, std::string>>;

namespace {
const std::set<std::string>& roles_of(const model::Topology& topology, std::string_view dn) {
    int index = topology.find(dn);
    INFO(dn);
    REQUIRE(index >= 0);
    return topology.soms[static_cast<size_t>(index)].roles;
}

model::Gpo gpo(std::string guid, std::string name) {
    model::Gpo g;
    g.guid = std::move(guid);
    g.name = std::move(name);
    return g;
}

const char* kDirectory =
    "dn: DC=contoso,DC=com\n"
    "objectClass: domainDNS\n"
    "\n"
    "dn: OU=Domain Controllers,DC=contoso,DC=com\n"
    "objectClass: organizationalUnit\n"
    "\n"
    "dn: OU=Servers,DC=contoso,DC=com\n"
    "objectClass: organizationalUnit\n"
    "\n"
    "dn: OU=Domain Controllers,OU=Servers,DC=contoso,DC=com\n"  // not directly under the domain: no role
    "objectClass: organizationalUnit\n"
    "\n"
    "dn: CN=HV01,OU=HyperV,OU=Servers,DC=contoso,DC=com\n"  // OU=HyperV only implied by this DN
    "objectClass: computer\n"
    "servicePrincipalName: HOST/hv01\n"
    "servicePrincipalName: microsoft virtual console service/hv01.contoso.com\n"
    "\n"
    "dn: CN=NODE1,OU=Cluster,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: computer\n"
    "servicePrincipalName: MSServerClusterMgmtAPI/node1.contoso.com\n"
    "\n"
    "dn: OU=Cluster,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: organizationalUnit\n"
    "\n"
    "dn: CN=RODC1,CN=Computers,DC=contoso,DC=com\n"  // a DC outside OU=Domain Controllers
    "objectClass: computer\n"
    "userAccountControl: 532480\n"  // 0x82000: SERVER_TRUST_ACCOUNT | TRUSTED_FOR_DELEGATION
    "\n"
    "dn: CN=APP1,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: computer\n"
    "servicePrincipalName: MSServerClusterX/app1\n"          // another service class
    "servicePrincipalName: Microsoft Virtual Console Service\n"  // no '/': not an SPN of that class
    "userAccountControl: 4096\n";
}  // namespace

TEST_CASE("roles: from SPNs, userAccountControl and OU=Domain Controllers") {
    Diagnostics diagnostics;
    auto topology = read_ldif_text(kDirectory, diagnostics);
    std::vector<model::Gpo> gpos;
    parse::finish_topology(topology, gpos, {}, diagnostics);
    CHECK(diagnostics.count(Severity::Warning) == 0);
    CHECK(roles_of(topology, "OU=HyperV,OU=Servers,DC=contoso,DC=com") == std::set<std::string>{"hyperv"});
    CHECK(roles_of(topology, "OU=Cluster,OU=Servers,DC=contoso,DC=com") == std::set<std::string>{"cluster"});
    CHECK(roles_of(topology, "OU=Domain Controllers,DC=contoso,DC=com") == std::set<std::string>{"dc"});
    CHECK(roles_of(topology, "DC=contoso,DC=com") == std::set<std::string>{"dc"});  // RODC1 in CN=Computers
    CHECK(roles_of(topology, "OU=Servers,DC=contoso,DC=com").empty());
    CHECK(roles_of(topology, "OU=Domain Controllers,OU=Servers,DC=contoso,DC=com").empty());
}

TEST_CASE("roles: --role adds and removes - an unknown DN is an error") {
    Diagnostics diagnostics;
    auto topology = read_ldif_text(kDirectory, diagnostics);
    std::vector<model::Gpo> gpos;
    Overrides overrides = {{"ou=servers, dc=contoso, dc=com", "Tier1"},
                           {"contoso.com/Servers/HyperV", "-hyperv"},
                           {"OU=Nowhere,DC=contoso,DC=com", "hyperv"},
                           {"DC=contoso,DC=com", " "}};
    parse::finish_topology(topology, gpos, overrides, diagnostics);
    CHECK(roles_of(topology, "OU=Servers,DC=contoso,DC=com") == std::set<std::string>{"tier1"});
    CHECK(roles_of(topology, "OU=HyperV,OU=Servers,DC=contoso,DC=com").empty());
    CHECK(diagnostics_text(diagnostics, Severity::Error) ==
          "0:0 error --role DC=contoso,DC=com=: the role name is missing\n"
          "0:0 error --role OU=Nowhere,DC=contoso,DC=com=hyperv: no such SOM in the topology\n");
}

TEST_CASE("roles: topology-file tags are kept and names resolve to GUIDs") {
    const char* text =
        "domain contoso.com\n"
        "  link \"default domain policy\"\n"  // case-insensitive
        "  link \"Twice\"\n"
        "ou Servers role tier1\n"
        "  link \"Unknown GPO\"\n"
        "  link \"Only In Directory\"\n";
    Diagnostics diagnostics;
    auto topology = read_topology_text(text, diagnostics);
    model::GpoContainer container;
    container.guid = "{CCCCCCCC-0000-4000-8000-000000000003}";
    container.name = "Only In Directory";
    topology.gpo_containers.push_back(container);
    std::vector<model::Gpo> gpos = {gpo("{AAAAAAAA-0000-4000-8000-000000000001}", "Default Domain Policy"),
                                    gpo("{BBBBBBBB-0000-4000-8000-000000000001}", "Twice"),
                                    gpo("{BBBBBBBB-0000-4000-8000-000000000002}", "twice")};
    parse::finish_topology(topology, gpos, {}, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "3:3 error 2 GPOs are named 'Twice' ({BBBBBBBB-0000-4000-8000-000000000001}, "
          "{BBBBBBBB-0000-4000-8000-000000000002}); link by {GUID} instead\n"
          "5:3 error no GPO named 'Unknown GPO' in the input\n");
    const auto& domain = topology.soms[static_cast<size_t>(topology.find("DC=contoso,DC=com"))];
    REQUIRE(domain.links.size() == 2);
    CHECK(domain.links[0].gpo_guid.empty());  // "Twice", ambiguous
    CHECK(domain.links[1].gpo_guid == "{AAAAAAAA-0000-4000-8000-000000000001}");
    const auto& servers = topology.soms[static_cast<size_t>(topology.find("OU=Servers,DC=contoso,DC=com"))];
    CHECK(servers.roles == std::set<std::string>{"tier1"});
    REQUIRE(servers.links.size() == 2);
    CHECK(servers.links[0].gpo_guid == "{CCCCCCCC-0000-4000-8000-000000000003}");
    CHECK(servers.links[1].gpo_guid.empty());
}

TEST_CASE("roles: groupPolicyContainer facts merge into the GPOs by GUID") {
    const char* text =
        "dn: CN={aaaaaaaa-0000-4000-8000-000000000001},CN=Policies,CN=System,DC=x,DC=y\n"
        "objectClass: groupPolicyContainer\n"
        "displayName: From Directory\n"
        "flags: 2\n"
        "gPCWQLFilter: [x.y;{CCCCCCCC-0000-4000-8000-000000000003};0]\n"
        "\n"
        "dn: CN={BBBBBBBB-0000-4000-8000-000000000002},CN=Policies,CN=System,DC=x,DC=y\n"
        "objectClass: groupPolicyContainer\n"
        "displayName: Not In Files\n";
    Diagnostics diagnostics;
    auto topology = read_ldif_text(text, diagnostics);
    std::vector<model::Gpo> gpos = {gpo("{AAAAAAAA-0000-4000-8000-000000000001}", ""),
                                    gpo("{DDDDDDDD-0000-4000-8000-000000000004}", "Files Only")};
    gpos[1].flags = 1;
    parse::finish_topology(topology, gpos, {}, diagnostics);
    CHECK(diagnostics.all().empty());
    CHECK(gpos[0].name == "From Directory");
    CHECK(gpos[0].flags == 2u);
    CHECK_FALSE(gpos[0].computer_enabled());
    CHECK(gpos[0].wmi_filter == "{CCCCCCCC-0000-4000-8000-000000000003}");
    CHECK(gpos[1].name == "Files Only");
    CHECK(gpos[1].flags == 1u);
    CHECK(gpos.size() == 2);  // a container without GPO files adds nothing
}

TEST_CASE("roles: topology from gpreport LinksTo when there is no LDIF or topology file") {
    auto linked = [](std::string path, bool enabled, bool enforced) {
        model::ReportedLink link;
        link.som_path = std::move(path);
        link.enabled = enabled;
        link.enforced = enforced;
        link.location = Location{intern_path("gpreport.xml"), 7, 3, 0};
        return link;
    };
    std::vector<model::Gpo> gpos = {gpo("{AAAAAAAA-0000-4000-8000-000000000001}", "A"),
                                    gpo("{BBBBBBBB-0000-4000-8000-000000000002}", "B"), gpo("", "loose file")};
    gpos[0].reported_links = {linked("contoso.com/Servers/HyperV", true, false), linked("contoso.com", true, true)};
    gpos[1].reported_links = {linked("contoso.com/Servers/HyperV", false, false)};
    gpos[2].reported_links = {linked("contoso.com/Ignored", true, false)};
    Diagnostics diagnostics;
    model::Topology topology;
    parse::topology_from_reports(gpos, topology, diagnostics);
    REQUIRE(topology.soms.size() == 3);
    CHECK(topology.soms[0].dn == "DC=contoso,DC=com");
    CHECK(topology.soms[1].dn == "OU=Servers,DC=contoso,DC=com");
    CHECK(topology.soms[2].dn == "OU=HyperV,OU=Servers,DC=contoso,DC=com");
    CHECK(topology.soms[2].parent == 1);
    CHECK(topology.soms[1].parent == 0);
    for (const auto& som : topology.soms) CHECK_FALSE(som.link_order_known);
    // Informational, not a parse error: its own ID (GPL001 is for parse errors only).
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].rule_id == "GPL009");
    CHECK(diagnostics.all()[0].severity == Severity::Note);
    REQUIRE(topology.soms[0].links.size() == 1);
    CHECK(topology.soms[0].links[0].enforced);
    const auto& hyperv = topology.soms[2].links;
    REQUIRE(hyperv.size() == 2);
    CHECK(hyperv[0].gpo_guid == "{AAAAAAAA-0000-4000-8000-000000000001}");
    CHECK_FALSE(hyperv[0].disabled);
    CHECK(hyperv[1].gpo_guid == "{BBBBBBBB-0000-4000-8000-000000000002}");
    CHECK(hyperv[1].disabled);
    REQUIRE(diagnostics.all().size() == 1);  // one note about link order, none per created parent
    CHECK(diagnostics.all()[0].severity == Severity::Note);
    CHECK(diagnostics.all()[0].location.line == 7);

    Diagnostics none;
    model::Topology empty;
    parse::topology_from_reports({gpo("{AAAAAAAA-0000-4000-8000-000000000001}", "A")}, empty, none);
    CHECK(empty.empty());
    CHECK(none.all().empty());
}
