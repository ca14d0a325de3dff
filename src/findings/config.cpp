#include "findings/config.hpp"

#include <cctype>
#include <filesystem>
#include <system_error>

#include "findings/line_file_parser.hpp"
#include "grammar/config.hpp"
#include "model/setting.hpp"

namespace gpolint::findings {

namespace pegtl = tao::pegtl;
namespace g = grammar::config;
namespace fs = std::filesystem;

std::optional<FailOn> parse_fail_on(std::string_view text) {
    if (model::iequals(text, "note")) return FailOn::Note;
    if (model::iequals(text, "warning")) return FailOn::Warning;
    if (model::iequals(text, "error")) return FailOn::Error;
    if (model::iequals(text, "never")) return FailOn::Never;
    return std::nullopt;
}

const char* to_string(FailOn fail_on) {
    switch (fail_on) {
        case FailOn::Note: return "note";
        case FailOn::Warning: return "warning";
        case FailOn::Error: return "error";
        case FailOn::Never: return "never";
    }
    return "never";
}

bool is_rule_pattern(std::string_view pattern) {
    if (pattern.size() < 4 || pattern.size() > 6 || !model::iequals(pattern.substr(0, 3), "GPL")) return false;
    std::string_view tail = pattern.substr(3);
    size_t digits = 0;
    while (digits < tail.size() && std::isdigit(static_cast<unsigned char>(tail[digits]))) ++digits;
    if (digits == 0) return false;
    for (size_t i = digits; i < tail.size(); ++i)
        if (tail[i] != 'x' && tail[i] != 'X') return false;
    return tail.size() == 3 || digits == tail.size();  // GPL1xx, GPL10x, GPL101, or a bare prefix GPL1
}

std::string rule_prefix(std::string_view pattern) {
    while (!pattern.empty() && (pattern.back() == 'x' || pattern.back() == 'X')) pattern.remove_suffix(1);
    std::string prefix(pattern);
    for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return prefix;
}

bool rule_matches(std::string_view pattern, std::string_view rule_id) {
    std::string prefix = rule_prefix(pattern);
    return rule_id.size() >= prefix.size() && model::iequals(rule_id.substr(0, prefix.size()), prefix);
}

namespace {

// The nearest folder at or above `start_dir` for which `holds(folder)` is true; returns what it found.
template <typename Holds>
std::optional<std::string> find_upward(std::string_view start_dir, Holds holds) {
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(std::string(start_dir.empty() ? "." : start_dir)), ec).lexically_normal();
    if (ec) return std::nullopt;
    while (true) {
        if (auto found = holds(dir)) return found;
        if (!dir.has_relative_path()) return std::nullopt;  // reached the root
        dir = dir.parent_path();
    }
}

}  // namespace

std::optional<std::string> find_config(std::string_view start_dir) {
    return find_upward(start_dir, [](const fs::path& dir) -> std::optional<std::string> {
        std::error_code ec;
        fs::path candidate = dir / std::string(kConfigFileName);
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
        return std::nullopt;
    });
}

std::optional<std::string> find_project_root(std::string_view start_dir) {
    return find_upward(start_dir, [](const fs::path& dir) -> std::optional<std::string> {
        std::error_code ec;
        if (fs::is_regular_file(dir / std::string(kConfigFileName), ec) || fs::exists(dir / ".git", ec))
            return dir.string();
        return std::nullopt;
    });
}

namespace {

struct Item {
    std::string text;
    size_t offset = 0;
};

struct ConfigConsumer {
    const SourceText& source;
    std::vector<Diagnostic>& diagnostics;
    Config config;
    std::string section;          // "" (top level), "severity", "roles", or an unknown one
    bool section_known = true;
    std::string key;
    size_t key_offset = 0;
    std::vector<Item> items;
    bool assignment_pending = false;  // applied once the whole line is known to be well-formed
    std::map<std::string, size_t> seen_keys;  // "section\nkey" -> line, to catch duplicates
    DiagnosticCap cap;

    void error(size_t offset, std::string message) {
        Diagnostic d;
        d.rule_id = "GPL001";
        d.severity = Severity::Error;
        d.message = std::move(message);
        d.location = source.location_of(offset);
        add_capped(diagnostics, cap, std::move(d));
    }
    void syntax_error(size_t offset, std::string_view message) { error(offset, std::string(message)); }

    std::string resolve_path(const std::string& value) const {
        fs::path path(value);
        if (path.is_absolute()) return path.lexically_normal().string();
        return (fs::path(source.path().str()).parent_path() / path).lexically_normal().string();
    }

    std::optional<std::string> single(const char* what) {
        if (items.size() == 1) return items[0].text;
        error(items.size() > 1 ? items[1].offset : key_offset, "'" + key + "' takes one " + what);
        return std::nullopt;
    }

    bool rule_list(std::vector<std::string>& out) {
        for (const auto& item : items) {
            if (!is_rule_pattern(item.text)) {
                error(item.offset, "'" + item.text + "' is not a rule ID (GPL101) or family (GPL1xx)");
                return false;
            }
        }
        for (const auto& item : items) out.push_back(rule_prefix(item.text));
        return true;
    }

    void top_level() {
        if (key == "select") rule_list(config.select);
        else if (key == "ignore") rule_list(config.ignore);
        else if (key == "enable") rule_list(config.enable);
        else if (key == "fail-on") {
            if (auto value = single("level: error, warning, note or never")) {
                if (auto level = parse_fail_on(*value)) config.fail_on = level;
                else error(items[0].offset, "fail-on must be error, warning, note or never, not '" + *value + "'");
            }
        }
        else if (key == "topology") add_paths(config.topology);
        else if (key == "paths") add_paths(config.paths);
        else if (key == "exclude") add_items(config.exclude);
        else if (key == "suppressions") set_path(config.suppressions);
        else if (key == "baseline") set_path(config.baseline);
        else if (key == "rules") set_path(config.rules);
        else error(key_offset, "unknown key '" + key +
                                   "' (known: select, ignore, enable, fail-on, paths, exclude, topology, suppressions, "
                                   "baseline, rules; "
                                   "sections [severity], [roles])");
    }

    void add_paths(std::vector<std::string>& field) {
        for (const auto& item : items) field.push_back(resolve_path(item.text));
    }

    void add_items(std::vector<std::string>& field) {
        for (const auto& item : items) field.push_back(item.text);
    }

    void set_path(std::optional<std::string>& field) {
        if (auto value = single("path (quote it if it has spaces or commas)")) field = resolve_path(*value);
    }

    void severity_entry() {
        if (!is_rule_pattern(key) || key.size() != 6 || !std::isdigit(static_cast<unsigned char>(key.back()))) {
            error(key_offset, "'" + key + "' is not a rule ID like GPL101");
            return;
        }
        auto value = single("severity: error, warning, note or off");
        if (!value) return;
        std::string id = key;
        for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (model::iequals(*value, "off")) config.ignore.push_back(id);
        else if (auto severity = parse_severity(model::fold_case(*value))) config.severity[id] = *severity;
        else error(items[0].offset, "severity must be error, warning, note or off, not '" + *value + "'");
    }

    void role_entry() {
        for (const auto& item : items) config.roles.emplace_back(key, model::fold_case(item.text));
    }

    void finish_assignment() {
        if (!section_known) return;  // its header was already reported
        std::string id = section + "\n" + (section == "roles" ? key : model::fold_case(key));
        uint32_t line = source.location_of(key_offset).line;
        if (auto [it, inserted] = seen_keys.emplace(id, line); !inserted) {
            error(key_offset, "'" + key + "' is already set on line " + std::to_string(it->second));
            return;
        }
        if (section.empty()) {
            key = model::fold_case(key);
            top_level();
        } else if (section == "severity") {
            severity_entry();
        } else {
            role_entry();
        }
    }
};

template <typename Rule>
struct config_action : pegtl::nothing<Rule> {};

template <>
struct config_action<g::section_name> {
    template <typename Input>
    static void apply(const Input& in, ConfigConsumer& c) {
        c.section = model::fold_case(in.string_view());
        c.section_known = c.section == "severity" || c.section == "roles";
        if (!c.section_known)
            c.error(in.position().byte, "unknown section [" + in.string() + "] (known: [severity], [roles])");
    }
};
template <>
struct config_action<g::key> {
    template <typename Input>
    static void apply(const Input& in, ConfigConsumer& c) {
        c.key = unquote(in.string_view());
        c.key_offset = in.position().byte;
        c.items.clear();
        c.assignment_pending = false;
    }
};
template <>
struct config_action<g::item> {
    template <typename Input>
    static void apply(const Input& in, ConfigConsumer& c) {
        c.items.push_back({unquote(in.string_view()), in.position().byte});
    }
};
template <>
struct config_action<g::assignment> {
    static void apply0(ConfigConsumer& c) { c.assignment_pending = true; }
};
template <>
struct config_action<g::content_end> {
    static void apply0(ConfigConsumer& c) {
        if (c.assignment_pending) c.finish_assignment();
        c.assignment_pending = false;
    }
};

struct ConfigMessages {
    template <typename Rule>
    static constexpr const char* message = nullptr;
};
template <> constexpr const char* ConfigMessages::message<g::line> =
    "expected 'key = value', a [section] header or a # comment";
template <> constexpr const char* ConfigMessages::message<g::content_end> = "unexpected text after the value";
template <> constexpr const char* ConfigMessages::message<g::equals> = "expected '=' after the key";
template <> constexpr const char* ConfigMessages::message<g::items> = "expected a value after '='";
template <> constexpr const char* ConfigMessages::message<g::item> = "expected a value after ','";
template <> constexpr const char* ConfigMessages::message<g::section_name> = "expected a section name after '['";
template <> constexpr const char* ConfigMessages::message<g::section_close> = "expected ']' to close the section name";
template <> constexpr const char* ConfigMessages::message<grammar::line_file::quoted_body> = "unterminated string";
template <> constexpr const char* ConfigMessages::message<grammar::line_file::closing_quote> =
    "unterminated string: missing closing \"";

}  // namespace

Config parse_config(const SourceText& source, std::vector<Diagnostic>& diagnostics) {
    ConfigConsumer consumer{source, diagnostics, {}, {}, true, {}, 0, {}, false, {}, {}};
    consumer.config.path = source.path().str();
    parse_line_file<g::file, config_action, ConfigMessages>(source.text(), source.path().str(), consumer);
    for (auto& summary : consumer.cap.take_summaries()) diagnostics.push_back(std::move(summary));
    return std::move(consumer.config);
}

}  // namespace gpolint::findings
