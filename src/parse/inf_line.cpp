#include "parse/inf_line.hpp"

#include "grammar/inf.hpp"
#include "grammar/inf_errors.hpp"

namespace gpolint::parse::inf {

namespace pegtl = tao::pegtl;
namespace g = grammar::inf;

namespace {

// The state the actions fill: spans are absolute offsets into the decoded text.
struct Capture {
    const char* text_begin;
    LineParts& parts;

    template <typename ActionInput>
    model::TextSpan span(const ActionInput& in) const {
        return {static_cast<size_t>(in.begin() - text_begin), in.size()};
    }
    // Quoted when it both starts and ends with '"' (a bare registry name or raw key may start with one).
    template <typename ActionInput>
    Field field(const ActionInput& in) const {
        return {span(in), in.size() >= 2 && *in.begin() == '"' && *(in.end() - 1) == '"'};
    }
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::section_name> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Capture& c) {
        c.parts.kind = LineParts::Kind::Header;
        c.parts.section_name = c.span(in);
    }
};

struct key_action {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Capture& c) {
        c.parts.kind = LineParts::Kind::Entry;
        c.parts.key = c.field(in);
    }
};
template <> struct action<g::key> : key_action {};
template <> struct action<g::registry_name> : key_action {};
template <> struct action<g::object_name> : key_action {};
template <> struct action<g::raw_key> : key_action {};

template <>
struct action<g::item> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Capture& c) {
        c.parts.items.push_back(c.field(in));
    }
};

// The SDDL of an object line is its value and its only item.
template <>
struct action<g::sddl> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Capture& c) {
        c.parts.value = c.span(in);
        c.parts.items.push_back(c.field(in));
    }
};

// Stores the span of the matched text in one optional span member of LineParts.
template <std::optional<model::TextSpan> LineParts::*Member>
struct store_span {
    template <typename ActionInput>
    static void apply(const ActionInput& in, Capture& c) {
        c.parts.*Member = c.span(in);
    }
};
template <> struct action<g::value_list> : store_span<&LineParts::value> {};
template <> struct action<g::raw_value> : store_span<&LineParts::value> {};
template <> struct action<g::type_code> : store_span<&LineParts::type_code> {};
template <> struct action<g::mode> : store_span<&LineParts::mode> {};
template <> struct action<g::comment> : store_span<&LineParts::comment> {};

template <typename Line>
bool parse_with(std::string_view text, size_t line_offset, size_t line_length, LineParts& parts, LineError& error) {
    // A const char* source: no allocation per line.
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
        text.data() + line_offset, line_length, "");
    Capture capture{text.data(), parts};
    try {
        if (pegtl::parse<Line, action, g::error_control::control>(in, capture)) return true;
        error = {line_offset, "malformed line"};
    } catch (const pegtl::parse_error& e) {
        size_t at = e.positions().empty() ? 0 : e.positions().front().byte;
        error = {line_offset + at, std::string(e.message())};
    }
    return false;
}

}  // namespace

LineShape line_shape_of(model::SectionKind kind) {
    using model::SectionKind;
    switch (kind) {
        case SectionKind::RegistryValues: return LineShape::RegistryValue;
        case SectionKind::ServiceGeneralSetting:
        case SectionKind::RegistryKeys:
        case SectionKind::FileSecurity: return LineShape::Object;
        case SectionKind::Unknown:
        case SectionKind::ProfileDescription: return LineShape::Raw;
        default: return LineShape::KeyValue;
    }
}

bool parse_line(std::string_view text, size_t line_offset, size_t line_length, LineShape shape, LineParts& parts,
                LineError& error) {
    parts = LineParts{};
    switch (shape) {
        case LineShape::KeyValue: return parse_with<g::key_value_line>(text, line_offset, line_length, parts, error);
        case LineShape::RegistryValue:
            return parse_with<g::registry_value_line>(text, line_offset, line_length, parts, error);
        case LineShape::Object: return parse_with<g::object_line>(text, line_offset, line_length, parts, error);
        case LineShape::Raw: return parse_with<g::raw_line>(text, line_offset, line_length, parts, error);
    }
    return false;
}

std::string_view text_of(std::string_view text, model::TextSpan span) { return text.substr(span.offset, span.length); }

std::string_view unquoted(std::string_view text, const Field& field) {
    auto s = text_of(text, field.span);
    if (field.quoted && s.size() >= 2) return s.substr(1, s.size() - 2);
    return s;
}

std::string field_text(std::string_view text, const Field& field) {
    std::string_view s = unquoted(text, field);
    // An unquoted field holds a '"' only as part of a '","' (grammar/inf.hpp quoted_comma).
    if (field.quoted || s.find('"') == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\",\"") == 0) {
            out += ',';
            i += 2;
            continue;
        }
        out += s[i];
    }
    return out;
}

}  // namespace gpolint::parse::inf
