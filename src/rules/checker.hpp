#pragma once
// One run of every enabled rule over the loaded input: per GPO, then per SOM, then the built-in checks'
// aggregates. The result is deduplicated (a per-SOM finding hides the per-GPO finding of the same rule on
// the same setting) and folded (one per-SOM finding that repeats over many SOMs is reported once with a
// note naming the others).
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
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
    std::vector<std::string> enable;   // optional rules to run (IDs or prefixes)
    bool enabled(const std::string& id) const;
    // An optional rule runs only when `enable` or a non-empty `select` names it (ID or prefix).
    bool runs(const std::string& id, bool optional) const;
};

// What the per-SOM checks found over one piece of the SOM walk, before folding. Pieces are checked on
// several threads, each into its own SomFindings, and merged into the Checker in visiting order.
class SomFindings {
private:
    friend class Checker;
    struct Found {
        Diagnostic finding;
        const std::string* som_dn;  // the topology's
        std::string fold_key;       // made on the piece's thread: the merge is serial
    };
    std::vector<Found> found;
    std::vector<std::string> covered;                  // location keys of per-SOM findings
    std::vector<std::unique_ptr<BuiltinCheck>> owned;  // this piece's own built-in checks
    std::vector<BuiltinCheck*> builtins;               // the checks on_som goes to
};

class Checker {
public:
    // `threads` (0 = one per core) bounds the threads that check_gpos and the built-in checks' finish use.
    Checker(const std::vector<Rule>& rules, const Selection& selection, const std::vector<model::Gpo>& gpos,
            const model::Topology& topology, unsigned threads = 0);

    void check_gpo(const model::Gpo& gpo);
    // Every GPO of the input, on `threads` threads (0 = one per core), with the findings kept in GPO
    // order: the same as calling check_gpo for each in turn.
    void check_gpos();
    void check_som(const resolve::EffectivePolicy& policy);

    // The same as check_som, split for threads: start_piece and check_som(policy, piece) only read the
    // Checker, so pieces may be checked concurrently; merge must then see the pieces in visiting order.
    SomFindings start_piece() const;
    void check_som(const resolve::EffectivePolicy& policy, SomFindings& piece) const;
    void merge(SomFindings piece);
    // Built-in aggregates, per-GPO findings not covered by a per-SOM one, per-SOM findings folded.
    // `room`: how many more diagnostics the caller will append, so that the result need not move again.
    std::vector<Diagnostic> finish(size_t room = 0);

private:
    struct Folded {
        Diagnostic finding;
        std::vector<std::string> other_soms;
    };
    struct GpoFindings {
        std::vector<Diagnostic> rules, builtins;
    };
    void check_gpo(const model::Gpo& gpo, GpoFindings& out) const;
    bool topology_declares(const std::string& role) const;  // some SOM has the role (case-insensitive)
    void evaluate_instance_on_som(const Instance& instance, const SomFacts& facts, SomFindings& piece) const;
    static void add_found(SomFindings& piece, Diagnostic finding, const std::string& som_dn);
    void add_som_finding(SomFindings::Found found);

    std::vector<Instance> instances_;
    std::vector<std::unique_ptr<BuiltinCheck>> builtins_;
    std::vector<std::pair<CheckFactory, const Rule*>> builtin_factories_;  // to give every piece fresh checks
    CheckContext context_;
    std::vector<Diagnostic> gpo_findings_;
    std::vector<Diagnostic> builtin_findings_;
    std::vector<Folded> som_findings_;
    std::unordered_map<std::string, size_t> fold_index_;  // fold key -> som_findings_
    std::unordered_set<std::string> covered_;             // rule + setting location of per-SOM findings
    std::unordered_set<std::string> declared_roles_;      // folded roles some SOM of the topology has
};

// For the check service and the tests: per GPO for every GPO, then per SOM when there is a topology,
// the SOMs on `threads` threads (0 = one per core); the findings do not depend on the thread count.
// Resolver diagnostics (GPL701, …) go to `diagnostics`.
// `observe` (may be empty) sees each SOM's effective policy too, possibly from several threads at once.
std::vector<Diagnostic> run_checks(const std::vector<Rule>& rules, const Selection& selection,
                                   const std::vector<model::Gpo>& gpos, const model::Topology& topology,
                                   Diagnostics& diagnostics,
                                   const std::function<void(const resolve::EffectivePolicy&)>& observe = {},
                                   unsigned threads = 0);

}  // namespace gpolint::rules
