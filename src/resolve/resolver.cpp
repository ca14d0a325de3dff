// STUB (skeleton): replaced by the resolver of the effective-policy issue.
#include "resolve/effective.hpp"

namespace gpolint::resolve {
const char* to_string(ContributionState state) {
    switch (state) {
        case ContributionState::Won: return "won";
        case ContributionState::Overridden: return "overridden";
        case ContributionState::NotApplied: return "not_applied";
    }
    return "?";
}
const ResolvedSetting* EffectivePolicy::find(std::string_view) const { return nullptr; }
EffectivePolicy resolve_som(const model::Topology& topology, const std::vector<model::Gpo>&, int som) {
    EffectivePolicy policy;
    policy.topology = &topology;
    policy.som = som;
    return policy;
}
void for_each_som(const model::Topology&, const std::vector<model::Gpo>&,
                  const std::function<void(const EffectivePolicy&)>&, Diagnostics&) {}
}  // namespace gpolint::resolve
