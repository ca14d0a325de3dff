#include "resolve/setting_merge.hpp"

#include "model/policy_semantics.hpp"

namespace gpolint::resolve {

namespace {

using model::applying_extension;
using model::defines_value;

// Why `loser` no longer counts, given the contribution that decided the outcome.
std::string overridden_reason(const Contribution& loser, const Contribution& decider,
                              const std::vector<ProcessedLink>& order, const model::Topology& topology) {
    const bool deleted = !defines_value(decider.setting->op);
    const model::Extension by = applying_extension(*decider.setting), of = applying_extension(*loser.setting);
    if (by != of) {
        const std::string why = " (the " + std::string(model::to_string(by)) + " extension runs after the " +
                                std::string(model::to_string(of)) + " extension, for every GPO)";
        if (loser.link_index == decider.link_index)
            return std::string(deleted ? "deleted" : "overridden") + " by the " + std::string(model::to_string(by)) +
                   " settings of the same GPO" + why;
        return (deleted ? "deleted by " : "overridden by ") + describe_link(topology, order[decider.link_index]) + why;
    }
    if (loser.link_index == decider.link_index) return deleted ? "deleted later in the same GPO" : "overridden later in the same GPO";
    return (deleted ? "deleted by " : "overridden by ") + describe_link(topology, order[decider.link_index]);
}

// True when the outcome of `key_state` was decided by an extension that runs after the one applying
// `setting`: whatever `setting` does is undone when that extension writes its value.
template <typename KeyState>
bool decided_by_later_extension(const KeyState& key_state, const model::Setting& setting) {
    if (key_state.decided_by < 0) return false;
    const model::Setting& decider = *key_state.history[static_cast<size_t>(key_state.decided_by)].contribution.setting;
    return !model::replaces(applying_extension(setting), applying_extension(decider));
}

}  // namespace

SettingMerge::KeyState& SettingMerge::state(uint32_t rank, const model::SettingKey& key) {
    auto it = keys_.find(rank);
    if (it != keys_.end()) return it->second;
    if (base_ != nullptr)
        if (auto inherited = base_->keys_.find(rank); inherited != base_->keys_.end())
            return keys_.emplace(rank, inherited->second).first->second;
    return keys_.emplace(rank, KeyState{key, {}, -1, -1}).first->second;
}

SettingMerge::KeyState& SettingMerge::state_of_known(uint32_t rank, const KeyState& in_base) {
    auto it = keys_.find(rank);
    if (it == keys_.end()) it = keys_.emplace(rank, in_base).first;
    return it->second;
}

void SettingMerge::record(KeyState& key_state, size_t link_index, const model::Gpo* gpo, const model::Setting& setting) {
    Entry entry;
    entry.contribution.link_index = link_index;
    entry.contribution.setting = &setting;
    entry.gpo = gpo;
    key_state.history.push_back(std::move(entry));
}

void SettingMerge::add(size_t link_index, const ProcessedLink& link, const model::Topology& topology,
                       const GpoIndex& gpos) {
    if (link.gpo == nullptr) return;
    static const auto kSiteAccountPolicy =
        std::make_shared<const std::string>("account policy from a site-linked GPO does not reach domain accounts");
    static const auto kOuAccountPolicy = std::make_shared<const std::string>(
        "account policy from a GPO linked below the domain root affects only local accounts");
    const model::SomKind link_kind = topology.soms[static_cast<size_t>(link.link_som)].kind;
    const bool at_domain_root = link_kind == model::SomKind::Domain;
    std::shared_ptr<const std::string> link_reason;  // made once, shared by the link's settings
    if (!link.applied) link_reason = std::make_shared<const std::string>(link.reason);
    for (const RankedSetting& ranked : gpos.computer_settings(*link.gpo)) {
        const model::Setting* setting = ranked.setting;
        std::shared_ptr<const std::string> not_applied;
        if (!link.applied) not_applied = link_reason;
        else if (!at_domain_root && gpos.keys().is_account_policy(ranked.rank))
            not_applied = link_kind == model::SomKind::Site ? kSiteAccountPolicy : kOuAccountPolicy;
        if (!not_applied) {
            apply(link_index, *link.gpo, ranked, gpos);
            continue;
        }
        // Operations on many values (delvals, key deletes) have no single key to show them under.
        if (!defines_value(setting->op) && setting->op != model::Operation::DeleteValue) continue;
        KeyState& key_state = state(ranked.rank, setting->key);
        record(key_state, link_index, link.gpo, *setting);
        Entry& entry = key_state.history.back();
        entry.settled = true;
        entry.contribution.state = ContributionState::NotApplied;
        entry.contribution.settled_reason = std::move(not_applied);
    }
}

void SettingMerge::apply(size_t link_index, const model::Gpo& gpo, const RankedSetting& ranked, const GpoIndex& gpos) {
    using model::Operation;
    const model::Setting& setting = *ranked.setting;
    switch (setting.op) {
        case Operation::Set: {
            KeyState& key_state = state(ranked.rank, setting.key);
            record(key_state, link_index, &gpo, setting);
            if (decided_by_later_extension(key_state, setting)) return;  // stays Overridden, the reason says why
            key_state.value_from = key_state.decided_by = static_cast<int>(key_state.history.size() - 1);
            return;
        }
        case Operation::SetIfAbsent: {
            KeyState& key_state = state(ranked.rank, setting.key);
            record(key_state, link_index, &gpo, setting);
            if (decided_by_later_extension(key_state, setting)) return;
            if (key_state.value_from < 0) {
                key_state.value_from = key_state.decided_by = static_cast<int>(key_state.history.size() - 1);
                return;
            }
            Entry& entry = key_state.history.back();
            entry.settled = true;
            entry.contribution.state = ContributionState::Overridden;
            const Entry& holder = key_state.history[static_cast<size_t>(key_state.value_from)];
            entry.contribution.settled_reason =
                std::make_shared<const std::string>("**soft. keeps the value already set by '" + holder.gpo->name + "'");
            return;
        }
        case Operation::DeleteValue:
            delete_value(state(ranked.rank, setting.key), link_index, gpo, setting);
            return;
        case Operation::DeleteValues:
            for (const auto& named : gpos.deleted_values(setting))
                delete_value(state(named.rank, named.key), link_index, gpo, setting);
            return;
        case Operation::DeleteAllValues:
            delete_under(setting.key.folded() + "\\", true, link_index, gpo, setting, gpos.keys());
            return;
        case Operation::DeleteKeys:
            for (const auto& subkey : setting.value.items)
                delete_under(setting.key.folded() + "\\" + model::fold_case(subkey) + "\\", false, link_index, gpo, setting,
                             gpos.keys());
            return;
        case Operation::SecureKey:
        case Operation::CreateKey:
            return;  // they change ACLs or create an empty key: no value is defined or removed
    }
}

void SettingMerge::delete_value(KeyState& key_state, size_t link_index, const model::Gpo& gpo,
                                const model::Setting& setting) {
    record(key_state, link_index, &gpo, setting);
    if (decided_by_later_extension(key_state, setting)) return;
    key_state.value_from = -1;
    key_state.decided_by = static_cast<int>(key_state.history.size() - 1);
}

void SettingMerge::delete_under(std::string_view prefix, bool direct_only, size_t link_index, const model::Gpo& gpo,
                                const model::Setting& setting, const KeyOrder& order) {
    // Keys under the prefix have consecutive ranks: those of the known keys that start with it.
    const auto [first, last] = order.with_prefix(prefix);
    auto direct = [&](const KeyState& key_state) {
        return !direct_only || key_state.key.folded().find('\\', prefix.size()) == std::string::npos;
    };
    // An overlay's inherited keys under the prefix are deleted too: they are copied in first.
    if (base_ != nullptr)
        for (auto it = base_->keys_.lower_bound(first); it != base_->keys_.end() && it->first < last; ++it)
            if (direct(it->second) && it->second.value_from >= 0) state_of_known(it->first, it->second);
    for (auto it = keys_.lower_bound(first); it != keys_.end() && it->first < last; ++it) {
        if (!direct(it->second) || it->second.value_from < 0) continue;
        delete_value(it->second, link_index, gpo, setting);
    }
}

void SettingMerge::block(std::shared_ptr<const std::string> reason) {
    if (base_ != nullptr)  // every inherited key changes: take them all over
        for (const auto& [rank, key_state] : base_->keys_) state_of_known(rank, key_state);
    for (auto& [rank, key_state] : keys_) {
        for (auto& entry : key_state.history) {
            if (entry.settled && entry.contribution.state == ContributionState::NotApplied) continue;
            entry.settled = true;
            entry.contribution.state = ContributionState::NotApplied;
            entry.contribution.settled_reason = reason;
        }
        key_state.value_from = key_state.decided_by = -1;
    }
}

std::vector<ResolvedSetting> SettingMerge::finish() const {
    std::vector<ResolvedSetting> out;
    auto emit = [&out](const KeyState& key_state) {
        ResolvedSetting resolved;
        resolved.key = key_state.key;
        resolved.decided_by = key_state.decided_by;
        resolved.history.reserve(key_state.history.size());
        for (size_t i = 0; i < key_state.history.size(); ++i) {
            const Entry& entry = key_state.history[i];
            resolved.history.push_back(entry.contribution);
            if (!entry.settled && static_cast<int>(i) == key_state.decided_by)
                resolved.history.back().state = ContributionState::Won;
        }
        if (key_state.value_from >= 0) {
            const Contribution& winner = key_state.history[static_cast<size_t>(key_state.value_from)].contribution;
            resolved.winner = winner.setting;
            resolved.winner_link = static_cast<int>(winner.link_index);
        }
        out.push_back(std::move(resolved));
    };
    if (base_ == nullptr) {
        out.reserve(keys_.size());
        for (const auto& [rank, key_state] : keys_) emit(key_state);  // std::map by rank: sorted by folded key
        return out;
    }
    // Both maps are sorted by rank: merge them, the overlay's state of a key winning.
    out.reserve(base_->keys_.size() + keys_.size());
    auto own = keys_.begin();
    for (auto inherited = base_->keys_.begin(); inherited != base_->keys_.end(); ++inherited) {
        for (; own != keys_.end() && own->first < inherited->first; ++own) emit(own->second);
        if (own != keys_.end() && own->first == inherited->first) {
            emit(own->second);
            ++own;
        } else {
            emit(inherited->second);
        }
    }
    for (; own != keys_.end(); ++own) emit(own->second);
    return out;
}

std::string reason_of(const EffectivePolicy& policy, const ResolvedSetting& setting, const Contribution& contribution) {
    if (contribution.settled_reason) return *contribution.settled_reason;
    if (contribution.state == ContributionState::Won)
        return defines_value(contribution.setting->op) ? std::string() : "removes the value";
    if (setting.decided_by < 0) return {};
    return overridden_reason(contribution, setting.history[static_cast<size_t>(setting.decided_by)], policy.order,
                             *policy.topology);
}

}  // namespace gpolint::resolve
