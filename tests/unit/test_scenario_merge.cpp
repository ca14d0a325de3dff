// Scenario tests for the per-setting merge (FORMATS §2.5, §5.3–5.5): whole-list replacement,
// registry.pol operations, template-vs-registry.pol inside one GPO, account policy.
#include <doctest/doctest.h>

#include "test_resolver_fixture.hpp"

using gpolint::model::Operation;
using gpolint::model::SourceKind;
using gpolint::test::DomainAndOu;
using gpolint::test::history;
using gpolint::test::resolved;
using gpolint::test::Scenario;
using gpolint::test::winner;
using Strings = std::vector<std::string>;

namespace {

const std::string kLsa = "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa";

}  // namespace

TEST_CASE("scenario: privilege lists are replaced whole, never merged") {
    DomainAndOu t;
    auto& wide = t.s.set("Domain", "privilege:SeServiceLogonRight", "*S-1-5-20,*S-1-5-83-0");
    wide.value.kind = gpolint::model::ValueKind::PrincipalList;
    wide.value.items = {"*S-1-5-20", "*S-1-5-83-0"};
    auto& narrow = t.s.set("Ou", "privilege:SeServiceLogonRight", "*S-1-5-20");
    narrow.value.kind = gpolint::model::ValueKind::PrincipalList;
    narrow.value.items = {"*S-1-5-20"};

    auto policy = t.s.resolve(t.ou);
    const auto& right = resolved(policy, "privilege:SeServiceLogonRight");
    REQUIRE(right.winner != nullptr);
    CHECK(right.winner->value.items == Strings{"*S-1-5-20"});
    CHECK(winner(policy, "privilege:SeServiceLogonRight") == "Ou");
    CHECK(history(policy, "privilege:SeServiceLogonRight") == Strings{"Domain:overridden", "Ou:won"});
}

TEST_CASE("scenario: restricted group member lists are replaced whole, memberof is a separate setting") {
    DomainAndOu t;
    t.s.set("Domain", "group:*S-1-5-32-544\\Members", "*S-1-5-21-1-512,*S-1-5-21-1-1105");
    t.s.set("Domain", "group:*S-1-5-32-544\\Memberof", "*S-1-5-32-555");
    t.s.set("Ou", "group:*S-1-5-32-544\\Members", "");

    auto policy = t.s.resolve(t.ou);
    CHECK(winner(policy, "group:*S-1-5-32-544\\Members") == "Ou");
    CHECK(resolved(policy, "group:*S-1-5-32-544\\Members").winner->value.text.empty());
    CHECK(winner(policy, "group:*S-1-5-32-544\\Memberof") == "Domain");
}

// The Registry CSE applies every GPO's registry.pol (the **del. too) before the Security CSE writes the
// template values (docs/precedence.md §2.1): a **del. cannot remove a [Registry Values] value.
TEST_CASE("scenario: **del. in a later GPO does not remove a value a template sets") {
    DomainAndOu t;
    t.s.set("Domain", kLsa + "\\NoLMHash", "4,1");
    t.s.set("Ou", kLsa + "\\NoLMHash", " ", SourceKind::RegistryPol, Operation::DeleteValue);

    auto policy = t.s.resolve(t.ou);
    const auto& value = resolved(policy, kLsa + "\\NoLMHash");
    REQUIRE(value.winner != nullptr);
    CHECK(value.winner->value.text == "4,1");
    CHECK(history(policy, kLsa + "\\NoLMHash") == Strings{"Domain:won", "Ou:overridden"});
    CHECK(gpolint::test::reason(policy, value, 1) ==
          "overridden by 'Domain' linked at DC=contoso,DC=com (link order 1) (the Security extension runs after the Registry "
          "extension, for every GPO)");
    CHECK(winner(t.s.resolve(t.dom), kLsa + "\\NoLMHash") == "Domain");
}

// Within one extension the later GPO's **del. still removes the value.
TEST_CASE("scenario: **del. in a later GPO removes a registry.pol value of an earlier one") {
    DomainAndOu t;
    t.s.set("Domain", kLsa + "\\NoLMHash", "1", SourceKind::RegistryPol);
    t.s.set("Ou", kLsa + "\\NoLMHash", " ", SourceKind::RegistryPol, Operation::DeleteValue);

    auto policy = t.s.resolve(t.ou);
    const auto& value = resolved(policy, kLsa + "\\NoLMHash");
    CHECK(value.winner == nullptr);
    CHECK(history(policy, kLsa + "\\NoLMHash") == Strings{"Domain:overridden", "Ou:won"});
    CHECK(gpolint::test::reason(policy, value, 0) == "deleted by 'Ou' linked at OU=Servers,DC=contoso,DC=com (link order 1)");
    CHECK(gpolint::test::reason(policy, value, 1) == "removes the value");
}

TEST_CASE("scenario: **delvals. removes the key's values set before it, not subkeys, not later values") {
    DomainAndOu t;
    const std::string key = "registry:HKLM\\Software\\Policies\\Google\\Chrome\\URLBlocklist";
    t.s.set("Domain", key + "\\1", "a", SourceKind::RegistryPol);
    t.s.set("Domain", key + "\\2", "b", SourceKind::RegistryPol);
    t.s.set("Domain", key + "\\Sub\\3", "c", SourceKind::RegistryPol);
    t.s.set("Ou", key + "\\9", "own earlier", SourceKind::RegistryPol);
    t.s.set("Ou", key, " ", SourceKind::RegistryPol, Operation::DeleteAllValues);
    t.s.set("Ou", key + "\\1", "x", SourceKind::RegistryPol);

    auto policy = t.s.resolve(t.ou);
    CHECK(winner(policy, key + "\\1") == "Ou");
    CHECK(resolved(policy, key + "\\1").winner->value.text == "x");
    CHECK(history(policy, key + "\\1") == Strings{"Domain:overridden", "Ou:overridden", "Ou:won"});
    CHECK(winner(policy, key + "\\2").empty());
    CHECK(history(policy, key + "\\2") == Strings{"Domain:overridden", "Ou:won"});
    CHECK(winner(policy, key + "\\9").empty());
    CHECK(winner(policy, key + "\\Sub\\3") == "Domain");
    // The delvals record is no value of its own.
    CHECK(policy.find(gpolint::model::fold_case(key)) == nullptr);
}

TEST_CASE("scenario: **DeleteValues and **DeleteKeys remove the named values and subkeys") {
    DomainAndOu t;
    const std::string key = "registry:HKLM\\Software\\Policies\\Vendor";
    t.s.set("Domain", key + "\\A", "1", SourceKind::RegistryPol);
    t.s.set("Domain", key + "\\B", "2", SourceKind::RegistryPol);
    t.s.set("Domain", key + "\\C", "3", SourceKind::RegistryPol);
    t.s.set("Domain", key + "\\Old\\Deep\\D", "4", SourceKind::RegistryPol);
    t.s.set("Domain", key + "\\Older\\E", "5", SourceKind::RegistryPol);
    t.s.set("Ou", key, "A;C", SourceKind::RegistryPol, Operation::DeleteValues).value.items = {"A", "C"};
    t.s.set("Ou", key, "Old", SourceKind::RegistryPol, Operation::DeleteKeys).value.items = {"old"};

    auto policy = t.s.resolve(t.ou);
    CHECK(winner(policy, key + "\\A").empty());
    CHECK(winner(policy, key + "\\B") == "Domain");
    CHECK(winner(policy, key + "\\C").empty());
    CHECK(winner(policy, key + "\\Old\\Deep\\D").empty());
    CHECK(winner(policy, key + "\\Older\\E") == "Domain");
}

TEST_CASE("scenario: **soft. sets only an undefined value - CreateKey defines nothing") {
    DomainAndOu t;
    t.s.set("Domain", kLsa + "\\Defined", "1", SourceKind::RegistryPol);
    t.s.set("Ou", kLsa + "\\Defined", "2", SourceKind::RegistryPol, Operation::SetIfAbsent);
    t.s.set("Ou", kLsa + "\\Fresh", "3", SourceKind::RegistryPol, Operation::SetIfAbsent);
    t.s.set("Ou", kLsa + "\\Empty", "", SourceKind::RegistryPol, Operation::CreateKey);

    auto policy = t.s.resolve(t.ou);
    CHECK(winner(policy, kLsa + "\\Defined") == "Domain");
    CHECK(history(policy, kLsa + "\\Defined") == Strings{"Domain:won", "Ou:overridden"});
    CHECK(gpolint::test::reason(policy, gpolint::test::resolved(policy, kLsa + "\\Defined"), 1) == "**soft. keeps the value already set by 'Domain'");
    CHECK(winner(policy, kLsa + "\\Fresh") == "Ou");
    CHECK(policy.find(gpolint::model::fold_case(kLsa + "\\Empty")) == nullptr);
}

TEST_CASE("scenario: inside one GPO the template beats registry.pol, whatever the file order") {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    s.link(dom, "Earlier");
    s.link(ou, "Both");
    s.gpo("Earlier");
    s.gpo("Both");
    s.set("Earlier", kLsa + "\\LmCompatibilityLevel", "4,5");
    s.set("Both", kLsa + "\\LmCompatibilityLevel", "4,1");                      // template
    s.set("Both", kLsa + "\\LmCompatibilityLevel", "0", SourceKind::RegistryPol);  // read after it

    auto policy = s.resolve(ou);
    const auto& level = resolved(policy, kLsa + "\\LmCompatibilityLevel");
    REQUIRE(level.winner != nullptr);
    CHECK(level.winner->value.text == "4,1");
    CHECK(history(policy, kLsa + "\\LmCompatibilityLevel") == Strings{"Earlier:overridden", "Both:overridden", "Both:won"});
    CHECK(gpolint::test::reason(policy, level, 1) ==
          "overridden by the Security settings of the same GPO (the Security extension runs after the Registry "
          "extension, for every GPO)");
    // Both templates: one extension, so the later GPO wins.
    CHECK(gpolint::test::reason(policy, level, 0) == "overridden by 'Both' linked at OU=Servers,DC=contoso,DC=com (link order 1)");
}

// MS-GPOL §3.2.5.1.10: the Registry CSE runs first, for every GPO; the Security CSE runs after it over
// the whole list. A [Registry Values] entry in the weakest GPO is the value left in the registry.
TEST_CASE("scenario: across GPOs a template value beats registry.pol, even from an enforced GPO") {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    s.link(dom, "Enforced Admx", gpolint::test::kEnforced);
    s.link(ou, "Ou Template");
    s.gpo("Enforced Admx");
    s.gpo("Ou Template");
    s.set("Enforced Admx", kLsa + "\\NoLMHash", "1", SourceKind::RegistryPol);
    s.set("Ou Template", kLsa + "\\NoLMHash", "4,0");
    auto policy = s.resolve(ou);
    const auto& value = resolved(policy, kLsa + "\\NoLMHash");
    REQUIRE(value.winner != nullptr);
    CHECK(value.winner->value.text == "4,0");
    CHECK(history(policy, kLsa + "\\NoLMHash") == Strings{"Ou Template:won", "Enforced Admx:overridden"});
    CHECK(gpolint::test::reason(policy, value, 1) ==
          "overridden by 'Ou Template' linked at OU=Servers,DC=contoso,DC=com (link order 1) (the Security extension runs "
          "after the Registry extension, for every GPO)");
}

TEST_CASE("scenario: Preferences Registry.xml runs after the Security extension, in one GPO and across GPOs") {
    Scenario s;
    int dom = s.domain();
    int ou = s.ou("OU=Servers,DC=contoso,DC=com", dom);
    s.link(dom, "Domain Prefs");
    s.link(ou, "Ou Template");
    s.gpo("Domain Prefs");
    s.gpo("Ou Template");
    s.set("Domain Prefs", kLsa + "\\NoLMHash", "1", SourceKind::Preferences);
    s.set("Ou Template", kLsa + "\\NoLMHash", "4,0");
    s.set("Ou Template", kLsa + "\\RestrictAnonymous", "2", SourceKind::Preferences);  // before the template in the file
    s.set("Ou Template", kLsa + "\\RestrictAnonymous", "4,1");
    auto policy = s.resolve(ou);
    CHECK(winner(policy, kLsa + "\\NoLMHash") == "Domain Prefs");
    CHECK(resolved(policy, kLsa + "\\RestrictAnonymous").winner->value.text == "2");
}

TEST_CASE("scenario: account policy on an OU does not reach domain accounts") {
    DomainAndOu t;
    t.s.set("Domain", "access:MinimumPasswordLength", "8");
    t.s.set("Ou", "access:MinimumPasswordLength", "14");
    t.s.set("Ou", "kerberos:MaxTicketAge", "4");
    t.s.set("Ou", "access:LSAAnonymousNameLookup", "0");  // a security option, not account policy

    auto policy = t.s.resolve(t.ou);
    CHECK(winner(policy, "access:MinimumPasswordLength") == "Domain");
    CHECK(history(policy, "access:MinimumPasswordLength") == Strings{"Domain:won", "Ou:not_applied"});
    CHECK(gpolint::test::reason(policy, gpolint::test::resolved(policy, "access:MinimumPasswordLength"), 1) ==
          "account policy from a GPO linked below the domain root affects only local accounts");
    CHECK(winner(policy, "kerberos:MaxTicketAge").empty());
    CHECK(history(policy, "kerberos:MaxTicketAge") == Strings{"Ou:not_applied"});
    CHECK(winner(policy, "access:LSAAnonymousNameLookup") == "Ou");
}

TEST_CASE("scenario: settings of GPOs left out stay in the history with the reason") {
    DomainAndOu t;
    t.s.block(t.ou);
    t.s.set("Domain", kLsa + "\\NoLMHash", "4,1");
    t.s.set("Ou", kLsa + "\\NoLMHash", "4,0");

    auto policy = t.s.resolve(t.ou);
    CHECK(history(policy, kLsa + "\\NoLMHash") == Strings{"Domain:not_applied", "Ou:won"});
    CHECK(gpolint::test::reason(policy, gpolint::test::resolved(policy, kLsa + "\\NoLMHash"), 0) ==
          "blocked by inheritance at OU=Servers,DC=contoso,DC=com");
}

TEST_CASE("scenario: user-side settings are not part of the computer policy") {
    DomainAndOu t;
    t.s.set("Ou", "registry:HKCU\\Software\\Policies\\X\\Y", "1", SourceKind::RegistryPol).user_side = true;
    t.s.set("Ou", "registry:HKLM\\Software\\Policies\\X\\Y", "1", SourceKind::RegistryPol);

    auto policy = t.s.resolve(t.ou);
    CHECK(policy.settings.size() == 1);
    CHECK(winner(policy, "registry:HKLM\\Software\\Policies\\X\\Y") == "Ou");
}
