#pragma once
// Merges the settings of the GPOs of one processing order into resolved settings, keeping every
// contribution (FORMATS §5.3–5.5): the later contribution wins; privilege lists and restricted-group
// member lists are whole values and are replaced, never unioned; registry.pol operations (**del.,
// **delvals., **soft., …) act on the values set before them; account policy counts only from
// domain-linked GPOs.
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/topology.hpp"
#include "resolve/effective.hpp"
#include "resolve/gpo_index.hpp"

namespace gpolint::resolve {

class SettingMerge {
public:
    SettingMerge() = default;
    // An overlay on `base`, which must outlive it and not change meanwhile: it reads through to base,
    // copying a key's state only when an added setting touches it. finish() gives what a full copy of
    // base with the same additions would give. For the enforced links, merged again on every SOM on
    // top of thousands of inherited keys that they mostly leave alone.
    explicit SettingMerge(const SettingMerge& base, std::in_place_t) : base_(&base) {}

    // Adds the settings of `link`, which sits at `link_index` of the processing order. Settings of a link
    // that is not applied go into the history as NotApplied with the link's reason.
    void add(size_t link_index, const ProcessedLink& link, const model::Topology& topology, const GpoIndex& gpos);

    // A SOM blocks inheritance: nothing added so far applies any more.
    void block(std::shared_ptr<const std::string> reason);

    // Decides every contribution's state (reasons are built on demand by reason_of). A deleted value keeps
    // its key with winner = nullptr; the delete itself is the Won contribution, since it decided the outcome.
    std::vector<ResolvedSetting> finish() const;

private:
    struct Entry {
        Contribution contribution;
        const model::Gpo* gpo = nullptr;
        bool settled = false;  // state and reason are final (NotApplied, or an operation that did nothing)
    };
    struct KeyState {
        model::SettingKey key;
        std::vector<Entry> history;
        int value_from = -1;   // history entry whose value is in effect; -1: undefined
        int decided_by = -1;   // last history entry that changed the outcome (a set or a delete)
    };

    KeyState& state(uint32_t rank, const model::SettingKey& key);
    // The state of a key that base_ or keys_ holds, copied from base_ on first touch.
    KeyState& state_of_known(uint32_t rank, const KeyState& in_base);
    void record(KeyState& state, size_t link_index, const model::Gpo* gpo, const model::Setting& setting);
    void apply(size_t link_index, const model::Gpo& gpo, const RankedSetting& ranked, const GpoIndex& gpos);
    void delete_value(KeyState& state, size_t link_index, const model::Gpo& gpo, const model::Setting& setting);
    // Deletes the defined values whose folded key starts with `prefix`; with `direct_only`, only values
    // directly under it (no further '\').
    void delete_under(std::string_view prefix, bool direct_only, size_t link_index, const model::Gpo& gpo,
                      const model::Setting& setting, const KeyOrder& order);

    // By the rank of the key (GpoIndex's KeyOrder), which orders them as their folded text does.
    std::map<uint32_t, KeyState> keys_;
    const SettingMerge* base_ = nullptr;  // set for an overlay; base_ has no base of its own
};

}  // namespace gpolint::resolve
