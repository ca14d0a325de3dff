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

// LDIF text -> topology with roles detected and the overrides applied.
model::Topology finished(std::string_view ldif, Diagnostics& diagnostics, const Overrides& overrides = {}) {
    auto topology = read_ldif_text(ldif, diagnostics);
    std::vector<model::Gpo> gpos;
    parse::finish_topology(topology, gpos, overrides, diagnostics);
    return topology;
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
    auto topology = finished(kDirectory, diagnostics);
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

// One OU per role, each computer written as ldifde exports it (objectClass chain, SPNs, operatingSystem).
namespace {
const char* kRoleDirectory =
    "dn: DC=contoso,DC=com\n"
    "objectClass: domainDNS\n"
    "\n"
    "dn: OU=Domain Controllers,DC=contoso,DC=com\n"
    "objectClass: organizationalUnit\n"
    "\n"
    "dn: CN=DC01,OU=Domain Controllers,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: dc01.contoso.com\n"
    "operatingSystem: Windows Server 2022 Standard\n"
    "servicePrincipalName: exchangeAB/DC01\n"  // Exchange 2003 put it on global catalogs: not an Exchange server
    "servicePrincipalName: ldap/dc01.contoso.com\n"
    "userAccountControl: 532480\n"
    "\n"
    "dn: CN=EX01,OU=Exchange,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: EX01.contoso.com\n"
    "operatingSystem: Windows Server 2019 Standard\n"
    "servicePrincipalName: exchangeMDB/EX01.contoso.com\n"
    "servicePrincipalName: exchangeRFR/EX01\n"
    "servicePrincipalName: HOST/EX01\n"
    "userAccountControl: 4096\n"
    "\n"
    "dn: CN=WEB01,OU=Web,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: web01.contoso.com\n"
    "operatingSystem: Windows Server 2022 Datacenter\n"
    "servicePrincipalName: HTTP/intranet.contoso.com\n"
    "servicePrincipalName: HOST/WEB01\n"
    "userAccountControl: 4096\n"
    "\n"
    "dn: CN=SQL01,OU=SQL,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: sql01.contoso.com\n"
    "operatingSystem: Windows Server 2022 Standard\n"
    "servicePrincipalName: MSSQLSvc/sql01.contoso.com:1433\n"
    "servicePrincipalName: MSSQLSvc/sql01.contoso.com\n"
    "userAccountControl: 4096\n"
    "\n"
    "dn: CN=NODE1,OU=Cluster,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: node1.contoso.com\n"
    "servicePrincipalName: HOST/NODE1\n"
    "\n"
    "dn: CN=CLU1,OU=Cluster,OU=Servers,DC=contoso,DC=com\n"  // the cluster name object, beside its nodes
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: clu1.contoso.com\n"
    "servicePrincipalName: MSClusterVirtualServer/CLU1\n"
    "servicePrincipalName: MSClusterVirtualServer/clu1.contoso.com\n"
    "servicePrincipalName: HOST/CLU1\n"
    "\n"
    "dn: CN=HCI-N1,OU=AzureLocal,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: hci-n1.contoso.com\n"
    "operatingSystem: Azure Stack HCI\n"
    "operatingSystemVersion: 10.0 (20349)\n"
    "\n"
    "dn: CN=PC0042,OU=Workstations,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: PC0042.contoso.com\n"
    "operatingSystem: Windows 11 Enterprise\n"
    "operatingSystemVersion: 10.0 (22631)\n"
    "\n"
    "dn: CN=APP02,OU=Apps,OU=Servers,DC=contoso,DC=com\n"  // SQL under a domain service account
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: app02.contoso.com\n"
    "operatingSystem: Windows Server 2016 Standard\n"
    "\n"
    "dn: CN=svc-sql,OU=Service Accounts,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\n"
    "servicePrincipalName: MSSQLSvc/app02.contoso.com:1433\n"
    "\n"
    "dn: CN=gmsa-web,CN=Managed Service Accounts,DC=contoso,DC=com\n"  // derives from computer, runs elsewhere
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "objectClass: msDS-GroupManagedServiceAccount\n"
    "servicePrincipalName: HTTP/shop.contoso.com\n"
    "servicePrincipalName: HTTP/APP02\n"
    "\n"
    "dn: CN=EX02,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,"
    "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: server\nobjectClass: msExchExchangeServer\n"
    "msExchCurrentServerRoles: 16439\n"
    "networkAddress: ncacn_vns_spp:EX02\n"
    "networkAddress: netbios:EX02\n"
    "networkAddress: ncacn_ip_tcp:EX02.contoso.com\n"
    "\n"
    "dn: CN=EX02,OU=Exchange2,OU=Servers,DC=contoso,DC=com\n"
    "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\nobjectClass: computer\n"
    "dNSHostName: EX02.contoso.com\n"
    "\n"
    "dn: CN=EDGE1,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,"
    "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com\n"
    "objectClass: msExchExchangeServer\n"
    "msExchCurrentServerRoles: 64\n"
    "networkAddress: ncacn_ip_tcp:app02.contoso.com\n";  // an Edge server is not a domain member: ignored

std::set<std::string> roles_in(const model::Topology& topology, std::string_view ou) {
    return roles_of(topology, std::string(ou) + ",DC=contoso,DC=com");
}
}  // namespace

TEST_CASE("roles: exchange from exchangeMDB/exchangeRFR SPNs but not from exchangeAB on a DC - then exchange-org on DCs") {
    Diagnostics diagnostics;
    auto topology = finished(kRoleDirectory, diagnostics);
    CHECK(diagnostics_text(diagnostics, Severity::Warning) == "");  // notes: OUs implied by computer DNs
    CHECK(roles_in(topology, "OU=Exchange,OU=Servers") == std::set<std::string>{"exchange"});
    CHECK(roles_in(topology, "OU=Domain Controllers") == std::set<std::string>{"dc", "exchange-org"});
}

TEST_CASE("roles: exchange from an msExchExchangeServer object's networkAddress - Edge Transport ignored") {
    Diagnostics diagnostics;
    auto topology = finished(kRoleDirectory, diagnostics);
    CHECK(roles_in(topology, "OU=Exchange2,OU=Servers") == std::set<std::string>{"exchange"});
    CHECK(roles_in(topology, "OU=Apps,OU=Servers").count("exchange") == 0);
    // The configuration partition's containers are not SOMs.
    CHECK(topology.find("CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,"
                        "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com") < 0);

    Diagnostics none;
    auto without = finished(std::string_view(kRoleDirectory).substr(0, std::string_view(kRoleDirectory).find("dn: CN=EX01")), none);
    CHECK(roles_in(without, "OU=Domain Controllers") == std::set<std::string>{"dc"});  // no Exchange in the input
}

TEST_CASE("roles: iis from an HTTP/ SPN on the computer or on a service account naming it") {
    Diagnostics diagnostics;
    auto topology = finished(kRoleDirectory, diagnostics);
    CHECK(roles_in(topology, "OU=Web,OU=Servers") == std::set<std::string>{"iis"});
    // gmsa-web's HTTP/APP02 names APP02 (short name); the gMSA itself gives CN=Managed Service Accounts'
    // domain nothing.
    CHECK(roles_in(topology, "OU=Apps,OU=Servers") == std::set<std::string>{"iis", "sql"});
    CHECK(roles_of(topology, "DC=contoso,DC=com").empty());
}

TEST_CASE("roles: sql from MSSQLSvc/ on the computer (virtual account) or on a domain service account") {
    Diagnostics diagnostics;
    auto topology = finished(kRoleDirectory, diagnostics);
    CHECK(roles_in(topology, "OU=SQL,OU=Servers") == std::set<std::string>{"sql"});
    CHECK(roles_in(topology, "OU=Apps,OU=Servers").count("sql") == 1);  // svc-sql: MSSQLSvc/app02.contoso.com:1433
}

TEST_CASE("roles: cluster from the cluster name object's MSClusterVirtualServer/ SPN") {
    Diagnostics diagnostics;
    auto topology = finished(kRoleDirectory, diagnostics);
    CHECK(roles_in(topology, "OU=Cluster,OU=Servers") == std::set<std::string>{"cluster"});
}

TEST_CASE("roles: azurelocal and workstation from operatingSystem - servers get no OS role") {
    Diagnostics diagnostics;
    auto topology = finished(kRoleDirectory, diagnostics);
    CHECK(roles_in(topology, "OU=AzureLocal,OU=Servers") == std::set<std::string>{"azurelocal"});
    CHECK(roles_in(topology, "OU=Workstations") == std::set<std::string>{"workstation"});
    CHECK(roles_in(topology, "OU=SQL,OU=Servers").count("workstation") == 0);  // Windows Server 2022
}

TEST_CASE("roles: the new roles are set and removed with --role like the others") {
    Diagnostics diagnostics;
    auto topology = finished(kRoleDirectory, diagnostics,
                             {{"contoso.com/Servers/Web", "-iis"}, {"contoso.com/Servers/Web", "rds"},
                              {"contoso.com/Workstations", "-workstation"}});
    CHECK(diagnostics_text(diagnostics, Severity::Warning) == "");
    CHECK(roles_in(topology, "OU=Web,OU=Servers") == std::set<std::string>{"rds"});
    CHECK(roles_in(topology, "OU=Workstations").empty());
}
