#include "rules/pipeline.hpp"

#include "core/phase_timer.hpp"

namespace gpolint::rules {

PipelineResult run_pipeline(const std::vector<std::string>& paths, const std::vector<Rule>& rules,
                            const PipelineOptions& options,
                            const std::function<void(const resolve::EffectivePolicy&)>& observe) {
    PipelineResult result;
    Diagnostics diagnostics;
    result.inputs = parse::load_inputs(paths, options.load, diagnostics);
    // The rules' findings come first and the input's diagnostics are appended to them: the vector has
    // room for them, and no finding of a rule ties with an input diagnostic in the sort (their rule IDs
    // differ), so the sorted output is the same as in any other order.
    if (!options.parse_only)
        result.findings = run_checks(rules, options.selection, result.inputs.gpos, result.inputs.topology, diagnostics,
                                     observe, options.load.threads);
    for (auto& d : diagnostics.take())
        if (options.selection.enabled(d.rule_id)) result.findings.push_back(std::move(d));
    PhaseTimer phase("sort findings");
    sort_diagnostics(result.findings);
    return result;
}

}  // namespace gpolint::rules
