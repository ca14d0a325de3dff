#pragma once
// The whole of `gpolint check` below the CLI: load the inputs, run every rule, return sorted findings.
#include <functional>
#include <string>
#include <vector>

#include "parse/inputs.hpp"
#include "resolve/effective.hpp"
#include "rules/checker.hpp"
#include "rules/rule.hpp"

namespace gpolint::rules {

struct PipelineOptions {
    parse::LoadOptions load;
    Selection selection;
    bool parse_only = false;   // stop after loading: parse diagnostics only
};

struct PipelineResult {
    parse::Inputs inputs;
    std::vector<Diagnostic> findings;   // parse diagnostics and rule findings, selected and sorted
};

// `observe` sees every SOM's effective policy (for report views); it may be empty.
PipelineResult run_pipeline(const std::vector<std::string>& paths, const std::vector<Rule>& rules,
                            const PipelineOptions& options,
                            const std::function<void(const resolve::EffectivePolicy&)>& observe = {});

}  // namespace gpolint::rules
