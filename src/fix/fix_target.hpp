#pragma once
// Which template a finding's fix must edit: the one whose entry decides the setting.
#include <map>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "fix/fix_action.hpp"
#include "parse/inputs.hpp"
#include "resolve/effective.hpp"

namespace gpolint::fix {

struct FixTarget {
    std::string file;  // the template to edit
    std::string key;   // canonical key of the entry to edit
};

// Finds targets, resolving each SOM at most once.
class TargetFinder {
public:
    explicit TargetFinder(const parse::Inputs& inputs) : inputs_(inputs) {}

    // For a per-SOM finding: the template of the GPO that wins `key` on that SOM. For a per-GPO finding:
    // that GPO's own template. nullopt when no template defines the key (a registry.pol value, or a
    // setting left to the OS default): fixes only change existing template entries.
    std::optional<FixTarget> find(const Diagnostic& finding, const FixAction& action);

private:
    const model::Setting* winner_on_som(const std::string& dn, const std::string& folded_key);
    const model::Setting* setting_of_gpo_holding(PathRef file, const std::string& folded_key) const;

    const parse::Inputs& inputs_;
    std::map<int, resolve::EffectivePolicy> resolved_;
};

}  // namespace gpolint::fix
