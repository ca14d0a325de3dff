#include "resolve/processing_order.hpp"

namespace gpolint::resolve {

namespace {

void add_reason(std::string& reason, std::string_view more) {
    if (!reason.empty()) reason += "; ";
    reason += more;
}

ProcessedLink make_processed_link(const model::Som& som, int som_index, size_t link_index, const GpoIndex& gpos) {
    const model::Link& link = som.links[link_index];
    ProcessedLink out;
    out.gpo = gpos.find(link.gpo_guid);
    out.gpo_guid = link.gpo_guid;
    out.link_som = som_index;
    out.link_order = som.link_order_known ? som.link_order(link_index) : 0;
    out.enforced = link.enforced && !link.disabled;  // a disabled link ignores its enforce bit (MS-GPOL)
    out.link_location = link.location;
    if (link.disabled) {
        out.reason = "link disabled";
    } else if (out.gpo == nullptr) {
        out.reason = missing_gpo_reason(link, gpos);
    } else if (!out.gpo->computer_enabled()) {
        out.reason = "computer settings of the GPO are disabled";
    } else {
        out.applied = true;
        if (!out.gpo->wmi_filter.empty()) {
            out.conditional = true;
            add_reason(out.reason, "WMI filter '" + out.gpo->wmi_filter + "': applies only where its query returns a result");
        }
        if (out.gpo->security_filtered) {
            out.conditional = true;
            add_reason(out.reason, "security filtering: applies only to computers granted Apply Group Policy");
        }
    }
    if (!som.link_order_known) add_reason(out.reason, "link order unknown (links read from gpreport.xml)");
    return out;
}

}  // namespace

std::string missing_gpo_reason(const model::Link& link, const GpoIndex& gpos) {
    if (link.gpo_guid.empty()) return "the linked GPO could not be identified";
    if (const auto* container = gpos.find_container(link.gpo_guid))
        return "only the directory entry of GPO '" + container->name + "' " + link.gpo_guid +
               " is in the input; its settings are unknown";
    return "GPO " + link.gpo_guid + " is not in the input";
}

std::string blocked_reason(const model::Som& blocking) { return "blocked by inheritance at " + blocking.dn; }

size_t ProcessingOrder::descend(const model::Topology& topology, const GpoIndex& gpos, int som_index) {
    const model::Som& som = topology.soms[static_cast<size_t>(som_index)];
    // Sites have no place in the OU tree, so a site never blocks another site.
    if (som.block_inheritance && som.kind != model::SomKind::Site) {
        for (auto& link : inherited) {
            if (!link.applied) continue;
            link.applied = false;
            link.conditional = false;
            link.reason = blocked_reason(som);
        }
    }
    const size_t first_new = inherited.size();
    std::vector<ProcessedLink> own_enforced;
    for (size_t i = 0; i < som.links.size(); ++i) {
        ProcessedLink link = make_processed_link(som, som_index, i, gpos);
        (link.enforced ? own_enforced : inherited).push_back(std::move(link));
    }
    if (!own_enforced.empty()) {
        own_enforced.insert(own_enforced.end(), std::make_move_iterator(enforced.begin()),
                            std::make_move_iterator(enforced.end()));
        enforced = std::move(own_enforced);
    }
    return first_new;
}

std::vector<ProcessedLink> ProcessingOrder::flattened() const {
    std::vector<ProcessedLink> out;
    out.reserve(inherited.size() + enforced.size());
    out.insert(out.end(), inherited.begin(), inherited.end());
    out.insert(out.end(), enforced.begin(), enforced.end());
    return out;
}

}  // namespace gpolint::resolve
