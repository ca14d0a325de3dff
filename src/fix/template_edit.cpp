#include "fix/template_edit.hpp"

#include <vector>

#include "core/diagnostic.hpp"
#include "model/setting.hpp"
#include "parse/inf_reader.hpp"

namespace gpolint::fix {

namespace {

using model::TextSpan;

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::string_view unquoted(std::string_view s) {
    s = trimmed(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
}

// One comma-separated item of a value, as a span of the decoded text without surrounding blanks.
struct Item {
    TextSpan span;
    std::string_view text;  // unquoted
};

std::vector<Item> items_of(std::string_view text, TextSpan value) {
    std::vector<Item> items;
    if (value.length == 0) return items;
    size_t start = value.offset;
    bool in_quotes = false;  // a ',' inside "…" (also the '","' of a text with commas) separates nothing
    for (size_t i = value.offset; i <= value.end(); ++i) {
        if (i < value.end() && text[i] == '"') in_quotes = !in_quotes;
        if (i < value.end() && (in_quotes || text[i] != ',')) continue;
        std::string_view raw = text.substr(start, i - start);
        size_t first = raw.find_first_not_of(" \t");
        size_t lead = first == std::string_view::npos ? 0 : first;
        std::string_view body = trimmed(raw);
        items.push_back({{start + lead, body.size()}, unquoted(body)});
        start = i + 1;
    }
    return items;
}

// The place of the entry that defines `key`: template_settings gives each entry its canonical key and
// line, the typed lists give the spans of that line.
const model::EntryPlace* place_on_line(const model::SecurityTemplate& t, uint32_t line) {
    auto find_in = [line](const auto& list) -> const model::EntryPlace* {
        for (const auto& e : list)
            if (e.place.location.line == line) return &e.place;
        return nullptr;
    };
    if (auto* p = find_in(t.privilege_rights)) return p;
    if (auto* p = find_in(t.registry_values)) return p;
    if (auto* p = find_in(t.group_membership)) return p;
    for (const auto* list : {&t.system_access, &t.kerberos_policy, &t.system_log, &t.security_log,
                             &t.application_log, &t.event_audit})
        if (auto* p = find_in(*list)) return p;
    return nullptr;
}

// "SeServiceLogonRight" for privilege:SeServiceLogonRight, "NoLMHash" for registry:HKLM\…\NoLMHash.
std::string display_name(std::string_view key) {
    auto cut = key.find_last_of(":\\");
    return std::string(cut == std::string_view::npos ? key : key.substr(cut + 1));
}

EditPlan plan_add(std::string_view text, const model::EntryPlace& place, const FixAction& action,
                  const std::string& name) {
    for (const auto& item : items_of(text, place.value))
        if (model::iequals(item.text, action.to)) return {EditOutcome::AlreadyDone, {}};
    TemplateEdit edit;
    edit.line = place.location.line;
    edit.description = "added " + action.to + " to " + name;
    if (trimmed(text.substr(place.value.offset, place.value.length)).empty()) {
        // "Right =" (granted to no one): the principal becomes the whole list.
        bool after_equals = place.value.offset > 0 && text[place.value.offset - 1] == '=';
        edit.span = place.value;
        edit.replacement = (after_equals ? " " : "") + action.to;
    } else {
        edit.span = {place.value.end(), 0};
        edit.replacement = "," + action.to;
    }
    return {EditOutcome::Edited, edit};
}

EditPlan plan_replace(std::string_view text, const model::EntryPlace& place, const FixAction& action,
                      const std::string& name) {
    auto items = items_of(text, place.value);
    const Item* old_item = nullptr;
    bool has_new = false;
    for (const auto& item : items) {
        if (!old_item && model::iequals(item.text, action.from)) old_item = &item;
        if (model::iequals(item.text, action.to)) has_new = true;
    }
    if (!old_item) return {EditOutcome::AlreadyDone, {}};
    TemplateEdit edit;
    edit.line = place.location.line;
    if (!has_new) {
        edit.span = old_item->span;
        edit.replacement = action.to;
        edit.description = "replaced " + action.from + " by " + action.to + " in " + name;
        return {EditOutcome::Edited, edit};
    }
    // The replacement is listed already: drop the old item with one of its commas.
    size_t index = static_cast<size_t>(old_item - items.data());
    if (items.size() == 1) return {EditOutcome::AlreadyDone, {}};
    size_t begin = index == 0 ? old_item->span.offset : items[index - 1].span.end();
    size_t end = index == 0 ? items[1].span.offset : old_item->span.end();
    edit.span = {begin, end - begin};
    edit.description = "removed " + action.from + " from " + name + " (" + action.to + " is listed)";
    return {EditOutcome::Edited, edit};
}

EditPlan plan_set(std::string_view text, const model::EntryPlace& place, const FixAction& action,
                  const std::string& name) {
    std::string_view current = unquoted(text.substr(place.value.offset, place.value.length));
    if (current == action.to) return {EditOutcome::AlreadyDone, {}};
    TemplateEdit edit;
    edit.line = place.location.line;
    edit.span = place.value;
    edit.replacement = action.to;
    edit.description = "set " + name + " to " + action.to + " (was " + std::string(current) + ")";
    return {EditOutcome::Edited, edit};
}

}  // namespace

EditPlan plan_template_edit(const SourceText& source, const FixAction& action, std::string_view key) {
    Diagnostics ignored;  // the check run reported them already
    auto security_template = parse::read_security_template(source, ignored);
    std::string folded = model::fold_case(key);
    const model::EntryPlace* place = nullptr;
    for (const auto& setting : parse::template_settings(security_template))
        if (setting.key.folded() == folded) place = place_on_line(security_template, setting.location.line);
    if (!place) return {EditOutcome::NotInTemplate, {}};

    const std::string& text = source.text();
    std::string name = display_name(key);
    switch (action.kind) {
        case ActionKind::Add: return plan_add(text, *place, action, name);
        case ActionKind::Replace: return plan_replace(text, *place, action, name);
        case ActionKind::Set: return plan_set(text, *place, action, name);
    }
    return {EditOutcome::NotInTemplate, {}};
}

std::string apply_edit(std::string_view text, const TemplateEdit& edit) {
    std::string result;
    result.reserve(text.size() + edit.replacement.size());
    result.append(text.substr(0, edit.span.offset));
    result.append(edit.replacement);
    result.append(text.substr(edit.span.end()));
    return result;
}

}  // namespace gpolint::fix
