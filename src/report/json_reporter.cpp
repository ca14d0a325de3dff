// JSON output, version 1: {"version": 1, "findings": [...], "summary": {...}} (README).
#include <algorithm>
#include <ostream>
#include <unordered_map>

#include "core/json_string.hpp"
#include "core/parallel.hpp"
#include "report/formats.hpp"

namespace gpolint::report {

namespace {

// A forest audit writes hundreds of megabytes: findings are formatted straight into large buffers, on
// several threads, and each buffer goes to the stream in one write.
class JsonReporter final : public Reporter {
public:
    explicit JsonReporter(unsigned threads) : threads_(threads) {}

    void write(std::ostream& out, const ReportData& data) const override {
        std::unordered_map<std::string_view, std::string_view> slugs;
        for (const auto& rule : data.rules) slugs.emplace(rule.id, rule.slug);
        size_t counts[3] = {0, 0, 0};
        for (const auto& d : data.findings) ++counts[static_cast<int>(d.severity)];
        out << "{\"version\": 1, \"findings\": [";
        // Pieces of findings are formatted on the thread pool and written in order as they complete.
        constexpr size_t kPiece = 2048;
        const size_t pieces = (data.findings.size() + kPiece - 1) / kPiece;
        OrderedMerge<std::string> writer(pieces, [&out](std::string text) {
            out.write(text.data(), static_cast<std::streamsize>(text.size()));
        });
        parallel_for(pieces, threads_, [&](size_t piece, unsigned) {
            std::string text;
            const size_t end = std::min(data.findings.size(), (piece + 1) * kPiece);
            for (size_t i = piece * kPiece; i < end; ++i) {
                const Diagnostic& d = data.findings[i];
                text += i ? ",\n  " : "\n  ";
                auto slug = slugs.find(d.rule_id);
                write_finding(text, d, slug == slugs.end() ? std::string_view() : slug->second, data.base_dir);
            }
            writer.submit(piece, std::move(text));
        });
        out << (data.findings.empty() ? "]" : "\n]");
        out << ", \"summary\": {\"errors\": " << counts[2] << ", \"warnings\": " << counts[1]
            << ", \"notes\": " << counts[0] << ", \"suppressed\": " << data.suppressed.size()
            << ", \"gpos\": " << data.gpos << ", \"soms\": " << data.soms << ", \"files\": " << data.files_read
            << "}}\n";
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

    unsigned threads_;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(const ReportOptions& options) {
    return std::make_unique<JsonReporter>(options.threads);
}

}  // namespace gpolint::report
