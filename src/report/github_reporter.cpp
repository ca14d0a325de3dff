#include "report/github_reporter.hpp"

#include <ostream>

#include "core/printable.hpp"
#include "findings/fingerprint.hpp"

namespace gpolint::report {

namespace github {

namespace {
std::string escape(std::string_view text, bool property) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '%': out += "%25"; break;
            case '\r': out += "%0D"; break;
            case '\n': out += "%0A"; break;
            case ':': out += property ? "%3A" : ":"; break;
            case ',': out += property ? "%2C" : ","; break;
            default: out.push_back(c);
        }
    }
    return out;
}
}  // namespace

std::string escape_data(std::string_view text) { return escape(text, false); }
std::string escape_property(std::string_view text) { return escape(text, true); }

}  // namespace github

namespace {

const char* command_for(Severity severity) {
    switch (severity) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Note: return "notice";
    }
    return "error";
}

class GithubReporter final : public Reporter {
public:
    void write(std::ostream& out, const ReportData& data) const override {
        size_t counts[3] = {0, 0, 0};
        for (const auto& d : data.findings) {
            ++counts[static_cast<int>(d.severity)];
            out << "::" << command_for(d.severity) << properties(d, data) << "::" << github::escape_data(text_of(d, data.base_dir))
                << '\n';
        }
        out << "gpolint: " << counts[2] << " error(s), " << counts[1] << " warning(s), " << counts[0]
            << " note(s), " << data.suppressed.size() << " suppressed\n";
    }

private:
    static std::string properties(const Diagnostic& d, const ReportData& data) {
        std::string props;
        auto add = [&](std::string_view name, std::string_view value) {
            props += props.empty() ? " " : ",";
            props += name;
            props += '=';
            props += github::escape_property(escape_controls(value));
        };
        const Location& at = d.location;
        if (!at.file.empty()) {
            add("file", findings::display_path(at.file.str(), data.base_dir));
            if (!at.is_binary()) {
                add("line", std::to_string(at.line));
                if (at.column > 0) add("col", std::to_string(at.column));
            }
        }
        std::string title = d.rule_id;
        for (const auto& rule : data.rules)
            if (rule.id == d.rule_id && !rule.slug.empty()) title += " " + rule.slug;
        add("title", title);
        return props;
    }

    // The annotation body: the message, then each note on its own line (GitHub keeps line breaks),
    // with its place when it has one, the way the text reporter prints them.
    static std::string text_of(const Diagnostic& d, std::string_view base_dir) {
        // Input text is escaped piece by piece: the line breaks between notes are gpolint's own.
        std::string text = escape_controls(d.message);
        if (d.location.is_binary() && !d.location.file.empty())
            text += " (byte offset " + std::to_string(d.location.offset) + ")";
        for (const auto& note : d.notes) {
            text += "\nnote: ";
            if (note.location && !note.location->file.empty()) {
                text += escape_controls(findings::display_path(note.location->file.str(), base_dir));
                if (!note.location->is_binary()) text += ":" + std::to_string(note.location->line);
                text += ": ";
            }
            text += escape_controls(note.message);
        }
        return text;
    }
};

}  // namespace

std::unique_ptr<Reporter> make_github_reporter(const ReportOptions&) { return std::make_unique<GithubReporter>(); }

}  // namespace gpolint::report
