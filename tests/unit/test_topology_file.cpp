#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/topology.hpp"
#include "parse/topology_reader.hpp"
#include "test_topology_support.hpp"

using namespace gpolint;
using gpolint::testing::diagnostics_text;
using gpolint::testing::read_topology_text;

namespace {
const model::Som& som_at(const model::Topology& topology, std::string_view dn) {
    int index = topology.find(dn);
    INFO(dn);
    REQUIRE(index >= 0);
    return topology.soms[static_cast<size_t>(index)];
}

// "name!- " per link in gPLink order (! enforced, - disabled); names or GUIDs as written.
std::string links_of(const model::Som& som) {
    std::string out;
    for (const auto& link : som.links) {
        out += link.gpo_name_ref.empty() ? link.gpo_guid : link.gpo_name_ref;
        out += link.enforced ? "!" : "";
        out += link.disabled ? "-" : "";
        out += ' ';
    }
    return out;
}
}  // namespace

TEST_CASE("topology file grammar: analyze finds no problems") {
    CHECK(tao::pegtl::analyze<grammar::topology::file>(-1) == 0);
}

TEST_CASE("topology file: the documented example") {
    const char* text =
        "# gpolint topology\n"
        "domain contoso.com\n"
        "  link \"Default Domain Policy\"\n"
        "  link \"Server Hardening\" enforced\n"
        "site Default-First-Site-Name\n"
        "  link {6AC1786C-016F-11D2-945F-00C04fB984F9}\n"
        "ou Servers\n"
        "ou Servers/HyperV  block-inheritance  role hyperv\n"
        "  link \"Hyper-V Host Baseline\"\n"
        "  link \"Legacy Settings\" disabled\n"
        "ou OU=Cluster,OU=Servers,DC=contoso,DC=com  role cluster\n";
    Diagnostics diagnostics;
    auto topology = read_topology_text(text, diagnostics);
    CHECK(diagnostics.all().empty());
    REQUIRE(topology.soms.size() == 5);
    CHECK(topology.soms[0].kind == model::SomKind::Site);
    CHECK(topology.soms[0].dn == "CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=contoso,DC=com");
    CHECK(links_of(topology.soms[0]) == "{6AC1786C-016F-11D2-945F-00C04FB984F9} ");

    const auto& domain = som_at(topology, "DC=contoso,DC=com");
    CHECK(domain.kind == model::SomKind::Domain);
    CHECK(domain.location.line == 2);
    // Listed in link order; stored in gPLink order (reversed).
    CHECK(links_of(domain) == "Server Hardening! Default Domain Policy ");
    CHECK(domain.link_order(0) == 2);
    CHECK(domain.link_order(1) == 1);
    CHECK(domain.links[0].position == 0);
    CHECK(domain.links[0].location.line == 4);
    CHECK(domain.links[0].location.column == 3);

    const auto& servers = som_at(topology, "OU=Servers,DC=contoso,DC=com");
    const auto& hyperv = som_at(topology, "OU=HyperV,OU=Servers,DC=contoso,DC=com");
    const auto& cluster = som_at(topology, "OU=Cluster,OU=Servers,DC=contoso,DC=com");
    CHECK(servers.links.empty());
    CHECK_FALSE(servers.block_inheritance);
    CHECK(hyperv.block_inheritance);
    CHECK(hyperv.roles == std::set<std::string>{"hyperv"});
    CHECK(links_of(hyperv) == "Legacy Settings- Hyper-V Host Baseline ");
    CHECK(cluster.roles == std::set<std::string>{"cluster"});
    CHECK(topology.soms[static_cast<size_t>(hyperv.parent)].dn == "OU=Servers,DC=contoso,DC=com");
    CHECK(topology.soms[static_cast<size_t>(cluster.parent)].dn == "OU=Servers,DC=contoso,DC=com");
    CHECK(topology.soms[static_cast<size_t>(servers.parent)].dn == "DC=contoso,DC=com");
}

TEST_CASE("topology file: free layout, quoting, CRLF, case and trailing comments") {
    const char* text =
        "\t# leading comment\r\n"
        "\r\n"
        "DOMAIN corp.example.org   # the forest root\r\n"
        "Ou \"Servers/Hyper V Hosts\" Block-Inheritance ROLE HyperV role Tier-0\r\n"
        "    LINK \"Name with # hash\" Disabled Enforced #c\r\n"
        "ou \"OU=Web\\, Public,DC=corp,DC=example,DC=org\"\r\n"
        "  link {aaaaaaaa-0000-4000-8000-000000000001}";  // no final line end
    Diagnostics diagnostics;
    auto topology = read_topology_text(text, diagnostics);
    CHECK(diagnostics_text(diagnostics, Severity::Warning) == "");
    const auto& hosts = som_at(topology, "OU=Hyper V Hosts,OU=Servers,DC=corp,DC=example,DC=org");
    CHECK(hosts.block_inheritance);
    CHECK(hosts.roles == std::set<std::string>{"hyperv", "tier-0"});
    CHECK(links_of(hosts) == "Name with # hash!- ");
    const auto& web = som_at(topology, "OU=Web\\, Public,DC=corp,DC=example,DC=org");
    CHECK(links_of(web) == "{AAAAAAAA-0000-4000-8000-000000000001} ");
    // OU=Servers is implied by the path and added with a note.
    CHECK(diagnostics.all().size() == 1);
    CHECK(som_at(topology, "OU=Servers,DC=corp,DC=example,DC=org").links.empty());
}

TEST_CASE("topology file: errors give line:col and parsing goes on at the next line") {
    const char* text =
        "domain contoso.com\n"                        // 1
        "ou Servers blok-inheritance\n"               // 2
        "  link \"Unclosed\n"                         // 3
        "  link Foo\n"                                // 4
        "bogus line\n"                                // 5
        "ou OU=X,DC=fabrikam,DC=com\n"                // 6
        "  link \"Lost\"\n"                           // 7 (no SOM: line 6 failed)
        "ou Servers//X\n"                             // 8
        "ou Servers\n"                                // 9
        "  link {AAAAAAAA-0000-4000-8000-000000000001} enforced disabled\n"
        "  link {AAAAAAAA-0000-4000-8000-00000000000} \n"  // 11: GUID one digit short
        "ou Servers role\n"                           // 12
        "domain fabrikam.com\n"                       // 13
        "site \"\n";                                  // 14
    Diagnostics diagnostics;
    auto topology = read_topology_text(text, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "2:12 error expected 'block-inheritance', 'role NAME', a # comment or the end of the line\n"
          "3:17 error missing closing '\"'\n"
          "4:8 error expected a {GUID} or a \"display name\" after 'link'\n"
          "5:1 error expected 'domain', 'site', 'ou', 'link' or a # comment\n"
          "6:4 error 'OU=X,DC=fabrikam,DC=com' is not inside the domain DC=contoso,DC=com\n"
          "8:4 error empty OU name in 'Servers//X'\n"
          "9:4 warning OU=Servers,DC=contoso,DC=com is already declared at line 2; the links below are added to it\n"
          "11:8 error expected a {GUID} or a \"display name\" after 'link'\n"
          "12:4 warning OU=Servers,DC=contoso,DC=com is already declared at line 2; the links below are added to it\n"
          "12:16 error expected a space and a value after the keyword\n"
          "13:8 error only one domain per topology file (declared at line 1)\n"
          "14:7 error missing closing '\"'\n");
    const auto& servers = som_at(topology, "OU=Servers,DC=contoso,DC=com");
    REQUIRE(servers.links.size() == 1);
    CHECK(servers.links[0].enforced);
    CHECK(servers.links[0].disabled);
    CHECK(topology.soms.size() == 2);
}

TEST_CASE("topology file: 'domain' must come first") {
    const char* text =
        "ou Servers\n"
        "  link \"A\"\n"
        "domain contoso.com\n"
        "  link \"B\"\n";
    Diagnostics diagnostics;
    auto topology = read_topology_text(text, diagnostics);
    CHECK(diagnostics_text(diagnostics) ==
          "1:1 error a topology file must start with 'domain NAME' (e.g. domain contoso.com)\n");
    REQUIRE(topology.soms.size() == 1);
    CHECK(links_of(topology.soms[0]) == "B ");
}

TEST_CASE("topology file: looks_like_topology_file") {
    CHECK(parse::looks_like_topology_file("domain contoso.com\n"));
    CHECK(parse::looks_like_topology_file("# gpolint topology\n\n  Domain\tcontoso.com\n"));
    CHECK_FALSE(parse::looks_like_topology_file("domains: 3\n"));
    CHECK_FALSE(parse::looks_like_topology_file("ou Servers\ndomain contoso.com\n"));
    CHECK_FALSE(parse::looks_like_topology_file("dn: DC=contoso,DC=com\n"));
    CHECK_FALSE(parse::looks_like_topology_file("# only a comment\n"));
}

TEST_CASE("topology file: the examples/ files read without errors") {
    for (const char* example : {"hyperv-outage", "hyperv-fixed", "cluster-outage", "cluster-fixed"}) {
        CAPTURE(example);
        std::string path = std::string(GPOLINT_EXAMPLES) + "/" + example + "/domain.topology";
        std::string error;
        auto bytes = read_file_bytes(path, error);
        if (!bytes) {
            MESSAGE("skipped: " << path << " is absent");
            continue;
        }
        auto source = decode_text(intern_path(path), *bytes);
        CHECK(parse::looks_like_topology_file(source.text()));
        Diagnostics diagnostics;
        model::Topology topology;
        parse::read_topology_file(source, topology, diagnostics);
        CHECK(diagnostics.count(Severity::Warning) == 0);
        CHECK(topology.soms.size() == 3);
        CHECK(topology.soms.back().roles.size() == 1);
    }
}
