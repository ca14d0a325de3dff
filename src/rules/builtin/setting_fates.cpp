#include "rules/builtin/setting_fates.hpp"

#include <cstdint>

namespace gpolint::rules {

namespace {

// One array per thread, reused by every piece of the forest it checks: a fresh array per piece would
// have to be zeroed, and a forest has millions of settings. A new generation makes old marks stale.
std::vector<uint32_t>& thread_marks(size_t size) {
    thread_local std::vector<uint32_t> marks;
    if (marks.size() < size) marks.resize(size, 0);
    return marks;
}

}  // namespace

SettingNumbers::SettingNumbers(const std::vector<model::Gpo>& gpos) : gpos_(gpos) {
    first_.reserve(gpos.size() + 1);
    size_t total = 0;
    for (const auto& gpo : gpos) {
        first_.push_back(total);
        total += gpo.settings.size();
    }
    first_.push_back(total);
}

size_t SettingNumbers::of(const model::Gpo* gpo, const model::Setting* setting) const {
    if (gpo == nullptr || gpos_.empty() || gpo < gpos_.data() || gpo >= gpos_.data() + gpos_.size()) return SIZE_MAX;
    const auto& settings = gpo->settings;
    if (settings.empty() || setting < settings.data() || setting >= settings.data() + settings.size()) return SIZE_MAX;
    return first_[static_cast<size_t>(gpo - gpos_.data())] + static_cast<size_t>(setting - settings.data());
}

SettingFates::Recorder SettingFates::recorder(const std::vector<model::Gpo>& gpos) {
    if (!numbers_) numbers_.emplace(gpos);
    if (generation_ == 0) generation_ = ++next_generation_;
    return Recorder(*this, thread_marks(numbers_->size()));
}

uint32_t& SettingFates::Recorder::mark(size_t number) {
    uint32_t& mark = marks_[number];
    const uint32_t mine = fates_.generation_ << 2;
    if ((mark & ~3u) != mine) mark = mine;  // left by another instance: not ours
    return mark;
}

void SettingFates::Recorder::took_effect(const model::Gpo* gpo, const model::Setting* setting) {
    const size_t number = fates_.numbers_->of(gpo, setting);
    if (number == SIZE_MAX) return;
    uint32_t& m = mark(number);
    if (!(m & kTookEffect)) fates_.effective_.push_back(static_cast<uint32_t>(number));
    m |= kTookEffect;
}

void SettingFates::Recorder::lost(const model::Gpo* gpo, const model::Setting* setting, const model::LinkRef& winner) {
    const size_t number = fates_.numbers_->of(gpo, setting);
    if (number == SIZE_MAX) return;
    uint32_t& m = mark(number);
    if (m & kLost) return;
    m |= kLost;
    fates_.lost_.push_back({static_cast<uint32_t>(number), winner});
}

void SettingFates::merge_later(SettingFates& later) {
    if (!later.numbers_) return;
    if (!numbers_) numbers_.emplace(*later.numbers_);
    absorb(effective_, lost_);  // this instance's own SOMs come first
    absorb(later.effective_, later.lost_);
}

bool SettingFates::settle() {
    if (!numbers_) return false;
    absorb(effective_, lost_);
    return !state_.empty();
}

// Folds a piece's lists into state_, keeping the first winner recorded for a setting.
void SettingFates::absorb(std::vector<uint32_t>& effective, std::vector<Lost>& lost) {
    if (effective.empty() && lost.empty()) return;
    if (state_.empty()) state_.assign(numbers_->size(), 0);
    for (uint32_t number : effective) state_[number] |= kWon;
    for (const auto& l : lost)
        if ((state_[l.number] >> 1) == 0) {
            winners_.push_back(l.winner);
            state_[l.number] |= static_cast<uint32_t>(winners_.size()) << 1;
        }
    std::vector<uint32_t>().swap(effective);
    std::vector<Lost>().swap(lost);
}

const model::LinkRef* SettingFates::never_took_effect(size_t gpo_index, size_t setting_index) const {
    const uint32_t state = state_[numbers_->first_of(gpo_index) + setting_index];
    if ((state >> 1) == 0 || (state & kWon)) return nullptr;
    return &winners_[(state >> 1) - 1];
}

}  // namespace gpolint::rules
