// `gpolint explain` output: exact JSON for a hand-built case, escaping, text layout, SOM suggestions.
#include <doctest/doctest.h>

#include <sstream>

#include "report/explain_reporter.hpp"
#include "resolve/explain.hpp"
#include "test_resolver_fixture.hpp"

using gpolint::resolve::ExplainRequest;
using gpolint::test::Scenario;

namespace {

std::string json_of(const gpolint::resolve::EffectivePolicy& policy, ExplainRequest request = {}) {
    std::ostringstream out;
    gpolint::report::write_explain_json(out, policy, request);
    return out.str();
}

std::string text_of(const gpolint::resolve::EffectivePolicy& policy, ExplainRequest request = {}) {
    std::ostringstream out;
    gpolint::report::write_explain_text(out, policy, request);
    return out.str();
}

}  // namespace

TEST_CASE("explain: JSON layout for one GPO, a missing link and a key nothing defines") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "Gone");
    s.link(dom, "A");
    s.gpo("A");
    s.set("A", "privilege:SeServiceLogonRight", "*S-1-5-20");

    const std::string expected =
        R"({"som": "DC=contoso,DC=com", "order": [)"
        R"({"gpo": {"guid": "{Gone}", "name": null}, "link_som": "DC=contoso,DC=com", "link_order": 2, "enforced": false, "applied": false, "reason": "GPO {Gone} is not in the input"}, )"
        R"({"gpo": {"guid": "{A}", "name": "A"}, "link_som": "DC=contoso,DC=com", "link_order": 1, "enforced": false, "applied": true, "reason": ""}], )"
        R"("settings": [)"
        R"({"key": "privilege:SeServiceLogonRight", "value": "*S-1-5-20", )"
        R"("winner": {"guid": "{A}", "name": "A", "som": "DC=contoso,DC=com", "file": "A/GptTmpl.inf", "line": 1}, )"
        R"("history": [{"gpo": {"guid": "{A}", "name": "A"}, "som": "DC=contoso,DC=com", "value": "*S-1-5-20", "state": "won", "reason": "", "file": "A/GptTmpl.inf", "line": 1}]}, )"
        R"({"key": "registry:MACHINE\\Software\\Nothing", "value": null, "winner": null, "history": []}]})"
        "\n";
    // Keys typed in any case and hive spelling find the canonical key.
    ExplainRequest request{{"PRIVILEGE:seservicelogonright", "registry:MACHINE\\Software\\Nothing"}};
    CHECK(json_of(s.resolve(dom), request) == expected);
}

TEST_CASE("explain: JSON strings are escaped") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "Q");
    s.gpo("Q").name = "Say \"hi\"\\\n\x01";
    const std::string json = json_of(s.resolve(dom));
    CHECK(json.find(R"("name": "Say \"hi\"\\\n\u0001")") != std::string::npos);
}

TEST_CASE("explain: text lists applied GPOs, the ones left out with reasons, and each contribution") {
    Scenario s;
    int site = s.site("Branch");
    int dom = s.domain();
    int ou = s.ou("OU=HyperV,DC=contoso,DC=com", dom);
    s.block(ou);
    s.link(site, "SiteGpo");
    s.link(dom, "Hardening", gpolint::test::kEnforced);
    s.link(ou, "HyperV");
    for (auto name : {"SiteGpo", "Hardening", "HyperV"}) s.gpo(name);
    s.set("HyperV", "privilege:SeServiceLogonRight", "*S-1-5-20,*S-1-5-83-0");
    s.set("Hardening", "privilege:SeServiceLogonRight", "*S-1-5-20");

    const std::string text = text_of(s.resolve(ou));
    CHECK(text.find("Effective computer policy of OU=HyperV,DC=contoso,DC=com (ou)\n") == 0);
    CHECK(text.find("  block inheritance: yes\n") != std::string::npos);
    CHECK(text.find("note: sites are not part of the OU tree") != std::string::npos);
    // One wording of a link everywhere (model::describe_link), then the GUID.
    CHECK(text.find("  1. 'HyperV' linked at OU=HyperV,DC=contoso,DC=com (link order 1)  {HyperV}\n"
                    "  2. 'Hardening' linked at DC=contoso,DC=com (link order 1, enforced)  {Hardening}\n") !=
          std::string::npos);
    CHECK(text.find("Left out:\n  'SiteGpo' linked at CN=Branch,CN=Sites,CN=Configuration,DC=contoso,DC=com "
                    "(link order 1)  {SiteGpo}: blocked by inheritance at OU=HyperV,DC=contoso,DC=com\n") != std::string::npos);
    CHECK(text.find("  privilege:SeServiceLogonRight = *S-1-5-20\n"
                    "    winner: Hardening at DC=contoso,DC=com  Hardening/GptTmpl.inf:1:0\n"
                    "    overridden: HyperV = *S-1-5-20,*S-1-5-83-0  HyperV/GptTmpl.inf:1:0  "
                    "(overridden by 'Hardening' linked at DC=contoso,DC=com (link order 1, enforced))\n"
                    "    won: Hardening = *S-1-5-20  Hardening/GptTmpl.inf:1:0\n") != std::string::npos);
}

TEST_CASE("explain: a requested key nothing defines reads 'not defined'") {
    Scenario s;
    int dom = s.domain();
    const std::string text = text_of(s.resolve(dom), ExplainRequest{{"access:MinimumPasswordLength"}});
    CHECK(text.find("  access:MinimumPasswordLength: not defined by any GPO\n") != std::string::npos);
    CHECK(text.find("  (none)\n") != std::string::npos);  // no GPO applied
}

TEST_CASE("explain: a deleted value and a value only a blocked GPO sets read differently") {
    gpolint::test::DomainAndOu t;
    t.s.block(t.ou);
    t.s.link(t.ou, "Cleanup");
    t.s.gpo("Cleanup");
    t.s.set("Domain", "registry:HKLM\\Software\\A", "1");
    t.s.set("Ou", "registry:HKLM\\Software\\B", "1", gpolint::model::SourceKind::RegistryPol);
    t.s.set("Cleanup", "registry:HKLM\\Software\\B", "", gpolint::model::SourceKind::RegistryPol,
            gpolint::model::Operation::DeleteValue);

    const std::string text = text_of(t.s.resolve(t.ou));
    CHECK(text.find("  registry:HKLM\\Software\\A: not defined (no GPO that sets it applies)\n"
                    "    not_applied: Domain = 1  Domain/GptTmpl.inf:1:0  (blocked by inheritance at OU=Servers,DC=contoso,DC=com)\n") !=
          std::string::npos);
    CHECK(text.find("  registry:HKLM\\Software\\B: deleted\n"
                    "    overridden: Ou = 1  Ou/registry.pol:1:0  (deleted by 'Cleanup' linked at OU=Servers,DC=contoso,DC=com (link order 1))\n"
                    "    won: Cleanup = (delete_value)  Cleanup/registry.pol:1:0  (removes the value)\n") != std::string::npos);
}

TEST_CASE("explain: close SOM matches for a mistyped DN") {
    Scenario s;
    int dom = s.domain();
    int servers = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    s.ou("OU=HyperV,OU=Servers,DC=contoso,DC=com", servers);
    s.ou("OU=Workstations,DC=contoso,DC=com", dom);

    auto matches = gpolint::resolve::close_som_matches(s.topology, "OU=HyperV,DC=contoso,DC=com");
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0] == "OU=HyperV,OU=Servers,DC=contoso,DC=com");
    matches = gpolint::resolve::close_som_matches(s.topology, "OU=Server,DC=contoso,DC=com");
    REQUIRE_FALSE(matches.empty());
    CHECK(matches[0] == "OU=Servers,DC=contoso,DC=com");
    CHECK(gpolint::resolve::close_som_matches(s.topology, "OU=Printers,DC=fabrikam,DC=org").empty());
}

TEST_CASE("explain: binary locations show the byte offset") {
    gpolint::Location location;
    location.file = gpolint::intern_path("Machine/registry.pol");
    location.offset = 42;
    CHECK(gpolint::report::format_location(location) == "Machine/registry.pol (byte 42)");
    location.line = 3;
    location.column = 7;
    CHECK(gpolint::report::format_location(location) == "Machine/registry.pol:3:7");
}

TEST_CASE("explain: an empty value reads '(empty)', as in every other message") {
    Scenario s;
    int dom = s.domain();
    s.link(dom, "Hardening");
    s.gpo("Hardening");
    s.set("Hardening", "privilege:SeTcbPrivilege", "");

    const auto policy = s.resolve(dom);
    CHECK(text_of(policy).find("  privilege:SeTcbPrivilege = (empty)\n"
                               "    winner: Hardening at DC=contoso,DC=com  Hardening/GptTmpl.inf:1:0\n"
                               "    won: Hardening = (empty)  Hardening/GptTmpl.inf:1:0\n") != std::string::npos);
    CHECK(json_of(policy).find(R"x({"key": "privilege:SeTcbPrivilege", "value": "(empty)", )x") != std::string::npos);
}
