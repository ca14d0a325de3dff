// JSON output, version 1: {"version": 1, "findings": [...], "summary": {...}} (README).
#include <algorithm>
#include <ostream>
#include <unordered_map>

#include "core/json_writer.hpp"
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
        std::string text;
        JsonWriter json(text, JsonLayout::Inline);
        json.begin_object().member("version", 1).key("findings").begin_array(JsonLayout::Pretty);
        flush(out, text);
        write_findings(out, json, data, slugs);
        json.end_array();
        write_summary(json, data);
        json.end_object();
        flush(out, text);
    }

private:
    static void flush(std::ostream& out, std::string& text) {
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        text.clear();
    }

    // Pieces of findings are formatted on the thread pool and written in order as they complete.
    void write_findings(std::ostream& out, JsonWriter& json, const ReportData& data,
                        const std::unordered_map<std::string_view, std::string_view>& slugs) const {
        constexpr size_t kPiece = 2048;
        const size_t pieces = (data.findings.size() + kPiece - 1) / kPiece;
        OrderedMerge<std::string> writer(pieces, [&out](std::string text) { flush(out, text); });
        parallel_for(pieces, threads_, [&](size_t piece, unsigned) {
            std::string text;
            JsonWriter items = json.continuation(text, piece > 0);
            const size_t end = std::min(data.findings.size(), (piece + 1) * kPiece);
            for (size_t i = piece * kPiece; i < end; ++i) {
                const Diagnostic& d = data.findings[i];
                auto slug = slugs.find(d.rule_id);
                write_finding(items, d, slug == slugs.end() ? std::string_view() : slug->second, data.base_dir);
            }
            writer.submit(piece, std::move(text));
        });
        if (!data.findings.empty()) json.elements_written_elsewhere();
    }

    static void write_summary(JsonWriter& json, const ReportData& data) {
        size_t counts[3] = {0, 0, 0};
        for (const auto& d : data.findings) ++counts[static_cast<int>(d.severity)];
        json.key("summary").begin_object();
        json.member("errors", counts[2]).member("warnings", counts[1]).member("notes", counts[0]);
        json.member("suppressed", data.suppressed.size()).member("gpos", data.gpos).member("soms", data.soms);
        json.member("files", data.files_read).end_object();
    }

    static void file_or_null(JsonWriter& json, std::string_view name, const Location& location, const std::string& base_dir) {
        json.key(name);
        if (location.file.empty()) json.null();
        else json.value(display_path_view(location.file.str(), base_dir));
    }

    static void string_or_null(JsonWriter& json, std::string_view name, const std::optional<std::string>& text) {
        json.member_or_null(name, text ? &*text : nullptr);
    }

    static void write_finding(JsonWriter& json, const Diagnostic& d, std::string_view slug, const std::string& base_dir) {
        json.begin_object(JsonLayout::Inline);
        json.member("rule", d.rule_id).member("slug", slug).member("severity", to_string(d.severity));
        json.member("message", d.message);
        file_or_null(json, "file", d.location, base_dir);
        json.member("line", d.location.line).member("column", d.location.column);
        json.key("gpo");
        if (d.gpo) json.begin_object().member("guid", d.gpo->guid).member("name", d.gpo->name).end_object();
        else json.null();
        string_or_null(json, "som", d.som);
        string_or_null(json, "setting", d.setting);
        json.key("notes").begin_array();
        for (const Note& note : d.notes) {
            json.begin_object().member("message", note.message);
            if (note.location) file_or_null(json, "file", *note.location, base_dir);
            else json.key("file").null();
            json.key("line");
            if (note.location) json.value(note.location->line);
            else json.null();
            json.end_object();
        }
        json.end_array().end_object();
    }

    unsigned threads_;
};

}  // namespace

std::unique_ptr<Reporter> make_json_reporter(const ReportOptions& options) {
    return std::make_unique<JsonReporter>(options.threads);
}

}  // namespace gpolint::report
