// What each section of a security template becomes: the typed model and the canonical settings.
#include <doctest/doctest.h>

#include <string>

#include "inf_test_support.hpp"

using namespace gpolint;
using model::ValueKind;
using test::parse_template;

namespace {

test::ParsedTemplate parse_data_file(const char* name) {
    std::string error;
    auto bytes = read_file_bytes(std::string(GPOLINT_TEST_DATA) + "/data/inf/" + name, error);
    REQUIRE_MESSAGE(bytes.has_value(), name << ": " << error);
    return test::parse_bytes(*bytes, name);
}

}  // namespace

TEST_CASE("inf: Privilege Rights empty is defined-no-one, absent is not defined") {
    auto p = parse_template("[Privilege Rights]\nSeTcbPrivilege =\nSeDebugPrivilege = *S-1-5-32-544\n");
    CHECK(p.diagnostics.empty());
    const auto* tcb = p.setting("privilege:SeTcbPrivilege");
    REQUIRE(tcb != nullptr);
    CHECK(tcb->value.kind == ValueKind::PrincipalList);
    CHECK(tcb->value.items.empty());
    CHECK(p.setting("privilege:SeServiceLogonRight") == nullptr);
    REQUIRE(p.tmpl.privilege("setcbprivilege") != nullptr);
    CHECK(p.tmpl.privilege("SeTcbPrivilege")->principals.empty());
}

TEST_CASE("inf: principals with spaces, names and SIDs mixed") {
    auto p = parse_template(
        "[Privilege Rights]\n"
        "SeServiceLogonRight = *S-1-5-20 , NT VIRTUAL MACHINE\\Virtual Machines,ADD YOUR DOMAIN ADMINS,Guest\n");
    const auto* right = p.setting("privilege:SeServiceLogonRight");
    REQUIRE(right != nullptr);
    CHECK(right->value.items == std::vector<std::string>{"*S-1-5-20", "NT VIRTUAL MACHINE\\Virtual Machines",
                                                         "ADD YOUR DOMAIN ADMINS", "Guest"});
    CHECK(right->value.text == "*S-1-5-20 , NT VIRTUAL MACHINE\\Virtual Machines,ADD YOUR DOMAIN ADMINS,Guest");
}

TEST_CASE("inf: Registry Values types map to value kinds with canonical HKLM keys") {
    auto p = parse_template(
        "[Registry Values]\n"
        "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1\n"
        "MACHINE\\Software\\X\\Caption=1,\"Warning, read this; now\"\n"
        "MACHINE\\Software\\X\\Path=2,\"%SystemRoot%\\x\"\n"
        "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\FullPrivilegeAuditing=3,0\n"
        "MACHINE\\Software\\X\\Text=7,Line one,Line two\n"
        "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\NullSessionPipes=7,\n"
        "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\RestrictRemoteSAM=1,\"O:BAG:BAD:(A;;RC;;;BA)\"\n");
    CHECK(p.diagnostics.empty());
    const auto* nolm = p.setting("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash");
    REQUIRE(nolm != nullptr);
    CHECK(nolm->value.kind == ValueKind::Dword);
    CHECK(nolm->value.number == 1);
    CHECK(nolm->value.reg_type == 4);

    const auto* caption = p.setting("registry:HKLM\\Software\\X\\Caption");
    REQUIRE(caption != nullptr);
    CHECK(caption->value.kind == ValueKind::String);
    CHECK(caption->value.text == "Warning, read this; now");

    const auto* path = p.setting("registry:HKLM\\Software\\X\\Path");
    REQUIRE(path != nullptr);
    CHECK(path->value.kind == ValueKind::ExpandString);
    CHECK(path->value.text == "%SystemRoot%\\x");

    const auto* binary = p.setting("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\FullPrivilegeAuditing");
    REQUIRE(binary != nullptr);
    CHECK(binary->value.kind == ValueKind::Binary);
    CHECK(binary->value.text == "0");

    const auto* text = p.setting("registry:HKLM\\Software\\X\\Text");
    REQUIRE(text != nullptr);
    CHECK(text->value.kind == ValueKind::MultiString);
    CHECK(text->value.items == std::vector<std::string>{"Line one", "Line two"});

    const auto* pipes =
        p.setting("registry:HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\NullSessionPipes");
    REQUIRE(pipes != nullptr);
    CHECK(pipes->value.kind == ValueKind::MultiString);
    CHECK(pipes->value.items.empty());
    CHECK(pipes->value.reg_type == 7);

    const auto* sam = p.setting("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\RestrictRemoteSAM");
    REQUIRE(sam != nullptr);
    CHECK(sam->value.text == "O:BAG:BAD:(A;;RC;;;BA)");
}

TEST_CASE("inf: '=' inside a registry path splits at the first '=<digits>,'") {
    auto p = parse_template("[Registry Values]\nMACHINE\\Software\\a=b\\c=1\\Name=1,x=4,2\n");
    CHECK(p.count("GPL001") == 0);
    REQUIRE(p.tmpl.registry_values.size() == 1);
    const auto& e = p.tmpl.registry_values[0];
    CHECK(e.key_path == "MACHINE\\Software\\a=b\\c=1");
    CHECK(e.value_name == "Name");
    CHECK(e.type == 1);
    CHECK(e.data == "x=4,2");
    CHECK(p.setting("registry:HKLM\\Software\\a=b\\c=1\\Name") != nullptr);
}

TEST_CASE("inf: Service General Setting lines have no '='") {
    auto p = parse_template(
        "[Service General Setting]\n"
        "\"AppIDSvc\",2,\"\"\n"
        "\"Spooler\",4,\"D:AR(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;RPWPCR;;;BA)\"\n");
    CHECK(p.diagnostics.empty());
    // One line, two aspects: the startup type and (when the SDDL is not empty) the permissions.
    const auto* spooler = p.setting("service:Spooler\\StartupType");
    REQUIRE(spooler != nullptr);
    CHECK(spooler->value.kind == ValueKind::Service);
    CHECK(spooler->value.number == 4);
    CHECK(spooler->value.text == "4");
    const auto* acl = p.setting("service:Spooler\\Permissions");
    REQUIRE(acl != nullptr);
    CHECK(acl->value.kind == ValueKind::Acl);
    CHECK(acl->value.text == "D:AR(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;RPWPCR;;;BA)");
    CHECK(acl->location.line == spooler->location.line);
    const auto* appid = p.setting("service:AppIDSvc\\StartupType");
    REQUIRE(appid != nullptr);
    CHECK(appid->value.number == 2);
    CHECK(p.setting("service:AppIDSvc\\Permissions") == nullptr);
    CHECK(p.setting("service:Spooler") == nullptr);
}

TEST_CASE("inf: Kerberos Policy fixture (UTF-16LE, CRLF)") {
    auto p = parse_data_file("kerberos_policy.inf");
    CHECK(p.diagnostics.empty());
    CHECK(p.tmpl.kerberos_policy.size() == 5);
    const auto* skew = p.setting("kerberos:MaxClockSkew");
    REQUIRE(skew != nullptr);
    CHECK(skew->value.kind == ValueKind::Number);
    CHECK(skew->value.number == 5);
    REQUIRE(p.setting("kerberos:MaxServiceAge") != nullptr);
    CHECK(p.setting("kerberos:MaxServiceAge")->value.number == 600);
    CHECK(p.settings.size() == 5);  // [Unicode] and [Version] are not settings
}

TEST_CASE("inf: File Security and Registry Keys fixture") {
    auto p = parse_data_file("file_security.inf");
    CHECK(p.diagnostics.empty());
    REQUIRE(p.tmpl.file_security.size() == 3);
    CHECK(p.tmpl.file_security[1].name == "C:\\Program Files\\Example, Inc");  // a comma inside quotes
    CHECK(p.tmpl.file_security[1].mode == 0);
    const auto* config = p.setting("file:%SystemRoot%\\System32\\config");
    REQUIRE(config != nullptr);
    CHECK(config->value.kind == ValueKind::Acl);
    CHECK(config->value.number == 2);
    CHECK(config->value.text == "D:PAR(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)");
    REQUIRE(p.tmpl.registry_keys.size() == 2);
    const auto* key = p.setting("regkey:USERS\\.DEFAULT\\Software\\Policies\\Example");
    REQUIRE(key != nullptr);
    CHECK(key->value.number == 2);
}

TEST_CASE("inf: System Access, logs and Event Audit") {
    auto p = parse_template(
        "[System Access]\n"
        "MinimumPasswordLength = 14\n"
        "LockoutDuration = -1\n"
        "NewGuestName = \"NoGuestHere\"\n"
        "[Security Log]\n"
        "MaximumLogSize = 4194240\n"
        "[System Log]\n"
        "RetentionDays = 7\n"
        "[Event Audit]\n"
        "AuditLogonEvents = 3\n");
    CHECK(p.diagnostics.empty());
    CHECK(p.setting("access:MinimumPasswordLength")->value.number == 14);
    CHECK(p.setting("access:LockoutDuration")->value.number == -1);
    const auto* guest = p.setting("access:NewGuestName");
    REQUIRE(guest != nullptr);
    CHECK(guest->value.kind == ValueKind::String);
    CHECK(guest->value.text == "NoGuestHere");
    REQUIRE(p.setting("log:Security\\MaximumLogSize") != nullptr);
    CHECK(p.setting("log:Security\\MaximumLogSize")->value.number == 4194240);
    REQUIRE(p.setting("log:System\\RetentionDays") != nullptr);
    CHECK(p.setting("eventaudit:AuditLogonEvents")->value.number == 3);
}

TEST_CASE("inf: Group Membership suffixes are case-insensitive, empty lists are kept") {
    auto p = parse_template(
        "[Group Membership]\n"
        "*S-1-5-32-544__memberof =\n"
        "*S-1-5-32-544__MEMBERS = *S-1-5-21-1-2-3-512,Backup Admins\n");
    CHECK(p.diagnostics.empty());
    REQUIRE(p.tmpl.group_membership.size() == 2);
    CHECK(p.tmpl.group_membership[0].relation == model::GroupRelation::Memberof);
    CHECK(p.tmpl.group_membership[0].group == "*S-1-5-32-544");
    const auto* members = p.setting("group:*S-1-5-32-544\\Members");
    REQUIRE(members != nullptr);
    CHECK(members->value.items == std::vector<std::string>{"*S-1-5-21-1-2-3-512", "Backup Admins"});
    const auto* memberof = p.setting("group:*S-1-5-32-544\\Memberof");
    REQUIRE(memberof != nullptr);
    CHECK(memberof->value.items.empty());
}

TEST_CASE("inf: section and key names are case-insensitive - duplicate sections merge") {
    auto p = parse_template(
        "[privilege RIGHTS]\n"
        "seTcbPrivilege = *S-1-5-18\n"
        "[System Access]\n"
        "minimumpasswordlength = 8\n"
        "[Privilege Rights]\n"
        "SeDebugPrivilege = *S-1-5-32-544\n");
    CHECK(p.diagnostics.empty());
    CHECK(p.tmpl.privilege_rights.size() == 2);
    CHECK(p.setting("privilege:SeTcbPrivilege") != nullptr);
    CHECK(p.setting("access:MinimumPasswordLength") != nullptr);
    CHECK(p.tmpl.headers.size() == 3);
}

TEST_CASE("inf: unknown sections and Profile Description are kept as raw entries") {
    auto p = parse_template(
        "[Profile Description]\n"
        "Description=Baseline for servers, v2\n"
        "[Something New]\n"
        "Alpha = 1\n"
        "free text line\n"
        "[System Access]\n"
        "LockoutBadCount = 5\n"
        "[something new]\n"
        "Beta=2\n");
    REQUIRE(p.tmpl.unknown_sections.size() == 1);  // the two [Something New] sections merge
    CHECK(p.tmpl.unknown_sections[0].name == "Something New");
    CHECK(p.tmpl.unknown_sections[0].entries.size() == 3);
    const auto* description = p.setting("raw:Profile Description\\Description");
    REQUIRE(description != nullptr);
    CHECK(description->value.kind == ValueKind::Raw);
    CHECK(description->value.text == "Baseline for servers, v2");
    CHECK(p.setting("raw:Something New\\Alpha") != nullptr);
    CHECK(p.setting("raw:Something New\\free text line") != nullptr);
    CHECK(p.count("GPL002") == 1);  // [Something New]; [Profile Description] is what secedit writes
}

TEST_CASE("inf: comments are skipped and kept with their line") {
    auto p = parse_template(
        "; gpolint: disable=GPL101 Hyper-V hosts get their own GPO\n"
        "[Privilege Rights]\n"
        "\n"
        "SeServiceLogonRight = *S-1-5-20 ; network service only\n");
    CHECK(p.diagnostics.empty());
    REQUIRE(p.tmpl.comments.size() == 2);
    CHECK(p.tmpl.comments[0].line == 1);
    CHECK(p.tmpl.comments[0].text == "gpolint: disable=GPL101 Hyper-V hosts get their own GPO");
    CHECK(p.tmpl.comments[1].line == 4);
    CHECK(p.tmpl.comments[1].text == "network service only");
    const auto* right = p.setting("privilege:SeServiceLogonRight");
    REQUIRE(right != nullptr);
    CHECK(right->value.items == std::vector<std::string>{"*S-1-5-20"});
    CHECK(right->location.line == 4);
}

TEST_CASE("inf: entries keep line, column and byte spans of line, key and value") {
    auto p = parse_template("[System Access]\nMinimumPasswordLength = 14 ; note\n");
    REQUIRE(p.tmpl.system_access.size() == 1);
    const auto& e = p.tmpl.system_access[0];
    const std::string& text = p.source.text();
    CHECK(e.place.location.line == 2);
    CHECK(e.place.location.column == 1);
    CHECK(text.substr(e.place.line.offset, e.place.line.length) == "MinimumPasswordLength = 14 ; note");
    CHECK(text.substr(e.place.key.offset, e.place.key.length) == "MinimumPasswordLength");
    CHECK(text.substr(e.place.value.offset, e.place.value.length) == "14");
    const auto* s = p.setting("access:MinimumPasswordLength");
    REQUIRE(s != nullptr);
    CHECK(s->location.offset == e.place.line.offset);
    CHECK(s->length == e.place.line.length);
}

TEST_CASE("inf: LF, CR and no final newline all work") {
    for (const char* text : {"[System Access]\nLockoutBadCount = 5", "[System Access]\rLockoutBadCount = 5\r",
                             "[System Access]\r\nLockoutBadCount = 5\r\n"}) {
        auto p = test::parse_bytes(text);
        CHECK(p.count("GPL001") == 0);
        REQUIRE(p.setting("access:LockoutBadCount") != nullptr);
        CHECK(p.setting("access:LockoutBadCount")->value.number == 5);
        CHECK(p.setting("access:LockoutBadCount")->location.line == 2);
    }
}

// The DoD "Banner" templates: secedit/GPMC write a comma that belongs to the text as '","'.
TEST_CASE("inf: a quoted comma inside a text item is part of the item (DoD logon banner)") {
    auto p = parse_template(
        "[Registry Values]\n"
        "MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeText=7,You are accessing a "
        "U.S. Government (USG) Information System (IS) that is provided for USG-authorized use only.,By using this IS "
        "(which includes any device attached to this IS)\",\" you consent to the following conditions:,-The USG "
        "routinely intercepts and monitors communications on this IS for purposes including\",\" but not limited to\",\" "
        "penetration testing.\n"
        "MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeCaption=1,\"DoD Notice and "
        "Consent Banner\"\n"
        "MACHINE\\Software\\X\\Caption=1,Read this\",\" now\n");
    CHECK(p.count("GPL001") == 0);
    CHECK(p.diagnostics.empty());
    const auto* text = p.setting("registry:HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeText");
    REQUIRE(text != nullptr);
    CHECK(text->value.kind == ValueKind::MultiString);
    REQUIRE(text->value.items.size() == 3);
    CHECK(text->value.items[0] ==
          "You are accessing a U.S. Government (USG) Information System (IS) that is provided for USG-authorized use only.");
    CHECK(text->value.items[1] ==
          "By using this IS (which includes any device attached to this IS), you consent to the following conditions:");
    CHECK(text->value.items[2] ==
          "-The USG routinely intercepts and monitors communications on this IS for purposes including, but not limited "
          "to, penetration testing.");
    const auto* caption = p.setting("registry:HKLM\\Software\\X\\Caption");
    REQUIRE(caption != nullptr);
    CHECK(caption->value.text == "Read this, now");
}

TEST_CASE("inf: keys from Microsoft's lists of security policy settings and user rights are known") {
    auto p = parse_template(
        "[System Access]\n"
        "AllowAdministratorLockout = 1\n"
        "[Privilege Rights]\n"
        "SeDelegateSessionUserImpersonatePrivilege = *S-1-5-32-544\n");
    CHECK(p.count("GPL002") == 0);
    CHECK(p.diagnostics.empty());
}
