#include "rules/builtin/check.hpp"

namespace gpolint::rules {

Diagnostic BuiltinCheck::finding(std::string message, Location location) const {
    Diagnostic d;
    d.rule_id = rule_.id;
    d.severity = rule_.severity;
    d.message = std::move(message);
    d.location = location;
    return d;
}

Diagnostic BuiltinCheck::finding(std::string message, Location location, const model::Gpo& gpo) const {
    Diagnostic d = finding(std::move(message), location);
    d.gpo = GpoRef{gpo.guid, gpo.name};
    return d;
}

std::string describe_link(const resolve::EffectivePolicy& policy, const resolve::ProcessedLink& link) {
    return resolve::describe_link(*policy.topology, link);
}

int blocking_som_between(const model::Topology& topology, int som, int link_som) {
    for (int at = som; at >= 0 && at != link_som; at = topology.soms[static_cast<size_t>(at)].parent)
        if (topology.soms[static_cast<size_t>(at)].block_inheritance) return at;
    return -1;
}

LinkIndex::LinkIndex(const model::Topology& topology) {
    for (const auto& som : topology.soms)
        for (const auto& link : som.links)
            if (!link.gpo_guid.empty()) sites_[model::fold_case(link.gpo_guid)].push_back({&som, &link});
}

const std::vector<LinkSite>& LinkIndex::to(const std::string& gpo_guid) const {
    static const std::vector<LinkSite> kNone;
    if (gpo_guid.empty()) return kNone;
    auto found = sites_.find(model::fold_case(gpo_guid));
    return found == sites_.end() ? kNone : found->second;
}

std::optional<Location> located(const Location& location) {
    if (location.file.empty()) return std::nullopt;
    return location;
}

}  // namespace gpolint::rules
