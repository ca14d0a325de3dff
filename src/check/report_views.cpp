#include "check/report_views.hpp"

#include <string>
#include <unordered_map>
#include <utility>

#include "model/setting.hpp"
#include "model/policy_semantics.hpp"

namespace gpolint::check {

std::vector<report::SomView::Entry> order_entries(const resolve::EffectivePolicy& policy) {
    std::vector<report::SomView::Entry> entries;
    for (const auto& link : policy.order) {
        report::SomView::Entry e;
        e.gpo_guid = link.gpo_guid;
        e.gpo_name = link.gpo ? link.gpo->name : std::string();
        e.link_som = link.link_som >= 0 ? policy.topology->soms[static_cast<size_t>(link.link_som)].dn : std::string();
        e.link_order = link.link_order;
        e.enforced = link.enforced;
        e.applied = link.applied;
        e.conditional = link.conditional;
        e.reason = link.reason;
        entries.push_back(std::move(e));
    }
    return entries;
}

namespace {

void fill_som_views(report::ReportData& data, const std::vector<model::Som>& soms,
                    std::vector<std::vector<report::SomView::Entry>>& orders) {
    for (size_t i = 0; i < soms.size(); ++i) {
        report::SomView view;
        view.dn = soms[i].dn;
        view.kind = soms[i].kind == model::SomKind::Site ? "site" : soms[i].kind == model::SomKind::Domain ? "domain" : "ou";
        view.parent = soms[i].parent;
        view.roles.assign(soms[i].roles.begin(), soms[i].roles.end());
        view.block_inheritance = soms[i].block_inheritance;
        if (i < orders.size()) view.order = std::move(orders[i]);
        data.soms_view.push_back(std::move(view));
    }
}

// Indexed once, so both views cost links + GPOs and files + findings, not their products.
void fill_gpo_views(report::ReportData& data, const parse::Inputs& inputs) {
    // folded GUID -> (SOM DN, enforced), in order
    std::unordered_map<std::string, std::vector<std::pair<const std::string*, bool>>> linked_from;
    for (const auto& som : inputs.topology.soms)
        for (const auto& link : som.links)
            linked_from[model::fold_case(link.gpo_guid)].emplace_back(&som.dn, link.enforced && !link.disabled);
    for (const auto& gpo : inputs.gpos) {
        report::GpoView view{gpo.guid, gpo.name, gpo.source, {}, false, false, {}};
        if (!gpo.guid.empty())
            if (auto found = linked_from.find(model::fold_case(gpo.guid)); found != linked_from.end())
                for (const auto& [dn, enforced] : found->second) {
                    view.links.push_back(*dn);
                    view.enforced = view.enforced || enforced;
                }
        view.filtered = !gpo.wmi_filter.empty() || gpo.security_filtered;
        view.settings.reserve(gpo.settings.size());
        for (const auto& setting : gpo.settings)
            view.settings.emplace_back(setting.key.text(), model::display_value(setting.value));
        data.gpos_view.push_back(std::move(view));
    }
}

// GPL001 alone means "read but could not be parsed": the report's list of files with parse errors counts
// these, not every error finding (a GPL704 or a GPL015 is about a file gpolint read correctly).
bool is_parse_error(const Diagnostic& d) { return d.rule_id == "GPL001"; }

void fill_input_views(report::ReportData& data, const parse::Inputs& inputs) {
    std::unordered_map<const std::string*, size_t> errors_in;  // interned paths: one address per file
    for (const auto& d : data.findings)
        if (is_parse_error(d)) ++errors_in[&d.location.file.str()];
    for (const auto& file : inputs.files) {
        auto found = errors_in.find(&file.str());
        data.inputs_view.push_back({file.str(), found == errors_in.end() ? 0 : found->second});
    }
}

}  // namespace

void fill_views(report::ReportData& data, const parse::Inputs& inputs,
                std::vector<std::vector<report::SomView::Entry>>& orders) {
    fill_som_views(data, inputs.topology.soms, orders);
    fill_gpo_views(data, inputs);
    fill_input_views(data, inputs);
}

}  // namespace gpolint::check
