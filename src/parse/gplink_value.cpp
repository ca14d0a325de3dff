#include "parse/gplink_value.hpp"

#include <charconv>

#include "grammar/gplink.hpp"

namespace gpolint::parse {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::gplink;

struct GplinkState {
    const char* begin = nullptr;
    GplinkValue result;
    uint32_t next_position = 0;

    size_t offset_of(const char* at) const { return static_cast<size_t>(at - begin); }
    void problem(const char* at, std::string message) { result.problems.push_back({offset_of(at), std::move(message)}); }
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::link> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, GplinkState& state) {
        auto text = in.string_view();
        // The grammar fixed the shape: "[LDAP://cn={GUID}…;digits]".
        constexpr size_t guid_at = std::char_traits<char>::length("[LDAP://cn=");
        constexpr size_t guid_length = 38;
        auto options_text = text.substr(text.rfind(';') + 1);
        options_text.remove_suffix(1);
        uint32_t options = 0;
        auto [end, error] = std::from_chars(options_text.data(), options_text.data() + options_text.size(), options);
        (void)end;
        uint32_t position = state.next_position++;
        if (error != std::errc()) {
            state.problem(in.begin(), "gPLink options '" + std::string(options_text) + "' out of range; link ignored");
            return;
        }
        state.result.links.push_back(
            {canonical_guid(text.substr(guid_at, guid_length)), options, position, state.offset_of(in.begin())});
    }
};

template <>
struct action<g::bad_link> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, GplinkState& state) {
        ++state.next_position;
        state.problem(in.begin(), "malformed gPLink element '" + in.string() +
                                      "' (expected [LDAP://cn={GUID},…;OPTIONS]); element ignored");
    }
};

template <>
struct action<g::stray_text> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, GplinkState& state) {
        state.problem(in.begin(), "text outside a [LDAP://…;OPTIONS] element in gPLink: '" + in.string() + "'");
    }
};

}  // namespace

GplinkValue parse_gplink(std::string_view value) {
    GplinkState state;
    state.begin = value.data();
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(value.data(), value.data() + value.size(), "gPLink");
    // The grammar accepts every input (bad parts become bad_link / stray_text), so this cannot fail.
    (void)pegtl::parse<g::value, action>(in, state);
    return std::move(state.result);
}

std::string canonical_guid(std::string_view guid) {
    std::string out(guid);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

}  // namespace gpolint::parse
