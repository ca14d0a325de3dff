// The HTML audit report: one self-contained file (inline CSS and JS, nothing fetched) with a summary,
// the OU tree with each SOM's GPO processing order and findings, the GPOs, the rules' documentation and
// the inputs. It opens at a risk overview (counts, inline SVG charts) and the tables an admin sorts,
// filters and exports. Layout and contents: docs/html-report.md.
#include "report/html_reporter.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>
#include <unordered_map>

#include "report/formats.hpp"
#include "report/html_assets.hpp"
#include "report/sarif_reporter.hpp"

namespace gpolint::report {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\t': case '\n': case '\r': out += c; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += "\xEF\xBF\xBD";
                else out += c;
        }
    }
    return out;
}

std::string html_breakable(std::string_view text) {
    std::string out;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '/' && text[i] != '\\' && text[i] != ':' && text[i] != ',') continue;
        out += html_escape(text.substr(start, i + 1 - start)) + "<wbr>";
        start = i + 1;
    }
    return out + html_escape(text.substr(start));
}

std::string safe_href(std::string_view target) {
    auto starts_with = [&](std::string_view prefix) {
        if (target.size() < prefix.size()) return false;
        for (size_t i = 0; i < prefix.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(target[i])) != prefix[i]) return false;
        return true;
    };
    size_t colon = target.find(':');
    size_t slash = target.find('/');
    bool has_scheme = colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash);
    if (target.empty() || (has_scheme && !starts_with("http:") && !starts_with("https:") && !starts_with("file:")))
        return {};
    return html_escape(target);
}

void write_page_start(std::ostream& out, std::string_view title, std::string_view subtitle) {
    out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
           "<title>"
        << html_escape(title) << "</title>\n<style>" << html_assets::kStyle << "</style>\n</head>\n<body>\n"
        << "<header class=\"top\"><h1>" << html_escape(title) << "</h1><span class=\"sub\">" << html_escape(subtitle)
        << "</span></header>\n<main>\n"
        << "<div class=\"toolbar\"><input id=\"search\" type=\"search\" placeholder=\"Search rules, GPOs, OUs, "
           "settings, values, severities (all words)\" aria-label=\"Search rules, GPOs, OUs, settings, values and "
           "severities; every word must match\" autocomplete=\"off\">"
           "<button type=\"button\" id=\"expand-all\">Expand all</button>"
           "<button type=\"button\" id=\"collapse-all\">Collapse all</button>"
           "<span class=\"status\" id=\"search-status\" aria-live=\"polite\"></span></div>\n";
}

void write_page_end(std::ostream& out) {
    out << "</main>\n<script>" << html_assets::kScript << "</script>\n</body>\n</html>\n";
}

void open_sortable_table(std::ostream& out, std::string_view id, std::string_view caption,
                         const std::vector<std::pair<std::string, bool>>& columns) {
    std::string table = html_escape(id), what = html_escape(caption);
    out << "<div class=\"table-tools\"><input type=\"search\" class=\"table-filter\" data-table=\"" << table
        << "\" placeholder=\"Filter " << what << "\" aria-label=\"Filter " << what
        << "\" autocomplete=\"off\"><button type=\"button\" class=\"csv\" data-table=\"" << table
        << "\">Export CSV</button><span class=\"status\" data-count=\"" << table << "\"></span></div>"
        << "<div class=\"table-wrap\"><table class=\"sortable\" id=\"" << table << "\"><thead><tr>";
    for (const auto& [name, numeric] : columns)
        out << "<th" << (numeric ? " class=\"num\" data-type=\"num\"" : "") << " aria-sort=\"none\"><button type=\"button\">"
            << html_escape(name) << "</button></th>";
    out << "</tr></thead><tbody>\n";
}

void close_sortable_table(std::ostream& out) { out << "</tbody></table></div>\n"; }

std::string bar_chart(const std::string& title, const std::vector<Bar>& bars) {
    constexpr int kLabelWidth = 250, kBarWidth = 250, kRow = 22, kWidth = kLabelWidth + kBarWidth + 50;
    size_t max = 1;
    for (const auto& bar : bars) max = std::max(max, bar.value);
    int height = static_cast<int>(bars.size()) * kRow + 4;
    std::string out = "<figure class=\"chart\"><figcaption>" + html_escape(title) +
                      "</figcaption><svg class=\"chart\" role=\"img\" aria-label=\"" + html_escape(title) +
                      "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " + std::to_string(height) + "\" width=\"" +
                      std::to_string(kWidth) + "\" height=\"" + std::to_string(height) + "\">";
    for (size_t i = 0; i < bars.size(); ++i) {
        const Bar& bar = bars[i];
        int y = static_cast<int>(i) * kRow + 2;
        int width = static_cast<int>(bar.value * kBarWidth / max);
        // About 30 characters fit left of the bars; the whole label is the bar's tooltip.
        std::string label = bar.label.size() > 30 ? bar.label.substr(0, 29) + "\xE2\x80\xA6" : bar.label;
        out += "<g class=\"bar " + std::string(bar.css) + "\"><title>" + html_escape(bar.label) + ": " +
               std::to_string(bar.value) + "</title><text x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" +
               std::to_string(y + 15) + "\" text-anchor=\"end\">" + html_escape(label) + "</text><rect x=\"" +
               std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
               std::to_string(std::max(width, bar.value ? 2 : 0)) + "\" height=\"" + std::to_string(kRow - 6) +
               "\" rx=\"3\"></rect><text class=\"value\" x=\"" + std::to_string(kLabelWidth + width + 6) + "\" y=\"" +
               std::to_string(y + 15) + "\">" + std::to_string(bar.value) + "</text></g>";
    }
    return out + "</svg></figure>";
}

namespace {

constexpr const char* kSeverityNames[3] = {"note", "warning", "error"};

struct SeverityCounts {
    size_t by[3] = {0, 0, 0};
    void add(Severity s) { ++by[static_cast<int>(s)]; }
    size_t total() const { return by[0] + by[1] + by[2]; }
};

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// The first RDN of a DN ("OU=HyperV" of "OU=HyperV,OU=Servers,DC=…"), honouring "\," escapes.
std::string first_rdn(const std::string& dn) {
    for (size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '\\') ++i;
        else if (dn[i] == ',') return dn.substr(0, i);
    }
    return dn;
}

// Rule families by the hundreds digit of the ID, as policies/gplNxx-*.rules groups them.
std::string rule_family(const std::string& id) {
    static const char* const kFamilies[10] = {"Input and parsing", "Hyper-V", "NTLM and authentication",
                                              "Account policy", "User rights", "Protocols and signing",
                                              "Groups", "Hygiene and topology", "Other", "Other"};
    if (id.size() < 4 || !std::isdigit(static_cast<unsigned char>(id[3]))) return "Other";
    return kFamilies[id[3] - '0'];
}

// Findings indexed by the SOM and the GPO they are about, counted per severity and per rule.
struct FindingIndex {
    std::unordered_map<std::string, std::vector<size_t>> by_som;
    std::unordered_map<std::string, std::vector<size_t>> by_gpo;  // upper-case GUID
    std::vector<size_t> unattached;                               // neither SOM nor GPO: parse errors…
    SeverityCounts totals;
    std::map<std::string, SeverityCounts> by_rule;

    explicit FindingIndex(const std::vector<Diagnostic>& findings) {
        for (size_t i = 0; i < findings.size(); ++i) {
            const Diagnostic& d = findings[i];
            totals.add(d.severity);
            by_rule[d.rule_id].add(d.severity);
            if (d.som) by_som[*d.som].push_back(i);
            if (d.gpo && !d.gpo->guid.empty()) by_gpo[upper(d.gpo->guid)].push_back(i);
            if (!d.som && !(d.gpo && !d.gpo->guid.empty())) unattached.push_back(i);
        }
    }
    const std::vector<size_t>& of_som(const std::string& dn) const { return find(by_som, dn); }
    const std::vector<size_t>& of_gpo(const std::string& guid) const { return find(by_gpo, upper(guid)); }

private:
    static const std::vector<size_t>& find(const std::unordered_map<std::string, std::vector<size_t>>& map,
                                           const std::string& key) {
        static const std::vector<size_t> kNone;
        auto it = map.find(key);
        return it == map.end() ? kNone : it->second;
    }
};

class HtmlWriter {
public:
    HtmlWriter(std::ostream& out, const ReportData& data) : out_(out), data_(data), index_(data.findings) {
        for (size_t i = 0; i < data.gpos_view.size(); ++i)
            if (!data.gpos_view[i].guid.empty()) gpo_anchor_.emplace(upper(data.gpos_view[i].guid), i);
        for (size_t i = 0; i < data.soms_view.size(); ++i) som_anchor_.emplace(data.soms_view[i].dn, i);
        for (const auto& rule : data.rules) documented_rules_.emplace(rule.id, &rule);
    }

    void write() {
        const SeverityCounts& t = index_.totals;
        write_page_start(out_, "gpolint report",
                         std::to_string(t.by[2]) + " errors, " + std::to_string(t.by[1]) + " warnings, " +
                             std::to_string(t.by[0]) + " notes \xC2\xB7 " + std::to_string(data_.gpos) + " GPOs \xC2\xB7 " +
                             std::to_string(data_.soms) + " SOMs \xC2\xB7 " + std::to_string(data_.files_read) + " files read");
        write_summary();
        write_findings_table();
        write_gpo_table();
        write_tree();
        write_gpos();
        write_unattached();
        write_rules();
        write_inputs();
        out_ << "<footer>Generated by gpolint. Findings are sorted by file, line and rule; severities are final.</footer>\n";
        write_page_end(out_);
    }

private:
    std::ostream& out_;
    const ReportData& data_;
    FindingIndex index_;
    std::unordered_map<std::string, size_t> gpo_anchor_;  // upper-case GUID → index in gpos_view
    std::unordered_map<std::string, size_t> som_anchor_;  // DN → index in soms_view
    std::map<std::string, const RuleInfo*> documented_rules_;

    std::string e(std::string_view text) const { return html_escape(text); }

    void card(const char* css, size_t n, const char* label) {
        out_ << "<div class=\"card " << css << "\"><div class=\"n\">" << n << "</div><div class=\"l\">" << label
             << "</div></div>";
    }

    void write_summary() {
        const SeverityCounts& t = index_.totals;
        out_ << "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">";
        card("error", t.by[2], "errors");
        card("warning", t.by[1], "warnings");
        card("note", t.by[0], "notes");
        card("", data_.suppressed.size(), "suppressed");
        card("", data_.gpos, "GPOs read");
        card("", data_.soms, "SOMs resolved");
        card("", data_.files_read, "files read");
        out_ << "</div>\n";
        write_charts();
        out_ << "<h3>Findings by rule</h3>";
        if (index_.by_rule.empty()) {
            out_ << "<p class=\"empty\">No findings.</p>\n";
        } else {
            out_ << "<table><thead><tr><th>Rule</th><th>Title</th><th class=\"num\">Errors</th>"
                    "<th class=\"num\">Warnings</th><th class=\"num\">Notes</th></tr></thead><tbody>\n";
            for (const auto& [id, counts] : index_.by_rule) {
                auto rule = documented_rules_.find(id);
                std::string search = id + " " + (rule != documented_rules_.end() ? rule->second->slug + " " + rule->second->title : "");
                for (int s = 2; s >= 0; --s)
                    if (counts.by[s]) search += std::string(" ") + kSeverityNames[s];
                out_ << "<tr data-search=\"" << e(lower(search))
                     << "\"><td>" << rule_link(id) << "</td><td>"
                     << (rule != documented_rules_.end() ? e(rule->second->title) : std::string()) << "</td>";
                for (int s = 2; s >= 0; --s) out_ << "<td class=\"num\">" << counts.by[s] << "</td>";
                out_ << "</tr>\n";
            }
            out_ << "</tbody></table>\n";
        }
        out_ << "</section>\n";
    }

    // The risk overview: findings by severity and by rule family, the OUs with the most errors and
    // warnings, and the roles whose OUs carry findings.
    void write_charts() {
        if (data_.findings.empty()) return;
        out_ << "<div class=\"charts\">";
        const SeverityCounts& t = index_.totals;
        out_ << bar_chart("Findings by severity", {{"errors", t.by[2], "error"}, {"warnings", t.by[1], "warning"},
                                                   {"notes", t.by[0], "note"}});
        std::map<std::string, SeverityCounts> families;
        for (const auto& d : data_.findings) families[rule_family(d.rule_id)].add(d.severity);
        out_ << bar_chart("Findings by rule family", worst_first(families, 10));
        std::map<std::string, SeverityCounts> soms, roles;
        for (const auto& som : data_.soms_view) {
            SeverityCounts counts;
            for (size_t f : index_.of_som(som.dn)) counts.add(data_.findings[f].severity);
            if (counts.total() == 0) continue;
            soms[som.dn] = counts;
            for (const auto& role : som.roles)
                for (int s = 0; s < 3; ++s) roles[role].by[s] += counts.by[s];
        }
        if (!soms.empty()) out_ << bar_chart("OUs with the most errors and warnings", worst_first(soms, 8));
        if (!roles.empty()) out_ << bar_chart("Roles affected (findings on their OUs)", worst_first(roles, 8));
        out_ << "</div>\n";
    }

    // Bars for the `limit` entries with the most errors, then warnings, then notes; each bar's colour
    // is its worst severity.
    static std::vector<Bar> worst_first(const std::map<std::string, SeverityCounts>& counts, size_t limit) {
        std::vector<std::pair<std::string, SeverityCounts>> sorted(counts.begin(), counts.end());
        std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
            for (int s = 2; s >= 0; --s)
                if (a.second.by[s] != b.second.by[s]) return a.second.by[s] > b.second.by[s];
            return false;
        });
        std::vector<Bar> bars;
        for (size_t i = 0; i < sorted.size() && i < limit; ++i) {
            const SeverityCounts& c = sorted[i].second;
            int worst = c.by[2] ? 2 : c.by[1] ? 1 : 0;
            bars.push_back({sorted[i].first, worst == 0 ? c.by[0] : c.by[2] + c.by[1], kSeverityNames[worst]});
        }
        return bars;
    }

    void write_findings_table() {
        out_ << "<section id=\"findings\"><h2>Findings</h2>\n";
        if (data_.findings.empty()) {
            out_ << "<p class=\"empty\">No findings.</p></section>\n";
            return;
        }
        open_sortable_table(out_, "findings-table", "findings",
                   {{"Severity", false}, {"Rule", false}, {"Message", false}, {"GPO", false}, {"OU", false},
                    {"Setting", false}, {"Location", false}});
        for (const auto& d : data_.findings) {
            int severity = static_cast<int>(d.severity);
            out_ << "<tr data-search=\"" << e(finding_search_text(d)) << "\"><td data-sort=\"" << severity
                 << "\"><span class=\"badge " << kSeverityNames[severity] << "\">" << kSeverityNames[severity]
                 << "</span></td><td>" << rule_link(d.rule_id) << "</td><td>" << e(d.message) << "</td><td>"
                 << (d.gpo ? gpo_link(d.gpo->guid, d.gpo->name) : std::string()) << "</td><td>"
                 << (d.som ? som_link_short(*d.som) : std::string()) << "</td><td>"
                 << (d.setting ? "<code>" + html_breakable(*d.setting) + "</code>" : std::string()) << "</td><td class=\"mono\">"
                 << html_breakable(where(d.location)) << "</td></tr>\n";
        }
        close_sortable_table(out_);
        out_ << "</section>\n";
    }

    void write_gpo_table() {
        out_ << "<section id=\"gpo-table-section\"><h2>GPO table</h2>\n";
        if (data_.gpos_view.empty()) {
            out_ << "<p class=\"empty\">No GPO in the input.</p></section>\n";
            return;
        }
        open_sortable_table(out_, "gpo-table", "GPOs",
                   {{"GPO", false}, {"GUID", false}, {"Links", true}, {"Enforced", false}, {"Filtered", false},
                    {"Settings", true}, {"Errors", true}, {"Warnings", true}, {"Notes", true}});
        for (size_t i = 0; i < data_.gpos_view.size(); ++i) {
            const GpoView& gpo = data_.gpos_view[i];
            SeverityCounts counts = counts_of(gpo_findings(gpo));
            out_ << "<tr data-search=\"" << e(gpo_search_text(gpo)) << "\"><td>"
                 << gpo_link(gpo.guid, gpo.name.empty() ? "(unnamed GPO)" : gpo.name) << "</td><td><code>" << e(gpo.guid)
                 << "</code></td><td class=\"num\">" << gpo.links.size() << "</td><td>" << (gpo.enforced ? "yes" : "no")
                 << "</td><td>" << (gpo.filtered ? "yes" : "no") << "</td><td class=\"num\">" << gpo.settings.size() << "</td>";
            for (int s = 2; s >= 0; --s) out_ << "<td class=\"num\">" << counts.by[s] << "</td>";
            out_ << "</tr>\n";
        }
        close_sortable_table(out_);
        out_ << "</section>\n";
    }

    const std::vector<size_t>& gpo_findings(const GpoView& gpo) const {
        static const std::vector<size_t> kNone;
        return gpo.guid.empty() ? kNone : index_.of_gpo(gpo.guid);
    }

    SeverityCounts counts_of(const std::vector<size_t>& findings) const {
        SeverityCounts counts;
        for (size_t f : findings) counts.add(data_.findings[f].severity);
        return counts;
    }

    // What the search matches on a finding: severity, rule, message, setting, GPO, OU, file and notes.
    std::string finding_search_text(const Diagnostic& d) const {
        std::string text = std::string(kSeverityNames[static_cast<int>(d.severity)]) + " " + d.rule_id + " " + d.message;
        if (d.setting) text += " " + *d.setting;
        if (d.gpo) text += " " + d.gpo->name + " " + d.gpo->guid;
        if (d.som) text += " " + *d.som;
        text += " " + display_path(d.location.file.str(), data_.base_dir);
        for (const Note& note : d.notes) text += " " + note.message;
        return lower(text);
    }

    // A GPO matches on its name, GUID, links, the keys and values it sets and its findings.
    std::string gpo_search_text(const GpoView& gpo) const {
        std::string search = gpo.name + " " + gpo.guid;
        for (const auto& link : gpo.links) search += " " + link;
        for (const auto& [key, value] : gpo.settings) search += " " + key + "=" + value;
        for (size_t f : gpo_findings(gpo)) {
            const Diagnostic& d = data_.findings[f];
            search += std::string(" ") + kSeverityNames[static_cast<int>(d.severity)] + " " + d.rule_id + " " + d.message;
        }
        return lower(search);
    }

    std::string rule_link(const std::string& id) const {
        if (documented_rules_.count(id) == 0) return "<code>" + e(id) + "</code>";
        return "<a href=\"#rule-" + e(id) + "\"><code>" + e(id) + "</code></a>";
    }

    std::string som_link(const std::string& dn) const {
        auto it = som_anchor_.find(dn);
        if (it == som_anchor_.end()) return e(dn);
        return "<a href=\"#som-" + std::to_string(it->second) + "\">" + e(dn) + "</a>";
    }

    std::string gpo_link(const std::string& guid, const std::string& name) const {
        std::string shown = name.empty() ? guid : name;
        auto it = gpo_anchor_.find(upper(guid));
        if (it == gpo_anchor_.end()) return e(shown);
        return "<a href=\"#gpo-" + std::to_string(it->second) + "\">" + e(shown) + "</a>";
    }

    std::string where(const Location& location) const {
        if (location.file.empty()) return {};
        std::string text = display_path(location.file.str(), data_.base_dir);
        if (location.is_binary()) text += " (byte " + std::to_string(location.offset) + ")";
        else text += ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
        return text;
    }

    static std::string severity_badges(const SeverityCounts& counts) {
        std::string out;
        for (int s = 2; s >= 0; --s) {
            if (counts.by[s] == 0) continue;
            out += "<span class=\"badge " + std::string(kSeverityNames[s]) + "\">" + std::to_string(counts.by[s]) + " " +
                   kSeverityNames[s] + (counts.by[s] == 1 ? "" : "s") + "</span>";
        }
        return out;
    }

    void write_finding(const Diagnostic& d) {
        const char* severity = kSeverityNames[static_cast<int>(d.severity)];
        out_ << "<div class=\"finding " << severity << "\"><div class=\"head\"><span class=\"badge " << severity << "\">"
             << severity << "</span>" << rule_link(d.rule_id) << "<span class=\"msg\">" << e(d.message) << "</span></div>";
        std::string at = where(d.location);
        out_ << "<div class=\"where\">";
        if (!at.empty()) out_ << "<span class=\"mono\">" << e(at) << "</span>";
        if (d.gpo) out_ << " &middot; GPO " << gpo_link(d.gpo->guid, d.gpo->name);
        if (d.som) out_ << " &middot; " << som_link(*d.som);
        if (d.setting) out_ << " &middot; <code>" << e(*d.setting) << "</code>";
        out_ << "</div>";
        std::string fix = fix_text(d);
        if (!fix.empty()) out_ << "<div class=\"fix\"><span class=\"label\">Fix</span> " << e(fix) << "</div>";
        if (!d.notes.empty()) {
            out_ << "<ol class=\"chain\" aria-label=\"chain of GPOs\">";
            for (const Note& note : d.notes) {
                out_ << "<li>" << e(note.message);
                if (note.location && !note.location->file.empty())
                    out_ << "<span class=\"where mono\">" << e(where(*note.location)) << "</span>";
                out_ << "</li>";
            }
            out_ << "</ol>";
        }
        out_ << "</div>\n";
    }

    // The rule's fix with this finding's GPOs filled in, else the rule's general wording.
    std::string fix_text(const Diagnostic& d) const {
        if (!d.fix.empty()) return d.fix;
        auto rule = documented_rules_.find(d.rule_id);
        return rule == documented_rules_.end() ? std::string() : rule->second->fix;
    }

    static bool needs_attention(const Diagnostic& d) { return d.severity != Severity::Note; }

    void write_findings(const std::vector<size_t>& indexes, const char* none) {
        if (indexes.empty()) {
            out_ << "<p class=\"empty\">" << none << "</p>\n";
            return;
        }
        for (size_t i : indexes) write_finding(data_.findings[i]);
    }

    // --- The OU tree -------------------------------------------------------------------------------

    std::vector<std::vector<size_t>> children_of() const {
        std::vector<std::vector<size_t>> children(data_.soms_view.size());
        for (size_t i = 0; i < data_.soms_view.size(); ++i) {
            int parent = data_.soms_view[i].parent;
            if (parent >= 0 && static_cast<size_t>(parent) < children.size() && static_cast<size_t>(parent) != i)
                children[static_cast<size_t>(parent)].push_back(i);
        }
        return children;
    }

    // Whether each SOM or one below it has errors or warnings: those are open when the page loads (notes
    // alone keep a SOM closed, so a large forest's page stays short).
    std::vector<bool> open_at_load() const {
        std::vector<bool> open(data_.soms_view.size(), false);
        for (size_t i = 0; i < data_.soms_view.size(); ++i) {
            const auto& findings = index_.of_som(data_.soms_view[i].dn);
            if (std::none_of(findings.begin(), findings.end(), [&](size_t f) { return needs_attention(data_.findings[f]); }))
                continue;
            // Walk up through the parents, stopping at a SOM already marked (or a malformed cycle).
            for (size_t at = i, steps = 0; steps <= open.size(); ++steps) {
                open[at] = true;
                int parent = data_.soms_view[at].parent;
                if (parent < 0 || static_cast<size_t>(parent) >= open.size() || open[static_cast<size_t>(parent)]) break;
                at = static_cast<size_t>(parent);
            }
        }
        return open;
    }

    void write_tree() {
        out_ << "<section id=\"tree\"><h2>Organizational units</h2>\n";
        if (data_.soms_view.empty()) {
            out_ << "<p class=\"empty\">No topology in the input: give an LDIF export or a topology file to see the "
                    "effective policy of every OU.</p></section>\n";
            return;
        }
        auto children = children_of();
        auto open = open_at_load();
        std::vector<bool> written(data_.soms_view.size(), false);
        // Roots first, then anything a malformed parent chain left unreachable, each written once.
        for (size_t i = 0; i < data_.soms_view.size(); ++i) {
            int parent = data_.soms_view[i].parent;
            if (parent < 0 || static_cast<size_t>(parent) >= data_.soms_view.size()) write_subtree(i, children, open, written);
        }
        for (size_t i = 0; i < data_.soms_view.size(); ++i)
            if (!written[i]) write_subtree(i, children, open, written);
        out_ << "</section>\n";
    }

    // Iterative so that a very deep OU chain cannot exhaust the stack.
    void write_subtree(size_t root, const std::vector<std::vector<size_t>>& children, const std::vector<bool>& open,
                       std::vector<bool>& written) {
        struct Frame { size_t som; size_t next_child; };
        std::vector<Frame> stack;
        written[root] = true;
        open_som(root, open[root]);
        stack.push_back({root, 0});
        while (!stack.empty()) {
            Frame& top = stack.back();
            const auto& kids = children[top.som];
            while (top.next_child < kids.size() && written[kids[top.next_child]]) ++top.next_child;
            if (top.next_child < kids.size()) {
                size_t child = kids[top.next_child++];
                written[child] = true;
                open_som(child, open[child]);
                stack.push_back({child, 0});
            } else {
                out_ << "</div></div></details>\n";
                stack.pop_back();
            }
        }
    }

    std::string som_search_text(const SomView& som, const std::vector<size_t>& findings) const {
        std::string text = som.dn;
        for (const auto& role : som.roles) text += " " + role;
        for (const auto& entry : som.order) text += " " + entry.gpo_name + " " + entry.gpo_guid;
        for (size_t i : findings) text += " " + finding_search_text(data_.findings[i]);
        return lower(text);
    }

    // Writes the SOM's summary and body up to its children's container, left open for them.
    void open_som(size_t i, bool open) {
        const SomView& som = data_.soms_view[i];
        const auto& findings = index_.of_som(som.dn);
        SeverityCounts counts;
        for (size_t f : findings) counts.add(data_.findings[f].severity);
        out_ << "<details class=\"som" << (findings.empty() ? "" : " has-findings") << "\" id=\"som-" << i
             << "\" data-dn=\"" << e(som.dn) << "\" data-search=\"" << e(som_search_text(som, findings)) << "\""
             << (open ? " open data-open" : "") << ">\n<summary><span class=\"badge kind\">" << e(som.kind)
             << "</span><span class=\"name\">" << e(first_rdn(som.dn)) << "</span>";
        for (const auto& role : som.roles) out_ << "<span class=\"badge role\">" << e(role) << "</span>";
        if (som.block_inheritance) out_ << "<span class=\"badge blocks\">blocks inheritance</span>";
        out_ << severity_badges(counts) << "<span class=\"dn\">" << e(som.dn) << "</span></summary>\n";
        out_ << "<div class=\"som-body\">";
        write_order(som);
        if (!findings.empty()) {
            out_ << "<h3>Findings on the effective policy</h3>\n";
            write_findings(findings, "");
        }
        out_ << "<div class=\"children\">\n";
    }

    static std::string state_badges(const SomView::Entry& entry) {
        std::string out;
        if (entry.applied) out += "<span class=\"badge applied\">applied</span>";
        else if (entry.reason.rfind("blocked", 0) == 0) out += "<span class=\"badge blocked\">blocked</span>";
        else if (entry.reason.find("disabled") != std::string::npos) out += "<span class=\"badge disabled\">disabled</span>";
        else out += "<span class=\"badge skipped\">not applied</span>";
        if (entry.enforced) out += " <span class=\"badge enforced\">enforced</span>";
        if (entry.conditional) out += " <span class=\"badge conditional\">conditional</span>";
        return out;
    }

    void write_order(const SomView& som) {
        out_ << "<h3>GPO processing order</h3>";
        if (som.order.empty()) {
            out_ << "<p class=\"empty\">No GPO applies here.</p>\n";
            return;
        }
        out_ << "<table class=\"order\"><thead><tr><th class=\"num\">#</th><th>GPO</th><th>Linked at</th>"
                "<th class=\"num\">Link order</th><th>State</th><th>Reason</th></tr></thead><tbody>\n";
        for (size_t n = 0; n < som.order.size(); ++n) {
            const auto& entry = som.order[n];
            out_ << "<tr" << (entry.applied ? "" : " class=\"left-out\"") << "><td class=\"num\">" << n + 1
                 << "</td><td class=\"gpo-name\">" << gpo_link(entry.gpo_guid, entry.gpo_name) << "</td><td>"
                 << (entry.link_som.empty() ? std::string() : som_link_short(entry.link_som)) << "</td><td class=\"num\">";
            if (entry.link_order) out_ << entry.link_order;
            out_ << "</td><td>" << state_badges(entry) << "</td><td>" << e(entry.reason) << "</td></tr>\n";
        }
        out_ << "</tbody></table>\n";
    }

    std::string som_link_short(const std::string& dn) const {
        auto it = som_anchor_.find(dn);
        if (it == som_anchor_.end()) return e(first_rdn(dn));
        return "<a href=\"#som-" + std::to_string(it->second) + "\" title=\"" + e(dn) + "\">" + e(first_rdn(dn)) + "</a>";
    }

    // --- GPOs, leftovers, rules, inputs ---------------------------------------------------------------

    void write_gpos() {
        out_ << "<section id=\"gpos\"><h2>GPOs</h2>\n";
        if (data_.gpos_view.empty()) out_ << "<p class=\"empty\">No GPO in the input.</p>\n";
        for (size_t i = 0; i < data_.gpos_view.size(); ++i) {
            const GpoView& gpo = data_.gpos_view[i];
            const auto& findings = gpo_findings(gpo);
            SeverityCounts counts = counts_of(findings);
            // Cards with only notes (or nothing) start collapsed: on a large backup set they are most of the page.
            bool open = counts.by[2] + counts.by[1] > 0;
            out_ << "<details class=\"gpo" << (open ? "" : " quiet") << "\" id=\"gpo-" << i << "\" data-search=\""
                 << e(gpo_search_text(gpo)) << "\"" << (open ? " open" : "") << "><summary><span class=\"name\">"
                 << e(gpo.name.empty() ? "(unnamed GPO)" : gpo.name) << "</span><code class=\"meta\">" << e(gpo.guid)
                 << "</code>" << severity_badges(counts) << "</summary>\n<p class=\"meta\">Source: <span class=\"mono\">"
                 << e(display_path(gpo.source, data_.base_dir)) << "</span> &middot; " << gpo.settings.size()
                 << " settings" << (gpo.enforced ? " &middot; enforced" : "") << (gpo.filtered ? " &middot; filtered" : "")
                 << "</p>\n<h3>Links</h3>";
            if (gpo.links.empty()) {
                out_ << "<p class=\"empty\">Not linked anywhere in the topology.</p>\n";
            } else {
                out_ << "<ul>";
                for (const auto& link : gpo.links) out_ << "<li>" << som_link(link) << "</li>";
                out_ << "</ul>\n";
            }
            out_ << "<h3>Findings</h3>\n";
            write_findings(findings, "No findings.");
            out_ << "</details>\n";
        }
        out_ << "</section>\n";
    }

    void write_unattached() {
        if (index_.unattached.empty()) return;
        out_ << "<section id=\"other-findings\"><h2>Other findings</h2><p class=\"meta\">Findings about a file rather "
                "than a GPO or an OU (parse errors, loose templates).</p>\n";
        for (size_t i : index_.unattached) {
            const Diagnostic& d = data_.findings[i];
            out_ << "<div data-search=\"" << e(finding_search_text(d)) << "\">";
            write_finding(d);
            out_ << "</div>";
        }
        out_ << "</section>\n";
    }

    void write_rules() {
        // Only the rules behind this report's findings: the catalogue of every rule is `gpolint rules`, and
        // eighty closed rule cards are a page of scrolling between the findings and the inputs.
        out_ << "<section id=\"rules\"><h2>Rules</h2>\n";
        size_t silent = 0;
        for (const auto& rule : data_.rules) {
            auto counts = index_.by_rule.find(rule.id);
            bool fired = counts != index_.by_rule.end();
            if (!fired) {
                ++silent;
                continue;
            }
            out_ << "<details class=\"rule-doc\" id=\"rule-" << e(rule.id) << "\" data-search=\""
                 << e(lower(rule.id + " " + rule.slug + " " + rule.title + " " + kSeverityNames[static_cast<int>(rule.severity)]))
                 << "\"><summary><code>" << e(rule.id) << "</code><span class=\"name\">" << e(rule.title)
                 << "</span><span class=\"badge " << kSeverityNames[static_cast<int>(rule.severity)] << "\">"
                 << kSeverityNames[static_cast<int>(rule.severity)] << "</span>";
            if (fired) out_ << "<span class=\"meta\">" << counts->second.total() << " finding"
                            << (counts->second.total() == 1 ? "" : "s") << "</span>";
            out_ << "</summary><dl>";
            if (!rule.slug.empty()) out_ << "<dt>Name</dt><dd><code>" << e(rule.slug) << "</code></dd>";
            if (!rule.rationale.empty()) out_ << "<dt>Why it matters</dt><dd>" << e(rule.rationale) << "</dd>";
            if (!rule.fix.empty()) out_ << "<dt>Fix</dt><dd>" << e(rule.fix) << "</dd>";
            // The page a reader can open anywhere: the same URL as SARIF's helpUri, never a path of the
            // machine that built the binary.
            std::string href = safe_href(sarif::absolute_help_uri(rule.help_uri, rule.id));
            if (!href.empty()) out_ << "<dt>Documentation</dt><dd><a href=\"" << href << "\">" << e(rule.id) << ".md</a></dd>";
            out_ << "</dl></details>\n";
        }
        if (silent > 0)
            out_ << "<p class=\"meta\">" << silent << " other rule" << (silent == 1 ? "" : "s")
                 << " ran and found nothing; <code>gpolint rules</code> lists every rule.</p>\n";
        out_ << "</section>\n";
    }

    void write_inputs() {
        out_ << "<section id=\"inputs\"><h2>Inputs</h2>\n";
        if (data_.inputs_view.empty()) {
            out_ << "<p class=\"empty\">No input files.</p></section>\n";
            return;
        }
        size_t with_errors = 0;
        for (const auto& input : data_.inputs_view) with_errors += input.errors ? 1 : 0;
        out_ << "<p class=\"meta\">" << data_.inputs_view.size() << " files, " << with_errors
             << " with parse errors.</p><div class=\"table-wrap\"><table><thead><tr><th>File</th><th class=\"num\">Errors</th></tr></thead><tbody>\n";
        for (const auto& input : data_.inputs_view)
            out_ << "<tr><td class=\"mono\">" << e(display_path(input.path, data_.base_dir)) << "</td><td class=\"num\">"
                 << (input.errors ? "<span class=\"badge error\">" + std::to_string(input.errors) + "</span>" : "0")
                 << "</td></tr>\n";
        out_ << "</tbody></table></div></section>\n";
    }
};

class HtmlReporter final : public Reporter {
public:
    void write(std::ostream& out, const ReportData& data) const override { HtmlWriter(out, data).write(); }
};

}  // namespace

std::unique_ptr<Reporter> make_html_reporter(const ReportOptions&) { return std::make_unique<HtmlReporter>(); }

}  // namespace gpolint::report
