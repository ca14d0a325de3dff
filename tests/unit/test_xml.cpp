// XML readers: encodings and quirks of real files, Backup.xml, bkupInfo.xml, manifest.xml, gpreport.xml.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/source.hpp"
#include "model/policy_semantics.hpp"
#include "parse/backup_xml.hpp"
#include "parse/gpreport.hpp"
#include "parse/manifest_xml.hpp"
#include "parse/xml_document.hpp"

using namespace gpolint;
using namespace gpolint::parse;

namespace {

std::unique_ptr<XmlFile> load(const std::string& bytes, Diagnostics& diagnostics) {
    return load_xml(intern_path("t/file.xml"), bytes, diagnostics);
}

const char* kBackupXml = R"(<?xml version="1.0" encoding="utf-8"?><!-- Copyright (c) Microsoft Corporation.  All rights reserved. -->
<GroupPolicyBackupScheme bkp:version="2.0" bkp:type="GroupPolicyBackupTemplate" xmlns:bkp="http://www.microsoft.com/GroupPolicy/GPOOperations" xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations">
  <GroupPolicyObject><SecurityGroups/><FilePaths/><GroupPolicyCoreSettings>
    <ID><![CDATA[{486969cc-87fc-4a52-86f6-ce10c7dd4bde}]]></ID><Domain><![CDATA[harden.lab]]></Domain>
    <SecurityDescriptor>01 00 04 9c 00 00 00 00 00 00 00 00 00 00 00 00 14 00 00 00 04 00 34 01 09 00 00 00 06 00 38 00 00 01 00 00 01 00 00 00 8f fd ac ed b3 ff d1 11 b4 1d 00 a0 c9 68 f9 39 01 05 00 00 00 00 00 05 15 00 00 00 b3 b9 12 76 b4 58 36 4e 34 01 76 02 c9 04 00 00 05 02 38 00 00 01 00 00 01 00 00 00 8f fd ac ed b3 ff d1 11 b4 1d 00 a0 c9 68 f9 39 01 05 00 00 00 00 00 05 15 00 00 00 b3 b9 12 76 b4 58 36 4e 34 01 76 02 ca 04 00 00 00 02 24 00 14 00 02 00 01 05 00 00 00 00 00 05 15 00 00 00 b3 b9 12 76 b4 58 36 4e 34 01 76 02 ca 04 00 00 00 02 24 00 ff 00 0f 00 01 05 00 00 00 00 00 05 15 00 00 00 b3 b9 12 76 b4 58 36 4e 34 01 76 02 00 02 00 00 00 02 24 00 ff 00 0f 00 01 05 00 00 00 00 00 05 15 00 00 00 b3 b9 12 76 b4 58 36 4e 34 01 76 02 07 02 00 00 00 02 14 00 14 00 02 00 01 01 00 00 00 00 00 05 0b 00 00 00 00 02 14 00 94 00 02 00 01 01 00 00 00 00 00 05 09 00 00 00 00 02 14 00 ff 00 0f 00 01 01 00 00 00 00 00 05 12 00 00 00 00 0a 14 00 ff 00 0f 00 01 01 00 00 00 00 00 03 00 00 00 00</SecurityDescriptor><DisplayName><![CDATA[HAD-LocalAdmins-T1L]]></DisplayName>
    <Options><![CDATA[1]]></Options><UserVersionNumber><![CDATA[65537]]></UserVersionNumber>
    <MachineVersionNumber><![CDATA[327685]]></MachineVersionNumber>
    <MachineExtensionGuids><![CDATA[[{00000000-0000-0000-0000-000000000000}{79F92669-4224-476C-9C5C-6EFB4D87DF4A}][{17d89fec-5c44-4972-b12d-241caef74509}{79F92669-4224-476C-9C5C-6EFB4D87DF4A}]]]></MachineExtensionGuids>
    <UserExtensionGuids/><WMIFilter><![CDATA[MSFT_SomFilter.ID="{A296D54A}",Domain="harden.lab"]]></WMIFilter>
  </GroupPolicyCoreSettings></GroupPolicyObject>
</GroupPolicyBackupScheme>)";

std::string utf16le_with_bom(std::string_view ascii) {
    std::string out = "\xFF\xFE";
    for (char c : ascii) {
        out.push_back(c);
        out.push_back('\0');
    }
    return out;
}

const char* kReport = R"(<?xml version="1.0" encoding="utf-16"?>
<GPO xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.microsoft.com/GroupPolicy/Settings">
  <Identifier>
    <Identifier xmlns="http://www.microsoft.com/GroupPolicy/Types">{aaaaaaaa-0000-4000-8000-000000000001}</Identifier>
    <Domain xmlns="http://www.microsoft.com/GroupPolicy/Types">contoso.com</Domain>
  </Identifier>
  <Name>Server Hardening</Name>
  <SecurityDescriptor>
    <Permissions xmlns="http://www.microsoft.com/GroupPolicy/Types/Security">
      <TrusteePermissions>
        <Trustee><SID xmlns="http://www.microsoft.com/GroupPolicy/Types">S-1-5-11</SID></Trustee>
        <Type xsi:type="PermissionType"><PermissionType>Allow</PermissionType></Type>
        <Standard><GPOGroupedAccessEnum>APPLY_PLACEHOLDER</GPOGroupedAccessEnum></Standard>
      </TrusteePermissions>
    </Permissions>
  </SecurityDescriptor>
  <Computer><VersionDirectory>5</VersionDirectory><Enabled>true</Enabled></Computer>
  <User><Enabled>false</Enabled></User>
  <LinksTo><SOMName>HyperV</SOMName><SOMPath>contoso.com/Servers/HyperV</SOMPath><Enabled>true</Enabled><NoOverride>false</NoOverride></LinksTo>
  <LinksTo><SOMName>contoso</SOMName><SOMPath>contoso.com</SOMPath><Enabled>false</Enabled><NoOverride>true</NoOverride></LinksTo>
</GPO>)";

std::string report_granting(const std::string& grant) {
    std::string text = kReport;
    text.replace(text.find("APPLY_PLACEHOLDER"), 17, grant);
    return text;
}

}  // namespace

TEST_CASE("xml: UTF-16LE with BOM declaring utf-16 (gpreport.xml) parses") {
    Diagnostics d;
    auto xml = load(utf16le_with_bom(report_granting("Apply Group Policy")), d);
    REQUIRE(xml);
    CHECK(d.all().empty());
    CHECK(local_name(xml->root()) == "GPO");
    CHECK(xml->source.encoding() == Encoding::Utf16LeBom);
}

TEST_CASE("xml: 8-bit file that declares utf-16, UTF-8 BOM, comments before the root, mixed line ends") {
    Diagnostics d;
    auto xml = load("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<!-- c -->\n<!-- d -->\r<a>\r\n<b><![CDATA[ x<y ]]></b>\n</a>",
                    d);
    REQUIRE(xml);
    CHECK(d.all().empty());
    CHECK(child_text(xml->root(), "b") == "x<y");
    CHECK(xml->location_of(child(xml->root(), "b")).line == 5);
}

TEST_CASE("xml: malformed XML is GPL001 at the line tinyxml2 reports") {
    Diagnostics d;
    auto xml = load("<a>\n<b/>\n<c x=></c>\n</a>", d);
    CHECK_FALSE(xml);
    auto all = d.take();
    REQUIRE(all.size() == 1);
    CHECK(all[0].rule_id == "GPL001");
    CHECK(all[0].severity == Severity::Error);
    CHECK(all[0].location.line == 3);
}

TEST_CASE("xml: local names ignore prefixes") {
    Diagnostics d;
    auto xml = load("<q1:Root xmlns:q1=\"u\"><q7:Item xmlns:q7=\"u\" bkp:Location=\"L\">t</q7:Item></q1:Root>", d);
    REQUIRE(xml);
    CHECK(local_name(xml->root()) == "Root");
    CHECK(child_text(xml->root(), "Item") == "t");
    CHECK(attribute(child(xml->root(), "Item"), "Location") == "L");
}

TEST_CASE("xml: truncations and garbage never crash") {
    std::string report = report_granting("Apply Group Policy");
    size_t step = report.size() / 40 + 1;
    for (size_t cut = 0; cut < report.size(); cut += step) {
        Diagnostics d;
        auto xml = load(report.substr(0, cut), d);
        CHECK((xml == nullptr) == (d.count(Severity::Error) == 1));
        if (xml) read_gpreport_xml(*xml, d);
    }
    uint32_t state = 7;
    for (int i = 0; i < 40; ++i) {
        std::string bytes = "<a>";
        for (int k = 0; k < 64; ++k) bytes.push_back(static_cast<char>((state = state * 1664525u + 1013904223u) >> 24));
        Diagnostics d;
        auto xml = load(bytes, d);
        CHECK(xml == nullptr);  // "<a>" is never closed
        CHECK(d.count(Severity::Error) == 1);
    }
}

TEST_CASE("Backup.xml: the GPO GUID is <ID>, not the folder - flags, versions, filter, extensions") {
    Diagnostics d;
    auto xml = load(kBackupXml, d);
    REQUIRE(xml);
    model::Gpo gpo;
    read_backup_xml(*xml, gpo, d);
    CHECK(d.all().empty());
    CHECK(gpo.guid == "{486969CC-87FC-4A52-86F6-CE10C7DD4BDE}");
    CHECK(gpo.domain == "harden.lab");
    CHECK(gpo.name == "HAD-LocalAdmins-T1L");
    CHECK(gpo.flags == 1);
    CHECK_FALSE(gpo.user_enabled());
    CHECK(gpo.computer_enabled());
    CHECK(gpo.user_version == 65537u);
    CHECK(gpo.machine_version == 327685u);
    CHECK(gpo.wmi_filter == "MSFT_SomFilter.ID=\"{A296D54A}\",Domain=\"harden.lab\"");
    CHECK(gpo.machine_extensions ==
          std::vector<std::string>{"{00000000-0000-0000-0000-000000000000}", "{17D89FEC-5C44-4972-B12D-241CAEF74509}"});
    CHECK(gpo.user_extensions.empty());
    CHECK(gpo.origin.line == 2);
    // The real HardenAD descriptor: Apply granted to a _APPLY group only, Authenticated Users may just read.
    CHECK(gpo.security_descriptor_known);
    CHECK(gpo.security_filtered);
}

TEST_CASE("Backup.xml: wrong root is GPL001") {
    Diagnostics d;
    auto xml = load("<Other/>", d);
    REQUIRE(xml);
    model::Gpo gpo;
    read_backup_xml(*xml, gpo, d);
    CHECK(d.count(Severity::Error) == 1);
    CHECK(gpo.guid.empty());
}

TEST_CASE("bkupInfo.xml and manifest.xml: BackupInst records with CDATA values") {
    std::string inst =
        "<BackupInst xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest\"><GPOGuid><![CDATA[{486969cc-87fc-4a52-86f6-ce10c7dd4bde}]]></GPOGuid>"
        "<GPODomain><![CDATA[harden.lab]]></GPODomain><BackupTime><![CDATA[2023-10-25T09:37:51]]></BackupTime>"
        "<ID><![CDATA[{BFB98271-72B9-4791-BBFC-E76513A86AB8}]]></ID><GPODisplayName><![CDATA[HAD-LocalAdmins-T1L]]></GPODisplayName></BackupInst>\r\n";
    Diagnostics d;
    auto info = load(inst, d);
    REQUIRE(info);
    model::Gpo gpo;
    read_bkupinfo_xml(*info, gpo, d);
    CHECK(gpo.guid == "{486969CC-87FC-4A52-86F6-CE10C7DD4BDE}");
    CHECK(gpo.name == "HAD-LocalAdmins-T1L");
    CHECK(gpo.domain == "harden.lab");

    auto manifest = load("<Backups xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest\">\n" + inst + inst + "</Backups>", d);
    REQUIRE(manifest);
    auto listed = read_manifest_xml(*manifest, d);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].backup_id == "{BFB98271-72B9-4791-BBFC-E76513A86AB8}");
    CHECK(listed[1].backup_time == "2023-10-25T09:37:51");
    CHECK(listed[1].location.line == 3);
    CHECK(d.all().empty());
}

TEST_CASE("gpreport.xml: identity, enabled halves, every LinksTo, security filtering") {
    Diagnostics d;
    auto xml = load(utf16le_with_bom(report_granting("Apply Group Policy")), d);
    REQUIRE(xml);
    auto report = read_gpreport_xml(*xml, d);
    CHECK(d.all().empty());
    CHECK(report.guid == "{AAAAAAAA-0000-4000-8000-000000000001}");
    CHECK(report.domain == "contoso.com");
    CHECK(report.name == "Server Hardening");
    CHECK(report.computer_enabled == true);
    CHECK(report.user_enabled == false);
    CHECK_FALSE(report.security_filtered);
    REQUIRE(report.links.size() == 2);
    CHECK(report.links[0].som_path == "contoso.com/Servers/HyperV");
    CHECK(report.links[0].enabled);
    CHECK_FALSE(report.links[0].enforced);
    CHECK(report.links[1].som_name == "contoso");
    CHECK_FALSE(report.links[1].enabled);
    CHECK(report.links[1].enforced);
    CHECK(report.links[1].location.line == 20);

    model::Gpo gpo;
    merge_report(report, gpo, false);
    CHECK(gpo.flags == 1);  // User/Enabled=false
    CHECK(gpo.reported_links.size() == 2);

    model::Gpo from_backup;
    from_backup.flags = 2;
    merge_report(report, from_backup, true);
    CHECK(from_backup.flags == 2);  // Backup.xml Options stay authoritative

    auto filtered = load(report_granting("Read"), d);
    REQUIRE(filtered);
    CHECK(read_gpreport_xml(*filtered, d).security_filtered);
}

// Shape of Get-GPOReport's Software Installation extension, as the GPOZaurr and Group-Policy report
// scripts read it (MsiApplication with Identifier, Name, Path, DeploymentType …), in both halves.
TEST_CASE("gpreport.xml: Software Installation packages become package:{id}\\Path settings, GPL608 for URLs and drive paths") {
    auto package = [](const std::string& id, const std::string& name, const std::string& path) {
        return "<q1:MsiApplication><q1:Identifier>" + id + "</q1:Identifier><q1:Name>" + name + "</q1:Name><q1:Path>" +
               path + "</q1:Path><q1:DeploymentType>Assign</q1:DeploymentType></q1:MsiApplication>\n";
    };
    auto half = [](const std::string& tag, const std::string& packages) {
        return "<" + tag + "><Enabled>true</Enabled><ExtensionData>\n"
               "<Extension xmlns:q1=\"http://www.microsoft.com/GroupPolicy/Settings/SoftwareInstallation\" "
               "xsi:type=\"q1:SoftwareInstallationSettings\">\n" +
               packages + "</Extension><Name>Software Installation</Name></ExtensionData></" + tag + ">\n";
    };
    std::string text =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<GPO xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.microsoft.com/GroupPolicy/Settings\">\n"
        "<Name>Software</Name>\n" +
        half("Computer", package("{10495e9e-79c1-4a32-b278-a24cd495437f}", "LAPS", "\\\\contoso.com\\SYSVOL\\contoso.com\\LAPS.x64.msi") +
                             package("{8c2b4f1e-6a3d-4e5f-9b7c-1d2e3f4a5b6c}", "7-Zip", "\\\\fs01\\Packages$\\7z.msi") +
                             package("{11111111-2222-3333-4444-555555555555}", "Agent", "http://fs01/agent.msi")) +
        half("User", package("", "Viewer", "C:\\Installers\\viewer.msi") + package("{22222222-0000-0000-0000-000000000000}", "Empty", "")) +
        "</GPO>\n";
    Diagnostics d;
    auto xml = load(text, d);
    REQUIRE(xml);
    auto report = read_gpreport_xml(*xml, d);
    REQUIRE(report.packages.size() == 4);  // a package without a path names nothing to install
    CHECK(report.packages[0].key.text() == "package:{10495e9e-79c1-4a32-b278-a24cd495437f}\\Path");
    CHECK(report.packages[0].value.text == "\\\\contoso.com\\SYSVOL\\contoso.com\\LAPS.x64.msi");
    CHECK(report.packages[0].source == model::SourceKind::SoftwareInstallation);
    CHECK(report.packages[0].location.line == 6);
    CHECK_FALSE(report.packages[0].user_side);
    CHECK(report.packages[3].key.text() == "package:Viewer\\Path");  // no Identifier: keyed by name
    CHECK(report.packages[3].user_side);
    CHECK(model::accumulates_across_gpos(report.packages[0].key));
    CHECK(model::applying_extension(report.packages[0]) == model::Extension::SoftwareInstallation);

    // The file share is normal for packages; the URL and the administrator's C: drive are not.
    std::vector<int> lines;
    for (const auto& diagnostic : d.all()) {
        CHECK(diagnostic.rule_id == "GPL608");
        lines.push_back(static_cast<int>(diagnostic.location.line));
    }
    CHECK(lines == std::vector<int>{8, 12});

    model::Gpo gpo;
    merge_report(report, gpo, false);
    CHECK(gpo.settings.size() == 4);
}
