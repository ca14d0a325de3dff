// Checks that read the resolution of each SOM: GPL301/302 (account policy), GPL405 (a deny-logon list
// replaced by one that lacks some of its SIDs), GPL601 (Restricted Groups members from several GPOs), GPL704 (a setting that loses everywhere), GPL705 (two links on one SOM
// disagree).
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel.hpp"
#include "model/policy_semantics.hpp"
#include "model/principal.hpp"
#include "rules/builtin/checks.hpp"
#include "rules/evaluator.hpp"

namespace gpolint::rules {

namespace {

bool applied(const resolve::Contribution& c) {
    return c.setting && c.state != resolve::ContributionState::NotApplied && defines_value(c.setting->op);
}

const model::Gpo* gpo_of(const resolve::EffectivePolicy& policy, const resolve::Contribution& c) {
    return policy.order[c.link_index].gpo;
}

// The SOM's settings whose folded key starts with `prefix`: settings are sorted by folded key, so they
// are one run found by binary search rather than by reading every key of the SOM.
std::span<const resolve::ResolvedSetting> settings_with_prefix(const resolve::EffectivePolicy& policy,
                                                               std::string_view prefix) {
    const auto& all = policy.settings;
    auto first = std::lower_bound(all.begin(), all.end(), prefix,
                                  [](const resolve::ResolvedSetting& s, std::string_view key) { return s.key.folded() < key; });
    auto last = first;
    while (last != all.end() && std::string_view(last->key.folded()).starts_with(prefix)) ++last;
    return {first, last};
}

// Applied contributions of `setting` whose link passes `keep`, at most one per GPO (the last applied).
template <typename Keep>
std::vector<const resolve::Contribution*> competing(const resolve::EffectivePolicy& policy,
                                                    const resolve::ResolvedSetting& setting, Keep keep) {
    std::vector<const resolve::Contribution*> out;
    for (const auto& c : setting.history) {
        if (!applied(c) || !keep(policy.order[c.link_index])) continue;
        const model::Gpo* gpo = gpo_of(policy, c);
        bool seen = false;
        for (auto*& known : out)
            if (gpo_of(policy, *known) == gpo) {
                known = &c;
                seen = true;
            }
        if (!seen) out.push_back(&c);
    }
    return out;
}

// One finding at the winning contribution, one note per contribution it beat.
Diagnostic conflict_finding(Diagnostic d, const resolve::EffectivePolicy& policy,
                            const std::vector<const resolve::Contribution*>& contributions) {
    const resolve::Contribution* won = contributions.back();
    for (const auto* c : contributions) {
        if (c == won) continue;
        d.notes.push_back({"loses: " + display_value(c->setting->value) + " from " +
                               describe_link(policy, policy.order[c->link_index]),
                           located(c->setting->location)});
    }
    d.som = policy.som_ref().dn;
    d.setting = won->setting->key.text();
    if (const auto* gpo = gpo_of(policy, *won)) d.gpo = GpoRef{gpo->guid, gpo->name};
    return d;
}

class AccountPolicyBelowDomain final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void finish(const CheckContext& context, std::vector<Diagnostic>& out) override {
        if (context.topology.empty()) return;
        for (const auto& gpo : context.gpos) {
            const model::Setting* first = nullptr;
            for (const auto& s : gpo.settings)
                if (!s.user_side && model::is_account_policy(s.key)) {
                    first = &s;
                    break;
                }
            if (!first) continue;
            std::vector<std::string> linked_at;
            bool at_domain = false;
            for (const auto& site : context.links.to(gpo.guid)) {
                if (site.link->disabled) continue;
                linked_at.push_back(site.som->dn);
                at_domain = at_domain || site.som->kind == model::SomKind::Domain;
            }
            if (linked_at.empty() || at_domain) continue;
            Diagnostic d = finding(gpo_label(gpo) + " sets account policy (" + first->key.text() +
                                       ") but is linked only below the domain root: it changes local accounts of the computers there, never domain accounts",
                                   first->location, gpo);
            d.setting = first->key.text();
            for (const auto& dn : linked_at) d.notes.push_back({"linked at " + dn, std::nullopt});
            out.push_back(std::move(d));
        }
    }
};

class AccountPolicyConflict final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext&, std::vector<Diagnostic>& out) override {
        if (policy.som_ref().kind != model::SomKind::Domain) return;
        for (const auto& setting : policy.settings) {
            if (!model::is_account_policy(setting.key)) continue;
            auto contributions = competing(policy, setting,
                                           [&policy](const resolve::ProcessedLink& l) { return l.link_som == policy.som; });
            if (contributions.size() < 2) continue;
            const auto& winner = policy.order[contributions.back()->link_index];
            out.push_back(conflict_finding(
                finding(setting.key.text() + " is set by " + std::to_string(contributions.size()) +
                            " GPOs linked at the domain root; the domain uses the value of " + describe_link(policy, winner),
                        contributions.back()->setting->location),
                policy, contributions));
        }
    }
};

class GroupMembersConflict final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext&, std::vector<Diagnostic>& out) override {
        for (const auto& setting : settings_with_prefix(policy, "group:")) {
            const std::string& key = setting.key.folded();
            if (!std::string_view(key).ends_with("\\members")) continue;
            auto contributions = competing(policy, setting, [](const resolve::ProcessedLink&) { return true; });
            if (contributions.size() < 2) continue;
            const auto& winner = policy.order[contributions.back()->link_index];
            out.push_back(conflict_finding(
                finding(setting.key.text() + " is set by " + std::to_string(contributions.size()) + " GPOs reaching " +
                            policy.som_ref().dn + "; member lists do not merge, only the one from " +
                            describe_link(policy, winner) + " applies",
                        contributions.back()->setting->location),
                policy, contributions));
        }
    }
};

// Deny rights replace each other whole: the SIDs a tiering GPO denied and the winning list leaves out
// may log on again.
class DenyLogonReplaced final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext&, std::vector<Diagnostic>& out) override {
        for (const auto& setting : settings_with_prefix(policy, "privilege:sedeny")) {
            if (!std::string_view(setting.key.folded()).ends_with("logonright")) continue;
            auto contributions = competing(policy, setting, [](const resolve::ProcessedLink&) { return true; });
            if (contributions.size() < 2) continue;
            const auto& kept = contributions.back()->setting->value.items;
            std::vector<std::string> dropped;
            for (const auto* c : contributions) {
                if (c == contributions.back()) continue;
                for (const auto& sid : c->setting->value.items) {
                    bool still_denied = std::any_of(kept.begin(), kept.end(),
                                                    [&sid](const std::string& k) { return model::principal_matches(sid, k); });
                    if (!still_denied && std::find(dropped.begin(), dropped.end(), sid) == dropped.end()) dropped.push_back(sid);
                }
            }
            if (dropped.empty()) continue;
            std::string list;
            for (const auto& sid : dropped) list += (list.empty() ? "" : ",") + sid;
            const auto& winner = policy.order[contributions.back()->link_index];
            out.push_back(conflict_finding(
                finding(setting.key.text() + " from " + describe_link(policy, winner) + " replaces the lists of " +
                            std::to_string(contributions.size() - 1) + " other GPO" + (contributions.size() == 2 ? "" : "s") +
                            " on " + policy.som_ref().dn + ": " + list + " are no longer denied",
                        contributions.back()->setting->location),
                policy, contributions));
        }
    }
};

class SameLevelConflict final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext&, std::vector<Diagnostic>& out) override {
        for (const auto& setting : policy.settings) {
            if (setting.history.size() < 2) continue;  // most keys: nothing to compete with, nothing to allocate
            if (model::accumulates_across_gpos(setting.key)) continue;
            auto contributions = competing(policy, setting,
                                           [&policy](const resolve::ProcessedLink& l) { return l.link_som == policy.som; });
            if (contributions.size() < 2) continue;
            std::set<std::string> values;
            for (const auto* c : contributions) values.insert(display_value(c->setting->value));
            if (values.size() < 2) continue;
            out.push_back(conflict_finding(
                finding(setting.key.text() + " gets different values from " + std::to_string(contributions.size()) +
                            " GPOs linked on " + policy.som_ref().dn + ": the result depends only on their link order",
                        contributions.back()->setting->location),
                policy, contributions));
        }
    }
};

// Numbers every setting of the input densely (GPO by GPO, in file order), so that per-setting state
// over millions of settings is a flat array instead of a hash map keyed by pointer.
class SettingNumbers {
public:
    explicit SettingNumbers(const std::vector<model::Gpo>& gpos) : gpos_(gpos) {
        first_.reserve(gpos.size() + 1);
        size_t total = 0;
        for (const auto& gpo : gpos) {
            first_.push_back(total);
            total += gpo.settings.size();
        }
        first_.push_back(total);
    }
    size_t size() const { return first_.back(); }
    // SIZE_MAX when the setting is not one of the input's GPOs' own.
    size_t of(const model::Gpo* gpo, const model::Setting* setting) const {
        if (gpo == nullptr || gpos_.empty() || gpo < gpos_.data() || gpo >= gpos_.data() + gpos_.size()) return SIZE_MAX;
        const auto& settings = gpo->settings;
        if (settings.empty() || setting < settings.data() || setting >= settings.data() + settings.size()) return SIZE_MAX;
        return first_[static_cast<size_t>(gpo - gpos_.data())] + static_cast<size_t>(setting - settings.data());
    }
    size_t first_of(size_t gpo_index) const { return first_[gpo_index]; }

private:
    const std::vector<model::Gpo>& gpos_;
    std::vector<size_t> first_;
};

class OverriddenEverywhere final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext& context, std::vector<Diagnostic>&) override {
        if (!numbers_) numbers_.emplace(context.gpos);
        if (generation_ == 0) generation_ = ++next_generation_;
        auto& marks = thread_marks(numbers_->size());
        const uint32_t mine = generation_ << 2;
        for (const auto& setting : policy.settings) {
            if (model::accumulates_across_gpos(setting.key)) continue;
            for (const auto& c : setting.history) {
                if (!applied(c)) continue;
                const size_t number = numbers_->of(gpo_of(policy, c), c.setting);
                if (number == SIZE_MAX) continue;
                uint32_t& mark = marks[number];
                if ((mark & ~3u) != mine) mark = mine;  // left by another instance: not ours
                // An override with the very same value is redundancy, not a dead setting: the value is in force.
                if (c.setting == setting.winner || (setting.winner && model::same_effect(c.setting->value, setting.winner->value))) {
                    if (!(mark & kAlive)) alive_.push_back(static_cast<uint32_t>(number));
                    mark |= kAlive;
                } else if (setting.winner && setting.winner_link >= 0 && !(mark & kBeaten)) {
                    // The first SOM that beats a setting names the winner; the link is described once, at the end.
                    mark |= kBeaten;
                    beaten_.push_back({static_cast<uint32_t>(number),
                                       winning_link(policy.order[static_cast<size_t>(setting.winner_link)])});
                }
            }
        }
    }
    void merge_later(BuiltinCheck& later) override {
        auto& other = static_cast<OverriddenEverywhere&>(later);
        if (!other.numbers_) return;
        if (!numbers_) numbers_.emplace(*other.numbers_);
        absorb(alive_, beaten_);  // this instance's own SOMs come first
        absorb(other.alive_, other.beaten_);
    }
    void finish(const CheckContext& context, std::vector<Diagnostic>& out) override {
        if (!numbers_) return;
        absorb(alive_, beaten_);
        if (state_.empty()) return;
        // A forest has hundreds of thousands of these: GPO ranges are counted, then written straight
        // into their own slice of `out` on the thread pool, in GPO order, with no vector in between.
        const auto& gpos = context.gpos;
        const unsigned workers = thread_count(context.threads, gpos.size());
        const RangeSplit ranges(gpos.size(), workers);
        std::vector<size_t> start(ranges.count + 1, out.size());
        for (size_t range = 0; range < ranges.count; ++range) {
            size_t count = 0;
            for (size_t n = numbers_->first_of(ranges.begin(range)); n < numbers_->first_of(ranges.end(range)); ++n)
                count += dead(n) ? 1 : 0;
            start[range + 1] = start[range] + count;
        }
        out.resize(start[ranges.count]);
        parallel_for(ranges.count, workers, [&](size_t range, unsigned) {
            size_t at = start[range];
            for (size_t g = ranges.begin(range); g < ranges.end(range); ++g) report(context, g, out, at);
        });
    }

private:
    struct Beaten {
        uint32_t number;
        LinkRef winner;
    };

    // Folds a piece's lists into state_, keeping the first winner recorded for a setting.
    void absorb(std::vector<uint32_t>& alive, std::vector<Beaten>& beaten) {
        if (alive.empty() && beaten.empty()) return;
        if (state_.empty()) state_.assign(numbers_->size(), 0);
        for (uint32_t number : alive) state_[number] |= kWon;
        for (const auto& b : beaten)
            if ((state_[b.number] >> 1) == 0) {
                winners_.push_back(b.winner);
                state_[b.number] |= static_cast<uint32_t>(winners_.size()) << 1;
            }
        std::vector<uint32_t>().swap(alive);
        std::vector<Beaten>().swap(beaten);
    }

    bool dead(size_t number) const { return (state_[number] >> 1) != 0 && !(state_[number] & kWon); }

    void report(const CheckContext& context, size_t g, std::vector<Diagnostic>& out, size_t& at) const {
        const auto& gpo = context.gpos[g];
        const size_t first = numbers_->first_of(g);
        for (size_t i = 0; i < gpo.settings.size(); ++i) {
            if (!dead(first + i)) continue;
            const auto& s = gpo.settings[i];
            const LinkRef& winner = winners_[(state_[first + i] >> 1) - 1];
            Diagnostic& d = out[at++];
            d = finding(s.key.text() + " in " + gpo_label(gpo) +
                            " is overridden on every SOM where the GPO applies: it never takes effect",
                        s.location, gpo);
            d.setting = s.key.text();
            d.notes.push_back({"overridden by " + describe_link(context.topology, winner), std::nullopt});
        }
    }

    // Marks per setting number for the instance checking SOMs on this thread: generation << 2 | flags.
    // One array per thread, reused by every piece it checks (a fresh array per piece would have to be
    // zeroed, and a forest has millions of settings); a new generation makes the old marks stale.
    static std::vector<uint32_t>& thread_marks(size_t size) {
        thread_local std::vector<uint32_t> marks;
        if (marks.size() < size) marks.resize(size, 0);
        return marks;
    }

    static constexpr uint32_t kAlive = 1, kBeaten = 2;  // marks
    static constexpr uint32_t kWon = 1;                 // state_
    static inline std::atomic<uint32_t> next_generation_{0};
    std::optional<SettingNumbers> numbers_;
    uint32_t generation_ = 0;
    std::vector<uint32_t> alive_;   // numbers that won on this instance's SOMs, each once
    std::vector<Beaten> beaten_;    // the first winner over each setting beaten on them, in visiting order
    // After absorbing: bit 0, won somewhere; above it, 1 + index into winners_ of the first winner over it.
    std::vector<uint32_t> state_;
    std::vector<LinkRef> winners_;
};

}  // namespace

std::unique_ptr<BuiltinCheck> make_account_policy_below_domain(const Rule& rule) {
    return std::make_unique<AccountPolicyBelowDomain>(rule);
}
std::unique_ptr<BuiltinCheck> make_account_policy_conflict(const Rule& rule) {
    return std::make_unique<AccountPolicyConflict>(rule);
}
std::unique_ptr<BuiltinCheck> make_group_members_conflict(const Rule& rule) {
    return std::make_unique<GroupMembersConflict>(rule);
}
std::unique_ptr<BuiltinCheck> make_deny_logon_replaced(const Rule& rule) {
    return std::make_unique<DenyLogonReplaced>(rule);
}
std::unique_ptr<BuiltinCheck> make_same_level_conflict(const Rule& rule) { return std::make_unique<SameLevelConflict>(rule); }
std::unique_ptr<BuiltinCheck> make_overridden_everywhere(const Rule& rule) {
    return std::make_unique<OverriddenEverywhere>(rule);
}

}  // namespace gpolint::rules
