// Built-in checks on hand-built GPOs, topologies and effective policies.
#include <doctest/doctest.h>

#include "model/policy_semantics.hpp"
#include "rules/checker.hpp"
#include "test_check_helpers.hpp"

using namespace gpolint;
using namespace gpolint::testing;

namespace {

const std::string kDomain = "DC=contoso,DC=com";

model::Setting access(const std::string& name, int64_t value, const std::string& file, uint32_t line) {
    model::Setting s = dword("access:" + name, value, file, line);
    s.value.kind = model::ValueKind::Number;
    s.value.text = std::to_string(value);
    return s;
}

void link_at(model::Topology& topology, int som, const std::string& guid, bool disabled = false) {
    model::Link l;
    l.gpo_guid = guid;
    l.disabled = disabled;
    l.position = static_cast<uint32_t>(topology.soms[static_cast<size_t>(som)].links.size());
    topology.soms[static_cast<size_t>(som)].links.push_back(l);
}

std::vector<Diagnostic> run(const std::vector<model::Gpo>& gpos, const model::Topology& topology,
                            const std::vector<resolve::EffectivePolicy>& policies_by_som = {}) {
    rules::Checker checker(policies(), {}, gpos, topology);
    for (const auto& g : gpos) checker.check_gpo(g);
    for (const auto& p : policies_by_som) checker.check_som(p);
    return checker.finish();
}

}  // namespace

TEST_CASE("GPL702: linked nowhere or only through disabled links - needs a topology") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    std::vector<model::Gpo> gpos{gpo("{A}", "Linked", {}), gpo("{B}", "Orphan", {}), gpo("{C}", "Switched Off", {})};
    link_at(topology, domain, "{a}");  // GUIDs compare case-insensitively
    link_at(topology, domain, "{C}", true);
    auto findings = run(gpos, topology);
    auto found = of_rule(findings, "GPL702");
    REQUIRE(found.size() == 2);
    CHECK(found[0]->gpo->name == "Orphan");
    CHECK(found[0]->message.find("not linked anywhere") != std::string::npos);
    CHECK(found[1]->gpo->name == "Switched Off");
    CHECK(has_note(*found[1], "the link at " + kDomain + " is disabled"));
    CHECK(of_rule(run(gpos, model::Topology{}), "GPL702").empty());
}

// 58 DISA STIG GPOs got no GPL702 alone and 58 when checked beside another domain's folders: a GPO of a
// domain the topology does not describe is not judged.
TEST_CASE("GPL702: only for GPOs of a domain the topology describes") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    std::vector<model::Gpo> gpos{gpo("{A}", "Linked", {}), gpo("{B}", "Contoso Orphan", {}), gpo("{C}", "STIG Package", {})};
    gpos[1].domain = "contoso.com";
    gpos[2].domain = "disa.mil";
    link_at(topology, domain, "{A}");
    auto found = of_rule(run(gpos, topology), "GPL702");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->gpo->name == "Contoso Orphan");
}

TEST_CASE("GPL703 and GPL708: disabled half, filtered GPO") {
    auto off = gpo("{A}", "Half Off", {privilege("SeDebugPrivilege", {"*S-1-5-32-544"}, "off/GptTmpl.inf", 4)});
    off.flags = 2;  // computer half disabled
    auto filtered = gpo("{B}", "Filtered", {});
    filtered.wmi_filter = "Hyper-V hosts";
    auto findings = run({off, filtered}, model::Topology{});
    auto gpl703 = of_rule(findings, "GPL703");
    REQUIRE(gpl703.size() == 1);
    CHECK(gpl703[0]->location.line == 4);
    CHECK(gpl703[0]->message.find("computer half disabled, so its 1 computer setting never apply") != std::string::npos);
    auto gpl708 = of_rule(findings, "GPL708");
    REQUIRE(gpl708.size() == 1);
    CHECK(gpl708[0]->message.find("WMI filter 'Hyper-V hosts'") != std::string::npos);
    CHECK(gpl708[0]->severity == Severity::Note);
}

TEST_CASE("GPL301: account policy in a GPO linked only below the domain root") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    int ou = add_som(topology, "OU=Servers," + kDomain, model::SomKind::OrganizationalUnit, domain);
    std::vector<model::Gpo> gpos{gpo("{A}", "OU Passwords", {access("MinimumPasswordLength", 8, "ou/GptTmpl.inf", 6)}),
                                 gpo("{B}", "Domain Passwords", {access("MinimumPasswordLength", 14, "dom/GptTmpl.inf", 6)})};
    link_at(topology, ou, "{A}");
    link_at(topology, domain, "{B}");
    link_at(topology, ou, "{B}");
    auto findings = run(gpos, topology);
    auto found = of_rule(findings, "GPL301");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->gpo->name == "OU Passwords");
    CHECK(found[0]->location.file.str() == "ou/GptTmpl.inf");
    CHECK(has_note(*found[0], "linked at OU=Servers," + kDomain));
}

TEST_CASE("GPL302, GPL601, GPL705 and GPL704 from the resolution of SOMs") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    int ou = add_som(topology, "OU=Servers," + kDomain, model::SomKind::OrganizationalUnit, domain);
    model::Setting members_a = privilege("x", {"*S-1-5-21-1-2-3-512"}, "a/GptTmpl.inf", 8);
    members_a.key = model::SettingKey("group:*S-1-5-32-544\\Members");
    model::Setting members_b = members_a;
    members_b.value.items = {"*S-1-5-21-1-2-3-1105"};
    members_b.value.text = "*S-1-5-21-1-2-3-1105";
    members_b.location = Location{intern_path("b/GptTmpl.inf"), 9, 1, 0};
    std::vector<model::Gpo> gpos{
        gpo("{A}", "Default Domain Policy", {access("MinimumPasswordLength", 14, "a/GptTmpl.inf", 5), members_a}),
        gpo("{B}", "Extra Passwords", {access("MinimumPasswordLength", 8, "b/GptTmpl.inf", 5), members_b})};
    // At the domain root, 'Extra Passwords' (link order 1) is applied last and wins both keys.
    std::vector<resolve::ProcessedLink> order{link(gpos[0], domain, 2), link(gpos[1], domain, 1)};
    auto keys = std::vector<Contributions>{
        {"access:MinimumPasswordLength", {{0, &gpos[0].settings[0]}, {1, &gpos[1].settings[0]}}},
        {"group:*S-1-5-32-544\\Members", {{0, &gpos[0].settings[1]}, {1, &gpos[1].settings[1]}}}};
    auto findings = run(gpos, topology, {policy(topology, domain, order, keys), policy(topology, ou, order, keys)});

    auto gpl302 = of_rule(findings, "GPL302");
    REQUIRE(gpl302.size() == 1);  // domain scope: only the domain root
    CHECK(gpl302[0]->location.file.str() == "b/GptTmpl.inf");
    CHECK(has_note(*gpl302[0], "loses: 14 from 'Default Domain Policy' linked at " + kDomain + " (link order 2)"));

    auto gpl601 = of_rule(findings, "GPL601");
    REQUIRE(gpl601.size() == 2);  // not folded: on the domain root the link SOM is the SOM itself, so the texts differ
    CHECK(gpl601[0]->message.find("only the one from 'Extra Passwords'") != std::string::npos);

    // Both keys differ between the two links on the domain root (none on the OU), and the order is known:
    // one note for the pair, not one warning per key.
    auto gpl705 = of_rule(findings, "GPL705");
    REQUIRE(gpl705.size() == 1);
    CHECK(gpl705[0]->som == kDomain);
    CHECK(gpl705[0]->severity == Severity::Note);
    CHECK(gpl705[0]->gpo->name == "Extra Passwords");
    CHECK(gpl705[0]->message.find("set 2 settings differently; the values of 'Extra Passwords' apply: link order 1 "
                                  "takes precedence over link order 2") != std::string::npos);
    CHECK(gpl705[0]->notes.size() == 2);
    CHECK(has_note(*gpl705[0], "access:MinimumPasswordLength: 8 applies, not 14"));

    auto gpl704 = of_rule(findings, "GPL704");
    REQUIRE(gpl704.size() == 2);  // both settings of 'Default Domain Policy' lose everywhere
    for (const auto* d : gpl704) CHECK(d->gpo->name == "Default Domain Policy");
}

// BitLocker EncryptionMethod = 4 in two GPOs: the losing copy is redundant, not dead; only a
// different value overridden everywhere is GPL704.
TEST_CASE("GPL704: an override with the very same value is no finding") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    const std::string key = "registry:HKLM\\Software\\Policies\\Microsoft\\FVE\\EncryptionMethod";
    std::vector<model::Gpo> gpos{gpo("{A}", "Baseline", {dword(key, 4, "a/registry.pol", 1), dword(key + "2", 4, "a/registry.pol", 2)}),
                                 gpo("{B}", "BitLocker", {dword(key, 4, "b/registry.pol", 1), dword(key + "2", 7, "b/registry.pol", 2)})};
    std::vector<resolve::ProcessedLink> order{link(gpos[0], domain, 2), link(gpos[1], domain, 1)};
    auto keys = std::vector<Contributions>{{key, {{0, &gpos[0].settings[0]}, {1, &gpos[1].settings[0]}}},
                                           {key + "2", {{0, &gpos[0].settings[1]}, {1, &gpos[1].settings[1]}}}};
    auto findings = run(gpos, topology, {policy(topology, domain, order, keys)});
    auto gpl704 = of_rule(findings, "GPL704");
    REQUIRE(gpl704.size() == 1);  // only the value that differs (4 beaten by 7)
    CHECK(gpl704[0]->setting == key + "2");
    CHECK(gpl704[0]->gpo->name == "Baseline");
}

// Links from gpreport.xml carry no order: each differing setting is a warning that says so and names both
// values. Values of the same effect (one principal list in another order) are no conflict.
TEST_CASE("GPL705: link order unknown - one warning per differing setting, naming every value") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    topology.soms[static_cast<size_t>(domain)].link_order_known = false;
    const std::string key = "registry:HKLM\\Software\\Policies\\Microsoft\\FVE\\UseAdvancedStartup";
    model::Setting same_a = privilege("SeDebugPrivilege", {"*S-1-5-32-544", "*S-1-5-18"}, "a/GptTmpl.inf", 4);
    model::Setting same_b = privilege("SeDebugPrivilege", {"*S-1-5-18", "*s-1-5-32-544"}, "b/GptTmpl.inf", 4);
    std::vector<model::Gpo> gpos{gpo("{A}", "BitLocker PIN", {dword(key, 1, "a/registry.pol", 1), same_a}),
                                 gpo("{B}", "BitLocker TPM", {dword(key, 0, "b/registry.pol", 1), same_b})};
    std::vector<resolve::ProcessedLink> order{link(gpos[0], domain, 0), link(gpos[1], domain, 0)};
    auto keys = std::vector<Contributions>{{key, {{0, &gpos[0].settings[0]}, {1, &gpos[1].settings[0]}}},
                                           {"privilege:SeDebugPrivilege", {{0, &gpos[0].settings[1]}, {1, &gpos[1].settings[1]}}}};
    auto findings = run(gpos, topology, {policy(topology, domain, order, keys)});
    auto gpl705 = of_rule(findings, "GPL705");
    REQUIRE(gpl705.size() == 1);
    CHECK(gpl705[0]->severity == Severity::Warning);
    CHECK(gpl705[0]->setting == key);
    CHECK(gpl705[0]->message.find("in an unknown link order") != std::string::npos);
    CHECK(gpl705[0]->message.find("4,1 from 'BitLocker PIN', 4,0 from 'BitLocker TPM'") != std::string::npos);
}

// Every GPO's startup script 0 runs: two GPOs with script:Startup\0\CmdLine on one SOM are two scripts,
// not a conflict and not a dead setting (on the old code both GPL705 and GPL704 reported them).
TEST_CASE("GPL704 and GPL705 skip scripts, which accumulate across GPOs") {
    model::Topology topology;
    int domain = add_som(topology, kDomain, model::SomKind::Domain, -1);
    const std::string key = "script:Startup\\0\\CmdLine";
    model::Setting a = dword(key, 0, "a/scripts.ini", 3), b = dword(key, 0, "b/scripts.ini", 3);
    for (auto* s : {&a, &b}) {
        s->value = model::Value{};
        s->value.kind = model::ValueKind::String;
        s->source = model::SourceKind::Scripts;
    }
    a.value.text = "agent.cmd";
    b.value.text = "inventory.cmd";
    std::vector<model::Gpo> gpos{gpo("{A}", "Agent", {a}), gpo("{B}", "Inventory", {b})};
    std::vector<resolve::ProcessedLink> order{link(gpos[0], domain, 2), link(gpos[1], domain, 1)};
    auto keys = std::vector<Contributions>{{key, {{0, &gpos[0].settings[0]}, {1, &gpos[1].settings[0]}}}};
    auto findings = run(gpos, topology, {policy(topology, domain, order, keys)});
    CHECK(of_rule(findings, "GPL705").empty());
    CHECK(of_rule(findings, "GPL704").empty());
    CHECK(model::accumulates_across_gpos(model::SettingKey("psscript:Logon\\1\\Parameters")));
    CHECK_FALSE(model::accumulates_across_gpos(model::SettingKey("registry:HKLM\\Software\\script")));
}

TEST_CASE("GPL713: domain SIDs in a GPO's permissions that Backup.xml cannot name") {
    model::Topology topology;
    auto with_unknown = gpo("{A}", "Kiosk Lockdown", {});
    with_unknown.security_descriptor_known = true;
    with_unknown.unnamed_trustees = {"S-1-5-21-1-2-3-1618"};
    auto clean = gpo("{B}", "Named", {});
    clean.security_descriptor_known = true;
    auto findings = of_rule(run({with_unknown, clean}, topology), "GPL713");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0]->gpo->name == "Kiosk Lockdown");
    CHECK(findings[0]->message.find("*S-1-5-21-1-2-3-1618") != std::string::npos);
}
