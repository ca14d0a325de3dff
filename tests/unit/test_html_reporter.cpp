// The HTML report: escaping of untrusted text, safe links, and the structure the page's script and
// readers rely on (anchors, OU nesting, processing order states, chains of GPOs).
#include <doctest/doctest.h>

#include <sstream>

#include "report/html_reporter.hpp"
#include "report/reporter.hpp"
#include "report/html_assets.hpp"
#include "report/sarif_reporter.hpp"

using namespace gpolint;
using namespace gpolint::report;

namespace {

size_t count_of(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

std::string render(const ReportData& data) {
    auto reporter = make_reporter("html", {});
    REQUIRE(reporter);
    std::ostringstream out;
    reporter->write(out, data);
    return out.str();
}

const char* const kEvilName = "<script>alert(1)</script>";
const char* const kEvilEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;";

// Domain → OU=Servers → OU=HyperV (blocks inheritance), one GPO with an evil name linked at the domain
// and enforced, one finding on OU=HyperV whose chain names that GPO.
ReportData hyperv_like() {
    ReportData data;
    data.gpos = 2;
    data.soms = 3;
    data.files_read = 4;
    data.rules.push_back({"GPL101", "hyperv-vm-logon", Severity::Error, "VMs lose their logon right",
                          "Hyper-V's \"Virtual Machines\" <group>", "Add *S-1-5-83-0 & retry", "/docs/rules/GPL101.md"});
    data.rules.push_back({"GPL201", "nolmhash", Severity::Warning, "Quiet rule", "", "", "javascript:alert(3)"});
    data.soms_view.push_back({"DC=contoso,DC=com", "domain", -1, {}, false, {}});
    data.soms_view.push_back({"OU=Servers,DC=contoso,DC=com", "ou", 0, {}, false, {}});
    SomView hyperv{"OU=HyperV,OU=Servers,DC=contoso,DC=com", "ou", 1, {"hyperv"}, true, {}};
    hyperv.order.push_back({"{AAAA}", kEvilName, "DC=contoso,DC=com", 2, true, true, false, ""});
    hyperv.order.push_back({"{BBBB}", "Default Domain Policy", "DC=contoso,DC=com", 1, false, false, false,
                            "blocked by inheritance at OU=HyperV,OU=Servers,DC=contoso,DC=com"});
    data.soms_view.push_back(hyperv);
    data.gpos_view.push_back({"{AAAA}", kEvilName, "policies/{AAAA}", {"DC=contoso,DC=com"}, false, false, {}});
    data.gpos_view.push_back({"{BBBB}", "Default Domain Policy", "policies/{BBBB}", {"DC=contoso,DC=com"}, false, false, {}});
    data.inputs_view.push_back({"policies/{AAAA}/GPT.INI", 0});
    data.inputs_view.push_back({"bad\"file'.inf", 2});

    Diagnostic finding;
    finding.rule_id = "GPL101";
    finding.severity = Severity::Error;
    finding.message = "SeServiceLogonRight lacks *S-1-5-83-0 & <VMs> fail";
    finding.som = "OU=HyperV,OU=Servers,DC=contoso,DC=com";
    finding.gpo = GpoRef{"{AAAA}", kEvilName};
    finding.notes.push_back({"set by GPO '<script>alert(1)</script>' enforced at DC=contoso,DC=com", std::nullopt});
    finding.notes.push_back({"overrides 'Hyper-V Host Rights'", std::nullopt});
    data.findings.push_back(finding);
    return data;
}

}  // namespace

TEST_CASE("html_escape escapes the five HTML specials and nothing else") {
    CHECK(html_escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    CHECK(html_escape("plain text, ümlaut") == "plain text, ümlaut");
    CHECK(html_escape("") == "");
    CHECK(html_escape("&amp;") == "&amp;amp;");  // already-escaped input is escaped again: it is data
}

TEST_CASE("html_escape replaces control characters HTML cannot carry") {
    using namespace std::string_literals;
    CHECK(html_escape("a\0b"s) == "a\xEF\xBF\xBD" "b");
    CHECK(html_escape("a\x01\x7F") == "a\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(html_escape("tab\tline\r\n") == "tab\tline\r\n");
}

TEST_CASE("safe_href keeps paths and web links and drops script URLs") {
    CHECK(safe_href("/work/docs/rules/GPL101.md") == "/work/docs/rules/GPL101.md");
    CHECK(safe_href("docs/rules/GPL101.md") == "docs/rules/GPL101.md");
    CHECK(safe_href("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&amp;c=2");
    CHECK(safe_href("javascript:alert(1)").empty());
    CHECK(safe_href("JavaScript:alert(1)").empty());
    CHECK(safe_href("data:text/html,<script>").empty());
    CHECK(safe_href("").empty());
}

TEST_CASE("html report: a GPO named <script> shows as text, never as markup") {
    std::string html = render(hyperv_like());
    CHECK(html.find(kEvilName) == std::string::npos);
    CHECK(html.find(kEvilEscaped) != std::string::npos);
    CHECK(html.find("<VMs>") == std::string::npos);
    CHECK(html.find("&lt;VMs&gt;") != std::string::npos);
    CHECK(html.find("bad&quot;file&#39;.inf") != std::string::npos);
    // The page's only script element is its own, and the one javascript: help link is not a link.
    CHECK(count_of(html, "<script") == 1);
    CHECK(count_of(html, "</script>") == 1);
    CHECK(html.find("javascript:") == std::string::npos);
}

TEST_CASE("html report: self-contained, nothing fetched") {
    std::string html = render(hyperv_like());
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<style>") != std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("http://") == std::string::npos);
    // The only web addresses are links a reader may follow (rule documentation); nothing loads them.
    for (size_t at = html.find("https://"); at != std::string::npos; at = html.find("https://", at + 1))
        CHECK(html.compare(at - 9, 9, "<a href=\"") == 0);
    CHECK(html.find("@media print") != std::string::npos);
}

TEST_CASE("html report: the OU tree nests children and opens the path to findings") {
    std::string html = render(hyperv_like());
    size_t domain = html.find("<details class=\"som\" id=\"som-0\"");
    size_t servers = html.find("<details class=\"som\" id=\"som-1\"");
    size_t hyperv = html.find("<details class=\"som has-findings\" id=\"som-2\"");
    REQUIRE(domain != std::string::npos);
    REQUIRE(servers != std::string::npos);
    REQUIRE(hyperv != std::string::npos);
    CHECK(domain < servers);
    CHECK(servers < hyperv);
    // Nested, not siblings: no SOM closes between the domain's opening and OU=HyperV's.
    CHECK(html.substr(domain, hyperv - domain).find("</details>") == std::string::npos);
    // The SOM with a finding and every SOM above it start open.
    for (size_t at : {domain, servers, hyperv}) {
        std::string tag = html.substr(at, html.find('>', at) - at);
        CHECK(tag.find(" open data-open") != std::string::npos);
    }
    std::string hyperv_tag = html.substr(hyperv, html.find("</summary>", hyperv) - hyperv);
    CHECK(hyperv_tag.find("<span class=\"badge role\">hyperv</span>") != std::string::npos);
    CHECK(hyperv_tag.find("blocks inheritance") != std::string::npos);
    CHECK(hyperv_tag.find("<span class=\"badge error\">1 error</span>") != std::string::npos);
    CHECK(count_of(html, "<details class=\"som") == 3);
    CHECK(count_of(html, "</div></div></details>") == 3);
}

TEST_CASE("html report: processing order marks enforced and blocked GPOs with the reason") {
    std::string html = render(hyperv_like());
    size_t table = html.find("<table class=\"order\">");
    REQUIRE(table != std::string::npos);
    std::string order = html.substr(table, html.find("</table>", table) - table);
    size_t evil = order.find(kEvilEscaped);
    size_t blocked = order.find("<tr class=\"left-out\">");
    REQUIRE(evil != std::string::npos);
    REQUIRE(blocked != std::string::npos);
    CHECK(evil < blocked);
    CHECK(order.find("<span class=\"badge enforced\">enforced</span>") != std::string::npos);
    CHECK(order.find("<span class=\"badge blocked\">blocked</span>") > blocked);
    CHECK(order.find("blocked by inheritance at OU=HyperV,OU=Servers,DC=contoso,DC=com") != std::string::npos);
}

TEST_CASE("html report: findings carry their chain and link to their rule, GPO and OU") {
    std::string html = render(hyperv_like());
    // The finding appears under its SOM and under its GPO, each time with the chain.
    CHECK(count_of(html, "<ol class=\"chain\"") == 2);
    CHECK(count_of(html, "<li>set by GPO &#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39; enforced at DC=contoso,DC=com</li>") == 2);
    CHECK(html.find("<a href=\"#rule-GPL101\"><code>GPL101</code></a>") != std::string::npos);
    CHECK(html.find("id=\"rule-GPL101\"") != std::string::npos);
    CHECK(html.find("<a href=\"#gpo-0\">" + std::string(kEvilEscaped) + "</a>") != std::string::npos);
    CHECK(html.find("id=\"gpo-0\"") != std::string::npos);
    CHECK(html.find("<a href=\"#som-2\">OU=HyperV,OU=Servers,DC=contoso,DC=com</a>") != std::string::npos);
    // Rule documentation, escaped, with its doc link.
    CHECK(html.find("Hyper-V&#39;s &quot;Virtual Machines&quot; &lt;group&gt;") != std::string::npos);
    CHECK(html.find("Add *S-1-5-83-0 &amp; retry") != std::string::npos);
    // The documentation link is SARIF's helpUri, not a path of the machine that built the binary.
    CHECK(html.find("<a href=\"/docs/rules/GPL101.md\">") == std::string::npos);
    CHECK(html.find("<a href=\"" + sarif::absolute_help_uri("/docs/rules/GPL101.md", "GPL101") + "\">") != std::string::npos);
    CHECK(html.find("<a href=\"https://github.com/gpolint/gpolint/blob/main/docs/rules/GPL101.md\">") != std::string::npos);
}

TEST_CASE("html report: summary counts by severity and by rule") {
    ReportData data = hyperv_like();
    Diagnostic warning = data.findings[0];
    warning.severity = Severity::Warning;
    warning.som.reset();
    warning.gpo.reset();
    warning.rule_id = "GPL201";
    data.findings.push_back(warning);
    std::string html = render(data);
    CHECK(html.find("<div class=\"card error\"><div class=\"n\">1</div><div class=\"l\">errors</div></div>") != std::string::npos);
    CHECK(html.find("<div class=\"card warning\"><div class=\"n\">1</div><div class=\"l\">warnings</div></div>") != std::string::npos);
    CHECK(html.find("<div class=\"card note\"><div class=\"n\">0</div>") != std::string::npos);
    CHECK(html.find("<div class=\"n\">3</div><div class=\"l\">SOMs resolved</div>") != std::string::npos);
    // One row per rule: GPL101 1 error, GPL201 1 warning.
    CHECK(html.find("<td>VMs lose their logon right</td><td class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">0</td>") != std::string::npos);
    CHECK(html.find("<td>Quiet rule</td><td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">0</td>") != std::string::npos);
    // A finding with neither SOM nor GPO is listed apart.
    CHECK(html.find("<section id=\"other-findings\">") != std::string::npos);
    CHECK(html.find("<td class=\"num\"><span class=\"badge error\">2</span></td>") != std::string::npos);
}

TEST_CASE("html report: malformed trees are written whole, once, without recursion") {
    ReportData data;
    // A cycle (0 ↔ 1), a parent out of range, and a chain 10000 deep.
    data.soms_view.push_back({"OU=A", "ou", 1, {}, false, {}});
    data.soms_view.push_back({"OU=B", "ou", 0, {}, false, {}});
    data.soms_view.push_back({"OU=C", "ou", 99, {}, false, {}});
    const int depth = 10000;
    for (int i = 0; i < depth; ++i)
        data.soms_view.push_back({"OU=D" + std::to_string(i), "ou", i == 0 ? -1 : 2 + i, {}, false, {}});
    std::string html = render(data);
    size_t total = data.soms_view.size();
    CHECK(count_of(html, "<details class=\"som") == total);
    CHECK(count_of(html, "</div></div></details>") == total);
    CHECK(count_of(html, "id=\"som-0\"") == 1);
    CHECK(count_of(html, "id=\"som-1\"") == 1);
}

TEST_CASE("html report: no topology, no findings") {
    std::string html = render(ReportData{});
    CHECK(html.find("No topology in the input") != std::string::npos);
    CHECK(html.find("No findings.") != std::string::npos);
    CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("html report: finding cards carry the fix, filled for the finding or the rule's general wording") {
    ReportData data = hyperv_like();
    data.findings[0].fix = "Add *S-1-5-83-0 to SeServiceLogonRight in 'Server Hardening'";
    Diagnostic general = data.findings[0];
    general.fix.clear();
    general.message = "second finding";
    data.findings.push_back(general);
    std::string html = render(data);
    // Under its SOM and under its GPO.
    CHECK(count_of(html, "<div class=\"fix\"><span class=\"label\">Fix</span> Add *S-1-5-83-0 to SeServiceLogonRight in &#39;Server Hardening&#39;</div>") == 2);
    CHECK(count_of(html, "<div class=\"fix\"><span class=\"label\">Fix</span> Add *S-1-5-83-0 &amp; retry</div>") == 2);
}

TEST_CASE("html report: GPO cards with nothing but notes start collapsed") {
    ReportData data = hyperv_like();
    Diagnostic note = data.findings[0];
    note.severity = Severity::Note;
    note.som.reset();
    note.gpo = GpoRef{"{BBBB}", "Default Domain Policy"};
    data.findings.push_back(note);
    std::string html = render(data);
    size_t noisy = html.find("<details class=\"gpo\" id=\"gpo-0\"");
    size_t quiet = html.find("<details class=\"gpo quiet\" id=\"gpo-1\"");
    REQUIRE(noisy != std::string::npos);
    REQUIRE(quiet != std::string::npos);
    CHECK(html.substr(noisy, html.find('>', noisy) - noisy).find(" open") != std::string::npos);
    CHECK(html.substr(quiet, html.find('>', quiet) - quiet).find(" open") == std::string::npos);
    CHECK(html.substr(quiet, html.find("</summary>", quiet) - quiet).find("<span class=\"badge note\">1 note</span>") != std::string::npos);
}

TEST_CASE("html report: the search covers setting keys, values, finding text and severity") {
    ReportData data = hyperv_like();
    data.gpos_view[1].settings.emplace_back("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel", "5");
    std::string html = render(data);
    size_t card = html.find("id=\"gpo-1\"");
    REQUIRE(card != std::string::npos);
    std::string tag = html.substr(card, html.find('>', card) - card);
    CHECK(tag.find("lsa\\lmcompatibilitylevel=5") != std::string::npos);
    // The finding's row and its SOM match its severity and its message.
    size_t row = html.find("<tr data-search=\"error gpl101 ");
    REQUIRE(row != std::string::npos);
    CHECK(html.substr(row, html.find('>', row) - row).find("seservicelogonright lacks") != std::string::npos);
    size_t som = html.find("id=\"som-2\"");
    CHECK(html.substr(som, html.find('>', som) - som).find(" error gpl101 seservicelogonright lacks") != std::string::npos);
    // The script matches every word of the query, not the query as one substring.
    CHECK(html_assets::kScript.find("split(/\\s+/)") != std::string_view::npos);
}

TEST_CASE("html report: the toolbar is opaque, anchors land below it, words are not split") {
    std::string_view css = html_assets::kStyle;
    CHECK(css.find("break-all") == std::string_view::npos);
    CHECK(css.find("rgba(255,255,255,.96)") == std::string_view::npos);
    CHECK(css.find(".toolbar { position: sticky; top: 0; z-index: 2; background: #fff;") != std::string_view::npos);
    CHECK(css.find("scroll-margin-top") != std::string_view::npos);
}

TEST_CASE("html report: a summary with charts first, then the findings and GPO tables") {
    ReportData data = hyperv_like();
    data.gpos_view[0].enforced = true;
    data.gpos_view[1].filtered = true;
    std::string html = render(data);
    size_t summary = html.find("<section id=\"summary\">");
    size_t findings = html.find("<section id=\"findings\">");
    size_t gpo_table = html.find("<section id=\"gpo-table-section\">");
    size_t tree = html.find("<section id=\"tree\">");
    REQUIRE(summary != std::string::npos);
    CHECK(html.find("<section") == summary);
    CHECK(summary < findings);
    CHECK(findings < gpo_table);
    CHECK(gpo_table < tree);
    std::string overview = html.substr(summary, findings - summary);
    CHECK(count_of(overview, "<svg class=\"chart\"") == 4);  // severity, family, OUs, roles
    CHECK(overview.find("<title>errors: 1</title>") != std::string::npos);
    CHECK(overview.find("<title>Hyper-V: 1</title>") != std::string::npos);
    CHECK(overview.find("<title>hyperv: 1</title>") != std::string::npos);
    CHECK(overview.find("<title>OU=HyperV,OU=Servers,DC=contoso,DC=com: 1</title>") != std::string::npos);
    std::string table = html.substr(gpo_table, tree - gpo_table);
    CHECK(count_of(table, "<tr data-search=") == 2);
    CHECK(table.find("<td class=\"num\">1</td><td>yes</td><td>no</td><td class=\"num\">0</td><td class=\"num\">1</td>") != std::string::npos);
    CHECK(table.find("<td>no</td><td>yes</td>") != std::string::npos);
    CHECK(table.find("class=\"csv\" data-table=\"gpo-table\"") != std::string::npos);
    CHECK(html.substr(findings, gpo_table - findings).find("<td data-sort=\"2\"><span class=\"badge error\">error</span>") != std::string::npos);
}

TEST_CASE("html_breakable lets paths and keys wrap at their separators only") {
    CHECK(html_breakable("a/b\\c:d,e") == "a/<wbr>b\\<wbr>c:<wbr>d,<wbr>e");
    CHECK(html_breakable("Server Hardening") == "Server Hardening");
    CHECK(html_breakable("<x>/&") == "&lt;x&gt;/<wbr>&amp;");
    CHECK(html_breakable("") == "");
}
