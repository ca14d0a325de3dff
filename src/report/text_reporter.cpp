// Compiler-style text: `file:line:col: severity: message [ID]`, the source line with a caret and tildes
// under the setting, `note:` lines, and a one-line summary.
#include <algorithm>
#include <map>
#include <ostream>
#include <utility>

#include "core/printable.hpp"
#include "core/source.hpp"
#include "report/formats.hpp"

namespace gpolint::report {

namespace {

const char* colour_of(Severity severity) {
    switch (severity) {
        case Severity::Error: return "\x1b[1;31m";
        case Severity::Warning: return "\x1b[1;35m";
        case Severity::Note: return "\x1b[1;36m";
    }
    return "";
}

std::string plural(size_t count, const char* word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

// Decoded files, read once per report: the source lines shown under findings.
class SourceCache {
public:
    const SourceText* get(PathRef path) {
        auto it = files_.find(path.str());
        if (it != files_.end()) return it->second ? &*it->second : nullptr;
        std::string error;
        auto bytes = read_file_bytes(path.str(), error);
        auto& slot = files_[path.str()];
        if (bytes) slot = decode_text(path, *bytes);
        return slot ? &*slot : nullptr;
    }

private:
    std::map<std::string, std::optional<SourceText>> files_;
};

class TextReporter final : public Reporter {
public:
    explicit TextReporter(const ReportOptions& options) : options_(options) {}

    void write(std::ostream& out, const ReportData& data) const override {
        SourceCache sources;
        size_t counts[3] = {0, 0, 0};
        for (const auto& d : data.findings) {
            ++counts[static_cast<int>(d.severity)];
            out << where(d.location, data) << paint(d.severity, to_string(d.severity)) << ": " << bold(escape_controls(d.message)) << " ["
                << d.rule_id << "]\n";
            show_source(out, d.location, sources);
            for (const auto& note : d.notes)
                out << (note.location ? where(*note.location, data) : std::string()) << paint(Severity::Note, "note")
                    << ": " << escape_controls(note.message) << "\n";
        }
        if (!options_.summary) return;
        out << plural(counts[2], "error") << ", " << plural(counts[1], "warning") << ", " << plural(counts[0], "note");
        if (!data.suppressed.empty()) out << " (" << data.suppressed.size() << " suppressed)";
        out << " in " << plural(data.gpos, "GPO") << ", " << plural(data.soms, "SOM") << "\n";
    }

private:
    std::string paint(Severity severity, const std::string& text) const {
        return options_.color ? colour_of(severity) + text + "\x1b[0m" : text;
    }
    std::string bold(const std::string& text) const { return options_.color ? "\x1b[1m" + text + "\x1b[0m" : text; }

    static std::string where(const Location& location, const ReportData& data) {
        if (location.file.empty()) return "gpolint: ";
        std::string path = escape_controls(display_path(location.file.str(), data.base_dir));
        // A problem with the whole file (unreadable, not a regular file) has no place in it: "file: error: …".
        if (location.is_binary() && location.offset == 0 && location.column == 0) return path + ": ";
        if (location.is_binary()) return path + ":offset " + std::to_string(location.offset) + ": ";
        return path + ":" + std::to_string(location.line) + ":" + std::to_string(location.column) + ": ";
    }

    // "   12 | SeServiceLogonRight = …" then "      | ^~~~~~~~~~~~~~~~~~" under the key. A long line (a
    // one-line XML file runs to thousands of characters) is shown as a window around the column, cut
    // with "..." at either end, as compilers do.
    static void show_source(std::ostream& out, const Location& location, SourceCache& sources) {
        if (location.file.empty() || location.is_binary()) return;
        const SourceText* source = sources.get(location.file);
        if (!source || location.line > source->line_count()) return;
        std::string_view line = source->line(location.line);
        // A caret under a line of megabytes helps no one, and repeating it per finding would not end.
        constexpr size_t kLongestShown = 4096;
        if (line.size() > kLongestShown) return;
        std::string number = std::to_string(location.line);
        std::string gutter(number.size() < 5 ? 5 - number.size() : 0, ' ');
        // Walk to the column in code points.
        size_t caret = 0;
        for (uint32_t column = 1; column < location.column && caret < line.size(); ++column) caret = next_code_point(line, caret);
        auto [begin, end] = shown_window(line, caret);
        std::string_view left = begin > 0 ? "..." : "", right = end < line.size() ? "..." : "";
        out << gutter << number << " | " << left << escape_controls(line.substr(begin, end - begin)) << right << "\n"
            << std::string(gutter.size() + number.size(), ' ') << " | " << std::string(left.size(), ' ');
        // Tabs, and the width of escaped characters, are kept so the caret lines up.
        for (size_t byte = begin; byte < caret && byte < end;) {
            size_t next = next_code_point(line, byte);
            std::string_view character = line.substr(byte, next - byte);
            if (character == "\t") out << '\t';
            else out << std::string(needs_escaping(character) ? escape_controls(character).size() : 1, ' ');
            byte = next;
        }
        out << '^';
        for (size_t at = caret < line.size() ? next_code_point(line, caret) : end; at < end;
             at = next_code_point(line, at)) {
            if (line[at] == ' ' || line[at] == '\t' || line[at] == '=' || line[at] == ',') break;
            out << '~';
        }
        out << "\n";
    }

    static size_t next_code_point(std::string_view line, size_t byte) {
        ++byte;
        while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) ++byte;
        return byte;
    }

    // Byte range [begin, end) of `line` to show: all of it when short, else kShown code points
    // starting kBefore code points before the caret.
    static std::pair<size_t, size_t> shown_window(std::string_view line, size_t caret) {
        constexpr size_t kShown = 100, kBefore = 40;
        size_t code_points = 0;
        for (size_t byte = 0; byte < line.size() && code_points <= kShown; byte = next_code_point(line, byte)) ++code_points;
        if (code_points <= kShown) return {0, line.size()};
        size_t begin = std::min(caret, line.size());
        for (size_t i = 0; i < kBefore && begin > 0; ++i) {
            --begin;
            while (begin > 0 && (static_cast<unsigned char>(line[begin]) & 0xC0) == 0x80) --begin;
        }
        size_t end = begin;
        for (size_t i = 0; i < kShown && end < line.size(); ++i) end = next_code_point(line, end);
        return {begin, end};
    }

    ReportOptions options_;
};

}  // namespace

std::unique_ptr<Reporter> make_text_reporter(const ReportOptions& options) {
    return std::make_unique<TextReporter>(options);
}

}  // namespace gpolint::report
