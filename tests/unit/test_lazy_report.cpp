// gpreport.xml is read only when it can add something (LoadOptions::read_reports, parse/inputs.cpp):
// a backup whose gpreport.xml is garbage shows whether the file was read at all.
#include <doctest/doctest.h>

#include <algorithm>

#include "parse/inputs.hpp"
#include "test_fix_support.hpp"

using namespace gpolint;
namespace fs = std::filesystem;

namespace {

const std::string kGuid = "{0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}";
const std::string kBackupId = "{99999999-8888-4777-8666-555555555555}";

// The corpus' HardenAD descriptor shape, cut down: Apply granted to a group (S-1-5-21-1-2-3-1226),
// Authenticated Users may only read. Filtered.
const std::string kFilteredDescriptor =
    "01 00 04 9c 00 00 00 00 00 00 00 00 00 00 00 00 14 00 00 00 04 00 54 00 02 00 00 00 "
    "05 02 38 00 00 01 00 00 01 00 00 00 8f fd ac ed b3 ff d1 11 b4 1d 00 a0 c9 68 f9 39 "
    "01 05 00 00 00 00 00 05 15 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 ca 04 00 00 "
    "00 02 14 00 94 00 02 00 01 01 00 00 00 00 00 05 0b 00 00 00";

std::string backup_xml(const std::string& descriptor_element) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><GroupPolicyBackupScheme xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations\">"
           "<GroupPolicyObject><GroupPolicyCoreSettings><ID><![CDATA[" + kGuid + "]]></ID><Domain><![CDATA[contoso.com]]></Domain>" +
           descriptor_element + "<DisplayName><![CDATA[Name From Backup]]></DisplayName><Options><![CDATA[0]]></Options>"
           "</GroupPolicyCoreSettings></GroupPolicyObject></GroupPolicyBackupScheme>";
}

// A report that disagrees with Backup.xml on the name and on filtering, and links the GPO to an OU.
const std::string kReport =
    "<GPO xmlns=\"http://www.microsoft.com/GroupPolicy/Settings\"><Identifier><Identifier>" + kGuid +
    "</Identifier><Domain>contoso.com</Domain></Identifier><Name>Name From Report</Name>"
    "<SecurityDescriptor><Permissions><TrusteePermissions><Trustee><SID>S-1-5-11</SID></Trustee>"
    "<Type><PermissionType>Allow</PermissionType></Type><Standard><GPOGroupedAccessEnum>Apply Group Policy"
    "</GPOGroupedAccessEnum></Standard></TrusteePermissions></Permissions></SecurityDescriptor>"
    "<LinksTo><SOMName>Servers</SOMName><SOMPath>contoso.com/Servers</SOMPath><Enabled>true</Enabled>"
    "<NoOverride>false</NoOverride></LinksTo></GPO>";

const std::string kGarbage = std::string("\xff\xfe<\x00G\x00P\x00O\x00 \x00<\x00<\x00", 16) + "\x01\x02 not xml";

struct Forest {
    testing::ScratchDir dir;
    std::string backups, report, topology;

    Forest(const std::string& backup, const std::string& report_bytes) {
        backups = (dir.path() / "backups").string();
        fs::create_directories(fs::path(backups) / kBackupId);
        testing::write_bytes(fs::path(backups) / kBackupId / "Backup.xml", backup);
        report = (fs::path(backups) / kBackupId / "gpreport.xml").string();
        testing::write_bytes(report, report_bytes);
        topology = (dir.path() / "forest.topology").string();
        testing::write_bytes(topology, "domain contoso.com\nou Apps\n  link \"Name From Backup\"\n");
    }
};

struct Loaded {
    parse::Inputs inputs;
    std::vector<Diagnostic> diagnostics;
    const model::Gpo& gpo() const { return inputs.gpos.at(0); }
    bool read(const std::string& path) const {
        return std::any_of(inputs.files.begin(), inputs.files.end(), [&](PathRef f) { return f.str() == path; });
    }
    size_t errors_at(const std::string& path) const {
        return std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
            return d.severity == Severity::Error && d.location.file.str() == path;
        });
    }
};

Loaded load(const std::vector<std::string>& paths, parse::LoadOptions options) {
    Diagnostics diagnostics;
    auto inputs = parse::load_inputs(paths, options, diagnostics);
    return {std::move(inputs), diagnostics.take()};
}

parse::LoadOptions with_topology(const std::string& topology) {
    parse::LoadOptions options;
    options.topology_files = {topology};
    return options;
}

}  // namespace

TEST_CASE("lazy gpreport: a complete Backup.xml and a --topology file leave gpreport.xml unread") {
    Forest forest(backup_xml("<SecurityDescriptor>" + kFilteredDescriptor + "</SecurityDescriptor>"), kGarbage);
    auto r = load({forest.backups}, with_topology(forest.topology));
    CHECK(r.diagnostics.empty());
    REQUIRE(r.inputs.gpos.size() == 1);
    CHECK(r.gpo().name == "Name From Backup");
    CHECK(r.gpo().security_descriptor_known);
    CHECK(r.gpo().security_filtered);
    CHECK_FALSE(r.read(forest.report));
    CHECK(std::none_of(r.gpo().files.begin(), r.gpo().files.end(), [&](PathRef f) { return f.str() == forest.report; }));
    CHECK(r.inputs.topology.find("OU=Apps,DC=contoso,DC=com") >= 0);
}

TEST_CASE("lazy gpreport: a topology file found among the PATHs counts as a topology") {
    Forest forest(backup_xml("<SecurityDescriptor>" + kFilteredDescriptor + "</SecurityDescriptor>"), kGarbage);
    auto r = load({forest.backups, forest.topology}, {});
    CHECK(r.diagnostics.empty());
    CHECK_FALSE(r.read(forest.report));
}

TEST_CASE("lazy gpreport: without a topology the report is read, and its links are the topology") {
    Forest garbage(backup_xml("<SecurityDescriptor>" + kFilteredDescriptor + "</SecurityDescriptor>"), kGarbage);
    auto r = load({garbage.backups}, {});
    CHECK(r.errors_at(garbage.report) == 1);  // GPL001: not XML
    CHECK(r.read(garbage.report));

    Forest valid(backup_xml("<SecurityDescriptor>" + kFilteredDescriptor + "</SecurityDescriptor>"), kReport);
    auto v = load({valid.backups}, {});
    CHECK(v.errors_at(valid.report) == 0);
    REQUIRE(v.inputs.gpos.size() == 1);
    CHECK(v.gpo().name == "Name From Backup");  // Backup.xml stays authoritative
    CHECK(v.gpo().security_filtered);           // and so does its descriptor
    REQUIRE(v.gpo().reported_links.size() == 1);
    int servers = v.inputs.topology.find("OU=Servers,DC=contoso,DC=com");
    REQUIRE(servers >= 0);
    REQUIRE(v.inputs.topology.soms[servers].links.size() == 1);
    CHECK(v.inputs.topology.soms[servers].links[0].gpo_guid == kGuid);
}

TEST_CASE("lazy gpreport: a Backup.xml without a readable descriptor still needs the report") {
    for (const std::string& element : {std::string(), std::string("<SecurityDescriptor>01 00 zz</SecurityDescriptor>")}) {
        CAPTURE(element);
        Forest forest(backup_xml(element), kReport);
        auto r = load({forest.backups}, with_topology(forest.topology));
        CHECK(r.read(forest.report));
        REQUIRE(r.inputs.gpos.size() == 1);
        CHECK_FALSE(r.gpo().security_descriptor_known);
        CHECK_FALSE(r.gpo().security_filtered);  // the report grants Apply to Authenticated Users
        CHECK(r.gpo().reported_links.size() == 1);
    }
}

TEST_CASE("lazy gpreport: read_reports (dump) always reads it") {
    Forest forest(backup_xml("<SecurityDescriptor>" + kFilteredDescriptor + "</SecurityDescriptor>"), kGarbage);
    auto options = with_topology(forest.topology);
    options.read_reports = true;
    auto r = load({forest.backups}, options);
    CHECK(r.errors_at(forest.report) == 1);
    CHECK(r.read(forest.report));
}

TEST_CASE("lazy gpreport: a loose gpreport.xml given on its own is read") {
    testing::ScratchDir dir;
    auto report = (dir.path() / "gpreport.xml").string();
    testing::write_bytes(report, kReport);
    auto topology = (dir.path() / "t.topology").string();
    testing::write_bytes(topology, "domain contoso.com\n");
    auto r = load({report}, with_topology(topology));
    CHECK(r.read(report));
    REQUIRE(r.inputs.gpos.size() == 1);
    CHECK(r.gpo().name == "Name From Report");
    CHECK(r.gpo().guid == kGuid);
}

// gpreport.xml is the only file naming Software Installation packages, so a report that lists one is
// read even when Backup.xml and the topology leave nothing else for it; Get-GPOReport writes UTF-16LE.
TEST_CASE("lazy gpreport: a report listing a Software Installation package is read under a topology") {
    std::string report =
        "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n"
        "<GPO xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.microsoft.com/GroupPolicy/Settings\">\n"
        "<Name>Name From Report</Name><Computer><Enabled>true</Enabled><ExtensionData>\n"
        "<Extension xmlns:q1=\"http://www.microsoft.com/GroupPolicy/Settings/SoftwareInstallation\" "
        "xsi:type=\"q1:SoftwareInstallationSettings\"><q1:MsiApplication><q1:Identifier>{8c2b4f1e-6a3d-4e5f-9b7c-1d2e3f4a5b6c}"
        "</q1:Identifier><q1:Name>Agent</q1:Name><q1:Path>ftp://fs01/agent.msi</q1:Path></q1:MsiApplication></Extension>\n"
        "</ExtensionData></Computer></GPO>\n";
    std::string utf16 = "\xff\xfe";
    for (char c : report) utf16.append({c, '\0'});
    Forest forest(backup_xml("<SecurityDescriptor>" + kFilteredDescriptor + "</SecurityDescriptor>"), utf16);
    auto r = load({forest.backups}, with_topology(forest.topology));
    CHECK(r.read(forest.report));
    REQUIRE(r.inputs.gpos.size() == 1);
    CHECK(r.gpo().name == "Name From Backup");
    auto package = std::find_if(r.gpo().settings.begin(), r.gpo().settings.end(),
                                [](const model::Setting& s) { return s.key.kind() == "package"; });
    REQUIRE(package != r.gpo().settings.end());
    CHECK(package->value.text == "ftp://fs01/agent.msi");
    CHECK(std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) { return d.rule_id == "GPL608"; }) == 1);
}
