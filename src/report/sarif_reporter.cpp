#include "report/sarif_reporter.hpp"

#include <filesystem>
#include <ostream>
#include <system_error>
#include <unordered_map>

#include "findings/fingerprint.hpp"
#include "core/json_writer.hpp"

namespace gpolint::report {

namespace sarif {

std::string encode_path(std::string_view path) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(path.size());
    for (char c : path) {
        auto byte = static_cast<unsigned char>(c);
        bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
                          c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0xF]);
        }
    }
    return out;
}

std::string directory_uri(std::string_view directory) {
    namespace fs = std::filesystem;
    fs::path path{std::string(directory.empty() ? "." : directory)};
    std::error_code ignored;
    if (path.is_relative()) path = fs::absolute(path, ignored);
    std::string text = path.lexically_normal().generic_string();
    if (text.empty() || text.back() != '/') text.push_back('/');
    return "file://" + encode_path(text);
}

std::string absolute_help_uri(std::string_view help_uri, std::string_view rule_id) {
    if (help_uri.find("://") != std::string_view::npos) return std::string(help_uri);
    // A local page (an absolute path on this machine, as the HTML report links it) means nothing to a
    // code-scanning server: point at the same page in the published repository instead.
    bool local_path = help_uri.empty() || help_uri.front() == '/';
    std::string relative = local_path ? "docs/rules/" + std::string(rule_id) + ".md" : std::string(help_uri);
    return std::string(kDocsBaseUri) + encode_path(relative);
}

}  // namespace sarif

namespace {

constexpr std::string_view kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSourceRoot = "%SRCROOT%";

class SarifWriter {
public:
    SarifWriter(std::string& out, const ReportData& data) : json_(out), data_(data) {
        for (size_t i = 0; i < data.rules.size(); ++i) rule_index_.emplace(data.rules[i].id, i);
    }

    void write() {
        json_.begin_object();
        json_.member("$schema", kSchema).member("version", "2.1.0");
        json_.key("runs").begin_array().begin_object();
        write_tool();
        json_.key("originalUriBaseIds").begin_object();
        json_.key(kSourceRoot).begin_object().member("uri", sarif::directory_uri(data_.base_dir)).end_object();
        json_.end_object();
        json_.member("columnKind", "unicodeCodePoints");
        json_.key("results").begin_array();
        for (const auto& finding : data_.findings) write_result(finding, nullptr);
        static const SuppressionInfo kUnexplained;
        for (size_t i = 0; i < data_.suppressed.size(); ++i)
            write_result(data_.suppressed[i],
                         i < data_.suppression_info.size() ? &data_.suppression_info[i] : &kUnexplained);
        json_.end_array();
        json_.end_object().end_array();
        json_.end_object();
    }

private:
    void write_tool() {
        json_.key("tool").begin_object().key("driver").begin_object();
        json_.member("name", "gpolint").member("version", GPOLINT_VERSION).member("semanticVersion", GPOLINT_VERSION);
        json_.member("informationUri", kInformationUri);
        json_.key("rules").begin_array();
        for (const auto& rule : data_.rules) write_rule(rule);
        json_.end_array();
        json_.end_object().end_object();
    }

    void write_rule(const RuleInfo& rule) {
        json_.begin_object();
        json_.member("id", rule.id);
        if (!rule.slug.empty()) json_.member("name", rule.slug);
        if (!rule.title.empty()) json_.key("shortDescription").begin_object().member("text", rule.title).end_object();
        if (!rule.rationale.empty())
            json_.key("fullDescription").begin_object().member("text", rule.rationale).end_object();
        std::string help_uri = sarif::absolute_help_uri(rule.help_uri, rule.id);
        if (!rule.fix.empty()) {
            json_.key("help").begin_object();
            json_.member("text", rule.fix);
            json_.member("markdown", rule.fix + "\n\nSee [" + rule.id + "](" + help_uri + ").");
            json_.end_object();
        }
        json_.member("helpUri", help_uri);
        json_.key("defaultConfiguration").begin_object().member("level", level(rule.severity)).end_object();
        json_.end_object();
    }

    void write_result(const Diagnostic& d, const SuppressionInfo* suppression) {
        json_.begin_object();
        json_.member("ruleId", d.rule_id);
        if (auto it = rule_index_.find(d.rule_id); it != rule_index_.end()) json_.member("ruleIndex", it->second);
        json_.member("level", level(d.severity));
        json_.key("message").begin_object().member("text", d.message).end_object();
        json_.key("locations").begin_array();
        write_location(d.location, nullptr, 0);
        json_.end_array();
        if (!d.notes.empty()) {
            json_.key("relatedLocations").begin_array();
            for (size_t i = 0; i < d.notes.size(); ++i) {
                const auto& note = d.notes[i];
                write_location(note.location ? *note.location : Location{}, &note.message, i + 1);
            }
            json_.end_array();
        }
        json_.key("partialFingerprints").begin_object();
        json_.member(findings::kFingerprintKey, findings::fingerprint(d, data_.base_dir));
        json_.end_object();
        if (suppression) {
            json_.key("suppressions").begin_array().begin_object();
            json_.member("kind", suppression->in_source ? "inSource" : "external");
            if (!suppression->justification.empty()) json_.member("justification", suppression->justification);
            json_.end_object().end_array();
        }
        json_.end_object();
    }

    // A location with an optional message and id (related locations). A location without a file
    // (a note that explains without pointing anywhere) keeps only its message.
    void write_location(const Location& location, const std::string* message, size_t id) {
        json_.begin_object();
        if (id != 0) json_.member("id", static_cast<uint64_t>(id));
        if (!location.file.empty()) write_physical_location(location);
        if (message) json_.key("message").begin_object().member("text", *message).end_object();
        json_.end_object();
    }

    void write_physical_location(const Location& location) {
        json_.key("physicalLocation").begin_object();
        json_.key("artifactLocation").begin_object();
        if (auto below = findings::path_below(location.file.str(), data_.base_dir)) {
            json_.member("uri", sarif::encode_path(*below)).member("uriBaseId", kSourceRoot);
        } else {
            // Outside the base directory: an absolute file URI is the only honest way to name it.
            std::string parent = std::filesystem::path(location.file.str()).parent_path().string();
            std::string name = std::filesystem::path(location.file.str()).filename().string();
            json_.member("uri", sarif::directory_uri(parent) + sarif::encode_path(name));
        }
        json_.end_object();
        json_.key("region").begin_object();
        if (location.is_binary()) {
            json_.member("byteOffset", location.offset);
        } else {
            json_.member("startLine", location.line);
            if (location.column > 0) json_.member("startColumn", location.column);
        }
        json_.end_object();
        json_.end_object();
    }

    // SARIF's level names are gpolint's severity names.
    static const char* level(Severity severity) { return to_string(severity); }

    JsonWriter json_;
    const ReportData& data_;
    std::unordered_map<std::string, size_t> rule_index_;
};

class SarifReporter final : public Reporter {
public:
    void write(std::ostream& out, const ReportData& data) const override {
        std::string text;
        SarifWriter(text, data).write();
        out << text;
    }
};

}  // namespace

std::unique_ptr<Reporter> make_sarif_reporter(const ReportOptions&) { return std::make_unique<SarifReporter>(); }

}  // namespace gpolint::report
