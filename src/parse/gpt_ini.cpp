#include "parse/gpt_ini.hpp"

#include <charconv>

#include <tao/pegtl.hpp>

#include "grammar/ini.hpp"
#include "model/setting.hpp"

namespace gpolint::parse {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::ini;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

struct State {
    const SourceText& source;
    Diagnostics& diagnostics;
    GptIni result;
    std::string section;
    std::string key;
};

template <typename Input>
size_t offset(const Input& in, const State& state) {
    return static_cast<size_t>(in.begin() - state.source.text().data());
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::section_name> {
    template <typename Input>
    static void apply(const Input& in, State& state) { state.section = model::fold_case(trim(in.string_view())); }
};

template <>
struct action<g::key> {
    template <typename Input>
    static void apply(const Input& in, State& state) { state.key = model::fold_case(trim(in.string_view())); }
};

template <>
struct action<g::value> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        if (state.section != "general") return;
        auto text = trim(in.string_view());
        if (state.key == "version") {
            uint32_t version = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
            if (error == std::errc() && end == text.data() + text.size()) state.result.version = version;
            else
                state.diagnostics.warning("GPL004", state.source.location_of(offset(in, state)),
                                          "GPT.INI Version '" + std::string(text) + "' is not a 32-bit number");
        } else if (state.key == "displayname") {
            state.result.display_name = std::string(text);
        }
    }
};

template <>
struct action<g::junk_line> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        state.diagnostics.warning("GPL001", state.source.location_of(offset(in, state)),
                                  "GPT.INI line is neither a [section] nor key=value: '" + in.string() + "'");
    }
};

}  // namespace

GptIni read_gpt_ini(const SourceText& source, Diagnostics& diagnostics) {
    State state{source, diagnostics, {}, {}, {}};
    pegtl::memory_input in(source.text(), source.path().str());
    if (!pegtl::parse<g::file, action>(in, state))
        diagnostics.error("GPL001", source.location_of(in.position().byte), "GPT.INI could not be read");
    return state.result;
}

}  // namespace gpolint::parse
