#pragma once
// The processing order of one SOM, grown one SOM at a time from the top of the tree down (FORMATS §5.1):
// the non-enforced links of every SOM above in application order, then the enforced links from this SOM
// up. A child starts from its parent's order, so nothing is recomputed from the root.
#include <vector>

#include "model/topology.hpp"
#include "resolve/effective.hpp"
#include "resolve/gpo_index.hpp"

namespace gpolint::resolve {

struct ProcessingOrder {
    // Non-enforced and disabled links: site, domain, OUs top-down; in one SOM gPLink entries first to last.
    // Links left out (blocked, disabled, missing GPO) stay in place with applied = false and the reason.
    std::vector<ProcessedLink> inherited;
    // Enforced links: this SOM's first, then those of the SOMs above, so a higher enforced link applies
    // later and wins.
    std::vector<ProcessedLink> enforced;

    // Steps down into `som`: applies its block inheritance to the links inherited so far, then adds its
    // own links. Returns the index in `inherited` of the first link `som` added.
    size_t descend(const model::Topology& topology, const GpoIndex& gpos, int som);

    // inherited followed by enforced: EffectivePolicy::order.
    std::vector<ProcessedLink> flattened() const;
};

// Why a link whose GPO is not among the input's GPOs cannot be applied: its GUID is unknown, only its
// directory entry was given, or nothing at all is known about it.
std::string missing_gpo_reason(const model::Link& link, const GpoIndex& gpos);

// "blocked by inheritance at OU=…": the reason given to everything a blocking SOM leaves out.
std::string blocked_reason(const model::Som& blocking);

}  // namespace gpolint::resolve
