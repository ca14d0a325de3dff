// JSON output, version 1: {"version": 1, "findings": [...], "summary": {...}} (README).
#include <ostream>

#include "report/formats.hpp"

namespace gpolint::report {

namespace {

class JsonReporter final : public Reporter {
public:
    void write(std::ostream& out, const ReportData& data) const override {
        size_t counts[3] = {0, 0, 0};
        out << "{\"version\": 1, \"findings\": [";
        for (size_t i = 0; i < data.findings.size(); ++i) {
            const Diagnostic& d = data.findings[i];
            ++counts[static_cast<int>(d.severity)];
            out << (i ? ",\n  " : "\n  ");
            write_finding(out, d, data);
        }
        out << (data.findings.empty() ? "]" : "\n]");
        out << ", \"summary\": {\"errors\": " << counts[2] << ", \"warnings\": " << counts[1]
            << ", \"notes\": " << counts[0] << ", \"suppressed\": " << data.suppressed.size()
            << ", \"gpos\": " << data.gpos << ", \"soms\": " << data.soms << ", \"files\": " << data.files_read
            << "}}\n";
    }

private:
    static std::string slug_of(const std::string& id, const ReportData& data) {
        for (const auto& rule : data.rules)
            if (rule.id == id) return rule.slug;
        return {};
    }
    static std::string file_or_null(const Location& location, const ReportData& data) {
        return location.file.empty() ? "null" : json_string(display_path(location.file.str(), data.base_dir));
    }
    static void write_finding(std::ostream& out, const Diagnostic& d, const ReportData& data) {
        out << "{\"rule\": " << json_string(d.rule_id) << ", \"slug\": " << json_string(slug_of(d.rule_id, data))
            << ", \"severity\": " << json_string(to_string(d.severity)) << ", \"message\": " << json_string(d.message)
            << ", \"file\": " << file_or_null(d.location, data) << ", \"line\": " << d.location.line
            << ", \"column\": " << d.location.column << ", \"gpo\": ";
        if (d.gpo) out << "{\"guid\": " << json_string(d.gpo->guid) << ", \"name\": " << json_string(d.gpo->name) << "}";
        else out << "null";
        out << ", \"som\": " << (d.som ? json_string(*d.som) : "null");
        out << ", \"setting\": " << (d.setting ? json_string(*d.setting) : "null");
        out << ", \"notes\": [";
        for (size_t i = 0; i < d.notes.size(); ++i) {
            const Note& note = d.notes[i];
            out << (i ? ", " : "") << "{\"message\": " << json_string(note.message) << ", \"file\": "
                << (note.location ? file_or_null(*note.location, data) : "null") << ", \"line\": ";
            if (note.location) out << note.location->line;
            else out << "null";
            out << "}";
        }
        out << "]}";
    }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(const ReportOptions&) { return std::make_unique<JsonReporter>(); }

}  // namespace gpolint::report
