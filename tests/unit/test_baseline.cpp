#include <doctest/doctest.h>

#include "findings/baseline.hpp"
#include "findings_test_support.hpp"

using namespace gpolint;
using gpolint::testing::finding;
using gpolint::testing::is_json;

namespace {
Diagnostic gpo_finding(const char* rule, const char* setting, uint32_t line) {
    auto d = finding(rule, Severity::Error, std::string("msg \"") + setting + "\"", "/b/gpo/GptTmpl.inf", line);
    d.gpo = GpoRef{"{6AC1786C-016F-11D2-945F-00C04FB984F9}", "Server Hardening"};
    d.setting = setting;
    return d;
}
}  // namespace

TEST_CASE("baseline: written sorted and stable, one entry per fingerprint, read back") {
    std::vector<Diagnostic> today = {gpo_finding("GPL201", "registry:HKLM\\X\\NoLMHash", 9),
                                     gpo_finding("GPL101", "privilege:SeServiceLogonRight", 4),
                                     gpo_finding("GPL101", "privilege:SeServiceLogonRight", 4)};
    std::string json = findings::write_baseline(today, "/b");
    REQUIRE(is_json(json));
    std::vector<Diagnostic> reordered = {today[1], today[0]};
    CHECK(findings::write_baseline(reordered, "/b") == json);  // order and duplicates do not matter
    CHECK(json.find("GPL101") < json.find("GPL201"));
    CHECK(json.find("\"file\": \"gpo/GptTmpl.inf\"") != std::string::npos);
    CHECK(json.find("\"version\": 1") != std::string::npos);

    std::string error;
    auto entries = findings::read_baseline(json, error);
    CHECK(error.empty());
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].identity.rule == "GPL101");
    CHECK(entries[0].fingerprint == findings::fingerprint(today[1], "/b"));
    CHECK(entries[0].message == "msg \"privilege:SeServiceLogonRight\"");
    CHECK(entries[1].identity.setting == "registry:hklm\\x\\nolmhash");
}

TEST_CASE("baseline: known findings are set aside even when their line moved - gone entries are listed") {
    std::vector<Diagnostic> then = {gpo_finding("GPL101", "privilege:SeServiceLogonRight", 4),
                                    gpo_finding("GPL102", "privilege:SeCreateSymbolicLinkPrivilege", 5)};
    std::string error;
    auto baseline = findings::read_baseline(findings::write_baseline(then, "/b"), error);
    REQUIRE(baseline.size() == 2);
    std::vector<Diagnostic> now = {gpo_finding("GPL101", "privilege:SeServiceLogonRight", 40),
                                   gpo_finding("GPL201", "registry:HKLM\\X\\NoLMHash", 9)};
    auto outcome = findings::apply_baseline(now, baseline, "/b");
    REQUIRE(outcome.known.size() == 1);
    CHECK(outcome.known[0].location.line == 40);
    REQUIRE(outcome.new_findings.size() == 1);
    CHECK(outcome.new_findings[0].rule_id == "GPL201");
    REQUIRE(outcome.gone.size() == 1);
    CHECK(outcome.gone[0].identity.rule == "GPL102");
}

TEST_CASE("baseline: malformed documents are errors, never crashes - unknown members are ignored") {
    for (std::string_view bad : {"", "{", "{\"findings\": [}", "[1,2", "\xFF\xFE{", "{} trailing"}) {
        std::string error;
        CAPTURE(bad);
        CHECK(findings::read_baseline(bad, error).empty());
        CHECK_FALSE(error.empty());
    }
    std::string error;
    auto entries = findings::read_baseline(
        "{\"version\": 2, \"extra\": {\"x\": [1, 2.5e3, null]}, \"findings\": "
        "[{\"fingerprint\": \"00ff\", \"rule\": \"GPL1\\u0030\\u0031\", \"new\": true, \"message\": \"\\ud83d\\ude00\"}]}",
        error);
    CHECK(error.empty());
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].identity.rule == "GPL101");
    CHECK(entries[0].message == "\xF0\x9F\x98\x80");
    std::string deep(100000, '[');
    error.clear();
    CHECK(findings::read_baseline(deep, error).empty());
    CHECK_FALSE(error.empty());
}
