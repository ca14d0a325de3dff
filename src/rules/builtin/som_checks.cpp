// Checks that read the resolution of each SOM: GPL301/302 (account policy), GPL601 (Restricted Groups
// members from several GPOs), GPL704 (a setting that loses everywhere), GPL705 (two links on one SOM
// disagree).
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/parallel.hpp"
#include "rules/builtin/checks.hpp"
#include "rules/evaluator.hpp"

namespace gpolint::rules {

bool is_account_policy_key(const model::SettingKey& key) {
    static const std::set<std::string> kAccessKeys = {
        "access:minimumpasswordage", "access:maximumpasswordage", "access:minimumpasswordlength",
        "access:passwordcomplexity", "access:passwordhistorysize", "access:cleartextpassword",
        "access:lockoutbadcount",    "access:resetlockoutcount",  "access:lockoutduration"};
    const std::string& folded = key.folded();
    if (folded.starts_with("kerberos:")) return true;
    return folded.starts_with("access:") && kAccessKeys.count(folded) != 0;
}

namespace {

bool applied(const resolve::Contribution& c) {
    return c.setting && c.state != resolve::ContributionState::NotApplied && defines_value(c.setting->op);
}

const model::Gpo* gpo_of(const resolve::EffectivePolicy& policy, const resolve::Contribution& c) {
    return policy.order[c.link_index].gpo;
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
                if (!s.user_side && is_account_policy_key(s.key)) {
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
            if (!is_account_policy_key(setting.key)) continue;
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
        for (const auto& setting : policy.settings) {
            const std::string& key = setting.key.folded();
            if (!std::string_view(key).starts_with("group:") || !std::string_view(key).ends_with("\\members")) continue;
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

class SameLevelConflict final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext&, std::vector<Diagnostic>& out) override {
        for (const auto& setting : policy.settings) {
            if (setting.history.size() < 2) continue;  // most keys: nothing to compete with, nothing to allocate
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
        if (!numbers_) {
            numbers_.emplace(context.gpos);
            seen_.assign(numbers_->size(), 0);
        }
        for (const auto& setting : policy.settings)
            for (const auto& c : setting.history) {
                if (!applied(c)) continue;
                size_t number = numbers_->of(gpo_of(policy, c), c.setting);
                if (number == SIZE_MAX) continue;
                if (c.setting == setting.winner) {
                    if (!(seen_[number] & kAlive)) alive_.push_back(number);
                    seen_[number] |= kAlive;
                } else if (setting.winner && setting.winner_link >= 0 && !(seen_[number] & kBeaten)) {
                    // The first SOM that beats a setting names the winner; the link is described once, at the end.
                    seen_[number] |= kBeaten;
                    beaten_.push_back({number, winning_link(policy.order[static_cast<size_t>(setting.winner_link)])});
                }
            }
    }
    void merge_later(BuiltinCheck& later) override {
        auto& other = static_cast<OverriddenEverywhere&>(later);
        if (!other.numbers_) return;
        if (!numbers_) {
            numbers_.emplace(*other.numbers_);
            seen_.assign(numbers_->size(), 0);
        }
        for (size_t number : other.alive_)
            if (!(seen_[number] & kAlive)) {
                seen_[number] |= kAlive;
                alive_.push_back(number);
            }
        for (const auto& beaten : other.beaten_)  // keeps this instance's (earlier) winner of a setting
            if (!(seen_[beaten.number] & kBeaten)) {
                seen_[beaten.number] |= kBeaten;
                beaten_.push_back(beaten);
            }
        other.alive_.clear();
        other.beaten_.clear();
    }
    void finish(const CheckContext& context, std::vector<Diagnostic>& out) override {
        if (!numbers_) return;
        std::vector<const LinkRef*> winner_of(numbers_->size(), nullptr);
        for (const auto& beaten : beaten_) winner_of[beaten.number] = &beaten.winner;
        // A forest has hundreds of thousands of these: GPO ranges are reported on the thread pool and
        // appended in GPO order.
        const auto& gpos = context.gpos;
        const unsigned workers = thread_count(context.threads, gpos.size());
        std::vector<std::vector<Diagnostic>> found(std::min<size_t>(std::max<size_t>(1, gpos.size()), 16 * size_t{workers}));
        parallel_for(found.size(), workers, [&](size_t range, unsigned) {
            const size_t begin = gpos.size() * range / found.size(), end = gpos.size() * (range + 1) / found.size();
            for (size_t g = begin; g < end; ++g) report(context, g, winner_of, found[range]);
        });
        size_t total = out.size();
        for (const auto& piece : found) total += piece.size();
        out.reserve(total);
        for (auto& piece : found) std::move(piece.begin(), piece.end(), std::back_inserter(out));
    }

private:
    void report(const CheckContext& context, size_t g, const std::vector<const LinkRef*>& winner_of,
                std::vector<Diagnostic>& out) const {
        const auto& gpo = context.gpos[g];
        const size_t first = numbers_->first_of(g);
        for (size_t i = 0; i < gpo.settings.size(); ++i) {
            const LinkRef* winner = winner_of[first + i];
            if (winner == nullptr || (seen_[first + i] & kAlive)) continue;
            const auto& s = gpo.settings[i];
            Diagnostic d = finding(s.key.text() + " in " + gpo_label(gpo) +
                                       " is overridden on every SOM where the GPO applies: it never takes effect",
                                   s.location, gpo);
            d.setting = s.key.text();
            d.notes.push_back({"overridden by " + describe_link(context.topology, *winner), std::nullopt});
            out.push_back(std::move(d));
        }
    }

    static constexpr uint8_t kAlive = 1, kBeaten = 2;
    struct Beaten {
        size_t number;
        LinkRef winner;
    };
    std::optional<SettingNumbers> numbers_;
    std::vector<uint8_t> seen_;     // kAlive | kBeaten, by setting number
    std::vector<size_t> alive_;     // numbers that won somewhere, each once
    std::vector<Beaten> beaten_;    // the first winner over each beaten setting, in visiting order
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
std::unique_ptr<BuiltinCheck> make_same_level_conflict(const Rule& rule) { return std::make_unique<SameLevelConflict>(rule); }
std::unique_ptr<BuiltinCheck> make_overridden_everywhere(const Rule& rule) {
    return std::make_unique<OverriddenEverywhere>(rule);
}

}  // namespace gpolint::rules
