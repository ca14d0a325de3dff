#pragma once
// What became of each setting of the input across every SOM checked (GPL704): did it take effect
// somewhere, and which link first beat it. Built for 10,000-GPO forests: settings are numbered densely
// and tracked in flat arrays, each thread records into its own marks, and the instances that checked
// different pieces of the forest merge their lists in visiting order.
#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/gpo.hpp"
#include "model/policy_semantics.hpp"

namespace gpolint::rules {

// Numbers every setting of the input densely (GPO by GPO, in file order), so that per-setting state
// over millions of settings is a flat array instead of a hash map keyed by pointer.
class SettingNumbers {
public:
    explicit SettingNumbers(const std::vector<model::Gpo>& gpos);
    size_t size() const { return first_.back(); }
    // SIZE_MAX when the setting is not one of the input's GPOs' own.
    size_t of(const model::Gpo* gpo, const model::Setting* setting) const;
    size_t first_of(size_t gpo_index) const { return first_[gpo_index]; }

private:
    const std::vector<model::Gpo>& gpos_;
    std::vector<size_t> first_;
};

class SettingFates {
public:
    // Records the fates met on one SOM; get one per SOM with recorder().
    class Recorder {
    public:
        void took_effect(const model::Gpo* gpo, const model::Setting* setting);
        // Only the first winner over a setting is kept: it names the link in the finding.
        void lost(const model::Gpo* gpo, const model::Setting* setting, const model::LinkRef& winner);

    private:
        friend class SettingFates;
        Recorder(SettingFates& fates, std::vector<uint32_t>& marks) : fates_(fates), marks_(marks) {}
        uint32_t& mark(size_t number);

        SettingFates& fates_;
        std::vector<uint32_t>& marks_;
    };

    Recorder recorder(const std::vector<model::Gpo>& gpos);

    // Takes the fates `later` recorded on SOMs visited after this instance's.
    void merge_later(SettingFates& later);

    // Call once every SOM is recorded; false when no setting lost anywhere.
    bool settle();

    // After settle(): the first link that beat setting `setting_index` of GPO `gpo_index` when the setting
    // took effect on no SOM, else nullptr.
    const model::LinkRef* never_took_effect(size_t gpo_index, size_t setting_index) const;

private:
    struct Lost {
        uint32_t number;
        model::LinkRef winner;
    };

    void absorb(std::vector<uint32_t>& effective, std::vector<Lost>& lost);

    static constexpr uint32_t kTookEffect = 1, kLost = 2;  // marks
    static constexpr uint32_t kWon = 1;                    // state_
    static inline std::atomic<uint32_t> next_generation_{0};

    std::optional<SettingNumbers> numbers_;
    // This instance's marks are those of its generation (generation << 2 | kTookEffect | kLost); the
    // thread's marks array is shared by every instance that runs on it (see recorder()).
    uint32_t generation_ = 0;
    std::vector<uint32_t> effective_;  // numbers that took effect on this instance's SOMs, each once
    std::vector<Lost> lost_;           // the first winner over each setting beaten on them, in visiting order
    // After absorbing: bit 0, took effect somewhere; above it, 1 + index into winners_ of the first winner.
    std::vector<uint32_t> state_;
    std::vector<model::LinkRef> winners_;
};

}  // namespace gpolint::rules
