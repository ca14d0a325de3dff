#include "findings/suppressions.hpp"

#include <algorithm>
#include <cctype>

#include "findings/line_file_parser.hpp"
#include "grammar/suppressions.hpp"
#include "model/setting.hpp"
#include "model/topology.hpp"

namespace gpolint::findings {

namespace pegtl = tao::pegtl;
namespace g = grammar::suppressions;

namespace {

Diagnostic make_diagnostic(const char* rule, Severity severity, std::string message, Location location) {
    Diagnostic d;
    d.rule_id = rule;
    d.severity = severity;
    d.message = std::move(message);
    d.location = location;
    return d;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// "{6AC1786C-016F-11D2-945F-00C04FB984F9}" with or without braces, any case: the bare upper-case GUID.
std::optional<std::string> as_guid(std::string_view text) {
    if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
    if (text.size() != 36) return std::nullopt;
    for (size_t i = 0; i < text.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    }
    return upper(text);
}

bool gpo_matches(std::string_view wanted, const std::optional<GpoRef>& gpo) {
    if (!gpo) return false;
    if (auto guid = as_guid(wanted)) {
        auto actual = as_guid(gpo->guid);
        return actual && *actual == *guid;
    }
    return model::iequals(wanted, gpo->name);
}

// ---- suppression file ------------------------------------------------------------------------------

struct FileConsumer {
    const SourceText& source;
    std::vector<Diagnostic>& diagnostics;
    std::vector<Suppression> entries;
    Suppression current;
    DiagnosticCap cap;

    void syntax_error(size_t offset, std::string_view message) {
        add_capped(diagnostics, cap, make_diagnostic(kRuleSyntaxError, Severity::Error, std::string(message),
                                                     source.location_of(offset)));
    }

    // Each filter may be given once; a second one is an error at its value.
    void set_once(std::string& field, bool already_set, std::string_view name, size_t offset, std::string value) {
        if (already_set) {
            syntax_error(offset, std::string(name) + "= is given twice in one suppression");
            return;
        }
        field = std::move(value);
    }
    void set_once(std::optional<std::string>& field, std::string_view name, size_t offset, std::string value) {
        std::string text;
        set_once(text, field.has_value(), name, offset, std::move(value));
        if (!field) field = std::move(text);
    }

    void finish_entry() {
        if (current.gpo.empty()) {
            syntax_error(current.location.offset,
                         "a suppression needs gpo={GUID} or gpo=\"GPO name\" (rules alone would hide too much)");
            return;
        }
        if (current.reason.empty())
            add_capped(diagnostics, cap,
                       make_diagnostic(kRuleSuppressionWithoutReason, Severity::Error,
                                       "suppression without a reason: add reason \"why this is accepted\"",
                                       current.location));
        entries.push_back(std::move(current));
    }
};

template <typename Rule>
struct file_action : pegtl::nothing<Rule> {};

template <>
struct file_action<g::begin_entry> {
    template <typename Input>
    static void apply(const Input& in, FileConsumer& c) {
        c.current = Suppression{};
        c.current.location = c.source.location_of(in.position().byte);
    }
};
template <>
struct file_action<g::rule_id> {
    template <typename Input>
    static void apply(const Input& in, FileConsumer& c) { c.current.rules.push_back(upper(in.string_view())); }
};
template <>
struct file_action<g::gpo_value> {
    template <typename Input>
    static void apply(const Input& in, FileConsumer& c) {
        c.set_once(c.current.gpo, !c.current.gpo.empty(), "gpo", in.position().byte, unquote(in.string_view()));
    }
};
template <>
struct file_action<g::som_value> {
    template <typename Input>
    static void apply(const Input& in, FileConsumer& c) {
        c.set_once(c.current.som, "som", in.position().byte, unquote(in.string_view()));
    }
};
template <>
struct file_action<g::setting_value> {
    template <typename Input>
    static void apply(const Input& in, FileConsumer& c) {
        c.set_once(c.current.setting, "setting", in.position().byte, unquote(in.string_view()));
    }
};
template <>
struct file_action<g::reason_text> {
    template <typename Input>
    static void apply(const Input& in, FileConsumer& c) {
        c.set_once(c.current.reason, !c.current.reason.empty(), "reason", in.position().byte,
                   unquote(in.string_view()));
    }
};
template <>
struct file_action<g::entry_end> {
    template <typename Input>
    static void apply(const Input&, FileConsumer& c) { c.finish_entry(); }
};

struct FileMessages {
    template <typename Rule>
    static constexpr const char* message = nullptr;
};
template <> constexpr const char* FileMessages::message<g::line> =
    "expected a suppression: GPLnnn gpo={GUID}|\"name\" [som=DN] [setting=KEY] reason \"text\"";
template <> constexpr const char* FileMessages::message<g::entry_end> =
    "unexpected text: expected gpo=, som=, setting=, reason \"…\" or the end of the line";
template <> constexpr const char* FileMessages::message<g::rule_id> = "expected a rule ID like GPL101";
template <> constexpr const char* FileMessages::message<g::gpo_value> = "expected a GPO GUID or \"GPO name\" after gpo=";
template <> constexpr const char* FileMessages::message<g::som_value> = "expected a DN after som=";
template <> constexpr const char* FileMessages::message<g::setting_value> = "expected a setting key after setting=";
template <> constexpr const char* FileMessages::message<g::reason_text> = "expected a quoted reason: reason \"…\"";
template <> constexpr const char* FileMessages::message<grammar::line_file::quoted_body> = "unterminated string";
template <> constexpr const char* FileMessages::message<grammar::line_file::closing_quote> =
    "unterminated string: missing closing \"";

// ---- inline comments -------------------------------------------------------------------------------

struct InlineConsumer {
    const SourceText& source;
    std::vector<Diagnostic>& diagnostics;
    DiagnosticCap& cap;      // the file's, shared by its lines
    size_t line_offset = 0;  // byte offset of the scanned line in the file
    Suppression current;
    bool whole_file = false;
    bool complete = false;

    void syntax_error(size_t offset, std::string_view message) {
        add_capped(diagnostics, cap, make_diagnostic(kRuleSyntaxError, Severity::Error, std::string(message),
                                                     source.location_of(line_offset + offset)));
    }
};

template <typename Rule>
struct inline_action : pegtl::nothing<Rule> {};

template <>
struct inline_action<g::disable_file> {
    static void apply0(InlineConsumer& c) { c.whole_file = true; }
};
template <>
struct inline_action<g::rule_id> {
    template <typename Input>
    static void apply(const Input& in, InlineConsumer& c) { c.current.rules.push_back(upper(in.string_view())); }
};
template <>
struct inline_action<g::inline_reason> {
    template <typename Input>
    static void apply(const Input& in, InlineConsumer& c) {
        std::string_view text = in.string_view();
        auto first = text.find_first_not_of(" \t");
        auto last = text.find_last_not_of(" \t");
        c.current.reason = first == std::string_view::npos ? "" : std::string(text.substr(first, last - first + 1));
    }
};
template <>
struct inline_action<g::directive_end> {
    static void apply0(InlineConsumer& c) { c.complete = true; }
};

struct InlineMessages {
    template <typename Rule>
    static constexpr const char* message = nullptr;
};
template <> constexpr const char* InlineMessages::message<g::directive_scope> =
    "expected disable=GPLnnn or disable-file=GPLnnn after 'gpolint:'";
template <> constexpr const char* InlineMessages::message<g::rule_id> = "expected a rule ID like GPL101";
template <> constexpr const char* InlineMessages::message<g::directive_end> =
    "expected a blank, then the reason, after the rule IDs";

bool is_comment_or_blank(std::string_view line) {
    auto first = line.find_first_not_of(" \t");
    return first == std::string_view::npos || line[first] == ';';
}

bool mentions_gpolint(std::string_view line) {
    static constexpr std::string_view kWord = "gpolint";
    if (line.size() < kWord.size()) return false;
    for (size_t i = 0; i + kWord.size() <= line.size(); ++i)
        if (model::iequals(line.substr(i, kWord.size()), kWord)) return true;
    return false;
}

}  // namespace

bool Suppression::matches(const Diagnostic& d) const {
    if (reason.empty()) return false;
    if (std::find(rules.begin(), rules.end(), upper(d.rule_id)) == rules.end()) return false;
    if (in_source) return d.location.file == location.file && (line == 0 || d.location.line == line);
    if (!gpo_matches(gpo, d.gpo)) return false;
    if (som && (!d.som || model::normalize_dn(*som) != model::normalize_dn(*d.som))) return false;
    if (setting && (!d.setting || !model::iequals(*setting, *d.setting))) return false;
    return true;
}

std::vector<Suppression> parse_suppression_file(const SourceText& source, std::vector<Diagnostic>& diagnostics) {
    FileConsumer consumer{source, diagnostics, {}, {}, {}};
    parse_line_file<g::file, file_action, FileMessages>(source.text(), source.path().str(), consumer);
    for (auto& summary : consumer.cap.take_summaries()) diagnostics.push_back(std::move(summary));
    return std::move(consumer.entries);
}

std::vector<Suppression> scan_inline_suppressions(const SourceText& source, std::vector<Diagnostic>& diagnostics) {
    std::vector<Suppression> found;
    std::vector<size_t> waiting;  // directives that cover the next non-comment line
    DiagnosticCap cap;
    for (uint32_t number = 1; number <= source.line_count(); ++number) {
        std::string_view line = source.line(number);
        if (!is_comment_or_blank(line)) {
            for (size_t index : waiting) found[index].line = number;
            waiting.clear();
            continue;
        }
        if (!mentions_gpolint(line)) continue;
        InlineConsumer consumer{source, diagnostics, cap, static_cast<size_t>(line.data() - source.text().data()), {},
                                false, false};
        parse_line_file<g::inline_directive, inline_action, InlineMessages>(line, source.path().str(), consumer);
        if (!consumer.complete) continue;  // not a directive ("; see gpolint docs"), or already reported
        Suppression& s = consumer.current;
        s.in_source = true;
        s.location = source.location_of(consumer.line_offset + line.find(';'));
        s.line = consumer.whole_file ? 0 : number;  // until a following line is found, it covers nothing
        if (s.reason.empty())
            add_capped(diagnostics, cap,
                       make_diagnostic(kRuleSuppressionWithoutReason, Severity::Error,
                                       "gpolint: disable comment without a reason: write it after the rule IDs",
                                       s.location));
        if (!consumer.whole_file) waiting.push_back(found.size());
        found.push_back(std::move(s));
    }
    for (auto& summary : cap.take_summaries()) diagnostics.push_back(std::move(summary));
    return found;
}

SuppressionOutcome apply_suppressions(std::vector<Diagnostic> findings, const std::vector<Suppression>& suppressions,
                                      std::vector<Diagnostic>& diagnostics) {
    SuppressionOutcome outcome;
    if (suppressions.empty()) {
        outcome.kept = std::move(findings);
        return outcome;
    }
    outcome.kept.reserve(findings.size());
    std::vector<bool> used(suppressions.size(), false);
    for (auto& finding : findings) {
        auto it = std::find_if(suppressions.begin(), suppressions.end(),
                               [&](const Suppression& s) { return s.matches(finding); });
        if (it == suppressions.end()) {
            outcome.kept.push_back(std::move(finding));
            continue;
        }
        used[static_cast<size_t>(it - suppressions.begin())] = true;
        outcome.suppressed.push_back(std::move(finding));
        outcome.suppressed_by.push_back(&*it);
    }
    for (size_t i = 0; i < suppressions.size(); ++i) {
        const Suppression& s = suppressions[i];
        if (used[i] || s.reason.empty()) continue;
        std::string rules;
        for (const auto& rule : s.rules) rules += (rules.empty() ? "" : ",") + rule;
        diagnostics.push_back(make_diagnostic(kRuleUnusedSuppression, Severity::Note,
                                              "unused suppression of " + rules + ": it matches no finding; remove it",
                                              s.location));
    }
    return outcome;
}

}  // namespace gpolint::findings
