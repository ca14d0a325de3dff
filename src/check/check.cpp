#include "check/check.hpp"

#include <filesystem>
#include <optional>
#include <utility>

#include "check/changed_files.hpp"
#include "check/report_views.hpp"
#include "check/rule_infos.hpp"
#include "core/phase_timer.hpp"
#include "report/terminal.hpp"
#include "rules/checker.hpp"

namespace gpolint::check {

namespace {

parse::LoadOptions load_options(const findings::Settings& settings) {
    parse::LoadOptions options;
    options.topology_files = settings.topology;
    options.threads = settings.threads;
    options.role_overrides = settings.roles;
    options.exclude = settings.exclude;
    return options;
}

// Per GPO, then per SOM. Each SOM's processing order goes to its own slot of result.orders, sized
// beforehand, so the threads that resolve different SOMs never write the same place.
std::vector<Diagnostic> run_rules(const Request& request, const rules::Selection& selection, Result& result,
                                  Diagnostics& diagnostics, report::Progress& progress) {
    if (request.views) result.orders.resize(result.inputs.topology.soms.size());
    auto observe = [&](const resolve::EffectivePolicy& policy) {
        if (request.views) result.orders[static_cast<size_t>(policy.som)] = order_entries(policy);
        progress.advance();
    };
    return rules::run_checks(*request.rules, selection, result.inputs.gpos, result.inputs.topology, diagnostics,
                             observe, request.settings.threads);
}

}  // namespace

Result lint(const Request& request) {
    Result result;
    // Resolving thousands of SOMs is the long part of a domain audit: show it on a terminal.
    report::Progress progress(request.progress, request.progress != nullptr);
    progress.start("resolving SOMs", 0);
    const rules::Selection selection{request.settings.select, request.settings.ignore, request.settings.enable};
    Diagnostics diagnostics;
    result.inputs = parse::load_inputs(request.paths, load_options(request.settings), diagnostics);
    // The rules' findings come first and the input's diagnostics are appended to them: the vector has
    // room for them, and no finding of a rule ties with an input diagnostic in the sort (their rule IDs
    // differ), so the sorted output is the same as in any other order.
    if (!request.parse_only) result.findings = run_rules(request, selection, result, diagnostics, progress);
    for (auto& d : diagnostics.take())
        if (selection.enabled(d.rule_id)) result.findings.push_back(std::move(d));
    progress.finish();
    PhaseTimer phase("sort findings");
    sort_diagnostics(result.findings, request.settings.threads);
    return result;
}

void conclude(Result& result, const Request& request) {
    std::optional<PhaseTimer> phase(std::in_place, "suppressions, sort");
    auto outcome = findings::run_pipeline(std::move(result.findings), request.settings,
                                          &result.inputs.may_have_directives);
    result.findings.clear();
    result.fatal = std::move(outcome.fatal);
    if (!result.fatal.empty()) return;
    if (!request.changed.empty()) {
        ChangedFiles changed(request.changed);
        keep_changed(outcome.findings, changed);
        outcome.exit_code = findings::exit_code_for(outcome.findings, request.settings.fail_on);
    }
    result.exit_code = outcome.exit_code;
    auto& data = result.report;
    data.findings = std::move(outcome.findings);
    data.suppressed = std::move(outcome.suppressed);
    data.suppression_info = std::move(outcome.suppression_info);
    data.rules = rule_infos(*request.rules, request.rules_dir);
    data.files_read = result.inputs.files.size();
    data.gpos = result.inputs.gpos.size();
    data.soms = result.inputs.topology.soms.size();
    std::error_code error;
    data.base_dir = std::filesystem::current_path(error).string();
    phase.emplace("report views");
    if (request.views) fill_views(data, result.inputs, result.orders);
}

Result run(const Request& request) {
    auto result = lint(request);
    conclude(result, request);
    return result;
}

}  // namespace gpolint::check
