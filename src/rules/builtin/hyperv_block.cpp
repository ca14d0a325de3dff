// GPL104: the recommended protection for Hyper-V hosts, block inheritance on their OU, does not stop
// an enforced GPO from above. When the enforced value lacks *S-1-5-83-0 the GPL101/102 finding already
// says so in a note; this check reports the remaining case, an enforced value that is fine today but is
// still decided above the block, as a note of its own.
#include "model/principal.hpp"
#include "rules/builtin/checks.hpp"
#include "rules/evaluator.hpp"
#include "rules/facts.hpp"

namespace gpolint::rules {

namespace {

class HyperVBlockDefeated final : public BuiltinCheck {
public:
    using BuiltinCheck::BuiltinCheck;

    void on_som(const resolve::EffectivePolicy& policy, const CheckContext&, std::vector<Diagnostic>& out) override {
        const model::Som& som = policy.som_ref();
        if (!som.roles.count("hyperv")) return;
        SomFacts facts(policy);
        for (const char* key : {"privilege:seservicelogonright", "privilege:secreatesymboliclinkprivilege"}) {
            const auto* resolved = facts.resolved(key);
            const auto* winner = facts.winner(key);
            if (!resolved || !winner || resolved->winner_link < 0) continue;
            const auto& link = policy.order[static_cast<size_t>(resolved->winner_link)];
            if (!link.enforced || link.link_som == policy.som || !link.gpo) continue;
            int blocked = blocking_som_between(*policy.topology, policy.som, link.link_som);
            if (blocked < 0) continue;
            bool lacks = true;
            for (const auto& item : winner->value.items)
                if (model::principal_matches("*S-1-5-83-0", item)) lacks = false;
            if (lacks) continue;  // GPL101/102 report it, with the enforced link in a note
            const auto& soms = policy.topology->soms;
            Diagnostic d = finding(winner->key.text() + " on " + som.dn + " is decided by " + describe_link(policy, link) +
                                       ", although " + soms[static_cast<size_t>(blocked)].dn +
                                       " blocks inheritance: an edit of that GPO reaches the Hyper-V hosts",
                                   winner->location, *link.gpo);
            d.som = som.dn;
            d.setting = winner->key.text();
            d.notes.push_back({"'" + link.gpo->name + "' is enforced at " + soms[static_cast<size_t>(link.link_som)].dn +
                                   ", so the block inheritance on " + soms[static_cast<size_t>(blocked)].dn +
                                   " does not stop it",
                               located(link.link_location)});
            out.push_back(std::move(d));
        }
    }

};
}  // namespace

std::unique_ptr<BuiltinCheck> make_hyperv_block_defeated(const Rule& rule) {
    return std::make_unique<HyperVBlockDefeated>(rule);
}

}  // namespace gpolint::rules
