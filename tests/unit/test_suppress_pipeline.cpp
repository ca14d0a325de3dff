#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "findings/pipeline.hpp"
#include "findings_test_support.hpp"

using namespace gpolint;
using gpolint::testing::finding;
namespace fs = std::filesystem;

namespace {

// A scratch folder per test case and process: CTest runs the cases in parallel.
struct Workspace {
    fs::path root;
    explicit Workspace(const std::string& name)
        : root(fs::temp_directory_path() / ("gpolint-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(root);
        fs::create_directories(root / "gpo");
    }
    ~Workspace() { fs::remove_all(root); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(root / name, std::ios::binary) << text;
        return (root / name).string();
    }
    std::string path(const std::string& name) const { return (root / name).string(); }
};

Diagnostic with_gpo(Diagnostic d) {
    d.gpo = GpoRef{"{6AC1786C-016F-11D2-945F-00C04FB984F9}", "Server Hardening"};
    return d;
}

}  // namespace

TEST_CASE("pipeline: selection, severity overrides, inline + file suppressions, exit code") {
    Workspace ws("pipeline-suppress");
    std::string inf = ws.write("gpo/GptTmpl.inf",
                               "[Privilege Rights]\n"
                               "; gpolint: disable=GPL103 written by name on purpose for the lab\n"
                               "SeServiceLogonRight = NT VIRTUAL MACHINE\\Virtual Machines\n"
                               "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544\n");
    std::string suppressions = ws.write("suppressions", "GPL102 gpo=\"Server Hardening\" reason \"no VMs here\"\n"
                                                        "GPL101 gpo=\"Other GPO\" reason \"stale\"\n");
    findings::Settings settings;
    settings.base_dir = ws.root.string();
    settings.ignore = {"GPL7xx"};
    settings.severity["GPL204"] = Severity::Warning;
    settings.suppressions = suppressions;

    std::vector<Diagnostic> input = {
        with_gpo(finding("GPL103", Severity::Note, "by name", inf, 3)),
        with_gpo(finding("GPL102", Severity::Error, "symlink", inf, 4)),
        with_gpo(finding("GPL204", Severity::Note, "undefined", inf, 3)),
        with_gpo(finding("GPL702", Severity::Warning, "linked nowhere", inf, 1)),
    };
    auto result = findings::run_pipeline(input, settings);
    CHECK(result.fatal.empty());
    // Kept: GPL204 raised to warning, plus the note about the unused suppression.
    REQUIRE(result.findings.size() == 2);
    CHECK(result.findings[0].rule_id == "GPL204");
    CHECK(result.findings[0].severity == Severity::Warning);
    CHECK(result.findings[1].rule_id == "GPL011");
    CHECK(result.findings[1].location.line == 2);
    REQUIRE(result.suppressed.size() == 2);
    REQUIRE(result.suppression_info.size() == 2);
    CHECK(result.suppressed[0].rule_id == "GPL103");  // sorted: line 3 before line 4
    CHECK(result.suppression_info[0].in_source);
    CHECK(result.suppression_info[0].justification == "written by name on purpose for the lab");
    CHECK(result.suppressed[1].rule_id == "GPL102");
    CHECK_FALSE(result.suppression_info[1].in_source);
    CHECK(result.exit_code == 1);  // a warning, default fail-on warning

    settings.fail_on = findings::FailOn::Error;
    CHECK(findings::run_pipeline(input, settings).exit_code == 0);
    settings.fail_on = findings::FailOn::Never;
    CHECK(findings::run_pipeline(input, settings).exit_code == 0);
}

TEST_CASE("pipeline: write a baseline, then only new findings fail - gone entries are notes") {
    Workspace ws("pipeline-baseline");
    findings::Settings settings;
    settings.base_dir = ws.root.string();
    auto old_one = with_gpo(finding("GPL101", Severity::Error, "old", ws.path("gpo/GptTmpl.inf"), 3));
    old_one.setting = "privilege:SeServiceLogonRight";
    auto fixed_later = with_gpo(finding("GPL201", Severity::Error, "fixed later", ws.path("gpo/GptTmpl.inf"), 7));
    fixed_later.setting = "registry:HKLM\\X\\NoLMHash";
    settings.write_baseline = ws.path("baseline.json");
    auto first = findings::run_pipeline({old_one, fixed_later}, settings);
    CHECK(first.fatal.empty());
    CHECK(first.exit_code == 1);  // writing a baseline does not hide today's findings
    REQUIRE(fs::exists(ws.path("baseline.json")));

    settings.write_baseline.reset();
    settings.baseline = ws.path("baseline.json");
    auto moved = old_one;
    moved.location.line = 30;
    auto brand_new = with_gpo(finding("GPL102", Severity::Warning, "new", ws.path("gpo/GptTmpl.inf"), 31));
    auto second = findings::run_pipeline({moved, brand_new}, settings);
    CHECK(second.fatal.empty());
    REQUIRE(second.findings.size() == 2);
    CHECK(second.findings[0].rule_id == "GPL012");  // the baseline file sorts before gpo/
    CHECK(second.findings[0].message.find("fixed later") != std::string::npos);
    CHECK(second.findings[1].rule_id == "GPL102");
    REQUIRE(second.suppressed.size() == 1);
    CHECK(second.suppression_info[0].justification.find("baseline") != std::string::npos);
    CHECK(second.exit_code == 1);
    CHECK(findings::run_pipeline({moved}, settings).exit_code == 0);  // only a note about the gone entry

    settings.baseline = ws.path("missing.json");
    CHECK_FALSE(findings::run_pipeline({moved}, settings).fatal.empty());
}

TEST_CASE("settings: command line over .gpolint over defaults - config errors returned") {
    Workspace ws("pipeline-settings");
    ws.write(".gpolint", "fail-on = error\nignore = GPL204\nsuppressions = gpo/s.txt\n[roles]\n\"DC=x\" = dc\n");
    fs::create_directories(ws.root / "gpo" / "deeper");
    findings::CommandLine cli;
    std::vector<Diagnostic> errors;
    auto settings = findings::resolve_settings(cli, (ws.root / "gpo" / "deeper").string(), errors);
    CHECK(errors.empty());
    CHECK(settings.config_path == ws.path(".gpolint"));
    CHECK(settings.fail_on == findings::FailOn::Error);
    CHECK(settings.ignore == std::vector<std::string>{"GPL204"});
    CHECK(settings.suppressions == ws.path("gpo/s.txt"));
    CHECK_FALSE(findings::rule_selected("GPL204", settings));
    CHECK(findings::rule_selected("GPL101", settings));

    cli.fail_on = findings::FailOn::Note;
    cli.ignore = {"gpl1xx"};
    cli.topology = {"/x/forest.ldf"};
    cli.roles = {{"OU=H,DC=x", "hyperv"}};
    settings = findings::resolve_settings(cli, (ws.root / "gpo").string(), errors);
    CHECK(settings.fail_on == findings::FailOn::Note);
    CHECK(findings::rule_selected("GPL204", settings));
    CHECK_FALSE(findings::rule_selected("GPL101", settings));
    CHECK(settings.roles.size() == 2);
    CHECK(settings.ignore == std::vector<std::string>{"GPL1"});
    CHECK(settings.topology == std::vector<std::string>{"/x/forest.ldf"});

    cli.config = ws.write("other.cfg", "fail-on = loud\n");
    settings = findings::resolve_settings(cli, ws.root.string(), errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].location.file.str() == ws.path("other.cfg"));
}

TEST_CASE("pipeline: inline suppressions in a UTF-16LE template, in any case, are found") {
    Workspace ws("pipeline-utf16");
    const std::string text = "[Privilege Rights]\r\n"
                             "; GPOLint: disable=GPL103 written by name on purpose for the lab\r\n"
                             "SeServiceLogonRight = NT VIRTUAL MACHINE\\Virtual Machines\r\n";
    std::string utf16 = "\xFF\xFE";
    for (char c : text) {
        utf16 += c;
        utf16 += '\0';
    }
    std::string inf = ws.write("gpo/GptTmpl.inf", utf16);
    std::string plain = ws.write("gpo/other.inf", "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-20\n");
    findings::Settings settings;
    settings.base_dir = ws.root.string();
    std::vector<Diagnostic> input = {with_gpo(finding("GPL103", Severity::Note, "by name", inf, 3)),
                                     with_gpo(finding("GPL103", Severity::Note, "by name", plain, 2))};
    auto result = findings::run_pipeline(input, settings);
    REQUIRE(result.suppressed.size() == 1);
    CHECK(result.suppressed[0].location.file.str() == inf);
    CHECK(result.suppression_info[0].justification == "written by name on purpose for the lab");
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].location.file.str() == plain);
}

TEST_CASE("pipeline: what the loaders found about directives decides which files are read again") {
    Workspace ws("pipeline-known");
    const std::string directive = "[Privilege Rights]\n; gpolint: disable=GPL103 lab host, named on purpose\n"
                                  "SeServiceLogonRight = NT VIRTUAL MACHINE\\Virtual Machines\n";
    std::string sniffed_yes = ws.write("gpo/yes.inf", directive);
    std::string sniffed_no = ws.write("gpo/no.inf", directive);       // changed on disk since it was loaded
    std::string never_loaded = ws.write("gpo/other.inf", directive);  // not in the map: read and sniffed here
    findings::Settings settings;
    settings.base_dir = ws.root.string();
    std::vector<Diagnostic> input;
    for (const auto& path : {sniffed_yes, sniffed_no, never_loaded})
        input.push_back(with_gpo(finding("GPL103", Severity::Note, "by name", path, 3)));
    std::unordered_map<const std::string*, bool> known = {{&intern_path(sniffed_yes).str(), true},
                                                         {&intern_path(sniffed_no).str(), false}};
    auto result = findings::run_pipeline(input, settings, &known);
    REQUIRE(result.findings.size() == 1);
    CHECK(result.findings[0].location.file.str() == sniffed_no);
    CHECK(result.suppressed.size() == 2);
    // Without the map every file is read again.
    CHECK(findings::run_pipeline(input, settings).suppressed.size() == 3);
}
