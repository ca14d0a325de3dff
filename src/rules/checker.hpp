#pragma once
// One run of every enabled rule over the loaded input: per GPO, then per SOM, then the built-in checks'
// aggregates. The result is deduplicated (a per-SOM finding hides the per-GPO finding of the same rule on
// the same setting) and folded (one per-SOM finding that repeats over many SOMs is reported once with a
// note naming the others).
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/gpo.hpp"
#include "model/topology.hpp"
#include "resolve/effective.hpp"
#include "rules/builtin/check.hpp"
#include "rules/facts.hpp"
#include "rules/rule.hpp"

namespace gpolint::rules {

// The rules that take part in a run. Entries are IDs or ID prefixes ("GPL1" = the GPL1xx family).
struct Selection {
    std::vector<std::string> select;   // empty: all
    std::vector<std::string> ignore;
    bool enabled(const std::string& id) const;
};

class Checker {
public:
    Checker(const std::vector<Rule>& rules, const Selection& selection, const std::vector<model::Gpo>& gpos,
            const model::Topology& topology);

    void check_gpo(const model::Gpo& gpo);
    void check_som(const resolve::EffectivePolicy& policy);
    // Built-in aggregates, per-GPO findings not covered by a per-SOM one, per-SOM findings folded.
    std::vector<Diagnostic> finish();

private:
    struct Folded {
        Diagnostic finding;
        std::vector<std::string> other_soms;
    };
    void evaluate_instance_on_som(const Instance& instance, const SomFacts& facts);
    void add_som_finding(Diagnostic finding, const std::string& som_dn);

    std::vector<Instance> instances_;
    std::vector<std::unique_ptr<BuiltinCheck>> builtins_;
    CheckContext context_;
    std::vector<Diagnostic> gpo_findings_;
    std::vector<Diagnostic> builtin_findings_;
    std::vector<Folded> som_findings_;
    std::map<std::string, size_t> fold_index_;            // fold key -> som_findings_
    std::set<std::string> covered_;                        // rule + setting location of per-SOM findings
};

// Convenience for the CLI and the tests: per GPO for every GPO, then per SOM when there is a topology.
// Resolver diagnostics (GPL701, …) go to `diagnostics`.
// `observe` (may be empty) sees each SOM's effective policy too.
std::vector<Diagnostic> run_checks(const std::vector<Rule>& rules, const Selection& selection,
                                   const std::vector<model::Gpo>& gpos, const model::Topology& topology,
                                   Diagnostics& diagnostics,
                                   const std::function<void(const resolve::EffectivePolicy&)>& observe = {});

}  // namespace gpolint::rules
