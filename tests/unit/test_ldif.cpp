#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/ldif.hpp"
#include "parse/topology_reader.hpp"
#include "test_topology_support.hpp"

using namespace gpolint;
using gpolint::testing::diagnostics_text;
using gpolint::testing::read_ldif_text;

TEST_CASE("ldif grammar: analyze finds no problems") {
    CHECK(tao::pegtl::analyze<grammar::ldif::file>(-1) == 0);
    CHECK(tao::pegtl::analyze<grammar::ldif::extension_names>(-1) == 0);
    CHECK(tao::pegtl::analyze<grammar::ldif::wql_filter>(-1) == 0);
}

TEST_CASE("ldif: the FORMATS.md 4.5 example (folded gPLink, base64 displayName)") {
    const char* text =
        "dn: OU=HyperV,OU=Servers,DC=contoso,DC=com\n"
        "gPLink: [LDAP://cn={AAAAAAAA-0000-4000-8000-000000000001},cn=policies,cn=system,DC=con\n"
        " toso,DC=com;0]\n"
        "gPOptions: 1\n"
        "\n"
        "dn: CN={AAAAAAAA-0000-4000-8000-000000000001},CN=Policies,CN=System,DC=contoso,DC=com\n"
        "displayName:: U8OpY3VyaXTDqSBzZXJ2ZXVycw==\n"
        "flags: 1\n"
        "versionNumber: 65540\n"
        "gPCFunctionalityVersion: 2\n"
        "gPCMachineExtensionNames: [{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]\n";
    Diagnostics diagnostics;
    auto topology = read_ldif_text(text, diagnostics);
    int hyperv = topology.find("ou=hyperv,ou=servers,dc=contoso,dc=com");
    REQUIRE(hyperv >= 0);
    const auto& som = topology.soms[static_cast<size_t>(hyperv)];
    CHECK(som.block_inheritance);
    REQUIRE(som.links.size() == 1);
    CHECK(som.links[0].gpo_guid == "{AAAAAAAA-0000-4000-8000-000000000001}");
    CHECK(som.links[0].location.line == 2);
    CHECK(som.links[0].location.column == 9);

    REQUIRE(topology.gpo_containers.size() == 1);
    const auto& gpc = topology.gpo_containers[0];
    CHECK(gpc.guid == "{AAAAAAAA-0000-4000-8000-000000000001}");
    CHECK(gpc.name == "Sécurité serveurs");
    CHECK(gpc.flags == 1u);
    CHECK(gpc.version == 65540u);
    CHECK(gpc.machine_extensions == std::vector<std::string>{"{827D319E-6EAC-11D2-A4EA-00C04F79F83A}"});
    CHECK(gpc.location.line == 6);
    // OU=Servers and the domain are only implied by the OU's DN: created, each with a note.
    CHECK(topology.soms.size() == 3);
    CHECK(diagnostics.count(Severity::Warning) == 0);
    CHECK(diagnostics.all().size() == 2);
}

TEST_CASE("ldif: base64 DN, CRLF and LF read the same") {
    // "OU=Sécurité,DC=contoso,DC=com"
    std::string lf =
        "version: 1\n"
        "# exported by ldifde\n"
        "dn:: T1U9U8OpY3VyaXTDqSxEQz1jb250b3NvLERDPWNvbQ==\n"
        "changetype: add\n"
        "objectClass: top\n"
        "objectClass: organizationalUnit\n"
        "gPOptions: 1\n"
        "\n"
        "dn: DC=contoso,DC=com\n"
        "objectClass: domainDNS\n";
    std::string crlf;
    for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    for (const auto& text : {lf, crlf}) {
        Diagnostics diagnostics;
        auto topology = read_ldif_text(text, diagnostics);
        CHECK(diagnostics.all().empty());
        REQUIRE(topology.soms.size() == 2);
        CHECK(topology.soms[0].dn == "DC=contoso,DC=com");
        CHECK(topology.soms[1].dn == "OU=Sécurité,DC=contoso,DC=com");
        CHECK(topology.soms[1].parent == 0);
        CHECK(topology.soms[1].block_inheritance);
        CHECK(topology.soms[1].location.line == 3);
    }
}

TEST_CASE("ldif: comments, folded comments and change records") {
    const char* text =
        "# a comment that is folded\n"
        " over two lines\n"
        "dn: OU=A,DC=x,DC=y\n"
        "objectClass: organizationalUnit\n"
        "# a comment inside a record\n"
        "gPOptions: 1\n"
        "\n"
        "dn: OU=B,DC=x,DC=y\n"
        "changetype: modify\n"
        "replace: gPOptions\n"
        "gPOptions: 1\n"
        "-\n"
        "\n"
        "dn: DC=x,DC=y\n"
        "objectClass: domainDNS\n";
    Diagnostics diagnostics;
    auto topology = read_ldif_text(text, diagnostics);
    CHECK(topology.find("OU=A,DC=x,DC=y") >= 0);
    CHECK(topology.find("OU=B,DC=x,DC=y") < 0);
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics_text(diagnostics) == "9:1 warning 'changetype: modify' is a change, not an exported entry; record ignored\n");
}

TEST_CASE("ldif: computers with multi-valued SPNs, folded values and CN= containers") {
    const char* text =
        "dn: DC=contoso,DC=com\n"
        "objectClass: domainDNS\n"
        "\n"
        "dn: CN=HV01,CN=Computers,DC=contoso,DC=com\n"
        "objectClass: computer\n"
        "dNSHostName: hv01.contoso.com\n"
        "servicePrincipalName: Microsoft Virtual System Migration Service/HV01\n"
        "servicePrincipalName: Microsoft Virtual Console Service/hv01.con\n"
        " toso.com\n"
        "servicePrincipalName:: SE9TVC9odjAx\n"  // HOST/hv01
        "userAccountControl: 4096\n"
        "operatingSystem: Windows Server 2019 Datacenter\n";
    Diagnostics diagnostics;
    auto topology = read_ldif_text(text, diagnostics);
    CHECK(diagnostics.all().empty());
    CHECK(topology.soms.size() == 1);  // CN=Computers is not a SOM
    REQUIRE(topology.computers.size() == 1);
    const auto& computer = topology.computers[0];
    CHECK(computer.dn == "CN=HV01,CN=Computers,DC=contoso,DC=com");
    CHECK(computer.dns_host_name == "hv01.contoso.com");
    CHECK(computer.operating_system == "Windows Server 2019 Datacenter");
    CHECK(computer.user_account_control == 4096u);
    CHECK(computer.service_principal_names ==
          std::vector<std::string>{"Microsoft Virtual System Migration Service/HV01",
                                   "Microsoft Virtual Console Service/hv01.contoso.com", "HOST/hv01"});
}

TEST_CASE("ldif: children before parents, implied OUs and objectClass-less ldapsearch output") {
    const char* text =
        "dn: OU=Leaf,OU=Middle,OU=Top,DC=contoso,DC=com\n"
        "gPLink: [LDAP://cn={AAAAAAAA-0000-4000-8000-000000000001},cn=policies,cn=system,DC=contoso,DC=com;0]\n"
        "\n"
        "dn: OU=Top,DC=contoso,DC=com\n"
        "gPOptions: 0\n"
        "\n"
        "dn: DC=contoso,DC=com\n"
        "gPLink: \n";
    Diagnostics diagnostics;
    auto topology = read_ldif_text(text, diagnostics);
    REQUIRE(topology.soms.size() == 4);
    CHECK(topology.soms[0].dn == "DC=contoso,DC=com");
    CHECK(topology.soms[0].kind == model::SomKind::Domain);
    CHECK(topology.soms[1].dn == "OU=Top,DC=contoso,DC=com");
    CHECK(topology.soms[2].dn == "OU=Middle,OU=Top,DC=contoso,DC=com");
    CHECK(topology.soms[3].dn == "OU=Leaf,OU=Middle,OU=Top,DC=contoso,DC=com");
    for (size_t i = 1; i < 4; ++i) CHECK(topology.soms[i].parent == static_cast<int>(i) - 1);
    CHECK(topology.soms[0].children == std::vector<int>{1});
    CHECK(topology.soms[3].links.size() == 1);
    CHECK(diagnostics_text(diagnostics) ==
          "1:1 note OU=Middle,OU=Top,DC=contoso,DC=com is not in the input but "
          "OU=Leaf,OU=Middle,OU=Top,DC=contoso,DC=com is inside it; added it with no links\n");
}

TEST_CASE("ldif: a bad line is reported at line:col and the rest is read") {
    const char* text =
        "dn: OU=A,DC=x,DC=y\n"
        "objectClass: organizationalUnit\n"
        "gPLink [LDAP://cn={AAAAAAAA-0000-4000-8000-000000000001},cn=policies;0]\n"
        "=garbage\n"
        "gPOptions: 1\n"
        "\n"
        "dn: OU=B,DC=x,DC=y\n"
        "gPLink: [LDAP://cn={AAAAAAAA-0000-4000-8000-000000000001},cn=x;0][LDAP://cn=b\n"
        " ad;0][LDAP://cn={BBBBBBBB-0000-4000-8000-000000000002},cn=x;2]\n"
        "gPOptions: often\n"
        "\n"
        "dn:: !!!notbase64\n"
        "objectClass: organizationalUnit\n";
    Diagnostics diagnostics;
    auto topology = read_ldif_text(text, diagnostics);
    int a = topology.find("OU=A,DC=x,DC=y");
    int b = topology.find("OU=B,DC=x,DC=y");
    REQUIRE(a >= 0);
    REQUIRE(b >= 0);
    CHECK(topology.soms[static_cast<size_t>(a)].block_inheritance);
    CHECK(topology.soms[static_cast<size_t>(a)].links.empty());
    const auto& links = topology.soms[static_cast<size_t>(b)].links;
    REQUIRE(links.size() == 2);
    CHECK(links[1].gpo_guid == "{BBBBBBBB-0000-4000-8000-000000000002}");
    CHECK(links[1].enforced);
    CHECK(links[1].location.line == 9);
    CHECK(links[1].location.column == 7);
    CHECK(diagnostics_text(diagnostics, Severity::Warning) ==
          "3:7 error expected ':' after the attribute name\n"
          "4:1 error expected 'attribute: value', a # comment or a blank line (a line starting with a space "
          "continues the previous line)\n"
          "8:66 error malformed gPLink element '[LDAP://cn=bad;0]' (expected [LDAP://cn={GUID},…;OPTIONS]); "
          "element ignored\n"
          "10:1 error gPOptions 'often' is not a 32-bit integer; ignored\n"
          "12:6 error invalid base64 in the value of dn; value ignored\n");
}

TEST_CASE("ldif: groupPolicyContainer attributes and the GUID from cn or the DN") {
    const char* text =
        "dn: CN={aaaaaaaa-0000-4000-8000-000000000001},CN=Policies,CN=System,DC=x,DC=y\n"
        "objectClass: groupPolicyContainer\n"
        "displayName: Server Hardening\n"
        "flags: 2\n"
        "gPCWQLFilter: [x.y;{CCCCCCCC-0000-4000-8000-000000000003};0]\n"
        "gPCMachineExtensionNames: [{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}][{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]\n"
        "\n"
        "dn: CN=Policy Two,CN=Policies,CN=System,DC=x,DC=y\n"
        "objectClass: groupPolicyContainer\n"
        "cn: {BBBBBBBB-0000-4000-8000-000000000002}\n"
        "gPCWQLFilter: something else\n";
    Diagnostics diagnostics;
    auto topology = read_ldif_text(text, diagnostics);
    REQUIRE(topology.gpo_containers.size() == 2);
    const auto& first = topology.gpo_containers[0];
    CHECK(first.guid == "{AAAAAAAA-0000-4000-8000-000000000001}");
    CHECK(first.name == "Server Hardening");
    CHECK(first.flags == 2u);
    CHECK_FALSE(first.version.has_value());
    CHECK(first.wmi_filter == "{CCCCCCCC-0000-4000-8000-000000000003}");
    CHECK(first.machine_extensions == std::vector<std::string>{"{35378EAC-683F-11D2-A89A-00C04FBBCFA2}",
                                                               "{827D319E-6EAC-11D2-A4EA-00C04F79F83A}"});
    CHECK(topology.gpo_containers[1].guid == "{BBBBBBBB-0000-4000-8000-000000000002}");
    CHECK(topology.gpo_containers[1].wmi_filter == "something else");
    CHECK(diagnostics_text(diagnostics) ==
          "11:1 warning gPCWQLFilter is not [domain;{filter ID};flags]; kept as written\n");
}

TEST_CASE("ldif: the FORMATS.md 5.2 worked example") {
    auto path = std::string(GPOLINT_TEST_DATA) + "/data/topology/worked-example.ldf";
    Diagnostics diagnostics;
    auto topology = gpolint::testing::read_ldif_file(path, diagnostics);
    CHECK(diagnostics.all().empty());
    REQUIRE(topology.soms.size() == 4);
    const auto& site = topology.soms[0];
    const auto& domain = topology.soms[1];
    const auto& servers = topology.soms[2];
    const auto& hyperv = topology.soms[3];
    CHECK(site.kind == model::SomKind::Site);
    CHECK(site.dn == "CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=contoso,DC=com");
    CHECK(domain.kind == model::SomKind::Domain);
    CHECK(servers.dn == "OU=Servers,DC=contoso,DC=com");
    CHECK(hyperv.dn == "OU=HyperV,OU=Servers,DC=contoso,DC=com");
    CHECK(site.parent == -1);
    CHECK(domain.parent == -1);
    CHECK(servers.parent == 1);
    CHECK(hyperv.parent == 2);
    CHECK(servers.block_inheritance);
    CHECK_FALSE(hyperv.block_inheritance);
    CHECK_FALSE(domain.block_inheritance);

    auto names = [&](const model::Som& som) {
        std::string out;
        for (const auto& link : som.links) {
            auto it = std::find_if(topology.gpo_containers.begin(), topology.gpo_containers.end(),
                                   [&](const model::GpoContainer& c) { return c.guid == link.gpo_guid; });
            out += it == topology.gpo_containers.end() ? "?" : it->name;
            out += link.enforced ? "!" : "";
            out += link.disabled ? "-" : "";
            out += ' ';
        }
        return out;
    };
    CHECK(names(site) == "S1 ");
    CHECK(names(domain) == "D2 D1! ");
    CHECK(names(servers) == "S3 ");
    CHECK(names(hyperv) == "H2 H1 HX- ");
    CHECK(domain.link_order(1) == 1);  // D1, the last entry, is link order 1
    CHECK(hyperv.link_order(0) == 3);  // H2
    CHECK(topology.gpo_containers.size() == 7);
    REQUIRE(topology.computers.size() == 1);
    CHECK(topology.computers[0].service_principal_names.size() == 3);
}

TEST_CASE("ldif: looks_like_ldif judges by content") {
    CHECK(parse::looks_like_ldif("version: 1\n\ndn: DC=x\n"));
    CHECK(parse::looks_like_ldif("# comment\n continued\n\nDN: OU=A,DC=x\n"));
    CHECK(parse::looks_like_ldif("dn:: T1U9QQ==\n"));
    CHECK_FALSE(parse::looks_like_ldif("[Unicode]\nUnicode=yes\n"));
    CHECK_FALSE(parse::looks_like_ldif("domain contoso.com\n"));
    CHECK_FALSE(parse::looks_like_ldif(""));
    CHECK_FALSE(parse::looks_like_ldif("<?xml version=\"1.0\"?>"));
}
