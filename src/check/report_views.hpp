#pragma once
// The OU tree, GPO list and input list of the HTML report, built from what the check run returns.
#include <vector>

#include "parse/inputs.hpp"
#include "report/reporter.hpp"
#include "resolve/effective.hpp"

namespace gpolint::check {

// One SOM's processing order as the report shows it.
std::vector<report::SomView::Entry> order_entries(const resolve::EffectivePolicy& policy);

// Fills data.soms_view (taking each SOM's order from `orders`), data.gpos_view and data.inputs_view.
void fill_views(report::ReportData& data, const parse::Inputs& inputs,
                std::vector<std::vector<report::SomView::Entry>>& orders);

}  // namespace gpolint::check
