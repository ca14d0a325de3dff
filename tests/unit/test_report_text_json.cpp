// Text and JSON reporters: exact output for hand-built findings.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/json_writer.hpp"
#include "report/formats.hpp"
#include "report/reporter.hpp"

using namespace gpolint;

namespace {

report::ReportData sample(const std::string& file) {
    report::ReportData data;
    Diagnostic d;
    d.rule_id = "GPL101";
    d.severity = Severity::Error;
    d.message = "lacks \"*S-1-5-83-0\" on OU=HyperV\\x";
    d.location = Location{intern_path(file), 2, 1, 0};
    d.gpo = GpoRef{"{A}", "Server Hardening"};
    d.som = "OU=HyperV,DC=contoso,DC=com";
    d.setting = "privilege:SeServiceLogonRight";
    d.notes.push_back({"'Server Hardening' is enforced", Location{intern_path(file), 1, 1, 0}});
    d.notes.push_back({"tab\there", std::nullopt});
    data.findings.push_back(d);
    Diagnostic pol;
    pol.rule_id = "GPL001";
    pol.severity = Severity::Warning;
    pol.message = "bad record";
    pol.location = Location{intern_path("x/registry.pol"), 0, 0, 418};
    data.findings.push_back(pol);
    data.rules.push_back({"GPL101", "hyperv-service-logon", Severity::Error, "t", "r", "f", "u"});
    data.gpos = 2;
    data.soms = 1;
    data.files_read = 3;
    return data;
}

std::string render(const std::string& format, const report::ReportData& data) {
    auto reporter = report::make_reporter(format, {});
    REQUIRE(reporter != nullptr);
    std::ostringstream out;
    reporter->write(out, data);
    return out.str();
}

}  // namespace

TEST_CASE("make_reporter knows text and json, and nothing else") {
    CHECK(report::make_reporter("text", {}) != nullptr);
    CHECK(report::make_reporter("json", {}) != nullptr);
    CHECK(report::make_reporter("yaml", {}) == nullptr);
    auto formats = report::reporter_formats();
    CHECK(std::find(formats.begin(), formats.end(), "json") != formats.end());
}

TEST_CASE("text output: location, source line with underline, notes, summary") {
    auto dir = std::filesystem::temp_directory_path() / "gpolint-text-reporter";
    std::filesystem::create_directories(dir);
    std::string file = (dir / "GptTmpl.inf").string();
    std::ofstream(file) << "[Privilege Rights]\r\nSeServiceLogonRight = *S-1-5-20\r\n";
    auto data = sample(file);
    data.base_dir = dir.string();
    CHECK(render("text", data) ==
          "GptTmpl.inf:2:1: error: lacks \"*S-1-5-83-0\" on OU=HyperV\\x [GPL101]\n"
          "    2 | SeServiceLogonRight = *S-1-5-20\n"
          "      | ^~~~~~~~~~~~~~~~~~~\n"
          "GptTmpl.inf:1:1: note: 'Server Hardening' is enforced\n"
          "note: tab\there\n"
          "x/registry.pol:offset 418: warning: bad record [GPL001]\n"
          "1 error, 1 warning, 0 notes in 2 GPOs, 1 SOM\n");
}

// One-line XML files: the source line is a window around the column, not thousands of characters.
TEST_CASE("text output: a long source line is shown as a window around the column, caret aligned") {
    auto dir = std::filesystem::temp_directory_path() / "gpolint-text-window";
    std::filesystem::create_directories(dir);
    std::string file = (dir / "Groups.xml").string();
    std::string head(300, 'a'), tail(1500, 'z');
    std::ofstream(file) << head << "cpassword=\"x\"" << tail << "\n";
    report::ReportData data;
    Diagnostic d;
    d.rule_id = "GPL602";
    d.severity = Severity::Error;
    d.message = "cpassword";
    d.location = Location{intern_path(file), 1, 301, 0};
    data.findings.push_back(d);
    data.base_dir = dir.string();
    std::string text = render("text", data);
    std::istringstream lines(text);
    std::string first, source, caret;
    std::getline(lines, first);
    std::getline(lines, source);
    std::getline(lines, caret);
    CHECK(first == "Groups.xml:1:301: error: cpassword [GPL602]");
    CHECK(source == "    1 | ..." + std::string(40, 'a') + "cpassword=\"x\"" + std::string(100 - 40 - 13, 'z') + "...");
    CHECK(source.size() < 120);
    // The caret sits under the 'c' of cpassword in the shown window.
    REQUIRE(caret.find('^') != std::string::npos);
    CHECK(caret.find('^') == source.find("cpassword"));
    CHECK(caret == "      | " + std::string(3 + 40, ' ') + "^" + std::string(8, '~'));
}

TEST_CASE("colour only when asked") {
    auto data = sample("missing/file.inf");
    CHECK(render("text", data).find('\x1b') == std::string::npos);
    auto coloured = report::make_reporter("text", report::ReportOptions{true});
    std::ostringstream out;
    coloured->write(out, data);
    CHECK(out.str().find("\x1b[1;31merror\x1b[0m") != std::string::npos);
}

TEST_CASE("json output: exact shape and escaping") {
    auto data = sample("a/GptTmpl.inf");
    CHECK(render("json", data) ==
          "{\"version\": 1, \"findings\": [\n"
          "  {\"rule\": \"GPL101\", \"slug\": \"hyperv-service-logon\", \"severity\": \"error\", "
          "\"message\": \"lacks \\\"*S-1-5-83-0\\\" on OU=HyperV\\\\x\", \"file\": \"a/GptTmpl.inf\", \"line\": 2, "
          "\"column\": 1, \"gpo\": {\"guid\": \"{A}\", \"name\": \"Server Hardening\"}, "
          "\"som\": \"OU=HyperV,DC=contoso,DC=com\", \"setting\": \"privilege:SeServiceLogonRight\", "
          "\"notes\": [{\"message\": \"'Server Hardening' is enforced\", \"file\": \"a/GptTmpl.inf\", \"line\": 1}, "
          "{\"message\": \"tab\\there\", \"file\": null, \"line\": null}]},\n"
          "  {\"rule\": \"GPL001\", \"slug\": \"\", \"severity\": \"warning\", \"message\": \"bad record\", "
          "\"file\": \"x/registry.pol\", \"line\": 0, \"column\": 0, \"gpo\": null, \"som\": null, \"setting\": null, "
          "\"notes\": []}\n"
          "], \"summary\": {\"errors\": 1, \"warnings\": 1, \"notes\": 0, \"suppressed\": 0, \"gpos\": 2, \"soms\": 1, "
          "\"files\": 3}}\n");
    CHECK(gpolint::json_quote(std::string("\x01\n", 2)) == "\"\\u0001\\n\"");
}

TEST_CASE("text output: a problem with a whole file reads 'file: error:', a binary one keeps its offset") {
    report::ReportData data;
    Diagnostic whole;
    whole.rule_id = "GPL001";
    whole.message = "cannot read 'x/f.inf': not a regular file";
    whole.location = Location{intern_path("x/f.inf"), 0, 0, 0};
    data.findings.push_back(whole);
    Diagnostic record;
    record.rule_id = "GPL001";
    record.message = "bad record";
    record.location = Location{intern_path("x/registry.pol"), 0, 0, 418};
    data.findings.push_back(record);
    std::ostringstream out;
    report::make_reporter("text", {})->write(out, data);
    CHECK(out.str().find("x/f.inf: error: cannot read") != std::string::npos);
    CHECK(out.str().find("x/f.inf:offset") == std::string::npos);
    CHECK(out.str().find("x/registry.pol:offset 418: error: bad record") != std::string::npos);
}
