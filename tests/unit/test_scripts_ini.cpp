// scripts.ini / psscripts.ini of the Scripts extension, and the command-line checks the readers share.
#include <doctest/doctest.h>

#include <string>

#include "model/policy_semantics.hpp"
#include "parse/command_line.hpp"
#include "parse/scripts_ini.hpp"

using namespace gpolint;

namespace {

struct Read {
    std::vector<model::Setting> settings;
    std::vector<Diagnostic> diagnostics;
};

// GPMC writes these files in UTF-16LE with a byte-order mark and CRLF.
std::string utf16le(const std::string& text) {
    std::string bytes = "\xff\xfe";
    for (char c : text) {
        if (c == '\n') bytes += std::string("\r\0", 2);
        bytes += c;
        bytes += '\0';
    }
    return bytes;
}

Read read(const std::string& text, bool powershell = false, bool user_side = false) {
    Diagnostics diagnostics;
    auto settings = parse::read_scripts_ini(decode_text(intern_path("t/scripts.ini"), utf16le(text)), powershell, user_side, diagnostics);
    return {std::move(settings), diagnostics.take()};
}

size_t count(const std::vector<Diagnostic>& diagnostics, std::string_view id) {
    size_t n = 0;
    for (const auto& d : diagnostics) n += d.rule_id == id ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("scripts.ini: UTF-16LE sections and numbered keys become script: settings") {
    auto r = read("\n[Startup]\n0CmdLine=\\\\contoso.com\\NETLOGON\\agent.cmd\n0Parameters=/quiet\n1cmdline = inventory.vbs \n"
                  "1Parameters=\n[shutdown]\n0CmdLine=flush.cmd\n");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 5);
    CHECK(r.settings[0].key.text() == "script:Startup\\0\\CmdLine");
    CHECK(r.settings[0].value.text == "\\\\contoso.com\\NETLOGON\\agent.cmd");
    CHECK(r.settings[0].value.kind == model::ValueKind::String);
    CHECK(r.settings[0].source == model::SourceKind::Scripts);
    CHECK(r.settings[0].location.line == 3);
    CHECK(r.settings[1].key.text() == "script:Startup\\0\\Parameters");
    CHECK(r.settings[2].key.text() == "script:Startup\\1\\CmdLine");  // canonical spelling, value trimmed
    CHECK(r.settings[2].value.text == "inventory.vbs");
    CHECK(r.settings[3].value.text.empty());
    CHECK(r.settings[4].key.text() == "script:Shutdown\\0\\CmdLine");
    CHECK(model::applying_extension(r.settings[0]) == model::Extension::Scripts);
    CHECK(model::accumulates_across_gpos(r.settings[0].key));
}

TEST_CASE("psscripts.ini: psscript: keys, ScriptsConfig, the user side") {
    auto r = read("[Logon]\n0CmdLine=Set-Wallpaper.ps1\n0Parameters=-Path x\n[ScriptsConfig]\nStartExecutePSFirst=true\n", true, true);
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 3);
    CHECK(r.settings[0].key.text() == "psscript:Logon\\0\\CmdLine");
    CHECK(r.settings[0].user_side);
    CHECK(r.settings[2].key.text() == "psscript:ScriptsConfig\\StartExecutePSFirst");
    CHECK(r.settings[2].value.text == "true");
}

TEST_CASE("scripts.ini: unknown sections and keys are GPL002 notes, junk lines GPL001, the rest is read") {
    auto r = read("[Startup]\nCmdLine=x.cmd\n0Script=y.cmd\nthis is junk\n[Boot]\n0CmdLine=z.cmd\n[Logoff]\n0CmdLine=w.cmd\n");
    CHECK(count(r.diagnostics, "GPL002") == 3);
    CHECK(count(r.diagnostics, "GPL001") == 1);
    REQUIRE(r.settings.size() == 1);
    CHECK(r.settings[0].key.text() == "script:Logoff\\0\\CmdLine");
}

TEST_CASE("GPL607: a password in a script's parameters is reported without the password") {
    auto r = read("[Logon]\n0CmdLine=map.cmd\n0Parameters=CONTOSO\\svc-map -Password Summer2024!\n1CmdLine=Reset-KRBTGT-Password.ps1\n"
                  "1Parameters=-Path \\\\contoso.com\\NETLOGON\n2CmdLine=net.exe\n2Parameters=/p:Winter2025\n");
    REQUIRE(count(r.diagnostics, "GPL607") == 2);
    for (const auto& d : r.diagnostics) {
        CHECK(d.severity == Severity::Error);
        CHECK(d.message.find("Summer2024") == std::string::npos);
        CHECK(d.message.find("Winter2025") == std::string::npos);
    }
    CHECK(r.diagnostics[0].location.line == 3);
    CHECK(r.diagnostics[0].message.find("-password") != std::string::npos);
}

TEST_CASE("GPL608: scripts from a share outside SYSVOL and NETLOGON, or from a URL") {
    auto r = read("[Startup]\n0CmdLine=\\\\fs01.contoso.com\\deploy$\\agent.cmd\n0Parameters=\\\\fs01\\logs\n"
                  "1CmdLine=\\\\contoso.com\\SysVol\\contoso.com\\scripts\\a.cmd\n2CmdLine=\\\\DC01\\netlogon\\b.cmd\n"
                  "3CmdLine=agent.cmd\n4CmdLine=\"http://intranet/setup.exe\"\n");
    REQUIRE(count(r.diagnostics, "GPL608") == 2);  // parameters are not the program
    CHECK(r.diagnostics[0].message.find("\\\\fs01.contoso.com\\deploy$\\agent.cmd") != std::string::npos);
    CHECK(r.diagnostics[1].location.line == 7);
}

TEST_CASE("command lines: outside SYSVOL, and the password markers") {
    using parse::runs_code_from_outside_sysvol;
    CHECK(runs_code_from_outside_sysvol("\\\\server2.testme.local\\LME_Share\\update.bat"));
    CHECK(runs_code_from_outside_sysvol("  \"\\\\fs\\share\\a b.exe\" /q"));
    CHECK(runs_code_from_outside_sysvol("//fs/share/x.sh"));
    CHECK(runs_code_from_outside_sysvol("HTTPS://example.com/x.msi"));
    CHECK_FALSE(runs_code_from_outside_sysvol("\\\\contoso.com\\SYSVOL\\contoso.com\\Policies\\x.cmd"));
    CHECK_FALSE(runs_code_from_outside_sysvol("\\\\contoso.com\\NETLOGON"));
    CHECK_FALSE(runs_code_from_outside_sysvol("\\\\contoso.com"));
    CHECK_FALSE(runs_code_from_outside_sysvol("\\\\?\\C:\\Windows\\x.exe"));
    CHECK_FALSE(runs_code_from_outside_sysvol("C:\\Program Files\\x.exe"));
    CHECK_FALSE(runs_code_from_outside_sysvol("%SystemRoot%\\system32\\cmd.exe"));
    CHECK(parse::password_marker("net use x: /user:a /password:b") == "/password");
    CHECK(parse::password_marker("Reset-KRBTGT-Password.ps1").empty());
}
