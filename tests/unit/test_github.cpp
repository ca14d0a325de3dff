#include <doctest/doctest.h>

#include <sstream>

#include "findings_test_support.hpp"
#include "report/github_reporter.hpp"

using namespace gpolint;
using gpolint::testing::finding;

TEST_CASE("github: workflow-command escaping of data and properties") {
    CHECK(report::github::escape_data("100% a:b,c\r\nx") == "100%25 a:b,c%0D%0Ax");
    CHECK(report::github::escape_property("100% a:b,c\r\nx") == "100%25 a%3Ab%2Cc%0D%0Ax");
}

TEST_CASE("github: one annotation per finding, severities mapped, paths relative, notes kept") {
    report::ReportData data;
    data.base_dir = "/ws";
    data.rules.push_back({"GPL101", "hyperv-service-logon", Severity::Error, "", "", "", ""});
    auto hv = finding("GPL101", Severity::Error, "lacks *S-1-5-83-0: 50% of VMs", "/ws/gpos/{6AC1}/GptTmpl.inf", 12, 3);
    Location note_at = hv.location;
    note_at.line = 2;
    hv.notes.push_back({"enforced at DC=contoso,DC=com", note_at});
    data.findings.push_back(hv);
    auto pol = finding("GPL001", Severity::Warning, "bad record", "/ws/Machine/registry.pol", 0, 0);
    pol.location.offset = 77;
    data.findings.push_back(pol);
    data.findings.push_back(finding("GPL204", Severity::Note, "default decides", "/ws/a,b:c.inf", 1, 1));
    data.suppressed.push_back(finding("GPL101", Severity::Error, "quiet", "/ws/x.inf", 1, 1));

    std::ostringstream out;
    report::make_github_reporter({})->write(out, data);
    std::istringstream lines(out.str());
    std::string first, second, third, summary, extra;
    std::getline(lines, first);
    std::getline(lines, second);
    std::getline(lines, third);
    std::getline(lines, summary);
    CHECK_FALSE(std::getline(lines, extra));  // the suppressed finding is not annotated
    CHECK(first ==
          "::error file=gpos/{6AC1}/GptTmpl.inf,line=12,col=3,title=GPL101 hyperv-service-logon::lacks "
          "*S-1-5-83-0: 50%25 of VMs%0Anote: gpos/{6AC1}/GptTmpl.inf:2: enforced at DC=contoso,DC=com");
    CHECK(second == "::warning file=Machine/registry.pol,title=GPL001::bad record (byte offset 77)");
    CHECK(third == "::notice file=a%2Cb%3Ac.inf,line=1,col=1,title=GPL204::default decides");
    CHECK(summary == "gpolint: 1 error(s), 1 warning(s), 1 note(s), 1 suppressed");
}
