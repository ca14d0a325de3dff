// Group Policy Preferences: Registry.xml, Groups.xml, Services.xml, cpassword.
#include <doctest/doctest.h>

#include "parse/preferences.hpp"

using namespace gpolint;
using model::Operation;

namespace {

struct Read {
    std::vector<model::Setting> settings;
    std::vector<Diagnostic> diagnostics;
};

Read read(const std::string& text, bool user_side = false) {
    Diagnostics diagnostics;
    auto xml = parse::load_xml(intern_path("t/Prefs.xml"), text, diagnostics);
    REQUIRE(xml);
    auto settings = parse::read_preferences_xml(*xml, user_side, diagnostics);
    return {std::move(settings), diagnostics.take()};
}

}  // namespace

TEST_CASE("preferences: Registry.xml items, actions, collections, disabled items, targeting") {
    auto r = read(R"X(<?xml version="1.0" encoding="utf-8"?>
<RegistrySettings clsid="{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}">
<Registry clsid="{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}" name="NoLMHash"><Properties action="U" hive="HKEY_LOCAL_MACHINE" key="SYSTEM\CurrentControlSet\Control\Lsa" name="NoLMHash" type="REG_DWORD" value="000000FF"/></Registry>
<Collection clsid="{53B533F5-224C-47e3-B01B-CA3B3F3FF4BF}" name="folder">
  <Registry clsid="{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}" name="s"><Properties action="C" hive="HKEY_CURRENT_USER" key="Software\X" name="s" type="REG_SZ" value="hello"/>
    <Filters><FilterGroup name="DOM\Admins"/></Filters></Registry>
  <Registry clsid="{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}" name="gone" disabled="1"><Properties action="U" hive="HKEY_LOCAL_MACHINE" key="K" name="gone" type="REG_SZ" value="x"/></Registry>
  <Registry clsid="{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}" name="d"><Properties action="D" hive="HKEY_LOCAL_MACHINE" key="K" name="d" type="REG_SZ" value=""/></Registry>
  <Registry clsid="{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}" name="K"><Properties action="U" hive="HKEY_LOCAL_MACHINE" key="K\Sub" name="" type="" value=""/></Registry>
</Collection>
</RegistrySettings>)X");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 4);
    const auto& dword = r.settings[0];
    CHECK(dword.key == model::SettingKey("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash"));
    CHECK(dword.value.number == 255);
    CHECK(dword.value.reg_type == 4);
    CHECK(dword.op == Operation::Set);
    CHECK(dword.source == model::SourceKind::Preferences);
    CHECK(dword.location.line == 3);
    CHECK_FALSE(dword.conditional);
    CHECK(r.settings[1].key.text() == "registry:HKCU\\Software\\X\\s");
    CHECK(r.settings[1].op == Operation::SetIfAbsent);
    CHECK(r.settings[1].value.text == "hello");
    CHECK(r.settings[1].conditional);
    CHECK(r.settings[2].op == Operation::DeleteValue);
    CHECK(r.settings[2].key.text() == "registry:HKLM\\K\\d");
    CHECK(r.settings[3].op == Operation::CreateKey);
    CHECK(r.settings[3].key.text() == "registry:HKLM\\K\\Sub");
}

TEST_CASE("preferences: Groups.xml members added and removed - cpassword on a local user") {
    auto r = read(R"X(<?xml version="1.0" encoding="utf-8"?>
<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">
  <Group clsid="{6D4A79E4-529C-4481-ABD0-F5BD7EA93BA7}" name="Administrators (built-in)">
    <Properties action="U" groupSid="S-1-5-32-544" groupName="Administrators (built-in)">
      <Members><Member name="DOM\T1" action="ADD" sid=""/><Member name="DOM\Old" action="REMOVE" sid="S-1-5-21-9-9-9-1105"/>
      <Member name="DOM\T2" action="ADD" sid="S-1-5-21-9-9-9-1106"/></Members></Properties>
  </Group>
  <Group clsid="{6D4A79E4-529C-4481-ABD0-F5BD7EA93BA7}" name="Hyper-V Administrators">
    <Properties action="U" groupSid="" groupName="Hyper-V Administrators"><Members/></Properties>
  </Group>
  <User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="LocalAdmin">
    <Properties action="U" userName="LocalAdmin" cpassword="j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw"/>
  </User>
  <User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="Other"><Properties action="U" userName="Other" cpassword=""/></User>
</Groups>)X");
    REQUIRE(r.settings.size() == 3);
    CHECK(r.settings[0].key.text() == "group:*S-1-5-32-544\\Members");
    CHECK(r.settings[0].value.items == std::vector<std::string>{"DOM\\T1", "*S-1-5-21-9-9-9-1106"});
    CHECK(r.settings[1].key.text() == "group:*S-1-5-32-544\\RemovedMembers");
    CHECK(r.settings[1].value.items == std::vector<std::string>{"*S-1-5-21-9-9-9-1105"});
    CHECK(r.settings[2].key.text() == "group:Hyper-V Administrators\\Members");
    CHECK(r.settings[2].value.items.empty());
    REQUIRE(r.diagnostics.size() == 1);  // the empty cpassword is not a finding
    CHECK(r.diagnostics[0].rule_id == "GPL602");
    CHECK(r.diagnostics[0].severity == Severity::Error);
    CHECK(r.diagnostics[0].location.line == 12);
}

TEST_CASE("preferences: Services.xml gives one key per aspect - any other kind is only searched for cpassword") {
    auto services = read(R"X(<NTServices clsid="{2CFB484A-4E96-4b5d-A0B6-093D2F91E6AE}"><NTService clsid="{AB6F0B67-341F-4e51-92F9-005FBFBA1A43}" name="Wecsvc"><Properties startupType="AUTOMATIC" serviceName="Wecsvc" serviceAction="START"/></NTService>
<NTService clsid="{AB6F0B67-341F-4e51-92F9-005FBFBA1A43}" name="Spooler"><Properties startupType="DISABLED" serviceName="Spooler" accountName="DOM\svc" cpassword="abc"/></NTService></NTServices>)X",
                         true);
    // Wecsvc: startup type and a start action; Spooler: startup type and logon account (never the password).
    REQUIRE(services.settings.size() == 4);
    CHECK(services.settings[0].key.text() == "service:Wecsvc\\StartupType");
    CHECK(services.settings[0].value.number == 2);
    CHECK(services.settings[1].key.text() == "service:Wecsvc\\Action");
    CHECK(services.settings[1].value.text == "START");
    CHECK(services.settings[2].key.text() == "service:Spooler\\StartupType");
    CHECK(services.settings[2].value.number == 4);
    CHECK(services.settings[2].user_side);
    CHECK(services.settings[3].key.text() == "service:Spooler\\Account");
    CHECK(services.settings[3].value.text == "DOM\\svc");
    REQUIRE(services.diagnostics.size() == 1);
    CHECK(services.diagnostics[0].location.line == 2);

    auto tasks = read(R"X(<ScheduledTasks clsid="{CC63F200-7309-4ba0-B154-A71CD118DBCC}"><Task clsid="{2DEECB1C-261F-4e13-9B21-16FB83BC03BD}" name="t"><Properties runAs="DOM\x" cpassword="zz"/></Task></ScheduledTasks>)X");
    CHECK(tasks.settings.empty());
    REQUIRE(tasks.diagnostics.size() == 1);
    CHECK(tasks.diagnostics[0].rule_id == "GPL602");
}

TEST_CASE("preferences: password flags in task arguments are GPL606 - a script named …-Password.ps1 is not") {
    auto tasks = read(R"X(<ScheduledTasks clsid="{CC63F200-7309-4ba0-B154-A71CD118DBCC}">
<Task clsid="{2DEECB1C-261F-4e13-9B21-16FB83BC03BD}" name="legacy"><Properties appName="psexec.exe" args="\\srv -u DOM\svc -p Secret1 cmd"/></Task>
<ImmediateTaskV2 clsid="{9756B581-76EC-4169-9AFC-0CA8D43ADB5F}" name="v2"><Properties><Task version="1.3"><Actions><Exec><Command>powershell.exe</Command>
<Arguments>-File C:\Tasks\Reset-KRBTGT-Password.ps1 -ExecutionPolicy Bypass</Arguments></Exec></Actions></Task></Properties></ImmediateTaskV2>
<ImmediateTaskV2 clsid="{9756B581-76EC-4169-9AFC-0CA8D43ADB5F}" name="v2b"><Properties><Task version="1.3"><Actions><Exec><Command>tool.exe</Command>
<Arguments>/user:svc /PASSWORD:Secret2</Arguments></Exec></Actions></Task></Properties></ImmediateTaskV2></ScheduledTasks>)X");
    REQUIRE(tasks.diagnostics.size() == 2);
    CHECK(tasks.diagnostics[0].rule_id == "GPL606");
    CHECK(tasks.diagnostics[0].location.line == 2);
    CHECK(tasks.diagnostics[1].location.line == 6);
    for (const auto& d : tasks.diagnostics) CHECK(d.message.find("Secret") == std::string::npos);  // never echoed
}
