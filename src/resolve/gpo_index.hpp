#pragma once
// Looks GPOs up by GUID and hands out, once per GPO, the settings the computer half applies in the order
// the client applies them, each with the rank of its key.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/gpo.hpp"
#include "model/topology.hpp"

namespace gpolint::resolve {

// Every key the resolution can touch, numbered in folded order: comparing ranks compares the keys'
// folded text, without reading it. The per-SOM merge is keyed by rank, so its millions of lookups are
// integer comparisons, not string comparisons of keys that share long registry prefixes.
class KeyOrder {
public:
    // Ranks every key of `gpos`' computer settings and `more`; rank() may then be asked of these keys
    // only (an empty key ranks as "").
    KeyOrder(const std::vector<model::Gpo>& gpos, const std::vector<model::SettingKey>& more, unsigned threads = 0);
    uint32_t rank(const model::SettingKey& key) const {
        return key.id() == model::SettingKey::kNoId ? empty_rank_ : rank_by_id_[key.id()];
    }
    bool is_account_policy(uint32_t rank) const { return account_policy_[rank]; }
    // The ranks [first, last) of the keys whose folded text starts with `folded_prefix`.
    std::pair<uint32_t, uint32_t> with_prefix(std::string_view folded_prefix) const;

private:
    std::vector<uint32_t> rank_by_id_;       // by SettingKey::id()
    std::vector<std::string_view> folded_;   // by rank
    std::vector<bool> account_policy_;       // by rank
    uint32_t empty_rank_ = 0;
};

struct RankedSetting {
    const model::Setting* setting;
    uint32_t rank;
};

struct RankedKey {
    model::SettingKey key;
    uint32_t rank;
};

class GpoIndex {
public:
    // `threads` (0 = one per core) share the per-GPO work of building the index.
    GpoIndex(const std::vector<model::Gpo>& gpos, const model::Topology& topology, unsigned threads = 0);

    // nullptr when no GPO of the input has this GUID (case-insensitive, braces as written in gPLink).
    const model::Gpo* find(std::string_view guid) const;
    // The directory entry (LDIF groupPolicyContainer) of a GPO, whether or not its files were given.
    const model::GpoContainer* find_container(std::string_view guid) const;

    // Computer-side settings of `gpo` in the order the client-side extensions apply them
    // (model::applying_extension: registry.pol first, the security template after it, …), each
    // extension's settings in file order (docs/precedence.md).
    const std::vector<RankedSetting>& computer_settings(const model::Gpo& gpo) const;
    // The values a **DeleteValues setting names, as keys of their own ("key\name").
    const std::vector<RankedKey>& deleted_values(const model::Setting& setting) const;
    const KeyOrder& keys() const { return keys_; }

private:
    std::unordered_map<std::string, const model::Gpo*> by_guid_;
    std::unordered_map<std::string, const model::GpoContainer*> containers_;
    const model::Gpo* first_gpo_ = nullptr;            // settings_ is indexed by position in the GPO vector
    std::unordered_map<const model::Setting*, std::vector<RankedKey>> deleted_values_;
    KeyOrder keys_;                                     // after deleted_values_: ranks its keys too
    std::vector<std::vector<RankedSetting>> settings_;
};

}  // namespace gpolint::resolve
