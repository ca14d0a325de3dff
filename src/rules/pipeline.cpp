#include "rules/pipeline.hpp"

#include "core/phase_timer.hpp"

namespace gpolint::rules {

PipelineResult run_pipeline(const std::vector<std::string>& paths, const std::vector<Rule>& rules,
                            const PipelineOptions& options,
                            const std::function<void(const resolve::EffectivePolicy&)>& observe) {
    PipelineResult result;
    Diagnostics diagnostics;
    result.inputs = parse::load_inputs(paths, options.load, diagnostics);
    std::vector<Diagnostic> found;
    if (!options.parse_only)
        found = run_checks(rules, options.selection, result.inputs.gpos, result.inputs.topology, diagnostics, observe,
                           options.load.threads);
    auto from_inputs = diagnostics.take();
    result.findings.reserve(from_inputs.size() + found.size());
    for (auto& d : from_inputs)
        if (options.selection.enabled(d.rule_id)) result.findings.push_back(std::move(d));
    std::move(found.begin(), found.end(), std::back_inserter(result.findings));
    PhaseTimer phase("sort findings");
    sort_diagnostics(result.findings);
    return result;
}

}  // namespace gpolint::rules
