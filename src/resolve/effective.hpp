#pragma once
// The effective policy of one SOM: which GPOs apply in which order, and for every setting the winning
// contribution together with the full history of contributions (like taocpp/config keeps every
// position that touched a key). `gpolint explain` prints exactly this.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/gpo.hpp"
#include "model/policy_semantics.hpp"
#include "model/topology.hpp"

namespace gpolint::resolve {

// One link considered for a SOM, in application order (first applied first; the last applied wins).
struct ProcessedLink {
    const model::Gpo* gpo = nullptr;  // nullptr when the linked GPO is not in the input (GPL701)
    std::string gpo_guid;
    int link_som = -1;                // index into Topology::soms of the SOM the link is on
    uint32_t link_order = 0;          // 1 = highest precedence inside its SOM; 0 = unknown
    bool enforced = false;
    bool applied = false;             // false: listed only to explain why it was left out
    bool conditional = false;         // WMI filter / security filtering: applies only where the filter passes
    std::string reason;               // why it was left out, or why it is conditional
    Location link_location;
};

// The link as model::describe_link names it: "'Name' linked at DN (link order N, enforced)".
model::LinkRef link_ref(const ProcessedLink& link);
std::string describe_link(const model::Topology& topology, const ProcessedLink& link);

enum class ContributionState { Won, Overridden, NotApplied };
const char* to_string(ContributionState state);

struct Contribution {
    size_t link_index = 0;                // into EffectivePolicy::order
    const model::Setting* setting = nullptr;
    ContributionState state = ContributionState::Overridden;
    // Why a not-applied or **soft. contribution did not count ("GPO blocked by …"), shared by every
    // contribution it explains; null when the reason follows from the winner (see reason_of).
    std::shared_ptr<const std::string> settled_reason;
};

struct ResolvedSetting {
    model::SettingKey key;
    const model::Setting* winner = nullptr;  // nullptr when the last operation deleted the value
    int winner_link = -1;                    // into EffectivePolicy::order
    int decided_by = -1;                     // into history: the last set or delete that counted
    std::vector<Contribution> history;       // in application order
};

struct EffectivePolicy {
    const model::Topology* topology = nullptr;
    int som = -1;
    std::vector<ProcessedLink> order;
    std::vector<ResolvedSetting> settings;   // sorted by key().folded()
    const ResolvedSetting* find(std::string_view folded_key) const;
    const model::Som& som_ref() const { return topology->soms[static_cast<size_t>(som)]; }
};

// Why `contribution` of `setting` has its state: "overridden by 'X' (link order 1 at OU=…)",
// "GPO blocked by …", "removes the value"; empty for the contribution whose value is in effect. Built
// on demand: most reasons are never shown, and a forest has millions of them.
std::string reason_of(const EffectivePolicy& policy, const ResolvedSetting& setting, const Contribution& contribution);

// Resolves one SOM from scratch.
EffectivePolicy resolve_som(const model::Topology& topology, const std::vector<model::Gpo>& gpos, int som);

// Visits every SOM, parents before children, each computed from its parent's state rather than from the
// root. Structural problems (link to a missing GPO, …) go to `diagnostics` once, not once per SOM.
void for_each_som(const model::Topology& topology, const std::vector<model::Gpo>& gpos,
                  const std::function<void(const EffectivePolicy&)>& visit, Diagnostics& diagnostics);

// for_each_som cut into tasks that threads can run side by side. Tasks are whole subtrees (or a SOM
// alone, when its subtree was cut further), numbered in for_each_som's visiting order, and a task visits
// its SOMs in that order too: results collected per task and merged in task order come out exactly as
// for_each_som's, whatever the number of threads. run_task may be called concurrently.
class ParallelSomWalk {
public:
    // Structural problems go to `diagnostics` here, once. `target_tasks` is how many pieces to aim for.
    // `threads` (0 = one per core) share building the GPO index.
    ParallelSomWalk(const model::Topology& topology, const std::vector<model::Gpo>& gpos, Diagnostics& diagnostics,
                    size_t target_tasks, unsigned threads = 0);
    ~ParallelSomWalk();
    ParallelSomWalk(const ParallelSomWalk&) = delete;
    ParallelSomWalk& operator=(const ParallelSomWalk&) = delete;

    size_t task_count() const;
    void run_task(size_t task, const std::function<void(const EffectivePolicy&)>& visit) const;

private:
    enum class TaskKind { Site, Alone, Subtree };
    struct Task {
        int som;
        TaskKind kind;
    };
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gpolint::resolve
