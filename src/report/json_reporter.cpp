// JSON output, version 1: {"version": 1, "findings": [...], "summary": {...}} (README).
#include <ostream>
#include <unordered_map>

#include "core/json_string.hpp"
#include "report/formats.hpp"

namespace gpolint::report {

namespace {

// A forest audit writes hundreds of megabytes: findings are formatted into one buffer that goes to the
// stream in large writes, not through an operator<< and a temporary string per field.
class JsonReporter final : public Reporter {
public:
    void write(std::ostream& out, const ReportData& data) const override {
        constexpr size_t kFlushAt = size_t{1} << 20;
        std::unordered_map<std::string_view, std::string_view> slugs;
        for (const auto& rule : data.rules) slugs.emplace(rule.id, rule.slug);
        size_t counts[3] = {0, 0, 0};
        std::string buffer;
        buffer.reserve(kFlushAt + (kFlushAt >> 2));
        buffer += "{\"version\": 1, \"findings\": [";
        for (size_t i = 0; i < data.findings.size(); ++i) {
            const Diagnostic& d = data.findings[i];
            ++counts[static_cast<int>(d.severity)];
            buffer += i ? ",\n  " : "\n  ";
            auto slug = slugs.find(d.rule_id);
            write_finding(buffer, d, slug == slugs.end() ? std::string_view() : slug->second, data.base_dir);
            if (buffer.size() >= kFlushAt) {
                out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
                buffer.clear();
            }
        }
        buffer += data.findings.empty() ? "]" : "\n]";
        buffer += ", \"summary\": {\"errors\": " + std::to_string(counts[2]) +
                  ", \"warnings\": " + std::to_string(counts[1]) + ", \"notes\": " + std::to_string(counts[0]) +
                  ", \"suppressed\": " + std::to_string(data.suppressed.size()) +
                  ", \"gpos\": " + std::to_string(data.gpos) + ", \"soms\": " + std::to_string(data.soms) +
                  ", \"files\": " + std::to_string(data.files_read) + "}}\n";
        out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    }

private:
    static void file_or_null(std::string& out, const Location& location, const std::string& base_dir) {
        if (location.file.empty()) out += "null";
        else append_json_string(out, display_path_view(location.file.str(), base_dir));
    }
    static void string_or_null(std::string& out, const std::optional<std::string>& text) {
        if (text) append_json_string(out, *text);
        else out += "null";
    }
    static void write_finding(std::string& out, const Diagnostic& d, std::string_view slug, const std::string& base_dir) {
        out += "{\"rule\": ";
        append_json_string(out, d.rule_id);
        out += ", \"slug\": ";
        append_json_string(out, slug);
        out += ", \"severity\": ";
        append_json_string(out, to_string(d.severity));
        out += ", \"message\": ";
        append_json_string(out, d.message);
        out += ", \"file\": ";
        file_or_null(out, d.location, base_dir);
        out += ", \"line\": ";
        out += std::to_string(d.location.line);
        out += ", \"column\": ";
        out += std::to_string(d.location.column);
        out += ", \"gpo\": ";
        if (d.gpo) {
            out += "{\"guid\": ";
            append_json_string(out, d.gpo->guid);
            out += ", \"name\": ";
            append_json_string(out, d.gpo->name);
            out += '}';
        } else {
            out += "null";
        }
        out += ", \"som\": ";
        string_or_null(out, d.som);
        out += ", \"setting\": ";
        string_or_null(out, d.setting);
        out += ", \"notes\": [";
        for (size_t i = 0; i < d.notes.size(); ++i) {
            const Note& note = d.notes[i];
            out += i ? ", {\"message\": " : "{\"message\": ";
            append_json_string(out, note.message);
            out += ", \"file\": ";
            if (note.location) file_or_null(out, *note.location, base_dir);
            else out += "null";
            out += ", \"line\": ";
            out += note.location ? std::to_string(note.location->line) : std::string("null");
            out += '}';
        }
        out += "]}";
    }
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(const ReportOptions&) { return std::make_unique<JsonReporter>(); }

}  // namespace gpolint::report
