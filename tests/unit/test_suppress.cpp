#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "findings/suppressions.hpp"
#include "findings_test_support.hpp"
#include "grammar/suppressions.hpp"

using namespace gpolint;
using gpolint::testing::finding;
using gpolint::testing::source_of;

namespace {

constexpr const char* kGuid = "{6AC1786C-016F-11D2-945F-00C04FB984F9}";

Diagnostic hyperv_finding() {
    auto d = finding("GPL101", Severity::Error, "lacks *S-1-5-83-0", "/r/gpo/GptTmpl.inf", 12);
    d.gpo = GpoRef{kGuid, "Server Hardening"};
    d.som = "OU=HyperV,OU=Servers,DC=contoso,DC=com";
    d.setting = "privilege:SeServiceLogonRight";
    return d;
}

std::vector<findings::Suppression> parse(std::string_view text, std::vector<Diagnostic>& diagnostics) {
    return findings::parse_suppression_file(source_of("/r/gpolint-suppressions", text), diagnostics);
}

}  // namespace

TEST_CASE("suppression grammars: no infinite loops or empty repetitions") {
    CHECK(tao::pegtl::analyze<grammar::suppressions::file>(1) == 0);
    CHECK(tao::pegtl::analyze<grammar::suppressions::inline_directive>(1) == 0);
}

TEST_CASE("suppression file: entries, filters, quoting and comments") {
    std::vector<Diagnostic> diagnostics;
    auto entries = parse("# accepted risks\n"
                         "GPL101,gpl102 gpo={6ac1786c-016f-11d2-945f-00c04fb984f9} som=\"OU=HyperV,OU=Servers,DC=contoso,DC=com\" "
                         "reason \"hosts retired in Q3, see \\\"CHG-12\\\"\"  # trailing comment\n"
                         "\n"
                         "   GPL201 gpo=\"Cluster Baseline\" setting=registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash reason \"x\"",
                         diagnostics);
    CHECK(diagnostics.empty());
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].rules == std::vector<std::string>{"GPL101", "GPL102"});
    CHECK(entries[0].gpo == "{6ac1786c-016f-11d2-945f-00c04fb984f9}");
    CHECK(entries[0].som == "OU=HyperV,OU=Servers,DC=contoso,DC=com");
    CHECK(entries[0].reason == "hosts retired in Q3, see \"CHG-12\"");
    CHECK(entries[0].location.line == 2);
    CHECK(entries[1].gpo == "Cluster Baseline");
    CHECK(entries[1].setting == "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash");
    CHECK(entries[1].location.line == 4);
    CHECK(entries[1].location.column == 4);
}

TEST_CASE("suppression file: errors at line:col - a reason is required - other lines still count") {
    struct Case {
        const char* text;
        const char* rule;
        uint32_t line, column;
        const char* message_part;
    };
    const Case cases[] = {
        {"GPL101 gpo=X\n", "GPL010", 1, 1, "without a reason"},
        {"GPL101 som=\"OU=A,DC=b\" reason \"r\"\n", "GPL001", 1, 1, "needs gpo="},
        {"GPL101 gpo=X gop=Y reason \"r\"\n", "GPL001", 1, 14, "unexpected text"},
        {"GPL101 gpo=X reason r\n", "GPL001", 1, 21, "expected a quoted reason"},
        {"GPL101 gpo=X reason \"r\n", "GPL001", 1, 23, "unterminated string"},
        {"GPL101, gpo=X reason \"r\"\n", "GPL001", 1, 8, "expected a rule ID"},
        {"suppress GPL101\n", "GPL001", 1, 1, "expected a suppression"},
        {"GPL101 gpo=X gpo=Y reason \"r\"\n", "GPL001", 1, 18, "gpo= is given twice"},
        {"GPL101 gpo= reason \"r\"\n", "GPL001", 1, 12, "expected a GPO GUID"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        std::vector<Diagnostic> diagnostics;
        parse(c.text, diagnostics);
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].rule_id == c.rule);
        CHECK(diagnostics[0].severity == Severity::Error);
        CHECK(diagnostics[0].location.line == c.line);
        CHECK(diagnostics[0].location.column == c.column);
        CHECK(diagnostics[0].message.find(c.message_part) != std::string::npos);
    }
    std::vector<Diagnostic> diagnostics;
    auto entries = parse("junk\r\nGPL101 gpo=X reason \"ok\"\rGPL102 gpo=Y reason \"ok\"", diagnostics);
    CHECK(diagnostics.size() == 1);
    CHECK(entries.size() == 2);
}

TEST_CASE("suppression matching: GUID or name, optional SOM and setting") {
    auto d = hyperv_finding();
    findings::Suppression s;
    s.rules = {"GPL101"};
    s.reason = "r";
    s.gpo = "6ac1786c-016f-11d2-945f-00c04fb984f9";  // braces optional, any case
    CHECK(s.matches(d));
    s.gpo = "server hardening";
    CHECK(s.matches(d));
    s.som = "ou=hyperv, ou=servers, dc=contoso, dc=com";
    s.setting = "PRIVILEGE:SeServiceLogonRight";
    CHECK(s.matches(d));
    s.som = "OU=Other,DC=contoso,DC=com";
    CHECK_FALSE(s.matches(d));
    s.som.reset();
    s.rules = {"GPL102"};
    CHECK_FALSE(s.matches(d));
    s.rules = {"GPL101"};
    s.gpo = "{00000000-0000-0000-0000-000000000000}";
    CHECK_FALSE(s.matches(d));
    s.gpo = "Server Hardening";
    s.reason.clear();  // reported, never applied
    CHECK_FALSE(s.matches(d));
    auto per_gpo = d;
    per_gpo.som.reset();
    s.reason = "r";
    s.som = "OU=HyperV,OU=Servers,DC=contoso,DC=com";
    CHECK_FALSE(s.matches(per_gpo));  // a SOM-scoped suppression does not hide the per-GPO warning
}

TEST_CASE("inline suppressions: next non-comment line, whole file, reasons, malformed directives") {
    std::vector<Diagnostic> diagnostics;
    auto source = source_of("/r/t.inf",
                            "[Privilege Rights]\r\n"                                          // 1
                            "; gpolint: disable=GPL101,GPL102 lab hosts without VMs\r\n"     // 2
                            "; another comment\r\n"                                          // 3
                            "\r\n"                                                           // 4
                            "SeServiceLogonRight = *S-1-5-20\r\n"                            // 5
                            "  ;GPOLINT : disable-file=GPL103   written by the lab script\r\n"  // 6
                            "; gpolint: disable=GPL204\r\n"                                  // 7
                            "; gpolint: enable=GPL101 x\r\n"                                 // 8
                            "; see the gpolint docs\r\n"                                     // 9
                            "SeCreateSymbolicLinkPrivilege = *S-1-5-32-544\r\n");            // 10
    auto found = findings::scan_inline_suppressions(source, diagnostics);
    REQUIRE(found.size() == 3);
    CHECK(found[0].rules == std::vector<std::string>{"GPL101", "GPL102"});
    CHECK(found[0].reason == "lab hosts without VMs");
    CHECK(found[0].line == 5);
    CHECK(found[0].in_source);
    CHECK(found[0].location.line == 2);
    CHECK(found[1].line == 0);  // whole file
    CHECK(found[1].reason == "written by the lab script");
    CHECK(found[1].location.column == 3);
    CHECK(found[2].reason.empty());
    CHECK(found[2].line == 10);
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].rule_id == "GPL010");
    CHECK(diagnostics[0].location.line == 7);
    CHECK(diagnostics[1].rule_id == "GPL001");
    CHECK(diagnostics[1].location.line == 8);
    CHECK(diagnostics[1].location.column == 12);

    auto at5 = finding("GPL102", Severity::Error, "m", "/r/t.inf", 5);
    auto at10 = finding("GPL102", Severity::Error, "m", "/r/t.inf", 10);
    auto other_file = finding("GPL103", Severity::Note, "m", "/r/u.inf", 10);
    auto anywhere = finding("GPL103", Severity::Note, "m", "/r/t.inf", 10);
    CHECK(found[0].matches(at5));
    CHECK_FALSE(found[0].matches(at10));
    CHECK(found[1].matches(anywhere));
    CHECK_FALSE(found[1].matches(other_file));
}

TEST_CASE("apply suppressions: suppressed findings are kept aside with their suppression - unused ones are noted") {
    std::vector<Diagnostic> diagnostics;
    auto entries = parse("GPL101 gpo=\"Server Hardening\" reason \"accepted\"\n"
                         "GPL201 gpo=\"Server Hardening\" reason \"never matches\"\n"
                         "GPL101 gpo=\"Server Hardening\"\n",
                         diagnostics);
    REQUIRE(diagnostics.size() == 1);  // the reason-less one
    auto other = finding("GPL102", Severity::Error, "m", "/r/x.inf", 3);
    auto outcome = findings::apply_suppressions({hyperv_finding(), other}, entries, diagnostics);
    REQUIRE(outcome.suppressed.size() == 1);
    CHECK(outcome.suppressed[0].rule_id == "GPL101");
    CHECK(outcome.suppressed_by[0]->reason == "accepted");
    REQUIRE(outcome.kept.size() == 1);
    CHECK(outcome.kept[0].rule_id == "GPL102");
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[1].rule_id == "GPL011");
    CHECK(diagnostics[1].severity == Severity::Note);
    CHECK(diagnostics[1].location.line == 2);
}
