// Discovery and load_inputs on tiny layouts built in a temp folder: backup roots with stale
// manifests, SYSVOL copies, case variants, nesting, loose files, unreadable paths, thread counts.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/ini.hpp"
#include "parse/gpt_ini.hpp"
#include "parse/inputs.hpp"
#include "parse/path_filter.hpp"
#include "test_pol_bytes.hpp"

using namespace gpolint;
namespace fs = std::filesystem;

namespace {

// A fresh folder per test case, removed afterwards.
class TempTree {
public:
    explicit TempTree(const std::string& name)
        : root_(fs::temp_directory_path() / ("gpolint-discovery-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(root_);
        fs::create_directories(root_);
    }
    ~TempTree() {
        std::error_code ec;
        fs::remove_all(root_, ec);
    }
    std::string write(const std::string& relative, const std::string& bytes) const {
        fs::path path = root_ / relative;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << bytes;
        return path.string();
    }
    std::string path(const std::string& relative = "") const { return (root_ / relative).string(); }

private:
    fs::path root_;
};

std::string backup_xml(const std::string& guid, const std::string& name) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><GroupPolicyBackupScheme xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations\">"
           "<GroupPolicyObject><GroupPolicyCoreSettings><ID><![CDATA[" + guid + "]]></ID><Domain><![CDATA[contoso.com]]></Domain>"
           "<DisplayName><![CDATA[" + name + "]]></DisplayName><Options><![CDATA[0]]></Options></GroupPolicyCoreSettings>"
           "</GroupPolicyObject></GroupPolicyBackupScheme>";
}

std::string backup_inst(const std::string& id, const std::string& guid, const std::string& name) {
    return "<BackupInst><GPOGuid><![CDATA[" + guid + "]]></GPOGuid><ID><![CDATA[" + id + "]]></ID><GPODisplayName><![CDATA[" +
           name + "]]></GPODisplayName></BackupInst>";
}

std::string nolmhash_pol() {
    return test::pol_file(test::pol_record("System\\CurrentControlSet\\Control\\Lsa", "NoLMHash", 4, test::le32(1)));
}

struct Loaded {
    parse::Inputs inputs;
    std::vector<Diagnostic> diagnostics;
};

Loaded load(const std::vector<std::string>& paths, unsigned threads = 0) {
    Diagnostics diagnostics;
    parse::LoadOptions options;
    options.threads = threads;
    auto inputs = parse::load_inputs(paths, options, diagnostics);
    auto all = diagnostics.take();
    sort_diagnostics(all);
    return {std::move(inputs), std::move(all)};
}

size_t count_id(const std::vector<Diagnostic>& diagnostics, std::string_view id) {
    return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) { return d.rule_id == id; }));
}

const std::string kB1 = "{11111111-1111-1111-1111-111111111111}", kB2 = "{22222222-2222-2222-2222-222222222222}";
const std::string kG1 = "{AAAAAAAA-0000-4000-8000-000000000001}", kG2 = "{AAAAAAAA-0000-4000-8000-000000000002}";
const std::string kGone = "{99999999-9999-9999-9999-999999999999}";

}  // namespace

TEST_CASE("discovery: backup root with a stale manifest trusts the disk and notes both differences") {
    TempTree tree("backup-root");
    tree.write("root/manifest.xml", "<Backups xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest\">" +
                                        backup_inst(kB1, kG1, "One") + backup_inst(kGone, kG2, "Gone") + "</Backups>");
    tree.write("root/" + kB1 + "/Backup.xml", backup_xml(kG1, "One"));
    tree.write("root/" + kB1 + "/DomainSysvol/GPO/Machine/registry.pol", nolmhash_pol());
    tree.write("root/" + kB2 + "/Bkupinfo.xml", backup_inst(kB2, kG2, "Two"));  // case variant, not in manifest
    auto r = load({tree.path("root")});
    REQUIRE(r.inputs.gpos.size() == 2);
    CHECK(r.inputs.gpos[0].guid == kG1);  // from <ID>, not the folder name kB1
    CHECK(r.inputs.gpos[0].name == "One");
    CHECK(r.inputs.gpos[0].source == tree.path("root/" + kB1));
    REQUIRE(r.inputs.gpos[0].settings.size() == 1);
    CHECK(r.inputs.gpos[0].settings[0].key.text() == "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash");
    CHECK(r.inputs.gpos[1].guid == kG2);
    CHECK(r.inputs.gpos[1].name == "Two");
    // One finding for the one stale manifest; each difference is a note of it.
    REQUIRE(count_id(r.diagnostics, "GPL006") == 1);
    CHECK(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.message == "manifest.xml is stale: 1 listed backup(s) not on disk, 1 backup folder(s) beside it not listed");
    REQUIRE(d.notes.size() == 2);
    CHECK(d.notes[0].message == "lists backup " + kGone + " ('Gone'), which is not on disk");
    CHECK(d.notes[1].message == "backup folder " + kB2 + " is not in it");
    CHECK(d.severity == Severity::Note);
}

TEST_CASE("discovery: a manifest.xml one folder above its backups gives no GPL006 for each backup") {
    TempTree tree("manifest-above");
    std::string listed;
    for (int i = 0; i < 20; ++i) {
        std::string id = "{11111111-1111-1111-1111-1111111111" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "}";
        std::string guid = "{AAAAAAAA-0000-4000-8000-0000000000" + std::string(i < 10 ? "0" : "") + std::to_string(i) + "}";
        listed += backup_inst(id, guid, "GPO " + std::to_string(i));
        tree.write("root/GPOs/" + id + "/Backup.xml", backup_xml(guid, "GPO " + std::to_string(i)));
    }
    tree.write("root/manifest.xml",
               "<Backups xmlns=\"http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest\">" + listed + "</Backups>");
    auto r = load({tree.path("root")});
    CHECK(r.inputs.gpos.size() == 20);
    CHECK(count_id(r.diagnostics, "GPL006") == 0);
}

TEST_CASE("discovery: macOS resource forks are skipped with one note") {
    TempTree tree("macos");
    tree.write("set/" + kB1 + "/Backup.xml", backup_xml(kG1, "One"));
    // AppleDouble header: magic 00 05 16 07, version 00 02 00 00, filler "Mac OS X".
    std::string apple_double("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02", 28);
    tree.write("set/__MACOSX/" + kB1 + "/._Backup.xml", apple_double);
    tree.write("set/__MACOSX/._" + kB1, apple_double);
    tree.write("set/._manifest.xml", apple_double);
    tree.write("set/" + kB1 + "/._bkupInfo.xml", apple_double);
    auto r = load({tree.path("set")});
    REQUIRE(r.inputs.gpos.size() == 1);
    CHECK(r.inputs.gpos[0].guid == kG1);
    CHECK(count_id(r.diagnostics, "GPL001") == 0);
    REQUIRE(count_id(r.diagnostics, "GPL008") == 1);
    CHECK(r.diagnostics.size() == 1);
}

TEST_CASE("discovery: a secedit export (UTF-16LE secpol.cfg) is read as a security template") {
    TempTree tree("secedit");
    std::string text = "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordLength = 14\r\n"
                       "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n";
    std::string utf16 = "\xFF\xFE";
    for (char c : text) utf16 += std::string{c, '\0'};
    tree.write("exports/secpol.cfg", utf16);
    tree.write("exports/notes.txt", "nothing to see\n");
    auto r = load({tree.path("exports")});
    REQUIRE(r.inputs.gpos.size() == 1);
    REQUIRE(r.inputs.gpos[0].settings.size() == 1);
    CHECK(r.inputs.gpos[0].settings[0].key.text() == "access:MinimumPasswordLength");
    CHECK(r.diagnostics.empty());
}

TEST_CASE("discovery: keys of a User-side registry.pol are under HKCU, whatever their first part says") {
    TempTree tree("user-pol");
    tree.write("sysvol/{AAAAAAAA-0000-4000-8000-000000000001}/GPT.INI", "[General]\r\nVersion=65537\r\n");
    tree.write("sysvol/{AAAAAAAA-0000-4000-8000-000000000001}/User/registry.pol",
               test::pol_file(test::pol_record("MACHINE\\Software\\A", "V", 4, test::le32(1))));
    auto r = load({tree.path("sysvol")});
    REQUIRE(r.inputs.gpos.size() == 1);
    REQUIRE(r.inputs.gpos[0].settings.size() == 1);
    CHECK(r.inputs.gpos[0].settings[0].key.text() == "registry:HKCU\\MACHINE\\Software\\A\\V");
    CHECK(r.inputs.gpos[0].settings[0].user_side);
}

TEST_CASE("discovery: SYSVOL Policies copy with case variants - GPT.INI versions and name") {
    TempTree tree("sysvol");
    tree.write("Policies/" + kG1 + "/GPT.INI", "[General]\r\nVersion=65540\r\ndisplayName=Server Hardening\r\n");
    tree.write("Policies/" + kG1 + "/MACHINE/Registry.POL", nolmhash_pol());
    tree.write("Policies/" + kG1 + "/MACHINE/microsoft/windows nt/Audit/AUDIT.CSV",
               "Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value\r\n"
               ",System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success and Failure,,3\r\n");
    tree.write("Policies/" + kG2 + "/User/registry.pol",
               test::pol_file(test::pol_record("Software\\Policies\\X", "Y", 4, test::le32(2))));
    tree.write("Policies/" + kG2 + "/User/Preferences/Registry/Registry.xml",
               "<RegistrySettings clsid=\"{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}\"><Registry clsid=\"{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}\">"
               "<Properties action=\"U\" hive=\"HKEY_CURRENT_USER\" key=\"Software\\Z\" name=\"v\" type=\"REG_SZ\" value=\"x\"/></Registry></RegistrySettings>");
    auto r = load({tree.path("Policies")});
    CHECK(r.diagnostics.empty());
    REQUIRE(r.inputs.gpos.size() == 2);
    const auto& first = r.inputs.gpos[0];
    CHECK(first.guid == kG1);
    CHECK(first.name == "Server Hardening");
    CHECK(first.machine_version == 4u);  // 65540 = 0x00010004
    CHECK(first.user_version == 1u);
    REQUIRE(first.settings.size() == 2);
    CHECK(first.settings[0].source == model::SourceKind::RegistryPol);  // registry.pol before audit.csv
    CHECK(first.settings[1].source == model::SourceKind::AuditCsv);
    CHECK(first.files.size() == 3);
    const auto& second = r.inputs.gpos[1];
    CHECK(second.guid == kG2);
    CHECK(second.name == kG2);
    REQUIRE(second.settings.size() == 2);
    CHECK(second.settings[0].key.text() == "registry:HKCU\\Software\\Policies\\X\\Y");
    CHECK(second.settings[0].user_side);
    CHECK(second.settings[1].source == model::SourceKind::Preferences);
    CHECK(second.settings[1].user_side);
}

TEST_CASE("discovery: nesting, wrapped layouts, Computer/User sorting folders, loose files") {
    TempTree tree("nesting");
    // A wrapped backup (<Name>/manifest.xml beside {ID}/) deep inside folders that only sort backups.
    tree.write("export/Group Policy Objects/User/Wrapped/manifest.xml",
               "<Backups>" + backup_inst(kB1, kG1, "One") + "</Backups>");
    tree.write("export/Group Policy Objects/User/Wrapped/" + kB1 + "/Backup.xml", backup_xml(kG1, "One"));
    tree.write("export/Group Policy Objects/Computer/" + kB2 + "/Backup.xml", backup_xml(kG2, "Two"));
    tree.write("export/loose/registry.pol", nolmhash_pol());
    tree.write("export/loose/readme.txt", "not a GPO file");
    auto r = load({tree.path("export")});
    CHECK(r.diagnostics.empty());
    REQUIRE(r.inputs.gpos.size() == 3);
    CHECK(r.inputs.gpos[0].guid == kG2);  // ".../Computer/{2…}" sorts before ".../User/…"
    CHECK(r.inputs.gpos[1].guid == kG1);
    const auto& loose = r.inputs.gpos[2];
    CHECK(loose.guid.empty());
    CHECK(loose.name == tree.path("export/loose/registry.pol"));
    REQUIRE(loose.settings.size() == 1);
    CHECK(loose.settings[0].key.text().rfind("registry:HKLM\\", 0) == 0);
}

TEST_CASE("discovery: dot-folders, build folders and excluded globs below a PATH are skipped, a PATH itself is read") {
    TempTree tree("excludes");
    tree.write("repo/policies/" + kB1 + "/Backup.xml", backup_xml(kG1, "Kept"));
    tree.write("repo/.gpolint-src/examples/" + kB2 + "/Backup.xml", backup_xml(kG2, "In a dot-folder"));
    tree.write("repo/out/CMakeCache.txt", "# CMake build folder\n");
    tree.write("repo/out/stage/registry.pol", nolmhash_pol());
    tree.write("repo/archive/old/registry.pol", nolmhash_pol());
    tree.write("repo/policies/scratch/one.pol", nolmhash_pol());
    tree.write("repo/policies/keep/two.pol", nolmhash_pol());
    auto sources = [](const parse::Inputs& inputs) {
        std::vector<std::string> names;
        for (const auto& gpo : inputs.gpos) names.push_back(gpo.name.empty() ? gpo.source : gpo.name);
        std::sort(names.begin(), names.end());  // paths start with '/', before the display names
        return names;
    };
    Diagnostics diagnostics;
    parse::LoadOptions options;
    options.exclude = {"archive", "policies/scratch/*.pol"};
    auto inputs = parse::load_inputs({tree.path("repo")}, options, diagnostics);
    CHECK(diagnostics.all().empty());
    CHECK(sources(inputs) == std::vector<std::string>{tree.path("repo/policies/keep/two.pol"), "Kept"});
    // Named as a PATH, a dot-folder or an excluded folder is read.
    Diagnostics more;
    auto named = parse::load_inputs({tree.path("repo/.gpolint-src"), tree.path("repo/archive")}, options, more);
    CHECK(sources(named) == std::vector<std::string>{tree.path("repo/archive/old/registry.pol"), "In a dot-folder"});
}

TEST_CASE("path filter: a name glob matches at any depth, a glob with / the path relative to the PATH") {
    parse::PathFilter filter({"*.bak", "old/*"});
    CHECK(filter.excluded("/r/a/b/x.bak", "x.bak", "/r"));
    CHECK_FALSE(filter.excluded("/r/a/b/x.inf", "x.inf", "/r"));
    CHECK(filter.excluded("/r/old/2019", "2019", "/r"));
    CHECK_FALSE(filter.excluded("/r/a/old/2019", "2019", "/r"));  // FNM_PATHNAME: * stays in one part
    CHECK(parse::PathFilter::hidden_folder(".git"));
    CHECK_FALSE(parse::PathFilter::hidden_folder("."));
    CHECK_FALSE(parse::PathFilter::hidden_folder("policies"));
}

TEST_CASE("discovery: unreadable PATH is GPL001 and listed - the other PATHs are still read") {
    TempTree tree("unreadable");
    std::string pol = tree.write("a.pol", nolmhash_pol());
    std::string missing = tree.path("does-not-exist");
    auto r = load({missing, pol, pol});
    REQUIRE(r.inputs.unreadable_paths.size() == 1);
    CHECK(r.inputs.unreadable_paths[0] == missing);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule_id == "GPL001");
    CHECK(r.diagnostics[0].severity == Severity::Error);
    CHECK(r.diagnostics[0].message.find(missing) != std::string::npos);
    CHECK(r.inputs.gpos.size() == 1);  // the same file given twice is read once
}

TEST_CASE("discovery: a malformed file is reported and the rest of the GPO and run go on") {
    TempTree tree("malformed");
    tree.write(kB1 + "/Backup.xml", backup_xml(kG1, "One"));
    tree.write(kB1 + "/gpreport.xml", "<GPO>\n<Name>x</Name>\n<oops>\n</GPO>");
    tree.write(kB1 + "/DomainSysvol/GPO/Machine/registry.pol", nolmhash_pol());
    auto r = load({tree.path()});
    REQUIRE(r.inputs.gpos.size() == 1);
    CHECK(r.inputs.gpos[0].settings.size() == 1);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].location.file.str() == tree.path(kB1 + "/gpreport.xml"));
}

TEST_CASE("discovery: output is identical whatever the thread count") {
    TempTree tree("threads");
    for (int i = 0; i < 12; ++i) {
        std::string id = "{0000000" + std::to_string(i % 10) + "-0000-0000-0000-00000000000" + std::to_string(i / 10) + "}";
        tree.write("root/" + id + "/Backup.xml", backup_xml(id, "GPO " + std::to_string(i)));
        tree.write("root/" + id + "/DomainSysvol/GPO/Machine/registry.pol",
                   i % 3 == 0 ? std::string("PRex") : nolmhash_pol());  // every third one is broken
    }
    auto one = load({tree.path("root")}, 1);
    auto many = load({tree.path("root")}, 8);
    REQUIRE(one.inputs.gpos.size() == 12);
    REQUIRE(many.inputs.gpos.size() == 12);
    for (size_t i = 0; i < 12; ++i) {
        CHECK(one.inputs.gpos[i].guid == many.inputs.gpos[i].guid);
        CHECK(one.inputs.gpos[i].settings.size() == many.inputs.gpos[i].settings.size());
    }
    REQUIRE(one.diagnostics.size() == 4);
    REQUIRE(many.diagnostics.size() == 4);
    for (size_t i = 0; i < 4; ++i) CHECK(one.diagnostics[i].message == many.diagnostics[i].message);
}

TEST_CASE("GPT.INI grammar and reader") {
    CHECK(tao::pegtl::analyze<grammar::ini::file>(1) == 0);
    Diagnostics d;
    auto ini = parse::read_gpt_ini(decode_text(intern_path("t/GPT.INI"),
                                               "; comment\r[general]\nversion = 131074\r\n  junk here\r\ndisplayName=A=B"),
                                   d);
    CHECK(ini.version == 131074u);
    CHECK(ini.display_name == "A=B");
    auto all = d.take();
    REQUIRE(all.size() == 1);
    CHECK(all[0].severity == Severity::Warning);
    CHECK(all[0].location.line == 4);
    CHECK(all[0].location.column == 3);

    Diagnostics other;
    auto bad = parse::read_gpt_ini(decode_text(intern_path("t/GPT2.INI"), "[General]\nVersion=12x\n[Other]\nVersion=5"), other);
    CHECK_FALSE(bad.version.has_value());  // the [Other] section's Version is not the GPT version
    CHECK(other.count(Severity::Warning) == 1);
}

TEST_CASE("discovery: two backups of one GPO are both kept and noted") {
    TempTree tree("duplicate");
    tree.write("a/" + kB1 + "/Backup.xml", backup_xml(kG1, "One"));
    tree.write("b/" + kB2 + "/Backup.xml", backup_xml(kG1, "One"));
    auto r = load({tree.path()});
    REQUIRE(r.inputs.gpos.size() == 2);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].rule_id == "GPL006");
    CHECK(r.diagnostics[0].location.file.str() == tree.path("b/" + kB2 + "/Backup.xml"));
    CHECK(r.diagnostics[0].message.find(tree.path("a/" + kB1)) != std::string::npos);
}

TEST_CASE("discovery: LDIF and topology files are read as topology, not as GPOs") {
    TempTree tree("topology");
    std::string ldf = tree.write("export/forest.LDF", "dn: DC=contoso,DC=com\ngPLink: [LDAP://cn=" + kG1 +
                                                         ",cn=policies,cn=system,DC=contoso,DC=com;0]\n");
    std::string extra = tree.write("other.topology", "domain contoso.com\n");
    tree.write("export/" + kB1 + "/Backup.xml", backup_xml(kG1, "One"));
    Diagnostics diagnostics;
    parse::LoadOptions options;
    options.topology_files = {extra};
    auto inputs = parse::load_inputs({tree.path("export")}, options, diagnostics);
    CHECK(inputs.gpos.size() == 1);
    auto read = [&](const std::string& path) {
        return std::any_of(inputs.files.begin(), inputs.files.end(), [&](PathRef f) { return f.str() == path; });
    };
    CHECK(read(ldf));
    CHECK(read(extra));
}

TEST_CASE("discovery: a topology file given with --topology and found in the tree is read once") {
    TempTree tree("topology-twice");
    std::string ldf = tree.write("forest/topology.ldf", "dn: DC=contoso,DC=com\ngPLink: [LDAP://cn=" + kG1 +
                                                             ",cn=policies,cn=system,DC=contoso,DC=com;0]\n");
    tree.write("forest/" + kB1 + "/Backup.xml", backup_xml(kG1, "One"));
    Diagnostics diagnostics;
    parse::LoadOptions options;
    // Another spelling of the same file: equal by identity, not by text.
    options.topology_files = {tree.path("forest/../forest/topology.ldf")};
    auto inputs = parse::load_inputs({tree.path("forest")}, options, diagnostics);
    auto all = diagnostics.take();
    for (const auto& d : all) INFO(d.message);
    CHECK(std::none_of(all.begin(), all.end(), [](const Diagnostic& d) { return d.rule_id == "GPL001"; }));
    REQUIRE(inputs.topology.soms.size() == 1);
    CHECK(inputs.topology.soms[0].links.size() == 1);
    CHECK(std::count_if(inputs.files.begin(), inputs.files.end(), [&](PathRef f) { return f.str() == ldf; }) == 0);
}
