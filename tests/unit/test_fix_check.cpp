// --fix end to end below the CLI: findings -> fixes on the winning GPO's template -> a second check.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "check/check.hpp"
#include "fix/fixer.hpp"
#include "rules/loader.hpp"
#include "test_fix_support.hpp"

using namespace gpolint;
using gpolint::testing::file_bytes;
using gpolint::testing::ScratchDir;

namespace {

namespace fs = std::filesystem;

std::vector<rules::Rule> policies() {
    Diagnostics diagnostics;
    auto rules = rules::load_rules(rules::default_rules_dir(), diagnostics);
    REQUIRE(diagnostics.count(Severity::Error) == 0);
    return rules;
}

check::Result lint_path(const fs::path& path, const std::vector<rules::Rule>& rules) {
    check::Request request;
    request.paths = {path.string()};
    request.rules = &rules;
    return check::lint(request);
}

// (rule, SOM or file) pairs: what a finding is about, independent of line numbers that a fix moves.
std::set<std::pair<std::string, std::string>> subjects(const std::vector<Diagnostic>& findings) {
    std::set<std::pair<std::string, std::string>> out;
    for (const auto& d : findings) out.emplace(d.rule_id, d.som ? *d.som : d.location.file.str());
    return out;
}

size_t count_rule(const std::vector<Diagnostic>& findings, const std::string& id) {
    return static_cast<size_t>(std::count_if(findings.begin(), findings.end(), [&](const auto& d) { return d.rule_id == id; }));
}

bool subset(const std::set<std::pair<std::string, std::string>>& a, const std::set<std::pair<std::string, std::string>>& b) {
    return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

// Copies examples/NAME to `to`; false (and a message saying the test is skipped) when it is missing.
bool copy_example(const std::string& name, const fs::path& to) {
    fs::path example = fs::path(GPOLINT_EXAMPLES) / name;
    if (!fs::exists(example)) {
        MESSAGE("skipped: " << example << " is missing");
        return false;
    }
    fs::copy(example, to, fs::copy_options::recursive);
    return true;
}

}  // namespace

TEST_CASE("--fix on examples/hyperv-outage edits the enforced GPO's template and GPL101/102 are gone") {
    ScratchDir dir;
    if (!copy_example("hyperv-outage", dir.path() / "hyperv")) return;
    auto rules = policies();
    auto before = lint_path(dir.path() / "hyperv", rules);
    REQUIRE(count_rule(before.findings, "GPL101") > 0);
    REQUIRE(count_rule(before.findings, "GPL102") > 0);

    auto report = fix::apply_fixes(before.findings, before.inputs, rules, {});
    CHECK(report.errors.empty());
    REQUIRE(report.files_written == 1);
    // "Server Hardening" is the GPO that wins on OU=HyperV (enforced at the domain).
    fs::path hardening = dir.path() / "hyperv/policies/{5C1E2A10-7B7E-4E0B-9C6A-1D2E3F405161}/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf";
    std::set<std::string> rules_fixed;
    for (const auto& f : report.fixes) {
        CHECK(f.file == hardening.string());
        rules_fixed.insert(f.rule_id);
    }
    CHECK(rules_fixed.count("GPL101") == 1);
    CHECK(rules_fixed.count("GPL102") == 1);
    CHECK(std::any_of(report.notes.begin(), report.notes.end(),
                      [](const std::string& n) { return n.find("GPT.INI") != std::string::npos; }));

    std::string bytes = file_bytes(hardening);
    REQUIRE(bytes.size() > 2);
    CHECK(bytes.substr(0, 2) == "\xFF\xFE");

    auto after = lint_path(dir.path() / "hyperv", rules);
    CHECK(count_rule(after.findings, "GPL101") == 0);
    CHECK(count_rule(after.findings, "GPL102") == 0);
    // Nothing new, except that the enforced-link warning GPL101/102 carried as a note ("does not stop
    // it") now stands alone as the GPL104 note, by design of GPL104: the block still does not protect.
    const std::string hyperv_ou = "OU=HyperV,OU=Servers,DC=contoso,DC=com";
    for (const auto& d : before.findings)
        if (d.rule_id == "GPL101")
            CHECK(std::any_of(d.notes.begin(), d.notes.end(),
                              [](const Note& n) { return n.message.find("does not stop it") != std::string::npos; }));
    auto remaining = subjects(after.findings);
    CHECK(remaining.erase({"GPL104", hyperv_ou}) == 1);
    CHECK(subset(remaining, subjects(before.findings)));
    // 'Hyper-V Host Rights' is still overridden by the enforced GPO, but now by the very same principal
    // lists: redundancy, not a dead setting, so its GPL704 notes are gone too (issue 15).
    CHECK(remaining.empty());
    CHECK(count_rule(before.findings, "GPL704") == 2);
    CHECK(count_rule(after.findings, "GPL704") == 0);

    // A second run has nothing left to do.
    auto again = fix::apply_fixes(after.findings, after.inputs, rules, {});
    CHECK(again.files_written == 0);
    CHECK(file_bytes(hardening) == bytes);
}

TEST_CASE("--fix --unsafe-fixes on a loose template: every fixable finding goes and nothing new appears") {
    ScratchDir dir;
    fs::path inf = dir.path() / "GptTmpl.inf";
    fs::copy_file(fs::path(GPOLINT_TEST_DATA) / "data/fix/utf16-crlf.inf", inf);
    auto rules = policies();
    auto before = lint_path(inf, rules);
    for (const char* id : {"GPL102", "GPL103", "GPL202", "GPL203", "GPL304", "GPL408"})
        REQUIRE_MESSAGE(count_rule(before.findings, id) > 0, id);

    SUBCASE("safe fixes only leave the unsafe ones and say so") {
        auto report = fix::apply_fixes(before.findings, before.inputs, rules, {});
        CHECK(report.files_written == 1);
        CHECK(std::any_of(report.notes.begin(), report.notes.end(),
                          [](const std::string& n) { return n.find("unsafe fixes not applied (GPL202, GPL203, GPL304)") == 0; }));
        auto after = lint_path(inf, rules);
        for (const char* id : {"GPL102", "GPL103", "GPL408"}) CHECK_MESSAGE(count_rule(after.findings, id) == 0, id);
        for (const char* id : {"GPL202", "GPL203", "GPL304"}) CHECK_MESSAGE(count_rule(after.findings, id) > 0, id);
        CHECK(subset(subjects(after.findings), subjects(before.findings)));
    }
    SUBCASE("with unsafe fixes NoLMHash = 1 comes with LmCompatibilityLevel 5, so GPL201 does not appear") {
        fix::FixOptions options;
        options.unsafe = true;
        auto report = fix::apply_fixes(before.findings, before.inputs, rules, options);
        CHECK(report.files_written == 1);
        CHECK(report.errors.empty());
        auto after = lint_path(inf, rules);
        for (const char* id : {"GPL102", "GPL103", "GPL202", "GPL203", "GPL304", "GPL408", "GPL201"})
            CHECK_MESSAGE(count_rule(after.findings, id) == 0, id);
        CHECK(subset(subjects(after.findings), subjects(before.findings)));
    }
}

TEST_CASE("--diff writes nothing and a file changed between read and write is refused") {
    ScratchDir dir;
    fs::path inf = dir.path() / "GptTmpl.inf";
    fs::copy_file(fs::path(GPOLINT_TEST_DATA) / "data/fix/utf8-lf.inf", inf);
    std::string original = file_bytes(inf);
    auto rules = policies();
    auto result = lint_path(inf, rules);

    fix::FixOptions dry;
    dry.dry_run = true;
    auto preview = fix::apply_fixes(result.findings, result.inputs, rules, dry);
    CHECK(preview.files_written == 0);
    REQUIRE(preview.diffs.size() == 1);
    CHECK(preview.diffs[0].rfind("--- a/" + inf.string() + "\n+++ b/" + inf.string() + "\n@@ ", 0) == 0);
    CHECK(preview.diffs[0].find("+SeServiceLogonRight = *S-1-5-20,*S-1-5-83-0,*S-1-5-80-0\n") != std::string::npos);
    CHECK(file_bytes(inf) == original);

    // Someone saves the file between our read and our write: refused, their bytes stay.
    fix::FixOptions options;
    std::string theirs = original + "; edited meanwhile\n";
    options.hooks.before_write = [&](const std::string&) { gpolint::testing::write_bytes(inf, theirs); };
    auto report = fix::apply_fixes(result.findings, result.inputs, rules, options);
    CHECK(report.files_written == 0);
    REQUIRE(report.errors.size() == 1);
    CHECK(report.errors[0].find("changed on disk") != std::string::npos);
    CHECK(report.fixes.empty());
    CHECK(file_bytes(inf) == theirs);
}

TEST_CASE("--fix --unsafe-fixes on examples/cluster-outage: two rules setting one value edit it once") {
    ScratchDir dir;
    if (!copy_example("cluster-outage", dir.path() / "cluster")) return;
    auto rules = policies();
    auto before = lint_path(dir.path() / "cluster", rules);
    REQUIRE(count_rule(before.findings, "GPL201") > 0);
    REQUIRE(count_rule(before.findings, "GPL202") > 0);

    fix::FixOptions options;
    options.unsafe = true;
    auto report = fix::apply_fixes(before.findings, before.inputs, rules, options);
    CHECK(report.errors.empty());
    CHECK(report.files_written == 1);
    // GPL201 points at NoLMHash (Default Domain Policy) but fixes LmCompatibilityLevel where it wins:
    // the "Legacy NTLM Compatibility" GPO on OU=Cluster, the same entry GPL202 fixes.
    REQUIRE(report.fixes.size() == 1);
    CHECK(report.fixes[0].file.find("{2B7C9E14-3A5F-4D61-8E92-7F0A1B2C3D4E}") != std::string::npos);
    CHECK(report.fixes[0].description.rfind("set LmCompatibilityLevel to ", 0) == 0);
    CHECK(std::any_of(report.notes.begin(), report.notes.end(),
                      [](const std::string& n) { return n.find("is already changed by the") != std::string::npos; }));

    auto after = lint_path(dir.path() / "cluster", rules);
    CHECK(count_rule(after.findings, "GPL201") == 0);
    CHECK(count_rule(after.findings, "GPL202") == 0);
    CHECK(subset(subjects(after.findings), subjects(before.findings)));
}

TEST_CASE("--fix edits the key of the finding when a rule's autofix names its each-variable") {
    ScratchDir dir;
    fs::copy(fs::path(GPOLINT_TEST_DATA) / "rules/GPL414/bad", dir.path() / "sql", fs::copy_options::recursive);
    fs::copy(fs::path(GPOLINT_TEST_DATA) / "rules/GPL518/bad", dir.path() / "winrm", fs::copy_options::recursive);
    auto rules = policies();
    auto before = lint_path(dir.path() / "sql", rules);
    REQUIRE(count_rule(before.findings, "GPL414") == 1);  // autofix safe add $right *S-1-5-80-0
    auto report = fix::apply_fixes(before.findings, before.inputs, rules, {});
    CHECK(report.errors.empty());
    CHECK(report.files_written == 1);
    CHECK(count_rule(lint_path(dir.path() / "sql", rules).findings, "GPL414") == 0);

    auto winrm = lint_path(dir.path() / "winrm", rules);
    REQUIRE(count_rule(winrm.findings, "GPL518") == 1);  // autofix unsafe set $value 0
    fix::FixOptions options;
    options.unsafe = true;
    CHECK(fix::apply_fixes(winrm.findings, winrm.inputs, rules, options).files_written == 1);
    CHECK(count_rule(lint_path(dir.path() / "winrm", rules).findings, "GPL518") == 0);
}
