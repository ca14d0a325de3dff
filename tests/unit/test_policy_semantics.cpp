// model/policy_semantics: the one home of what Group Policy means by a setting, asked by both the
// resolver and the rules.
#include <doctest/doctest.h>

#include "model/policy_semantics.hpp"

using namespace gpolint;
using model::Operation;

namespace {

model::Setting setting(std::string key, model::SourceKind source) {
    model::Setting s;
    s.key = model::SettingKey(std::move(key));
    s.source = source;
    return s;
}

model::Value value(std::string text, std::vector<std::string> items = {}) {
    model::Value v;
    v.text = std::move(text);
    v.items = std::move(items);
    return v;
}

model::Topology two_soms() {
    model::Topology topology;
    topology.soms.resize(2);
    topology.soms[0].dn = "DC=contoso,DC=com";
    topology.soms[1].dn = "OU=HyperV,DC=contoso,DC=com";
    return topology;
}

}  // namespace

TEST_CASE("policy semantics: inside one GPO the extension that runs later keeps its value") {
    const auto pol = setting("registry:HKLM\\Software\\X\\Y", model::SourceKind::RegistryPol);
    const auto inf = setting("registry:HKLM\\Software\\X\\Y", model::SourceKind::Template);
    const auto prefs = setting("registry:HKLM\\Software\\X\\Y", model::SourceKind::Preferences);
    const auto audit = setting("audit:Logon", model::SourceKind::AuditCsv);
    CHECK(model::applying_extension(pol) == model::Extension::Registry);
    CHECK(model::applying_extension(inf) == model::Extension::Security);
    CHECK(model::applying_extension(prefs) == model::Extension::PreferencesRegistry);
    CHECK(model::applying_extension(setting("service:Spooler", model::SourceKind::Preferences)) ==
          model::Extension::PreferencesServices);
    CHECK(model::replaces(model::applying_extension(inf), model::applying_extension(pol)));
    CHECK_FALSE(model::replaces(model::applying_extension(pol), model::applying_extension(inf)));
    CHECK(model::replaces(model::applying_extension(prefs), model::applying_extension(inf)));
    CHECK(model::replaces(model::applying_extension(audit), model::applying_extension(prefs)));
}

TEST_CASE("policy semantics: account policy keys and the operations that define a value") {
    CHECK(model::is_account_policy(model::SettingKey("access:MinimumPasswordLength")));
    CHECK(model::is_account_policy(model::SettingKey("kerberos:MaxTicketAge")));
    CHECK_FALSE(model::is_account_policy(model::SettingKey("access:LSAAnonymousNameLookup")));
    CHECK_FALSE(model::is_account_policy(model::SettingKey("privilege:SeServiceLogonRight")));
    CHECK(model::defines_value(Operation::Set));
    CHECK(model::defines_value(Operation::SetIfAbsent));
    CHECK_FALSE(model::defines_value(Operation::DeleteValue));
    CHECK_FALSE(model::defines_value(Operation::SecureKey));
}

TEST_CASE("policy semantics: same_effect compares principal lists as sets and numbers as numbers") {
    auto a = value("", {"*S-1-5-19", "*S-1-5-83-0"});
    auto b = value("", {"*s-1-5-83-0", "*S-1-5-19"});
    a.kind = b.kind = model::ValueKind::PrincipalList;
    CHECK(model::same_effect(a, b));
    b.items.pop_back();
    CHECK_FALSE(model::same_effect(a, b));
    auto one = value("1"), hex = value("0x1");
    one.number = hex.number = 1;
    CHECK(model::same_effect(one, hex));
    CHECK_FALSE(model::same_effect(value("x"), value("y")));
}

TEST_CASE("policy semantics: one wording of a value") {
    CHECK(model::display_value(value("5")) == "5");
    CHECK(model::display_value(value("", {"*S-1-5-19", "*S-1-5-20"})) == "*S-1-5-19,*S-1-5-20");
    auto number_only = value("");
    number_only.number = 7;
    CHECK(model::display_value(number_only) == "7");
    CHECK(model::display_value(value("")) == "(empty)");
    CHECK(model::display_value(value("5"), Operation::SetIfAbsent) == "5");
    CHECK(model::display_value(value("5"), Operation::DeleteValue) == "(delete_value)");
}

TEST_CASE("policy semantics: one wording of a link") {
    const auto topology = two_soms();
    model::Gpo gpo;
    gpo.name = "Server Hardening";
    CHECK(model::gpo_label(gpo) == "'Server Hardening'");
    CHECK(model::describe_link(topology, {&gpo, 0, 2, true}) == "'Server Hardening' linked at DC=contoso,DC=com (link order 2, enforced)");
    CHECK(model::describe_link(topology, {&gpo, 1, 1, false}) == "'Server Hardening' linked at OU=HyperV,DC=contoso,DC=com (link order 1)");
    CHECK(model::describe_link(topology, {&gpo, 1, 0, true}) == "'Server Hardening' linked at OU=HyperV,DC=contoso,DC=com (enforced)");
    CHECK(model::describe_link(topology, {&gpo, 1, 0, false}) == "'Server Hardening' linked at OU=HyperV,DC=contoso,DC=com");
    CHECK(model::describe_link(topology, {nullptr, 0, 1, false}, "{1234}") == "{1234} linked at DC=contoso,DC=com (link order 1)");
}
