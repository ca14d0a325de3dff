// Per-SOM evaluation on hand-built effective policies: GPL101 with the enforced-link note, GPL104,
// GPL201 across two GPOs, role severities, folding across SOMs and the per-GPO drop.
#include <doctest/doctest.h>

#include "rules/checker.hpp"
#include "test_check_helpers.hpp"

using namespace gpolint;
using namespace gpolint::testing;

namespace {

const std::string kDomain = "DC=contoso,DC=com";
const std::string kServers = "OU=Servers,DC=contoso,DC=com";
const std::string kHyperV = "OU=HyperV,OU=Servers,DC=contoso,DC=com";

// Domain root with an enforced 'Server Hardening'; OU=HyperV blocks inheritance and links 'Hyper-V Fix'.
struct HyperVScenario {
    model::Topology topology;
    std::vector<model::Gpo> gpos;
    int domain, servers, hyperv;

    explicit HyperVScenario(std::vector<std::string> hardening_list) {
        domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
        servers = add_som(topology, kServers, model::SomKind::OrganizationalUnit, domain);
        hyperv = add_som(topology, kHyperV, model::SomKind::OrganizationalUnit, servers, {"hyperv"}, true);
        gpos.push_back(gpo("{A}", "Server Hardening",
                           {privilege("SeServiceLogonRight", std::move(hardening_list), "hardening/GptTmpl.inf", 12)}));
        gpos.push_back(gpo("{B}", "Hyper-V Fix",
                           {privilege("SeServiceLogonRight", {"*S-1-5-20", "*S-1-5-83-0"}, "hvfix/GptTmpl.inf", 7)}));
    }
    // Application order on OU=HyperV: the OU's own link, then the enforced domain link (applied last, wins).
    resolve::EffectivePolicy hyperv_policy() const {
        return policy(topology, hyperv, {link(gpos[1], hyperv, 1), link(gpos[0], domain, 1, true)},
                      {{"privilege:SeServiceLogonRight", {{0, &gpos[1].settings[0]}, {1, &gpos[0].settings[0]}}}});
    }
    std::vector<Diagnostic> run(bool per_gpo = true) const {
        rules::Checker checker(policies(), {}, gpos, topology);
        if (per_gpo)
            for (const auto& g : gpos) checker.check_gpo(g);
        checker.check_som(hyperv_policy());
        return checker.finish();
    }
};

}  // namespace

TEST_CASE("GPL101 on a Hyper-V OU names the enforced GPO that defeats the block") {
    HyperVScenario scenario({"*S-1-5-20"});
    auto findings = scenario.run();
    auto gpl101 = of_rule(findings, "GPL101");
    REQUIRE(gpl101.size() == 1);  // the per-GPO warning on the same line is dropped
    const Diagnostic& d = *gpl101[0];
    CHECK(d.severity == Severity::Error);
    CHECK(d.location.file.str() == "hardening/GptTmpl.inf");
    CHECK(d.location.line == 12);
    CHECK(d.som == kHyperV);
    REQUIRE(d.gpo.has_value());
    CHECK(d.gpo->name == "Server Hardening");
    CHECK(d.message.find("KB2779204") != std::string::npos);
    CHECK(d.message.find("0x80070569") != std::string::npos);
    CHECK(d.message.find(kHyperV) != std::string::npos);
    CHECK(has_note(d, "overrides privilege:SeServiceLogonRight = *S-1-5-20,*S-1-5-83-0 from 'Hyper-V Fix' linked at " + kHyperV +
                          " (link order 1)"));
    CHECK(has_note(d, "'Server Hardening' is enforced at " + kDomain + ", so the block inheritance on " + kHyperV +
                          " does not stop it"));
    // GPL101 carries the GPL104 story, so GPL104 stays silent here.
    CHECK(of_rule(findings, "GPL104").empty());
}

TEST_CASE("GPL104 on its own when the enforced list is fine today") {
    HyperVScenario scenario({"*S-1-5-20", "*S-1-5-83-0"});
    auto findings = scenario.run();
    CHECK(of_rule(findings, "GPL101").empty());
    auto gpl104 = of_rule(findings, "GPL104");
    REQUIRE(gpl104.size() == 1);
    CHECK(gpl104[0]->severity == Severity::Note);
    CHECK(gpl104[0]->location.line == 12);
    CHECK(has_note(*gpl104[0], "enforced at " + kDomain));
}

TEST_CASE("the per-GPO finding stays when no SOM covers it") {
    HyperVScenario scenario({"*S-1-5-20"});
    rules::Checker checker(policies(), {}, scenario.gpos, scenario.topology);
    for (const auto& g : scenario.gpos) checker.check_gpo(g);
    auto findings = checker.finish();
    auto gpl101 = of_rule(findings, "GPL101");
    REQUIRE(gpl101.size() == 1);
    CHECK(gpl101[0]->severity == Severity::Warning);
    CHECK(gpl101[0]->message.find("(if linked where Hyper-V hosts live)") != std::string::npos);
    CHECK(!gpl101[0]->som.has_value());
}

// Once the topology places the GPO, the SOMs say what applies: no speculative "if linked where Hyper-V
// hosts live" note on top (here the linked OU has no Hyper-V role, so nothing applies).
TEST_CASE("the per-GPO variant of a SOM rule is left out when the topology places the GPO") {
    HyperVScenario scenario({"*S-1-5-20"});
    model::Link placed;
    placed.gpo_guid = "{A}";
    scenario.topology.soms[static_cast<size_t>(scenario.servers)].links.push_back(placed);
    rules::Checker checker(policies(), {}, scenario.gpos, scenario.topology);
    for (const auto& g : scenario.gpos) checker.check_gpo(g);
    CHECK(of_rule(checker.finish(), "GPL101").empty());  // unplaced, 'Server Hardening' had one
}

TEST_CASE("GPL201 across two GPOs names both, error on a cluster SOM and warning elsewhere") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    int cluster = add_som(topology, "OU=Cluster,DC=contoso,DC=com", model::SomKind::OrganizationalUnit, domain, {"cluster"});
    int files = add_som(topology, "OU=Files,DC=contoso,DC=com", model::SomKind::OrganizationalUnit, domain);
    std::vector<model::Gpo> gpos;
    gpos.push_back(gpo("{L}", "LM Policy", {dword(kLsa + "NoLMHash", 1, "lm/GptTmpl.inf", 20)}));
    gpos.push_back(gpo("{C}", "Legacy Auth", {dword(kLsa + "LmCompatibilityLevel", 1, "legacy/GptTmpl.inf", 9)}));
    auto on = [&](int som) {
        return policy(topology, som, {link(gpos[0], domain, 1), link(gpos[1], som, 1)},
                      {{kLsa + "NoLMHash", {{0, &gpos[0].settings[0]}}},
                       {kLsa + "LmCompatibilityLevel", {{1, &gpos[1].settings[0]}}}});
    };
    rules::Checker checker(policies(), {}, gpos, topology);
    for (const auto& g : gpos) checker.check_gpo(g);
    checker.check_som(on(cluster));
    checker.check_som(on(files));
    auto findings = checker.finish();
    auto gpl201 = of_rule(findings, "GPL201");
    REQUIRE(gpl201.size() == 2);
    const Diagnostic* on_cluster = *gpl201[0]->som == "OU=Cluster,DC=contoso,DC=com" ? gpl201[0] : gpl201[1];
    const Diagnostic* on_files = on_cluster == gpl201[0] ? gpl201[1] : gpl201[0];
    CHECK(on_cluster->severity == Severity::Error);
    CHECK(on_files->severity == Severity::Warning);
    CHECK(on_cluster->location.line == 20);  // at NoLMHash
    CHECK(on_cluster->message.find("'LM Policy'") != std::string::npos);
    CHECK(on_cluster->message.find("'Legacy Auth'") != std::string::npos);
    CHECK(on_cluster->message.find("KB828861") != std::string::npos);
    CHECK(has_note(*on_cluster, "LmCompatibilityLevel = 4,1 comes from 'Legacy Auth' linked at OU=Cluster"));
    // Neither GPO alone has both values, so no per-GPO GPL201.
    for (const auto* d : gpl201) CHECK(d->som.has_value());
}

TEST_CASE("a per-SOM finding repeated over many SOMs is reported once with the others in a note") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    std::vector<int> hosts;
    for (int i = 0; i < 6; ++i)
        hosts.push_back(add_som(topology, "OU=HV" + std::to_string(i) + ",DC=contoso,DC=com",
                                model::SomKind::OrganizationalUnit, domain, {"hyperv"}));
    std::vector<model::Gpo> gpos;
    gpos.push_back(gpo("{A}", "Baseline", {privilege("SeCreateSymbolicLinkPrivilege", {"*S-1-5-32-544"}, "base/GptTmpl.inf", 5)}));
    rules::Checker checker(policies(), {}, gpos, topology);
    for (int som : hosts)
        checker.check_som(policy(topology, som, {link(gpos[0], domain, 1)},
                                 {{"privilege:SeCreateSymbolicLinkPrivilege", {{0, &gpos[0].settings[0]}}}}));
    auto findings = checker.finish();
    auto gpl102 = of_rule(findings, "GPL102");
    REQUIRE(gpl102.size() == 1);
    CHECK(gpl102[0]->som == "OU=HV0,DC=contoso,DC=com");
    CHECK(has_note(*gpl102[0], "the same applies to OU=HV1,DC=contoso,DC=com; OU=HV2,DC=contoso,DC=com; "
                               "OU=HV3,DC=contoso,DC=com and 2 other SOMs"));
}

TEST_CASE("scope role: a SOM without the role is not checked, --select/--ignore switch rules off") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    std::vector<model::Gpo> gpos;
    gpos.push_back(gpo("{A}", "Baseline", {privilege("SeServiceLogonRight", {"*S-1-5-20"}, "base/GptTmpl.inf", 5)}));
    auto p = policy(topology, domain, {link(gpos[0], domain, 1)},
                    {{"privilege:SeServiceLogonRight", {{0, &gpos[0].settings[0]}}}});
    rules::Checker no_role(policies(), {}, gpos, topology);
    no_role.check_som(p);
    CHECK(of_rule(no_role.finish(), "GPL101").empty());

    topology.soms[0].roles.insert("hyperv");
    rules::Checker ignored(policies(), rules::Selection{{}, {"GPL1"}, {}}, gpos, topology);
    ignored.check_som(p);
    CHECK(of_rule(ignored.finish(), "GPL101").empty());
    rules::Checker selected(policies(), rules::Selection{{"GPL101"}, {}, {}}, gpos, topology);
    selected.check_som(p);
    CHECK(of_rule(selected.finish(), "GPL101").size() == 1);
}

// The GPL8xx pack checks what is absent: by default it must stay silent (a domain-wide prototype that
// ran by default flooded every example), and once enabled report one finding per domain, not per OU.
TEST_CASE("optional rules: off by default, on with enable or select, once per domain") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    int servers = add_som(topology, kServers, model::SomKind::OrganizationalUnit, domain);
    std::vector<model::Gpo> gpos;
    gpos.push_back(gpo("{A}", "Baseline", {privilege("SeServiceLogonRight", {"*S-1-5-20"}, "base/GptTmpl.inf", 5)}));
    auto at = [&](int som) {
        return policy(topology, som, {link(gpos[0], domain, 1)}, {{"privilege:SeServiceLogonRight", {{0, &gpos[0].settings[0]}}}});
    };
    auto run = [&](const rules::Selection& selection) {
        rules::Checker checker(policies(), selection, gpos, topology);
        checker.check_som(at(domain));
        checker.check_som(at(servers));
        return checker.finish();
    };
    CHECK(of_rule(run({}), "GPL801").empty());
    rules::Selection enabled;
    enabled.enable = {"GPL8"};
    auto findings = run(enabled);
    auto gpl801 = of_rule(findings, "GPL801");
    REQUIRE(gpl801.size() == 1);
    CHECK(gpl801[0]->som == kDomain);
    CHECK(of_rule(findings, "GPL804").size() == 1);
    CHECK(of_rule(run(rules::Selection{{"GPL801"}, {}, {}}), "GPL801").size() == 1);
    enabled.ignore = {"GPL801"};
    CHECK(of_rule(run(enabled), "GPL801").empty());
    // The rule's own value at the domain root settles it.
    auto off = gpo("{B}", "No LLMNR", {dword("registry:HKLM\\Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\EnableMulticast", 0, "b/registry.pol", 1)});
    gpos.push_back(off);
    rules::Checker checker(policies(), rules::Selection{{}, {}, {"GPL801"}}, gpos, topology);
    checker.check_som(policy(topology, domain, {link(gpos[1], domain, 1)},
                             {{"registry:HKLM\\Software\\Policies\\Microsoft\\Windows NT\\DNSClient\\EnableMulticast", {{0, &gpos[1].settings[0]}}}}));
    CHECK(of_rule(checker.finish(), "GPL801").empty());
}
