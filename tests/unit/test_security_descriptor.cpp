// The binary security descriptor of Backup.xml: hand-built descriptors (every byte written out below,
// layouts from [MS-DTYP] 2.4.2 SID, 2.4.4 ACEs, 2.4.5 ACL, 2.4.6 SECURITY_DESCRIPTOR), bad input,
// Backup.xml wiring, and a differential test against gpreport.xml's verdict over the corpus.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <set>

#include "core/source.hpp"
#include "model/setting.hpp"
#include "parse/backup_xml.hpp"
#include "parse/gpreport.hpp"
#include "parse/security_descriptor.hpp"
#include "parse/xml_document.hpp"

using namespace gpolint;
using namespace gpolint::parse;
namespace fs = std::filesystem;

namespace {

// Self-relative, DACL present (control 0x9c04 as GPMC writes it), no owner/group/SACL, DACL at 20.
const std::string kHeader = "01 00 04 9c 00 00 00 00 00 00 00 00 00 00 00 00 14 00 00 00 ";
const std::string kAuthenticatedUsers = "01 01 00 00 00 00 00 05 0b 00 00 00 ";                  // S-1-5-11
const std::string kApplyGroup = "01 05 00 00 00 00 00 05 15 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 ca 04 00 00 ";  // S-1-5-21-1-2-3-1226
const std::string kApplyRight = "8f fd ac ed b3 ff d1 11 b4 1d 00 a0 c9 68 f9 39 ";            // edacfd8f-ffb3-…

std::string hex16(size_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "%02zx %02zx ", value & 0xff, (value >> 8) & 0xff);
    return text;
}

size_t byte_count(const std::string& hex) { return hex.size() / 3; }

// ACE header (type, flags, size) around a body of mask + rest.
std::string ace(const std::string& type_and_flags, const std::string& body) {
    return type_and_flags + hex16(4 + byte_count(body)) + body;
}

// Object ACE granting control access (0x100) on the Apply Group Policy right, ACE_OBJECT_TYPE_PRESENT.
std::string apply_ace(const std::string& type_and_flags, const std::string& sid) {
    return ace(type_and_flags, "00 01 00 00 01 00 00 00 " + kApplyRight + sid);
}
std::string read_ace(const std::string& sid) { return ace("00 02 ", "94 00 02 00 " + sid); }  // LCRPLORC

std::string descriptor(const std::vector<std::string>& aces) {
    std::string body;
    for (const auto& a : aces) body += a;
    return kHeader + "04 00 " + hex16(8 + byte_count(body)) + hex16(aces.size()) + "00 00 " + body;
}

std::optional<SecurityDescriptor> parse_hex(const std::string& hex, std::string& error) {
    auto bytes = hex_to_bytes(hex, error);
    return bytes ? read_security_descriptor(*bytes, error) : std::nullopt;
}

SecurityDescriptor parse_ok(const std::string& hex) {
    std::string error;
    auto sd = parse_hex(hex, error);
    INFO(error);
    REQUIRE(sd);
    return *sd;
}

}  // namespace

TEST_CASE("security descriptor: the default GPO grant, as the brief's corpus ACE, is not filtered") {
    auto sd = parse_ok(descriptor({apply_ace("05 02 ", kAuthenticatedUsers), read_ace(kAuthenticatedUsers)}));
    CHECK(sd.dacl_present);
    REQUIRE(sd.dacl.size() == 2);
    CHECK(sd.dacl[0].type == 5);
    CHECK(sd.dacl[0].flags == 2);
    CHECK(sd.dacl[0].mask == 0x100u);
    CHECK(sd.dacl[0].object_type == "edacfd8f-ffb3-11d1-b41d-00a0c968f939");
    CHECK(sd.dacl[0].sid == "S-1-5-11");
    CHECK(sd.dacl[1].type == 0);
    CHECK(sd.dacl[1].mask == 0x20094u);
    CHECK(sd.dacl[1].object_type.empty());
    CHECK_FALSE(is_security_filtered(sd));
}

TEST_CASE("security descriptor: Apply granted to a group instead of Authenticated Users is filtered") {
    auto sd = parse_ok(descriptor({apply_ace("05 02 ", kApplyGroup), read_ace(kAuthenticatedUsers)}));
    REQUIRE(sd.dacl.size() == 2);
    CHECK(sd.dacl[0].sid == "S-1-5-21-1-2-3-1226");
    CHECK(is_security_filtered(sd));
}

TEST_CASE("security descriptor: a deny of Apply is not a grant") {
    auto sd = parse_ok(descriptor({apply_ace("06 02 ", kAuthenticatedUsers), read_ace(kAuthenticatedUsers)}));
    CHECK(sd.dacl[0].type == 6);
    CHECK(is_security_filtered(sd));
}

TEST_CASE("security descriptor: an inherit-only grant does not apply to the GPO itself") {
    auto sd = parse_ok(descriptor({apply_ace("05 0a ", kAuthenticatedUsers)}));  // CONTAINER_INHERIT | INHERIT_ONLY
    CHECK(sd.dacl[0].flags == 0x0a);
    CHECK(is_security_filtered(sd));
}

TEST_CASE("security descriptor: a plain allow with control access or GENERIC_ALL grants Apply, full control 0xF00FF does not") {
    CHECK_FALSE(is_security_filtered(parse_ok(descriptor({ace("00 00 ", "00 01 00 00 " + kAuthenticatedUsers)}))));
    CHECK_FALSE(is_security_filtered(parse_ok(descriptor({ace("00 00 ", "00 00 00 10 " + kAuthenticatedUsers)}))));
    // GPMC's "Edit settings, delete, modify security" mask lacks control access (0x100).
    CHECK(is_security_filtered(parse_ok(descriptor({ace("00 00 ", "ff 00 0f 00 " + kAuthenticatedUsers)}))));
}

TEST_CASE("security descriptor: an empty DACL filters, a NULL DACL (no DACL present) does not") {
    CHECK(is_security_filtered(parse_ok(descriptor({}))));
    auto null_dacl = parse_ok("01 00 00 80 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    CHECK_FALSE(null_dacl.dacl_present);
    CHECK_FALSE(is_security_filtered(null_dacl));
}

TEST_CASE("security descriptor: every truncation of a valid descriptor is rejected") {
    std::string error;
    auto bytes = hex_to_bytes(descriptor({apply_ace("05 02 ", kAuthenticatedUsers), read_ace(kAuthenticatedUsers)}), error);
    REQUIRE(bytes);
    REQUIRE(bytes->size() == 20 + 8 + 40 + 20);
    for (size_t size = 0; size < bytes->size(); ++size) {
        error.clear();
        CAPTURE(size);
        CHECK_FALSE(read_security_descriptor(bytes->substr(0, size), error));
        CHECK_FALSE(error.empty());
    }
}

TEST_CASE("security descriptor: bad sizes and counts are errors, not loops or overreads") {
    std::string error;
    // ACE size 0 would never advance.
    CHECK_FALSE(parse_hex(kHeader + "04 00 10 00 01 00 00 00 00 00 00 00 00 00 00 00", error));
    CHECK(error == "ACE 0 has size 0, outside the DACL");
    // 65535 ACEs announced in an 8-byte ACL.
    CHECK_FALSE(parse_hex(kHeader + "04 00 08 00 ff ff 00 00", error));
    CHECK(error == "ACE 0 starts past the end of the DACL");
    // A SID claiming 255 sub-authorities.
    CHECK_FALSE(parse_hex(descriptor({ace("00 00 ", "00 01 00 00 01 ff 00 00 00 00 00 05 ")}), error));
    CHECK(error == "ACE of type 0 has no valid SID");
    // Not self-relative (control 0x0004): the offsets would be pointers.
    CHECK_FALSE(parse_hex("01 00 04 00 00 00 00 00 00 00 00 00 00 00 00 00 14 00 00 00 04 00 08 00 00 00 00 00", error));
    CHECK(error == "not self-relative");
    // Owner offset past the end.
    CHECK_FALSE(parse_hex("01 00 00 80 ff 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", error));
    CHECK(error == "owner SID is outside the descriptor or invalid");
}

TEST_CASE("security descriptor: hex text must be whole bytes") {
    std::string error;
    CHECK(hex_to_bytes(" 01\t0a\r\nFF ", error) == std::string("\x01\x0a\xff", 3));
    CHECK_FALSE(hex_to_bytes("01 0", error));
    CHECK(error == "'0' at character 4 is not a hex byte");
    CHECK_FALSE(hex_to_bytes("01 0 2", error));  // a space inside a byte
    CHECK_FALSE(hex_to_bytes("0g", error));
    CHECK_FALSE(hex_to_bytes("", error));
    CHECK(error == "no bytes");
    CHECK_FALSE(hex_to_bytes("  \n ", error));
}

namespace {

const char* kBackupXmlTemplate = R"(<?xml version="1.0" encoding="utf-8"?>
<GroupPolicyBackupScheme xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations">
  <GroupPolicyObject><GroupPolicyCoreSettings><ID>{11111111-2222-3333-4444-555555555555}</ID><Options>0</Options>
    <SecurityDescriptor>SD</SecurityDescriptor>
  </GroupPolicyCoreSettings></GroupPolicyObject>
</GroupPolicyBackupScheme>)";

model::Gpo backup_with_descriptor(const std::string& hex, Diagnostics& d) {
    std::string text = kBackupXmlTemplate;
    text.replace(text.find(">SD<") + 1, 2, hex);
    auto xml = load_xml(intern_path("sd/Backup.xml"), text, d);
    REQUIRE(xml);
    model::Gpo gpo;
    CHECK(read_backup_xml(*xml, gpo, d));
    return gpo;
}

model::Gpo backup_with_groups(const std::string& hex, const std::string& groups) {
    std::string text = kBackupXmlTemplate;
    text.replace(text.find(">SD<") + 1, 2, hex);
    text.replace(text.find("<GroupPolicyObject>") + 19, 0, "<SecurityGroups>" + groups + "</SecurityGroups>");
    Diagnostics d;
    auto xml = load_xml(intern_path("sd/Backup.xml"), text, d);
    REQUIRE(xml);
    model::Gpo gpo;
    CHECK(read_backup_xml(*xml, gpo, d));
    CHECK(d.all().empty());
    return gpo;
}

std::string named(const std::string& sid, const std::string& name, const std::string& type) {
    return "<Group><Sid><![CDATA[" + sid + "]]></Sid><SamAccountName><![CDATA[" + name + "]]></SamAccountName><Type><![CDATA[" +
           type + "]]></Type></Group>";
}

bool filtered_after_merging_report(model::Gpo gpo, bool report_says_filtered) {
    GpoReport report;
    report.security_filtered = report_says_filtered;
    merge_report(report, gpo, true);
    return gpo.security_filtered;
}

}  // namespace

TEST_CASE("Backup.xml: the descriptor decides security filtering") {
    Diagnostics d;
    auto gpo = backup_with_descriptor(descriptor({apply_ace("05 02 ", kApplyGroup)}), d);
    CHECK(d.all().empty());
    CHECK(gpo.security_descriptor_known);
    CHECK(gpo.security_filtered);

    CHECK(filtered_after_merging_report(gpo, false));  // gpreport.xml does not override Backup.xml
}

TEST_CASE("Backup.xml: a malformed descriptor is GPL004 at its element and leaves filtering unknown") {
    Diagnostics d;
    auto gpo = backup_with_descriptor("01 00 04 9c 00", d);
    auto all = d.all();
    REQUIRE(all.size() == 1);
    CHECK(all[0].rule_id == "GPL004");
    CHECK(all[0].severity == Severity::Warning);
    CHECK(all[0].location.line == 4);
    CHECK(all[0].message.find("shorter than a security descriptor header") != std::string::npos);
    CHECK_FALSE(gpo.security_descriptor_known);
    CHECK_FALSE(gpo.security_filtered);

    CHECK(filtered_after_merging_report(gpo, true));  // unknown: gpreport.xml's verdict is taken
}

namespace {

std::unique_ptr<XmlFile> load_file(const fs::path& path, Diagnostics& d) {
    std::string error;
    auto bytes = read_file_bytes(path.string(), error);
    REQUIRE(bytes);
    return load_xml(intern_path(path.string()), *bytes, d);
}

fs::path find_child(const fs::path& folder, std::string_view name) {
    for (const auto& entry : fs::directory_iterator(folder))
        if (model::iequals(entry.path().filename().string(), name)) return entry.path();
    return {};
}

// Every corpus report of a GPO with a deny ACE (HardenAD's _DENY groups) lists only that deny trustee,
// although its own SDDL shows the whole ACL: its verdict says nothing about the descriptor. A report is complete when every trustee of
// an allow ACE on the GPO itself appears in its <Permissions>.
bool report_lists_every_allowed_trustee(const tinyxml2::XMLElement* permissions, const SecurityDescriptor& sd) {
    std::set<std::string> trustees;
    for_each_child(permissions, "TrusteePermissions", [&](const tinyxml2::XMLElement* tp) {
        trustees.insert(child_text(child(tp, "Trustee"), "SID"));
    });
    for (const auto& ace : sd.dacl) {
        bool allow = ace.type == 0x00 || ace.type == 0x05, inherit_only = ace.flags & 0x08;
        if (allow && !inherit_only && !trustees.count(ace.sid)) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("corpus: Backup.xml's descriptor gives gpreport.xml's security filtering verdict") {
    if (!fs::is_directory(GPOLINT_CORPUS)) {
        MESSAGE("skipped: corpus not found at " GPOLINT_CORPUS);
        return;
    }
    size_t compared = 0, filtered = 0, incomplete_reports = 0;
    for (const auto& entry : fs::recursive_directory_iterator(GPOLINT_CORPUS)) {
        if (!entry.is_directory()) continue;
        auto backup_path = find_child(entry.path(), "Backup.xml");
        auto report_path = find_child(entry.path(), "gpreport.xml");
        if (backup_path.empty() || report_path.empty()) continue;
        Diagnostics d;
        auto backup = load_file(backup_path, d);
        auto report_xml = load_file(report_path, d);
        REQUIRE(backup);
        REQUIRE(report_xml);
        const auto* permissions = child(child(report_xml->root(), "SecurityDescriptor"), "Permissions");
        if (!permissions) continue;
        model::Gpo gpo;
        read_backup_xml(*backup, gpo, d);
        CAPTURE(backup_path.string());
        REQUIRE(gpo.security_descriptor_known);  // every corpus descriptor is readable
        std::string error;
        auto sd = parse_hex(element_text(child(child(child(backup->root(), "GroupPolicyObject"), "GroupPolicyCoreSettings"),
                                               "SecurityDescriptor")),
                            error);
        REQUIRE(sd);
        if (!report_lists_every_allowed_trustee(permissions, *sd)) {
            ++incomplete_reports;
            continue;
        }
        CHECK(gpo.security_filtered == read_gpreport_xml(*report_xml, d).security_filtered);
        ++compared;
        filtered += gpo.security_filtered;
    }
    MESSAGE("compared " << compared << " backups, " << filtered << " security-filtered; " << incomplete_reports
                        << " reports list only part of the ACL");
    CHECK(compared > 0);
    // Every filtered corpus GPO (HardenAD's _APPLY groups) has such a partial report, so filtered
    // verdicts are covered by the hand-built cases above and test_xml.cpp's HardenAD descriptor.
}

namespace {

const std::string kCreator = "01 05 00 00 00 00 00 05 15 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 50 04 00 00 ";  // S-1-5-21-1-2-3-1104
const std::string kDeleted = "01 05 00 00 00 00 00 05 15 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 52 06 00 00 ";  // S-1-5-21-1-2-3-1618
// What the directory gives the account that creates a GPO: allow, no inheritance flags, 0x000F00FF.
std::string creator_ace(const std::string& sid) { return ace("00 00 ", "ff 00 0f 00 " + sid); }

}  // namespace

// The hardenad backups: every GPL711 note was this ACE of the lab account that created the GPO.
TEST_CASE("Backup.xml: the creator's full-control ACE of a named user is not a non-admin editor") {
    auto sd = descriptor({apply_ace("05 02 ", kAuthenticatedUsers), read_ace(kAuthenticatedUsers), creator_ace(kCreator)});
    auto gpo = backup_with_groups(sd, named("S-1-5-21-1-2-3-1104", "vagrant", "User"));
    CHECK(gpo.non_admin_editors.empty());
    CHECK(gpo.unnamed_trustees.empty());
    // The same ACE shape for a group is delegation, and for an account Backup.xml cannot name it is unknown.
    CHECK(backup_with_groups(sd, named("S-1-5-21-1-2-3-1104", "GPO Editors", "GlobalGroup")).non_admin_editors ==
          std::vector<std::string>{"S-1-5-21-1-2-3-1104"});
    // Container-inherit full control, as GPMC's Delegation tab writes it, is reported for a user too.
    auto delegated = descriptor({apply_ace("05 02 ", kAuthenticatedUsers), read_ace(kAuthenticatedUsers), ace("00 02 ", "ff 00 0f 00 " + kCreator)});
    CHECK(backup_with_groups(delegated, named("S-1-5-21-1-2-3-1104", "vagrant", "User")).non_admin_editors ==
          std::vector<std::string>{"S-1-5-21-1-2-3-1104"});
}

TEST_CASE("Backup.xml: trustees SecurityGroups cannot name are unnamed - well-known RIDs and SIDs are not") {
    auto sd = descriptor({apply_ace("05 02 ", kAuthenticatedUsers), read_ace(kAuthenticatedUsers), read_ace(kDeleted),
                          apply_ace("05 02 ", kDeleted), read_ace("01 05 00 00 00 00 00 05 15 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 03 02 00 00 ")});
    auto gpo = backup_with_groups(sd, named("S-1-5-21-1-2-3-1104", "vagrant", "User"));
    CHECK(gpo.unnamed_trustees == std::vector<std::string>{"S-1-5-21-1-2-3-1618"});  // once; -515 is Domain Computers
    CHECK(backup_with_groups(sd, named("S-1-5-21-1-2-3-1618", "Kiosk Computers", "GlobalGroup")).unnamed_trustees.empty());
    // A Group with a SID but no name is what an unresolvable trustee looks like: still unnamed.
    CHECK(backup_with_groups(sd, named("S-1-5-21-1-2-3-1104", "vagrant", "User") + "<Group><Sid>S-1-5-21-1-2-3-1618</Sid></Group>")
              .unnamed_trustees.size() == 1);
    // No SecurityGroups at all (the hand-made Backup.xml above): nothing can be judged.
    Diagnostics d;
    CHECK(backup_with_descriptor(sd, d).unnamed_trustees.empty());
}
