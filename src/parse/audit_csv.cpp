#include "parse/audit_csv.hpp"

#include <charconv>
#include <string>

#include <tao/pegtl.hpp>

#include "grammar/csv.hpp"

namespace gpolint::parse {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::csv;
using model::Setting;

enum Column { kMachine, kTarget, kSubcategory, kGuid, kInclusion, kExclusion, kValue, kColumns };

struct State {
    const SourceText& source;
    Diagnostics& diagnostics;
    std::vector<Setting> settings;
    std::vector<std::string> fields;
    bool row_is_junk = false;
};

std::optional<int64_t> parse_number(const std::string& text) {
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && model::iequals(text.substr(0, prefix.size()), prefix);
}

Setting make_setting(std::string key, Location location, size_t length) {
    Setting setting;
    setting.key = model::SettingKey(std::move(key));
    setting.source = model::SourceKind::AuditCsv;
    setting.location = location;
    setting.length = static_cast<uint32_t>(length);
    return setting;
}

void numeric_value(Setting& setting, const std::vector<std::string>& f, std::string text, State& state) {
    setting.value.kind = model::ValueKind::Number;
    setting.value.text = std::move(text);
    setting.value.number = parse_number(f[kValue]);
    if (!setting.value.number && !f[kValue].empty())
        state.diagnostics.warning("GPL004", setting.location,
                                  "audit.csv Setting Value '" + f[kValue] + "' is not a number");
}

void process_row(State& state, Location location, size_t length) {
    auto& f = state.fields;
    bool empty_row = f.size() == 1 && f[0].empty();
    if (empty_row || (!f.empty() && model::iequals(f[0], "Machine Name"))) return;
    if (f.size() != kColumns) {
        state.diagnostics.error("GPL001", location, "audit.csv row has " + std::to_string(f.size()) +
                                                        " columns, expected 7; row skipped");
        return;
    }
    const std::string& subcategory = f[kSubcategory];
    if (starts_with_icase(subcategory, "Option:")) {
        auto setting = make_setting("audit:Option:" + subcategory.substr(7), location, length);
        numeric_value(setting, f, f[kInclusion], state);
        state.settings.push_back(std::move(setting));
    } else if (!f[kGuid].empty()) {
        std::string key = "audit:" + model::fold_case(f[kGuid]);
        if (!f[kTarget].empty() && !model::iequals(f[kTarget], "System")) key += ":" + f[kTarget];
        auto setting = make_setting(std::move(key), location, length);
        numeric_value(setting, f, subcategory, state);
        state.settings.push_back(std::move(setting));
    } else if (model::iequals(subcategory, "FileGlobalSacl") || model::iequals(subcategory, "RegistryGlobalSacl")) {
        auto setting = make_setting("audit:" + subcategory, location, length);
        setting.value.kind = model::ValueKind::Raw;
        setting.value.text = f[kValue];
        state.settings.push_back(std::move(setting));
    } else {
        state.diagnostics.warning("GPL002", location,
                                  "audit.csv row '" + subcategory + "' has no subcategory GUID and is not an option");
    }
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::plain_field> {
    template <typename Input>
    static void apply(const Input& in, State& state) { state.fields.push_back(in.string()); }
};

template <>
struct action<g::quoted_field> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        std::string_view inner = in.string_view().substr(1, in.size() - 2);
        std::string text;
        for (size_t i = 0; i < inner.size(); ++i) {
            text.push_back(inner[i]);
            if (inner[i] == '"') ++i;  // "" -> "
        }
        state.fields.push_back(std::move(text));
    }
};

template <>
struct action<g::junk> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        state.row_is_junk = true;
        auto offset = static_cast<size_t>(in.begin() - state.source.text().data());
        state.diagnostics.error("GPL001", state.source.location_of(offset),
                                "audit.csv: unexpected text '" + in.string() + "' (unbalanced quote?); row skipped");
    }
};

template <>
struct action<g::row> {
    template <typename Input>
    static void apply(const Input& in, State& state) {
        auto offset = static_cast<size_t>(in.begin() - state.source.text().data());
        if (!state.row_is_junk) process_row(state, state.source.location_of(offset), in.size());
        state.fields.clear();
        state.row_is_junk = false;
    }
};

}  // namespace

std::vector<model::Setting> read_audit_csv(const SourceText& source, Diagnostics& diagnostics) {
    State state{source, diagnostics, {}, {}, false};
    pegtl::memory_input in(source.text(), source.path().str());
    if (!pegtl::parse<g::file, action>(in, state))
        diagnostics.error("GPL001", source.location_of(in.position().byte), "audit.csv could not be read");
    return std::move(state.settings);
}

}  // namespace gpolint::parse
