// Every security template of the real corpus parses without a parse error, and three of them give
// exactly the entries counted by hand.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "inf_test_support.hpp"

namespace fs = std::filesystem;
using namespace gpolint;

namespace {

bool corpus_present() {
    if (fs::is_directory(GPOLINT_CORPUS)) return true;
    MESSAGE("corpus not found at " GPOLINT_CORPUS ": skipping the corpus checks");
    return false;
}

bool has_inf_extension(const fs::path& path) {
    auto ext = path.extension().string();
    return model::iequals(ext, ".inf");
}

test::ParsedTemplate parse_corpus_file(const fs::path& path) {
    std::string error;
    auto bytes = read_file_bytes(path.string(), error);
    REQUIRE_MESSAGE(bytes.has_value(), path.string() << ": " << error);
    return test::parse_bytes(*bytes, path.string());
}

}  // namespace

TEST_CASE("corpus: every .inf parses with no GPL001") {
    if (!corpus_present()) return;
    size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(GPOLINT_CORPUS)) {
        if (!entry.is_regular_file() || !has_inf_extension(entry.path())) continue;
        ++files;
        auto parsed = parse_corpus_file(entry.path());
        for (const auto& d : parsed.diagnostics)
            CHECK_MESSAGE(d.rule_id != "GPL001", entry.path().string() << ":" << d.location.line << ":"
                                                                        << d.location.column << ": " << d.message);
        // Some GPOs carry a template with nothing but [Unicode] and [Version]: both sections are required.
        CHECK_MESSAGE(parsed.tmpl.version.size() == 2, entry.path().string() << " lacks signature/Revision");
    }
    // FORMATS.md §1.2: 103 GPO templates plus two hand-made ones.
    CHECK(files == 105);
}

// The counts below were made with iconv and awk, independently of this parser:
//   iconv -f UTF-16 -t UTF-8 FILE | tr -d '\r' | awk '/^\[/{s=$0; next} {c[s]++} END{for(k in c) print c[k], k}'
// (plain `cat` instead of iconv for the ASCII file), which counts the non-header lines of each section.
TEST_CASE("corpus: DoD Windows 10 STIG computer GPO (nsacyber-shb) entry counts") {
    if (!corpus_present()) return;
    auto parsed = parse_corpus_file(fs::path(GPOLINT_CORPUS) /
                                    "nsacyber-shb/Windows/Group Policy Objects/Computer/"
                                    "{A2A38432-E322-437F-9975-B7CC7F16F4AA}/DomainSysvol/GPO/Machine/microsoft/"
                                    "windows nt/SecEdit/GptTmpl.inf");
    CHECK(parsed.source.encoding() == Encoding::Utf16LeBom);
    CHECK(parsed.tmpl.system_access.size() == 13);
    CHECK(parsed.tmpl.registry_values.size() == 41);
    CHECK(parsed.tmpl.privilege_rights.size() == 27);
    CHECK(parsed.tmpl.version.size() == 2);
    CHECK(parsed.tmpl.unicode.size() == 1);
    CHECK(parsed.settings.size() == 13 + 41 + 27);
    const auto* symlink = parsed.setting("privilege:SeCreateSymbolicLinkPrivilege");
    REQUIRE(symlink != nullptr);
    CHECK(symlink->value.items == std::vector<std::string>{"*S-1-5-32-544"});
    CHECK(parsed.count("GPL001") == 0);
    CHECK(parsed.count("GPL003") == 0);
}

TEST_CASE("corpus: SecurityPolicyDsc sample.inf (ASCII, LF) entry counts") {
    if (!corpus_present()) return;
    auto parsed = parse_corpus_file(fs::path(GPOLINT_CORPUS) / "dsccommunity-securitypolicydsc/Tests/TestHelpers/sample.inf");
    CHECK(parsed.source.encoding() == Encoding::Utf8);
    CHECK(parsed.tmpl.system_access.size() == 16);
    CHECK(parsed.tmpl.event_audit.size() == 9);
    CHECK(parsed.tmpl.registry_values.size() == 62);
    CHECK(parsed.tmpl.privilege_rights.size() == 31);
    CHECK(parsed.count("GPL005") >= 1);  // not UTF-16LE with BOM
    // NewAdministratorName = "  Administrator": the quoted string keeps its spaces.
    const auto* admin = parsed.setting("access:NewAdministratorName");
    REQUIRE(admin != nullptr);
    CHECK(admin->value.kind == model::ValueKind::String);
    CHECK(admin->value.text == "  Administrator");
}

TEST_CASE("corpus: DetectionLab DC auditing GPO, Group Membership and a service") {
    if (!corpus_present()) return;
    auto parsed = parse_corpus_file(fs::path(GPOLINT_CORPUS) /
                                    "detectionlab/Domain_Controllers_Enhanced_Auditing_Policy/"
                                    "{D758182C-84C3-420D-806A-50664169D3B2}/DomainSysvol/GPO/Machine/microsoft/"
                                    "windows nt/SecEdit/GptTmpl.inf");
    CHECK(parsed.tmpl.registry_values.size() == 4);
    CHECK(parsed.tmpl.group_membership.size() == 2);
    CHECK(parsed.tmpl.services.size() == 1);
    const auto* members = parsed.setting("group:*S-1-5-32-573\\Members");
    REQUIRE(members != nullptr);
    CHECK(members->value.items ==
          std::vector<std::string>{"*S-1-5-21-2099590610-328841986-2664697228-11659", "*S-1-5-20"});
    const auto* memberof = parsed.setting("group:*S-1-5-32-573\\Memberof");
    REQUIRE(memberof != nullptr);
    CHECK(memberof->value.items.empty());
    const auto* winrm = parsed.setting("service:WinRM\\StartupType");
    REQUIRE(winrm != nullptr);
    CHECK(winrm->value.number == 2);
    CHECK(parsed.setting("service:WinRM\\Permissions") == nullptr);  // "WinRM",2,"": no ACL
    const auto* ntlm = parsed.setting("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\AuditReceivingNTLMTraffic");
    REQUIRE(ntlm != nullptr);
    CHECK(ntlm->value.kind == model::ValueKind::Dword);
    CHECK(ntlm->value.number == 2);
}
