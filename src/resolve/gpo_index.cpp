#include "resolve/gpo_index.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>

#include "core/parallel.hpp"
#include "model/policy_semantics.hpp"
#include "model/setting.hpp"

namespace gpolint::resolve {

namespace {

// By the extension that applies them (model::applying_extension), each extension's settings in file order.
std::vector<const model::Setting*> in_application_order(const model::Gpo& gpo) {
    std::vector<const model::Setting*> out;
    out.reserve(gpo.settings.size());
    for (const auto& setting : gpo.settings)
        if (!setting.user_side) out.push_back(&setting);
    std::stable_sort(out.begin(), out.end(), [](const model::Setting* a, const model::Setting* b) {
        return model::applying_extension(*a) < model::applying_extension(*b);
    });
    return out;
}

}  // namespace

KeyOrder::KeyOrder(const std::vector<model::Gpo>& gpos, const std::vector<model::SettingKey>& more, unsigned threads) {
    // Every spelling once, then sorted by folded text; spellings that fold alike share a rank.
    const model::SettingKey empty("");  // stands for settings without a key
    rank_by_id_.assign(model::SettingKey::spelling_count(), UINT32_MAX);
    std::vector<model::SettingKey> distinct;
    auto note = [&](const model::SettingKey& key) {
        if (key.id() == model::SettingKey::kNoId || rank_by_id_[key.id()] != UINT32_MAX) return;
        rank_by_id_[key.id()] = 0;
        distinct.push_back(key);
    };
    note(empty);
    for (const auto& gpo : gpos)
        for (const auto& setting : gpo.settings)
            if (!setting.user_side) note(setting.key);
    for (const auto& key : more) note(key);
    // Tens of thousands of keys with long common prefixes.
    stable_sort_in_halves(distinct.begin(), distinct.end(), std::less<>(), threads);
    for (const auto& key : distinct) {
        if (folded_.empty() || folded_.back() != key.folded()) {
            folded_.push_back(key.folded());
            account_policy_.push_back(model::is_account_policy(key));
        }
        rank_by_id_[key.id()] = static_cast<uint32_t>(folded_.size() - 1);
    }
    empty_rank_ = rank_by_id_[empty.id()];
}

std::pair<uint32_t, uint32_t> KeyOrder::with_prefix(std::string_view folded_prefix) const {
    auto first = std::lower_bound(folded_.begin(), folded_.end(), folded_prefix);
    // From there on the keys with the prefix come first, then none: one more binary search.
    auto last = std::partition_point(first, folded_.end(), [&](std::string_view key) { return key.starts_with(folded_prefix); });
    return {static_cast<uint32_t>(first - folded_.begin()), static_cast<uint32_t>(last - folded_.begin())};
}

namespace {

// The values **DeleteValues settings name, as keys of their own.
std::unordered_map<const model::Setting*, std::vector<model::SettingKey>> named_values(const std::vector<model::Gpo>& gpos) {
    std::unordered_map<const model::Setting*, std::vector<model::SettingKey>> named;
    for (const auto& gpo : gpos)
        for (const auto& setting : gpo.settings) {
            if (setting.user_side || setting.op != model::Operation::DeleteValues) continue;
            auto& keys = named[&setting];
            for (const auto& name : setting.value.items) keys.emplace_back(setting.key.text() + "\\" + name);
        }
    return named;
}

std::vector<model::SettingKey> all_of(const std::unordered_map<const model::Setting*, std::vector<model::SettingKey>>& named) {
    std::vector<model::SettingKey> keys;
    for (const auto& [setting, names] : named) keys.insert(keys.end(), names.begin(), names.end());
    return keys;
}

}  // namespace

GpoIndex::GpoIndex(const std::vector<model::Gpo>& gpos, const model::Topology& topology, unsigned threads)
    : first_gpo_(gpos.empty() ? nullptr : gpos.data()),
      deleted_values_(),
      keys_([&] {
          auto named = named_values(gpos);
          KeyOrder order(gpos, all_of(named), threads);
          for (auto& [setting, keys] : named) {
              auto& ranked = deleted_values_[setting];
              for (auto& key : keys) ranked.push_back({key, order.rank(key)});
          }
          return order;
      }()),
      settings_(gpos.size()) {
    parallel_for(gpos.size(), threads, [&](size_t i, unsigned) {
        auto& ranked = settings_[i];
        const auto ordered = in_application_order(gpos[i]);
        ranked.reserve(ordered.size());
        for (const model::Setting* setting : ordered) ranked.push_back({setting, keys_.rank(setting->key)});
    });
    for (const auto& container : topology.gpo_containers)
        if (!container.guid.empty()) containers_.emplace(model::fold_case(container.guid), &container);
    for (const auto& gpo : gpos)
        // The first GPO with a GUID wins; a second copy of the same backup adds nothing to resolution.
        if (!gpo.guid.empty()) by_guid_.emplace(model::fold_case(gpo.guid), &gpo);
}

const model::Gpo* GpoIndex::find(std::string_view guid) const {
    auto it = by_guid_.find(model::fold_case(guid));
    return it == by_guid_.end() ? nullptr : it->second;
}

const model::GpoContainer* GpoIndex::find_container(std::string_view guid) const {
    auto it = containers_.find(model::fold_case(guid));
    return it == containers_.end() ? nullptr : it->second;
}

const std::vector<RankedSetting>& GpoIndex::computer_settings(const model::Gpo& gpo) const {
    const auto address = reinterpret_cast<std::uintptr_t>(&gpo), first = reinterpret_cast<std::uintptr_t>(first_gpo_);
    if (first_gpo_ == nullptr || address < first || (address - first) / sizeof(model::Gpo) >= settings_.size())
        throw std::out_of_range("GpoIndex: a GPO that is not in the indexed list");
    return settings_[static_cast<size_t>(&gpo - first_gpo_)];
}

const std::vector<RankedKey>& GpoIndex::deleted_values(const model::Setting& setting) const {
    static const std::vector<RankedKey> kNone;
    auto it = deleted_values_.find(&setting);
    return it == deleted_values_.end() ? kNone : it->second;
}

}  // namespace gpolint::resolve
