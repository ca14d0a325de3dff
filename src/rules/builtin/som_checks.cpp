// Checks that read the resolution of each SOM: GPL301/302 (account policy), GPL405 (a deny-logon list
// replaced by one that lacks some of its SIDs), GPL601 (Restricted Groups members from several GPOs), GPL704 (a setting that loses everywhere), GPL705 (two links on one SOM
// disagree).
#include <algorithm>
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
#include "rules/builtin/setting_fates.hpp"
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

// Two GPOs linked on one SOM that set a key to values of different effect. With links from gpreport.xml
// the order between them is unknown, so each such setting is a warning naming both values. With the
// order known (LDIF, topology file) nothing is uncertain: one note per pair of GPOs on the SOM says whose
// values apply and why, instead of restating the link order once per setting.
class SameLevelConflict final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext&, std::vector<Diagnostic>& out) override {
        const bool order_known = policy.som_ref().link_order_known;
        std::vector<Pair> pairs;
        for (const auto& setting : policy.settings) {
            if (setting.history.size() < 2) continue;  // most keys: nothing to compete with, nothing to allocate
            if (model::accumulates_across_gpos(setting.key)) continue;
            auto contributions = competing(policy, setting,
                                           [&policy](const resolve::ProcessedLink& l) { return l.link_som == policy.som; });
            if (contributions.size() < 2) continue;
            const resolve::Contribution* won = contributions.back();
            std::vector<const resolve::Contribution*> differing;
            for (const auto* c : contributions)
                if (c != won && !model::same_effect(c->setting->value, won->setting->value)) differing.push_back(c);
            if (differing.empty()) continue;
            if (!order_known) {
                out.push_back(unknown_order(policy, setting, contributions));
                continue;
            }
            for (const auto* lost : differing) pair_of(pairs, policy, won, lost).settings.push_back({won, lost});
        }
        for (const auto& pair : pairs) out.push_back(pair_note(policy, pair));
    }

private:
    static constexpr size_t kShortValue = 40;  // longer values are named only in the notes

    struct Pair {
        const model::Gpo* winner = nullptr;
        const model::Gpo* loser = nullptr;
        std::vector<std::pair<const resolve::Contribution*, const resolve::Contribution*>> settings;  // won, lost
    };

    static Pair& pair_of(std::vector<Pair>& pairs, const resolve::EffectivePolicy& policy,
                         const resolve::Contribution* won, const resolve::Contribution* lost) {
        const model::Gpo* winner = gpo_of(policy, *won);
        const model::Gpo* loser = gpo_of(policy, *lost);
        for (auto& pair : pairs)
            if (pair.winner == winner && pair.loser == loser) return pair;
        return pairs.emplace_back(Pair{winner, loser, {}});
    }

    // audit.csv keeps the subcategory's name as the value's text and the setting in its number: both
    // are shown, or two different audit settings would read alike ("Audit SAM" against "Audit SAM").
    static std::string shown(const model::Value& value) {
        std::string text = display_value(value);
        if (value.kind == model::ValueKind::Number && value.number && text != std::to_string(*value.number))
            text += " = " + std::to_string(*value.number);
        return text;
    }

    static std::string name_of(const resolve::EffectivePolicy& policy, const resolve::Contribution& c) {
        const auto& link = policy.order[c.link_index];
        return link.gpo ? gpo_label(*link.gpo) : link.gpo_guid;
    }

    // Why `won` applies over `lost` when both links are on the SOM: a later extension, an enforced
    // link, or the link order (model/policy_semantics.hpp, docs/precedence.md).
    static std::string why(const resolve::EffectivePolicy& policy, const resolve::Contribution& won,
                           const resolve::Contribution& lost) {
        auto won_by = model::applying_extension(*won.setting);
        auto lost_by = model::applying_extension(*lost.setting);
        if (won_by != lost_by)
            return "the " + std::string(model::to_string(won_by)) + " extension runs after the " +
                   std::string(model::to_string(lost_by)) + " extension";
        const auto& a = policy.order[won.link_index];
        const auto& b = policy.order[lost.link_index];
        if (a.enforced && !b.enforced) return "its link is enforced";
        if (a.link_order > 0 && b.link_order > 0)
            return "link order " + std::to_string(a.link_order) + " takes precedence over link order " +
                   std::to_string(b.link_order);
        return "it is processed later";
    }

    Diagnostic unknown_order(const resolve::EffectivePolicy& policy, const resolve::ResolvedSetting& setting,
                             const std::vector<const resolve::Contribution*>& contributions) const {
        // The message names each value when they are short; long ones (deny lists run to hundreds of
        // characters) are only in the notes, one per other GPO, as the finding's own location is the last GPO's.
        bool all_short = std::all_of(contributions.begin(), contributions.end(),
                                     [](const auto* c) { return shown(c->setting->value).size() <= kShortValue; });
        std::string values;
        if (all_short)
            for (const auto* c : contributions)
                values += (values.empty() ? ": " : ", ") + shown(c->setting->value) + " from " + name_of(policy, *c);
        else
            values = ": " + name_of(policy, *contributions.back()) + "'s value is at this line, the other GPOs' in the notes";
        Diagnostic d = finding(setting.key.text() + " gets different values from " + std::to_string(contributions.size()) +
                                   " GPOs linked on " + policy.som_ref().dn +
                                   " in an unknown link order (gpreport.xml links)" + values,
                               contributions.back()->setting->location);
        for (const auto* c : contributions)
            if (c != contributions.back())
                d.notes.push_back({"sets " + shown(c->setting->value) + ": " + describe_link(policy, policy.order[c->link_index]),
                                   located(c->setting->location)});
        d.som = policy.som_ref().dn;
        d.setting = setting.key.text();
        if (const auto* gpo = gpo_of(policy, *contributions.back())) d.gpo = GpoRef{gpo->guid, gpo->name};
        return d;
    }

    Diagnostic pair_note(const resolve::EffectivePolicy& policy, const Pair& pair) const {
        const auto& [first_won, first_lost] = pair.settings.front();
        std::string reason = why(policy, *first_won, *first_lost);
        bool one_reason = std::all_of(pair.settings.begin(), pair.settings.end(),
                                      [&](const auto& s) { return why(policy, *s.first, *s.second) == reason; });
        size_t n = pair.settings.size();
        Diagnostic d = finding(describe_link(policy, policy.order[first_won->link_index]) + " and " +
                                   describe_link(policy, policy.order[first_lost->link_index]) + " set " +
                                   std::to_string(n) + (n == 1 ? " setting" : " settings") + " differently; the " +
                                   (n == 1 ? "value of " : "values of ") + name_of(policy, *first_won) + (n == 1 ? " applies" : " apply") +
                                   (one_reason ? ": " + reason : " (the reason of each is in its note)"),
                               first_won->setting->location);
        d.severity = Severity::Note;
        for (const auto& [won, lost] : pair.settings)
            d.notes.push_back({won->setting->key.text() + ": " + shown(won->setting->value) + " applies, not " +
                                   shown(lost->setting->value) + (one_reason ? "" : " (" + why(policy, *won, *lost) + ")"),
                               located(lost->setting->location)});
        d.som = policy.som_ref().dn;
        d.setting = first_won->setting->key.text();
        if (pair.winner) d.gpo = GpoRef{pair.winner->guid, pair.winner->name};
        return d;
    }
};

// GPL704: a setting that is overridden on every SOM where its GPO applies never takes effect.
class OverriddenEverywhere final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;
    void on_som(const resolve::EffectivePolicy& policy, const CheckContext& context, std::vector<Diagnostic>&) override {
        SettingFates::Recorder record = fates_.recorder(context.gpos);
        for (const auto& setting : policy.settings) {
            if (model::accumulates_across_gpos(setting.key)) continue;  // every GPO's scripts run
            for (const auto& c : setting.history) {
                if (!applied(c)) continue;
                // An override with the very same value is redundancy, not a dead setting: the value is in force.
                if (c.setting == setting.winner || (setting.winner && model::same_effect(c.setting->value, setting.winner->value)))
                    record.took_effect(gpo_of(policy, c), c.setting);
                else if (setting.winner && setting.winner_link >= 0)
                    record.lost(gpo_of(policy, c), c.setting, link_ref(policy.order[static_cast<size_t>(setting.winner_link)]));
            }
        }
    }
    void merge_later(BuiltinCheck& later) override { fates_.merge_later(static_cast<OverriddenEverywhere&>(later).fates_); }
    void finish(const CheckContext& context, std::vector<Diagnostic>& out) override {
        if (!fates_.settle()) return;
        // A forest has hundreds of thousands of these: GPO ranges are counted, then written straight
        // into their own slice of `out` on the thread pool, in GPO order, with no vector in between.
        const auto& gpos = context.gpos;
        const unsigned workers = thread_count(context.threads, gpos.size());
        const RangeSplit ranges(gpos.size(), workers);
        std::vector<size_t> start(ranges.count + 1, out.size());
        for (size_t range = 0; range < ranges.count; ++range)
            start[range + 1] = start[range] + count_dead(gpos, ranges.begin(range), ranges.end(range));
        out.resize(start[ranges.count]);
        parallel_for(ranges.count, workers, [&](size_t range, unsigned) {
            size_t at = start[range];
            for (size_t g = ranges.begin(range); g < ranges.end(range); ++g) report(context, g, out, at);
        });
    }

private:
    size_t count_dead(const std::vector<model::Gpo>& gpos, size_t first, size_t last) const {
        size_t count = 0;
        for (size_t g = first; g < last; ++g)
            for (size_t i = 0; i < gpos[g].settings.size(); ++i) count += fates_.never_took_effect(g, i) ? 1 : 0;
        return count;
    }

    void report(const CheckContext& context, size_t g, std::vector<Diagnostic>& out, size_t& at) const {
        const auto& gpo = context.gpos[g];
        for (size_t i = 0; i < gpo.settings.size(); ++i) {
            const LinkRef* winner = fates_.never_took_effect(g, i);
            if (winner == nullptr) continue;
            const auto& s = gpo.settings[i];
            Diagnostic& d = out[at++];
            d = finding(s.key.text() + " in " + gpo_label(gpo) +
                            " is overridden on every SOM where the GPO applies: it never takes effect",
                        s.location, gpo);
            d.setting = s.key.text();
            d.notes.push_back({"overridden by " + describe_link(context.topology, *winner), std::nullopt});
        }
    }

    SettingFates fates_;
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
