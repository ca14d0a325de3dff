// Scenario tests for the processing order and winners (FORMATS §5.1–5.2). Every expected order and
// winner below was worked out by hand from the rules in docs/precedence.md.
#include <doctest/doctest.h>

#include "test_resolver_fixture.hpp"

using gpolint::test::applied;
using gpolint::test::DomainAndOu;
using gpolint::test::entry;
using gpolint::test::history;
using gpolint::test::kDisabled;
using gpolint::test::kEnforced;
using gpolint::test::Scenario;
using gpolint::test::winner;
using Strings = std::vector<std::string>;

namespace {
const std::string kKey = "registry:HKLM\\Software\\Policies\\Test\\Value";
}

TEST_CASE("scenario: the worked example of FORMATS 5.2") {
    Scenario s;
    int site = s.site("Default-First-Site-Name");
    int dom = s.domain();
    int servers = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    int hyperv = s.ou("OU=HyperV,OU=Servers,DC=contoso,DC=com", servers);
    s.link(site, "S1");
    s.link(dom, "D2");
    s.link(dom, "D1", kEnforced);
    s.link(servers, "S3");
    s.block(servers);
    s.link(hyperv, "H2");
    s.link(hyperv, "H1");
    s.link(hyperv, "HX", kDisabled);
    for (auto name : {"S1", "D2", "D1", "S3", "H2", "H1", "HX"}) s.gpo(name);
    s.set("H1", kKey, "1");
    s.set("D1", kKey, "2");

    auto policy = s.resolve(hyperv);
    // Windows applies the Local GPO first; it is not part of the input, so the chain starts at S3.
    CHECK(applied(policy) == Strings{"S3", "H2", "H1", "D1"});
    CHECK(entry(policy, "S1")->reason == "blocked by inheritance at OU=Servers,DC=contoso,DC=com");
    CHECK(entry(policy, "D2")->reason == "blocked by inheritance at OU=Servers,DC=contoso,DC=com");
    CHECK(entry(policy, "HX")->reason == "link disabled");
    CHECK(entry(policy, "D1")->enforced);
    CHECK(entry(policy, "D1")->link_order == 1);
    CHECK(entry(policy, "H2")->link_order == 3);
    CHECK(entry(policy, "H1")->link_order == 2);
    CHECK(winner(policy, kKey) == "D1");
    CHECK(history(policy, kKey) == Strings{"H1:overridden", "D1:won"});
    CHECK(gpolint::test::reason(policy, gpolint::test::resolved(policy, kKey), 0) == "overridden by 'D1' linked at DC=contoso,DC=com (link order 1, enforced)");
}

TEST_CASE("scenario: an enforced link above a blocking OU still applies") {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=HyperV,DC=contoso,DC=com", dom);
    s.block(ou);
    s.link(dom, "Plain");
    s.link(dom, "Hardening", kEnforced);
    s.link(ou, "Local");
    for (auto name : {"Plain", "Hardening", "Local"}) s.gpo(name);
    s.set("Hardening", "privilege:SeServiceLogonRight", "*S-1-5-20");
    s.set("Local", "privilege:SeServiceLogonRight", "*S-1-5-20,*S-1-5-83-0");

    auto policy = s.resolve(ou);
    CHECK(applied(policy) == Strings{"Local", "Hardening"});
    CHECK_FALSE(entry(policy, "Plain")->applied);
    CHECK(winner(policy, "privilege:SeServiceLogonRight") == "Hardening");
}

TEST_CASE("scenario: a block on the parent OU also holds for the grandchild") {
    Scenario s;
    int dom = s.domain();
    int parent = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    int child = s.ou("OU=Web,OU=Servers,DC=contoso,DC=com", parent);
    s.block(parent);
    s.link(dom, "Domain");
    s.link(parent, "Servers");
    s.link(child, "Web");
    for (auto name : {"Domain", "Servers", "Web"}) s.gpo(name);
    s.set("Domain", kKey, "domain");

    auto policy = s.resolve(child);
    CHECK(applied(policy) == Strings{"Servers", "Web"});
    CHECK(entry(policy, "Domain")->reason == "blocked by inheritance at OU=Servers,DC=contoso,DC=com");
    CHECK(winner(policy, kKey).empty());
    CHECK(history(policy, kKey) == Strings{"Domain:not_applied"});
    CHECK(gpolint::test::reason(policy, gpolint::test::resolved(policy, kKey), 0) ==
          "blocked by inheritance at OU=Servers,DC=contoso,DC=com");
}

TEST_CASE("scenario: of two enforced links the higher SOM wins") {
    DomainAndOu t("DomainEnforced", kEnforced, "OuEnforced", kEnforced);
    t.s.set("DomainEnforced", kKey, "1");
    t.s.set("OuEnforced", kKey, "2");

    auto policy = t.s.resolve(t.ou);
    CHECK(applied(policy) == Strings{"OuEnforced", "DomainEnforced"});
    CHECK(winner(policy, kKey) == "DomainEnforced");
}

TEST_CASE("scenario: an enforced domain link beats a non-enforced OU link") {
    DomainAndOu t("Baseline", kEnforced, "Servers");
    t.s.set("Baseline", kKey, "1");
    t.s.set("Servers", kKey, "2");

    auto policy = t.s.resolve(t.ou);
    CHECK(applied(policy) == Strings{"Servers", "Baseline"});
    CHECK(winner(policy, kKey) == "Baseline");
    CHECK(gpolint::test::reason(policy, gpolint::test::resolved(policy, kKey), 0) ==
          "overridden by 'Baseline' linked at DC=contoso,DC=com (link order 1, enforced)");
}

TEST_CASE("scenario: link order 1 (last gPLink entry) wins inside one SOM") {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    s.link(ou, "Second");  // first entry: link order 2
    s.link(ou, "First");   // last entry: link order 1
    s.gpo("Second");
    s.gpo("First");
    s.set("Second", kKey, "2");
    s.set("First", kKey, "1");

    auto policy = s.resolve(ou);
    CHECK(applied(policy) == Strings{"Second", "First"});
    CHECK(entry(policy, "Second")->link_order == 2);
    CHECK(entry(policy, "First")->link_order == 1);
    CHECK(winner(policy, kKey) == "First");
    CHECK(gpolint::test::reason(policy, gpolint::test::resolved(policy, kKey), 0) ==
          "overridden by 'First' linked at OU=Servers,DC=contoso,DC=com (link order 1)");
}

TEST_CASE("scenario: a non-enforced OU link beats a non-enforced domain link") {
    DomainAndOu t("Domain", 0, "Servers");
    t.s.set("Domain", kKey, "domain");
    t.s.set("Servers", kKey, "servers");

    auto policy = t.s.resolve(t.ou);
    CHECK(applied(policy) == Strings{"Domain", "Servers"});
    CHECK(winner(policy, kKey) == "Servers");
    CHECK(gpolint::test::resolved(policy, kKey).winner->value.text == "servers");
    // The domain itself keeps its own value.
    CHECK(winner(t.s.resolve(t.dom), kKey) == "Domain");
}

TEST_CASE("scenario: a disabled link is listed but not applied, enforce bit ignored") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "Active");
    s.link(dom, "Off", kDisabled | kEnforced);
    s.gpo("Active");
    s.gpo("Off");
    s.set("Active", kKey, "1");
    s.set("Off", kKey, "2");

    auto policy = s.resolve(dom);
    CHECK(applied(policy) == Strings{"Active"});
    REQUIRE(entry(policy, "Off") != nullptr);
    CHECK_FALSE(entry(policy, "Off")->enforced);
    CHECK(entry(policy, "Off")->reason == "link disabled");
    CHECK(winner(policy, kKey) == "Active");
    CHECK(history(policy, kKey) == Strings{"Active:won", "Off:not_applied"});
}

TEST_CASE("scenario: a GPO with its computer half disabled is skipped, user half disabled is not") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "UserOff");
    s.link(dom, "ComputerOff");
    s.gpo("UserOff").flags = 1;
    s.gpo("ComputerOff").flags = 2;
    s.set("UserOff", kKey, "1");
    s.set("ComputerOff", kKey, "2");

    auto policy = s.resolve(dom);
    CHECK(applied(policy) == Strings{"UserOff"});
    CHECK(entry(policy, "ComputerOff")->reason == "computer settings of the GPO are disabled");
    CHECK(winner(policy, kKey) == "UserOff");
}

TEST_CASE("scenario: same GPO linked twice, at the domain and on the OU") {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    s.link(dom, "Shared");
    s.link(dom, "Other");
    s.link(ou, "Shared");
    s.gpo("Shared");
    s.gpo("Other");
    s.set("Shared", kKey, "shared");
    s.set("Other", kKey, "other");

    auto policy = s.resolve(ou);
    CHECK(applied(policy) == Strings{"Shared", "Other", "Shared"});
    CHECK(history(policy, kKey) == Strings{"Shared:overridden", "Other:overridden", "Shared:won"});
    CHECK(policy.find(gpolint::model::fold_case(kKey))->winner_link == 2);
}

TEST_CASE("scenario: site links come first - a domain block stops them, an enforced site link beats the domain") {
    Scenario s;
    int site = s.site("Branch");
    int dom = s.domain();
    s.link(site, "SitePlain");
    s.link(site, "SiteEnforced", kEnforced);
    s.link(dom, "DomainEnforced", kEnforced);
    s.link(dom, "Domain");
    for (auto name : {"SitePlain", "SiteEnforced", "DomainEnforced", "Domain"}) s.gpo(name);
    s.set("SiteEnforced", kKey, "site");
    s.set("DomainEnforced", kKey, "domain");

    auto open = s.resolve(dom);
    CHECK(applied(open) == Strings{"SitePlain", "Domain", "DomainEnforced", "SiteEnforced"});
    CHECK(winner(open, kKey) == "SiteEnforced");

    s.block(dom);
    auto blocked = s.resolve(dom);
    CHECK(applied(blocked) == Strings{"Domain", "DomainEnforced", "SiteEnforced"});
    CHECK(entry(blocked, "SitePlain")->reason == "blocked by inheritance at DC=contoso,DC=com");
}

TEST_CASE("scenario: a blocking OU keeps its own links") {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=Cluster,DC=contoso,DC=com", dom);
    s.block(ou);
    s.link(dom, "Domain");
    s.link(ou, "Own", kEnforced);
    s.link(ou, "OwnPlain");
    for (auto name : {"Domain", "Own", "OwnPlain"}) s.gpo(name);

    auto policy = s.resolve(ou);
    CHECK(applied(policy) == Strings{"OwnPlain", "Own"});
}

TEST_CASE("scenario: non-enforced links accumulate down three levels, closest wins") {
    Scenario s;
    int dom = s.domain();
    int a = s.ou("OU=A,DC=contoso,DC=com", dom);
    int b = s.ou("OU=B,OU=A,DC=contoso,DC=com", a);
    s.link(dom, "D");
    s.link(a, "A");
    s.link(b, "B");
    for (auto name : {"D", "A", "B"}) s.gpo(name);
    s.set("D", kKey, "d");
    s.set("A", kKey, "a");
    s.set("D", "access:MinimumPasswordLength", "12");

    auto policy = s.resolve(b);
    CHECK(applied(policy) == Strings{"D", "A", "B"});
    CHECK(winner(policy, kKey) == "A");
    CHECK(winner(policy, "access:MinimumPasswordLength") == "D");
}

TEST_CASE("scenario: a link to a missing GPO is kept and reported once (GPL701)") {
    Scenario s;
    int dom = s.domain();
    int a = s.ou("OU=A,DC=contoso,DC=com", dom);
    s.ou("OU=B,OU=A,DC=contoso,DC=com", a);
    s.link(dom, "Gone");
    s.link(dom, "Present");
    s.gpo("Present");

    auto policy = s.resolve(a);
    const auto* gone = entry(policy, "Gone");
    REQUIRE(gone != nullptr);
    CHECK(gone->gpo == nullptr);
    CHECK_FALSE(gone->applied);
    CHECK(gone->reason == "GPO {Gone} is not in the input");
    CHECK(applied(policy) == Strings{"Present"});

    gpolint::Diagnostics diagnostics;
    int visited = 0;
    gpolint::resolve::for_each_som(s.topology, s.gpos, [&](const auto&) { ++visited; }, diagnostics);
    CHECK(visited == 3);
    REQUIRE(diagnostics.all().size() == 1);
    const auto& diagnostic = diagnostics.all()[0];
    CHECK(diagnostic.rule_id == "GPL701");
    CHECK(diagnostic.severity == gpolint::Severity::Warning);
    CHECK(diagnostic.location.line == s.topology.soms[static_cast<size_t>(dom)].links[0].location.line);
    CHECK(diagnostic.som == std::optional<std::string>("DC=contoso,DC=com"));
}

TEST_CASE("scenario: a GPO known only from the directory, and an unresolved GPO name, are not GPL701") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "DirectoryOnly");
    s.link(dom, "");  // a topology file named a GPO the reader could not find (it reported GPL001)
    s.topology.soms[static_cast<size_t>(dom)].links.back().gpo_guid.clear();
    gpolint::model::GpoContainer container;
    container.guid = "{DIRECTORYONLY}";  // GUIDs match case-insensitively
    container.name = "Server Hardening";
    s.topology.gpo_containers.push_back(container);

    auto policy = s.resolve(dom);
    CHECK(applied(policy).empty());
    REQUIRE(policy.order.size() == 2);
    CHECK(policy.order[0].reason ==
          "only the directory entry of GPO 'Server Hardening' {DirectoryOnly} is in the input; its settings are unknown");
    CHECK(policy.order[1].reason == "the linked GPO could not be identified");
    gpolint::Diagnostics diagnostics;
    gpolint::resolve::for_each_som(s.topology, s.gpos, [](const auto&) {}, diagnostics);
    CHECK(diagnostics.all().empty());
}

TEST_CASE("scenario: WMI-filtered and security-filtered GPOs apply conditionally") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "Wmi");
    s.link(dom, "Acl");
    s.link(dom, "Plain");
    s.gpo("Wmi").wmi_filter = "Hyper-V hosts";
    s.gpo("Acl").security_filtered = true;
    s.gpo("Plain");
    s.set("Wmi", kKey, "wmi");

    auto policy = s.resolve(dom);
    CHECK(applied(policy) == Strings{"Wmi", "Acl", "Plain"});
    CHECK(entry(policy, "Wmi")->conditional);
    CHECK(entry(policy, "Wmi")->reason.find("WMI filter 'Hyper-V hosts'") != std::string::npos);
    CHECK(entry(policy, "Acl")->conditional);
    CHECK(entry(policy, "Acl")->reason.find("security filtering") != std::string::npos);
    CHECK_FALSE(entry(policy, "Plain")->conditional);
    CHECK(winner(policy, kKey) == "Wmi");
}

TEST_CASE("scenario: links read from gpreport.xml have link order 0 and say so") {
    Scenario s;
    int dom = s.domain();
    s.topology.soms[static_cast<size_t>(dom)].link_order_known = false;
    s.link(dom, "A");
    s.link(dom, "B");
    s.gpo("A");
    s.gpo("B");

    auto policy = s.resolve(dom);
    CHECK(applied(policy) == Strings{"A", "B"});
    CHECK(entry(policy, "A")->link_order == 0);
    CHECK(entry(policy, "B")->link_order == 0);
    CHECK(entry(policy, "B")->reason == "link order unknown (links read from gpreport.xml)");
}

TEST_CASE("scenario: settings are sorted by folded key and find() uses the folded key") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "G");
    s.gpo("G");
    s.set("G", "service:Spooler", "4");
    s.set("G", "Privilege:SeBackupPrivilege", "*S-1-5-32-544");
    s.set("G", "access:LockoutBadCount", "5");

    auto policy = s.resolve(dom);
    REQUIRE(policy.settings.size() == 3);
    CHECK(policy.settings[0].key.folded() == "access:lockoutbadcount");
    CHECK(policy.settings[1].key.folded() == "privilege:sebackupprivilege");
    CHECK(policy.settings[2].key.folded() == "service:spooler");
    CHECK(policy.settings[1].key.text() == "Privilege:SeBackupPrivilege");
    REQUIRE(policy.find("service:spooler") != nullptr);
    CHECK(policy.find("service:spooler")->winner->value.text == "4");
    CHECK(policy.find("Service:Spooler") == nullptr);
    CHECK(policy.find("service:spool") == nullptr);
}
