#include "report/compare_report.hpp"

#include <cstdlib>
#include <ostream>

#include "core/printable.hpp"
#include "report/html_reporter.hpp"
#include "core/json_writer.hpp"

namespace gpolint::report {

using compare::Row;
using compare::Status;

namespace {

constexpr Status kStatuses[] = {Status::Missing, Status::Different, Status::Extra};

bool is_number(std::string_view text) {
    if (text.empty()) return false;
    std::string copy(text);
    char* end = nullptr;
    std::strtod(copy.c_str(), &end);
    return end && *end == '\0';
}

std::string side_text(const compare::SideValue& value) {
    if (!value.present) return "(not set)";
    return value.shown + (value.conflict ? "" : " (" + value.gpos + ")");
}

std::string summary_line(const compare::Comparison& comparison) {
    return std::to_string(comparison.count(Status::Missing)) + " missing, " +
           std::to_string(comparison.count(Status::Different)) + " different, " +
           std::to_string(comparison.count(Status::Extra)) + " extra; " +
           std::to_string(comparison.compared_settings) + " settings compared" +
           (comparison.compared_soms ? ", " + std::to_string(comparison.compared_soms) + " OUs" : std::string());
}

void json_side(JsonWriter& json, std::string_view name, const compare::SideValue& value) {
    json.key(name);
    if (!value.present) {
        json.null();
        return;
    }
    json.begin_object().member("value", value.shown).member("gpos", value.gpos).member("conflict", value.conflict).end_object();
}

}  // namespace

std::string csv_field(std::string_view text) {
    std::string value = escape_controls(text);
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@') && !is_number(value))
        value.insert(value.begin(), '\'');
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

void write_comparison_text(std::ostream& out, const compare::Comparison& comparison, const CompareLabels& labels) {
    out << "left (reference): " << escape_controls(labels.left) << "\nright:            " << escape_controls(labels.right) << "\n";
    std::string scope;
    for (const Row& row : comparison.rows) {
        if (row.scope != scope) {
            scope = row.scope;
            out << "\n" << (scope == "GPO set" ? std::string("GPO set") : "effective policy of " + escape_controls(scope)) << ":\n";
        }
        out << "  " << compare::to_string(row.status) << ": " << escape_controls(row.name) << " [" << escape_controls(row.key) << "]\n";
        if (row.status != Status::Extra) out << "    left:  " << escape_controls(side_text(row.left)) << "\n";
        if (row.status != Status::Missing) out << "    right: " << escape_controls(side_text(row.right)) << "\n";
    }
    out << "\n" << summary_line(comparison) << "\n";
}

void write_comparison_json(std::ostream& out, const compare::Comparison& comparison, const CompareLabels& labels) {
    std::string text;
    JsonWriter json(text);
    json.begin_object().member("left", labels.left).member("right", labels.right);
    json.key("counts").begin_object();
    for (Status status : kStatuses) json.member(compare::to_string(status), static_cast<uint64_t>(comparison.count(status)));
    json.member("settings_compared", static_cast<uint64_t>(comparison.compared_settings));
    json.member("ous_compared", static_cast<uint64_t>(comparison.compared_soms));
    json.end_object();
    json.key("differences").begin_array();
    for (const Row& row : comparison.rows) {
        json.begin_object().member("scope", row.scope).member("key", row.key).member("name", row.name);
        json.member("status", compare::to_string(row.status));
        json_side(json, "left", row.left);
        json_side(json, "right", row.right);
        json.end_object();
    }
    json.end_array().end_object();
    out << text;
}

void write_comparison_csv(std::ostream& out, const compare::Comparison& comparison) {
    out << "scope,status,setting,key,left,left_gpos,right,right_gpos\r\n";
    for (const Row& row : comparison.rows)
        out << csv_field(row.scope) << ',' << compare::to_string(row.status) << ',' << csv_field(row.name) << ','
            << csv_field(row.key) << ',' << csv_field(row.left.present ? row.left.shown : "") << ','
            << csv_field(row.left.gpos) << ',' << csv_field(row.right.present ? row.right.shown : "") << ','
            << csv_field(row.right.gpos) << "\r\n";
}

void write_comparison_html(std::ostream& out, const compare::Comparison& comparison, const CompareLabels& labels) {
    write_page_start(out, "gpolint compare", labels.left + " \xE2\x86\x92 " + labels.right);
    out << "<section id=\"summary\"><h2>Summary</h2><p class=\"meta\">Left (reference): <span class=\"mono\">"
        << html_escape(labels.left) << "</span> &middot; right: <span class=\"mono\">" << html_escape(labels.right)
        << "</span></p><div class=\"cards\">";
    for (Status status : kStatuses)
        out << "<div class=\"card " << compare::to_string(status) << "\"><div class=\"n\">" << comparison.count(status)
            << "</div><div class=\"l\">" << compare::to_string(status) << "</div></div>";
    out << "<div class=\"card\"><div class=\"n\">" << comparison.compared_settings
        << "</div><div class=\"l\">settings compared</div></div></div>\n<div class=\"charts\">"
        << bar_chart("Differences", {{"missing", comparison.count(Status::Missing), "missing"},
                                     {"different", comparison.count(Status::Different), "different"},
                                     {"extra", comparison.count(Status::Extra), "extra"}})
        << "</div></section>\n<section id=\"differences\"><h2>Differences</h2>\n";
    open_sortable_table(out, "compare-table", "differences",
                        {{"Status", false}, {"Setting", false}, {"Scope", false}, {"Left", false}, {"Right", false}, {"Key", false}});
    for (const Row& row : comparison.rows) {
        std::string status = compare::to_string(row.status);
        std::string search = status + " " + row.name + " " + row.key + " " + row.scope + " " + row.left.shown + " " +
                             row.left.gpos + " " + row.right.shown + " " + row.right.gpos;
        for (char& c : search) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out << "<tr data-search=\"" << html_escape(search) << "\"><td><span class=\"badge " << status << "\">" << status
            << "</span></td><td>" << html_escape(row.name) << "</td><td>" << html_escape(row.scope) << "</td><td>"
            << html_escape(row.left.present ? side_text(row.left) : "") << "</td><td>"
            << html_escape(row.right.present ? side_text(row.right) : "") << "</td><td><code>" << html_breakable(row.key)
            << "</code></td></tr>\n";
    }
    close_sortable_table(out);
    out << "</section>\n";
    write_page_end(out);
}

void write_matrix_csv(std::ostream& out, const compare::Matrix& matrix) {
    out << "setting,key,conflict";
    for (const auto& gpo : matrix.gpos) out << ',' << csv_field(gpo);
    out << "\r\n";
    for (const auto& line : matrix.lines) {
        out << csv_field(line.name) << ',' << csv_field(line.key) << ',' << (line.conflict ? "yes" : "no");
        for (const auto& value : line.values) out << ',' << csv_field(value);
        out << "\r\n";
    }
}

void write_matrix_html(std::ostream& out, const compare::Matrix& matrix, const std::string& label) {
    size_t conflicts = 0;
    for (const auto& line : matrix.lines) conflicts += line.conflict ? 1 : 0;
    write_page_start(out, "gpolint settings matrix", label);
    out << "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\"><div class=\"card\"><div class=\"n\">"
        << matrix.lines.size() << "</div><div class=\"l\">settings</div></div><div class=\"card\"><div class=\"n\">"
        << matrix.gpos.size() << "</div><div class=\"l\">GPOs</div></div><div class=\"card different\"><div class=\"n\">"
        << conflicts << "</div><div class=\"l\">conflicts</div></div></div>\n<div class=\"charts\">"
        << bar_chart("Settings", {{"set by one GPO or agreeing", matrix.lines.size() - conflicts, ""},
                                  {"conflicting", conflicts, "different"}})
        << "</div></section>\n<section id=\"matrix\"><h2>Settings matrix</h2>\n";
    std::vector<std::pair<std::string, bool>> columns = {{"Setting", false}, {"Conflict", false}};
    for (const auto& gpo : matrix.gpos) columns.emplace_back(gpo, false);
    open_sortable_table(out, "matrix-table", "settings", columns);
    for (const auto& line : matrix.lines) {
        std::string search = line.name + " " + line.key + (line.conflict ? " conflict" : "");
        for (const auto& value : line.values) search += " " + value;
        for (char& c : search) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out << "<tr data-search=\"" << html_escape(search) << "\"" << (line.conflict ? " class=\"conflict\"" : "")
            << "><td title=\"" << html_escape(line.key) << "\">" << html_escape(line.name) << "</td><td>"
            << (line.conflict ? "<span class=\"badge different\">conflict</span>" : "") << "</td>";
        for (const auto& value : line.values) out << "<td>" << html_escape(value) << "</td>";
        out << "</tr>\n";
    }
    close_sortable_table(out);
    out << "</section>\n";
    write_page_end(out);
}

}  // namespace gpolint::report
