#include "parse/ldif_records.hpp"

#include <algorithm>
#include <array>

#include "grammar/ldif.hpp"
#include "model/setting.hpp"
#include "parse/topology_control.hpp"
#include "parse/topology_text.hpp"

namespace gpolint::parse {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::ldif;

struct LdifErrors {
    template <typename Rule>
    static constexpr const char* message = g::error_message<Rule>;
};

class LdifState {
public:
    LdifState(const SourceText& source, Diagnostics& diagnostics) : source_(source), diagnostics_(diagnostics) {}

    void syntax_error(const char* at, const char* message) {
        diagnostics_.error("GPL001", location(at), message);
    }
    void attribute_name(const char* at, std::string_view name) {
        pending_ = LdifAttribute{name, LdifEncoding::Plain, {}, offset(at)};
    }
    void attribute_value(LdifEncoding encoding, std::string_view raw) {
        pending_.encoding = encoding;
        pending_.raw = raw;
    }
    void attribute_done() {
        if (model::iequals(pending_.name, "dn")) return start_record();
        if (in_record_) {
            if (!skip_record_) current_.attributes.push_back(pending_);
            return;
        }
        if (!seen_record_ && model::iequals(pending_.name, "version")) return check_version();
        if (!reported_orphan_)
            diagnostics_.error("GPL001", location_at(pending_.line_offset),
                               "'" + excerpt(pending_.name) + "' is outside a record (no dn: line before it)");
        reported_orphan_ = true;
    }
    void blank_line() {
        end_record();
        reported_orphan_ = false;
    }
    std::vector<LdifRecord> finish() {
        end_record();
        return std::move(records_);
    }

private:
    size_t offset(const char* at) const { return static_cast<size_t>(at - source_.text().data()); }
    Location location(const char* at) const { return source_.location_of(offset(at)); }
    Location location_at(size_t at) const { return source_.location_of(at); }

    void start_record() {
        end_record();  // a dn: without a blank line before it still starts a new record
        seen_record_ = true;
        in_record_ = true;
        current_ = LdifRecord{};
        current_.offset = pending_.line_offset;
        auto dn = decode_ldif_value(pending_, source_, diagnostics_);
        // An unreadable DN makes the whole record unusable; an empty one is the root DSE.
        skip_record_ = !dn || trim(dn->text).empty();
        if (dn) current_.dn = std::string(trim(dn->text));
    }
    void end_record() {
        if (in_record_ && !skip_record_) records_.push_back(std::move(current_));
        in_record_ = false;
        skip_record_ = false;
    }
    void check_version() {
        auto value = decode_ldif_value(pending_, source_, diagnostics_);
        if (value && trim(value->text) != "1")
            diagnostics_.warning("GPL016", location_at(pending_.line_offset),
                                 "LDIF version '" + excerpt(value->text) + "' is not 1; reading it as version 1");
    }

    const SourceText& source_;
    Diagnostics& diagnostics_;
    LdifAttribute pending_;
    LdifRecord current_;  // valid while in_record_
    bool in_record_ = false;
    std::vector<LdifRecord> records_;
    bool skip_record_ = false;
    bool seen_record_ = false;
    bool reported_orphan_ = false;
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::attribute_name> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, LdifState& state) { state.attribute_name(in.begin(), in.string_view()); }
};
template <LdifEncoding E>
struct value_action {
    template <typename ActionInput>
    static void apply(const ActionInput& in, LdifState& state) { state.attribute_value(E, in.string_view()); }
};
template <>
struct action<g::plain_value> : value_action<LdifEncoding::Plain> {};
template <>
struct action<g::base64_value> : value_action<LdifEncoding::Base64> {};
template <>
struct action<g::url_value> : value_action<LdifEncoding::Url> {};
template <>
struct action<g::attribute_line> {
    static void apply0(LdifState& state) { state.attribute_done(); }
};
template <>
struct action<g::blank_line> {
    static void apply0(LdifState& state) { state.blank_line(); }
};

// Removes line continuations (line end + one space), remembering where each piece came from.
LdifValue unfold(std::string_view raw, size_t source_offset) {
    LdifValue value;
    value.text.reserve(raw.size());
    value.segments.push_back({0, source_offset});
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\r' && c != '\n') {
            value.text.push_back(c);
            continue;
        }
        if (c == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        ++i;  // the one space that marks the continuation
        value.segments.push_back({value.text.size(), source_offset + i + 1});
    }
    return value;
}

std::optional<std::string> decode_base64(std::string_view text) {
    static constexpr auto table = [] {
        std::array<int8_t, 256> t{};
        t.fill(-1);
        const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
        return t;
    }();
    std::string out;
    out.reserve(text.size() * 3 / 4);
    uint32_t bits = 0;
    int count = 0;
    size_t padding = 0;
    for (char c : text) {
        if (c == ' ' || c == '\t') continue;
        if (c == '=') {
            ++padding;
            continue;
        }
        int8_t v = table[static_cast<unsigned char>(c)];
        if (v < 0 || padding > 0) return std::nullopt;
        bits = (bits << 6) | static_cast<uint32_t>(v);
        if (++count == 4) {
            out.push_back(static_cast<char>(bits >> 16));
            out.push_back(static_cast<char>(bits >> 8));
            out.push_back(static_cast<char>(bits));
            bits = 0;
            count = 0;
        }
    }
    if (count == 1 || padding > 2) return std::nullopt;
    if (count == 2) out.push_back(static_cast<char>(bits >> 4));
    if (count == 3) {
        out.push_back(static_cast<char>(bits >> 10));
        out.push_back(static_cast<char>(bits >> 2));
    }
    return out;
}

}  // namespace

size_t LdifValue::source_offset(size_t value_offset) const {
    if (!exact_positions && !segments.empty()) return segments.front().source_offset;
    auto it = std::upper_bound(segments.begin(), segments.end(), value_offset,
                               [](size_t v, const Segment& s) { return v < s.value_offset; });
    if (it == segments.begin()) return segments.empty() ? 0 : segments.front().source_offset;
    --it;
    return it->source_offset + (value_offset - it->value_offset);
}

const LdifAttribute* LdifRecord::first(std::string_view name) const {
    for (const auto& attribute : attributes)
        if (model::iequals(attribute.name, name)) return &attribute;
    return nullptr;
}

std::vector<const LdifAttribute*> LdifRecord::all(std::string_view name) const {
    std::vector<const LdifAttribute*> found;
    for (const auto& attribute : attributes)
        if (model::iequals(attribute.name, name)) found.push_back(&attribute);
    return found;
}

std::vector<LdifRecord> read_ldif_records(const SourceText& source, Diagnostics& diagnostics) {
    LdifState state(source, diagnostics);
    const auto& text = source.text();
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), source.path().str());
    try {
        (void)pegtl::parse<g::file, action, report_and_skip_line<LdifErrors>::control>(in, state);
    } catch (const pegtl::parse_error&) {
        // Every must<> sits inside a try_catch<> per line; nothing should reach here, but never crash.
    }
    return state.finish();
}

std::optional<LdifValue> decode_ldif_value(const LdifAttribute& attribute, const SourceText& source,
                                           Diagnostics& diagnostics) {
    size_t value_offset = static_cast<size_t>(attribute.raw.data() - source.text().data());
    auto where = [&] { return source.location_of(value_offset); };
    auto name = excerpt(attribute.name);
    switch (attribute.encoding) {
        case LdifEncoding::Plain: return unfold(attribute.raw, value_offset);
        case LdifEncoding::Url:
            diagnostics.warning("GPL016", where(), "values read from a URL (" + name + ":< …) are not supported; ignored");
            return std::nullopt;
        case LdifEncoding::Base64: break;
    }
    auto decoded = decode_base64(unfold(attribute.raw, value_offset).text);
    if (!decoded) {
        diagnostics.error("GPL001", where(), "invalid base64 in the value of " + name + "; value ignored");
        return std::nullopt;
    }
    if (!is_valid_utf8(*decoded)) {
        diagnostics.error("GPL001", where(), "the base64 value of " + name + " is not UTF-8 text; value ignored");
        return std::nullopt;
    }
    LdifValue value;
    value.text = std::move(*decoded);
    value.segments.push_back({0, value_offset});
    value.exact_positions = false;
    return value;
}

}  // namespace gpolint::parse
