#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "findings/fingerprint.hpp"
#include "findings_test_support.hpp"
#include "report/sarif_reporter.hpp"

using namespace gpolint;
using gpolint::testing::finding;
using gpolint::testing::is_json;

namespace {

report::ReportData sample_report() {
    report::ReportData data;
    data.base_dir = "/repo/gpo set";
    data.rules.push_back({"GPL001", "parse-error", Severity::Error, "Parse error", "The file cannot be read.",
                          "Fix the line.", "docs/rules/GPL001.md"});
    data.rules.push_back({"GPL101", "hyperv-service-logon", Severity::Error,
                          "'Log on as a service' on Hyper-V hosts lacks NT VIRTUAL MACHINE\\Virtual Machines",
                          "VMs fail to start with 0x80070569.", "Add *S-1-5-83-0 to SeServiceLogonRight.",
                          "docs/rules/GPL101.md"});

    auto hv = finding("GPL101", Severity::Error, "'Log on as a service' lacks \"*S-1-5-83-0\"",
                      "/repo/gpo set/{6AC1786C-016F-11D2-945F-00C04FB984F9}/Machine/GptTmpl.inf", 12, 1);
    hv.gpo = GpoRef{"{6AC1786C-016F-11D2-945F-00C04FB984F9}", "Server Hardening"};
    hv.som = "OU=HyperV,OU=Servers,DC=contoso,DC=com";
    hv.setting = "privilege:SeServiceLogonRight";
    Location enforced = hv.location;
    enforced.line = 3;
    hv.notes.push_back({"'Server Hardening' is enforced at DC=contoso,DC=com", enforced});
    hv.notes.push_back({"VMs fail to start (KB2779204)", std::nullopt});
    data.findings.push_back(hv);

    auto pol = finding("GPL001", Severity::Warning, "bad record", "/repo/gpo set/x/Machine/registry.pol", 0, 0);
    pol.location.offset = 4242;
    data.findings.push_back(pol);

    data.findings.push_back(finding("GPL999", Severity::Note, "outside", "/elsewhere/a b.inf", 2, 5));

    auto quiet = finding("GPL101", Severity::Warning, "suppressed one", "/repo/gpo set/loose.inf", 4, 1);
    data.suppressed.push_back(quiet);
    data.suppression_info.push_back({true, "lab hosts, no VMs"});
    return data;
}

std::string sarif_of(const report::ReportData& data) {
    std::ostringstream out;
    report::make_sarif_reporter({})->write(out, data);
    return out.str();
}

}  // namespace

TEST_CASE("sarif: URIs are percent-encoded per RFC 3986, keeping '/'") {
    CHECK(report::sarif::encode_path("{6AC1}/My GPO/a%b.inf") == "%7B6AC1%7D/My%20GPO/a%25b.inf");
    CHECK(report::sarif::encode_path("Mach:ine/é") == "Mach%3Aine/%C3%A9");
    CHECK(report::sarif::directory_uri("/repo/gpo set") == "file:///repo/gpo%20set/");
    CHECK(report::sarif::directory_uri("/") == "file:///");
    CHECK(report::sarif::absolute_help_uri("docs/rules/GPL101.md", "GPL101") ==
          std::string(report::kDocsBaseUri) + "docs/rules/GPL101.md");
    CHECK(report::sarif::absolute_help_uri("https://x.example/r", "GPL101") == "https://x.example/r");
}

TEST_CASE("sarif: document shape, rules, locations, notes, fingerprints and suppressions") {
    std::string sarif = sarif_of(sample_report());
    REQUIRE(is_json(sarif));
    CHECK(sarif.find("\"version\": \"2.1.0\"") != std::string::npos);
    CHECK(sarif.find("\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\"") != std::string::npos);
    CHECK(sarif.find("\"name\": \"gpolint\"") != std::string::npos);
    CHECK(sarif.find("\"version\": \"" GPOLINT_VERSION "\"") != std::string::npos);
    // Rules: metadata mapped to SARIF names.
    CHECK(sarif.find("\"name\": \"hyperv-service-logon\"") != std::string::npos);
    CHECK(sarif.find("\"fullDescription\": {\n                \"text\": \"VMs fail to start with 0x80070569.\"") !=
          std::string::npos);
    CHECK(sarif.find("\"helpUri\": \"https://github.com/gpolint/gpolint/blob/main/docs/rules/GPL101.md\"") !=
          std::string::npos);
    CHECK(sarif.find("\"markdown\": \"Add *S-1-5-83-0 to SeServiceLogonRight.\\n\\nSee [GPL101]") != std::string::npos);
    // The base directory and relative, encoded artifact URIs.
    CHECK(sarif.find("\"%SRCROOT%\": {\n          \"uri\": \"file:///repo/gpo%20set/\"") != std::string::npos);
    CHECK(sarif.find("\"uri\": \"%7B6AC1786C-016F-11D2-945F-00C04FB984F9%7D/Machine/GptTmpl.inf\",\n") !=
          std::string::npos);
    CHECK(sarif.find("\"uriBaseId\": \"%SRCROOT%\"") != std::string::npos);
    CHECK(sarif.find("\"uri\": \"file:///elsewhere/a%20b.inf\"") != std::string::npos);
    // Regions: line/column for text, byte offset for binary files.
    CHECK(sarif.find("\"startLine\": 12,\n") != std::string::npos);
    CHECK(sarif.find("\"byteOffset\": 4242") != std::string::npos);
    // Rule indexes point into tool.driver.rules; unknown rules get none.
    CHECK(sarif.find("\"ruleId\": \"GPL101\",\n          \"ruleIndex\": 1,") != std::string::npos);
    CHECK(sarif.find("\"ruleId\": \"GPL999\",\n          \"level\": \"note\"") != std::string::npos);
    // Notes become related locations with ids; message quotes are escaped.
    CHECK(sarif.find("\"id\": 1,") != std::string::npos);
    CHECK(sarif.find("\"id\": 2,\n              \"message\": {\n                \"text\": \"VMs fail to start "
                     "(KB2779204)\"") != std::string::npos);
    CHECK(sarif.find("lacks \\\"*S-1-5-83-0\\\"") != std::string::npos);
    // Suppressed findings are listed with their kind and reason.
    CHECK(sarif.find("\"kind\": \"inSource\",\n              \"justification\": \"lab hosts, no VMs\"") !=
          std::string::npos);
    CHECK(sarif.find("\"gpolint/v1\": \"") != std::string::npos);
}

TEST_CASE("sarif: the fingerprint ignores lines and columns but not the GPO, setting or SOM") {
    auto data = sample_report();
    auto moved = data.findings[0];
    moved.location.line = 40;
    moved.location.column = 7;
    CHECK(findings::fingerprint(moved, data.base_dir) == findings::fingerprint(data.findings[0], data.base_dir));
    auto other_som = data.findings[0];
    other_som.som = "OU=Other,DC=contoso,DC=com";
    CHECK(findings::fingerprint(other_som, data.base_dir) != findings::fingerprint(data.findings[0], data.base_dir));
    auto same_dn_spelled_differently = data.findings[0];
    same_dn_spelled_differently.som = "ou=hyperv, ou=servers, dc=contoso, dc=com";
    CHECK(findings::fingerprint(same_dn_spelled_differently, data.base_dir) ==
          findings::fingerprint(data.findings[0], data.base_dir));
    CHECK(findings::fingerprint(data.findings[0], data.base_dir).size() == 16);
}

TEST_CASE("sarif: an empty report is still a valid run") {
    report::ReportData data;
    data.base_dir = "/";
    std::string sarif = sarif_of(data);
    CHECK(is_json(sarif));
    CHECK(sarif.find("\"results\": []") != std::string::npos);
}

// Writes the sample document where tests/cli/sarif_validate.sh asks (GPOLINT_SARIF_SAMPLE), so that
// Microsoft's SARIF validator checks real reporter output even before `check --format sarif` exists.
TEST_CASE("sarif: write the sample document for the external validator") {
    const char* target = std::getenv("GPOLINT_SARIF_SAMPLE");
    std::string sarif = sarif_of(sample_report());
    if (target == nullptr) {
        CHECK(is_json(sarif));
        return;
    }
    std::ofstream out(target, std::ios::binary);
    out << sarif;
    CHECK(out.good());
}

