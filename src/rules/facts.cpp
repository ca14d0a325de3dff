#include "rules/facts.hpp"

#include <algorithm>

#include "model/policy_semantics.hpp"

namespace gpolint::rules {

namespace {

bool has_prefix(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

}  // namespace

GpoFacts::GpoFacts(const model::Gpo& gpo) : gpo_(gpo) {
    index_.reserve(gpo.settings.size());
    for (const auto& setting : gpo.settings) index_.emplace_back(setting.key.folded(), &setting);
    // Stable sort keeps file order among equal keys; then keep, per key, what the client leaves in place
    // (model::replaces: the extension that runs last, and within it the last in file).
    std::stable_sort(index_.begin(), index_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::pair<std::string_view, const model::Setting*>> winners;
    for (const auto& entry : index_) {
        if (!winners.empty() && winners.back().first == entry.first) {
            if (model::replaces(model::applying_extension(*entry.second), model::applying_extension(*winners.back().second)))
                winners.back().second = entry.second;
            continue;
        }
        winners.push_back(entry);
    }
    index_ = std::move(winners);
}

const model::Setting* GpoFacts::winner(std::string_view folded_key) const {
    auto it = std::lower_bound(index_.begin(), index_.end(), folded_key,
                               [](const auto& entry, std::string_view key) { return entry.first < key; });
    if (it == index_.end() || it->first != folded_key || !defines_value(it->second->op)) return nullptr;
    return it->second;
}

const model::Setting* GpoFacts::first_defined_with_prefix(std::string_view folded_prefix) const {
    auto it = std::lower_bound(index_.begin(), index_.end(), folded_prefix,
                               [](const auto& entry, std::string_view key) { return entry.first < key; });
    for (; it != index_.end() && has_prefix(it->first, folded_prefix); ++it)
        if (defines_value(it->second->op)) return it->second;
    return nullptr;
}

const model::Gpo* GpoFacts::source_of(std::string_view folded_key) const {
    return winner(folded_key) ? &gpo_ : nullptr;
}

const resolve::ResolvedSetting* SomFacts::resolved(std::string_view folded_key) const {
    const auto& settings = policy_.settings;
    auto it = std::lower_bound(settings.begin(), settings.end(), folded_key,
                               [](const resolve::ResolvedSetting& s, std::string_view key) { return s.key.folded() < key; });
    if (it == settings.end() || it->key.folded() != folded_key) return nullptr;
    return &*it;
}

const model::Setting* SomFacts::winner(std::string_view folded_key) const {
    const auto* setting = resolved(folded_key);
    if (!setting || !setting->winner || !defines_value(setting->winner->op)) return nullptr;
    return setting->winner;
}

const model::Setting* SomFacts::first_defined_with_prefix(std::string_view folded_prefix) const {
    const auto& settings = policy_.settings;
    auto it = std::lower_bound(settings.begin(), settings.end(), folded_prefix,
                               [](const resolve::ResolvedSetting& s, std::string_view key) { return s.key.folded() < key; });
    for (; it != settings.end() && has_prefix(it->key.folded(), folded_prefix); ++it)
        if (it->winner && defines_value(it->winner->op)) return it->winner;
    return nullptr;
}

bool SomFacts::has_role(std::string_view role) const {
    for (const auto& r : policy_.som_ref().roles)
        if (model::iequals(r, role)) return true;
    return false;
}

const model::Gpo* SomFacts::source_of(std::string_view folded_key) const {
    const auto* setting = resolved(folded_key);
    if (!setting || !winner(folded_key) || setting->winner_link < 0) return nullptr;
    return policy_.order[static_cast<size_t>(setting->winner_link)].gpo;
}

}  // namespace gpolint::rules
