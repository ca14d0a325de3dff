#include "parse/scripts_ini.hpp"

#include <array>
#include <optional>
#include <string>

#include <tao/pegtl.hpp>

#include "grammar/ini.hpp"
#include "grammar/scripts_ini.hpp"
#include "parse/command_line.hpp"

namespace gpolint::parse {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::ini;
namespace gs = grammar::scripts_ini;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// The sections the Scripts extension runs, spelled as GPMC writes them (keys keep this spelling).
constexpr std::array<std::string_view, 4> kScriptSections = {"Startup", "Shutdown", "Logon", "Logoff"};
constexpr std::string_view kConfigSection = "ScriptsConfig";  // psscripts.ini: PowerShell before or after

struct ScriptKey {
    std::string number;
    std::string field;  // "CmdLine" or "Parameters"
};

template <typename Rule>
struct key_action : pegtl::nothing<Rule> {};

template <>
struct key_action<gs::script_number> {
    template <typename Input>
    static void apply(const Input& in, ScriptKey& key) { key.number = in.string(); }
};

template <>
struct key_action<gs::script_field> {
    template <typename Input>
    static void apply(const Input& in, ScriptKey& key) {
        key.field = model::iequals(in.string_view(), "CmdLine") ? "CmdLine" : "Parameters";
    }
};

std::optional<ScriptKey> parse_script_key(std::string_view text) {
    ScriptKey key;
    pegtl::memory_input in(text.data(), text.size(), "");
    if (!pegtl::parse<gs::script_key, key_action>(in, key)) return std::nullopt;
    return key;
}

struct State {
    const SourceText& source;
    Diagnostics& diagnostics;
    std::string_view kind;  // "script" or "psscript"
    bool user_side;
    std::vector<model::Setting> settings;
    std::string section;    // canonical spelling, empty when unknown
    std::string key;
    size_t key_offset = 0;
};

template <typename Input>
size_t offset(const Input& in, const State& state) {
    return static_cast<size_t>(in.begin() - state.source.text().data());
}

std::string canonical_section(std::string_view name, bool powershell) {
    for (auto known : kScriptSections)
        if (model::iequals(name, known)) return std::string(known);
    if (powershell && model::iequals(name, kConfigSection)) return std::string(kConfigSection);
    return {};
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::section_name> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        auto name = trim(in.string_view());
        state.section = canonical_section(name, state.kind == "psscript");
        if (state.section.empty())
            state.diagnostics.note("GPL002", state.source.location_of(offset(in, state)),
                                   "section [" + std::string(name) + "] is not one the Scripts extension runs; its keys are ignored");
    }
};

template <>
struct action<g::key> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        state.key = std::string(trim(in.string_view()));
        state.key_offset = offset(in, state);
    }
};

void report_command_line(State& state, const ScriptKey& key, std::string_view value, const Location& where) {
    // Never the value itself: reports end up in CI logs.
    if (auto marker = password_marker(" " + std::string(value)); !marker.empty())
        state.diagnostics.error("GPL607", where,
                                "the " + state.section + " script " + key.number + "'s " + key.field + " contain '" +
                                    std::string(trim(marker)) +
                                    "', which looks like a password: scripts.ini is clear text in SYSVOL, readable by "
                                    "any domain user");
    if (key.field == "CmdLine" && runs_code_from_outside_sysvol(value))
        state.diagnostics.warning("GPL608", where,
                                  "the " + state.section + " script '" + std::string(value) +
                                      "' is outside the domain's SYSVOL and NETLOGON shares: whoever can write there "
                                      "runs code on every computer the GPO applies to");
}

template <>
struct action<g::value> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        if (state.section.empty()) return;
        auto where = state.source.location_of(state.key_offset);
        auto text = trim(in.string_view());
        std::string key_text;
        if (state.section == kConfigSection) {
            key_text = std::string(state.kind) + ":" + state.section + "\\" + state.key;
        } else if (auto key = parse_script_key(state.key)) {
            key_text = std::string(state.kind) + ":" + state.section + "\\" + key->number + "\\" + key->field;
            report_command_line(state, *key, text, where);
        } else {
            state.diagnostics.note("GPL002", where,
                                   "key '" + state.key + "' in [" + state.section +
                                       "] is neither <n>CmdLine nor <n>Parameters; the Scripts extension ignores it");
            return;
        }
        model::Setting setting;
        setting.key = model::SettingKey(std::move(key_text));
        setting.value.kind = model::ValueKind::String;
        setting.value.text = std::string(text);
        setting.source = model::SourceKind::Scripts;
        setting.location = where;
        setting.length = static_cast<uint32_t>(offset(in, state) + in.size() - state.key_offset);
        setting.user_side = state.user_side;
        state.settings.push_back(std::move(setting));
    }
};

template <>
struct action<g::junk_line> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        state.diagnostics.warning("GPL001", state.source.location_of(offset(in, state)),
                                  "scripts.ini line is neither a [section] nor key=value: '" + in.string() + "'");
    }
};

}  // namespace

std::vector<model::Setting> read_scripts_ini(const SourceText& source, bool powershell, bool user_side,
                                             Diagnostics& diagnostics) {
    State state{source, diagnostics, powershell ? "psscript" : "script", user_side, {}, {}, {}, 0};
    pegtl::memory_input in(source.text(), source.path().str());
    if (!pegtl::parse<g::file, action>(in, state))
        diagnostics.error("GPL001", source.location_of(in.position().byte), "scripts.ini could not be read");
    return std::move(state.settings);
}

}  // namespace gpolint::parse
