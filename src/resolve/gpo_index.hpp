#pragma once
// Looks GPOs up by GUID and hands out, once per GPO, the settings the computer half applies in the order
// the client applies them.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/gpo.hpp"
#include "model/topology.hpp"

namespace gpolint::resolve {

class GpoIndex {
public:
    GpoIndex(const std::vector<model::Gpo>& gpos, const model::Topology& topology);

    // nullptr when no GPO of the input has this GUID (case-insensitive, braces as written in gPLink).
    const model::Gpo* find(std::string_view guid) const;
    // The directory entry (LDIF groupPolicyContainer) of a GPO, whether or not its files were given.
    const model::GpoContainer* find_container(std::string_view guid) const;

    // Computer-side settings of `gpo`: registry.pol, Preferences and the rest first, the security
    // template last, each group in file order. The Security CSE runs after the Registry CSE, so within
    // one GPO a template value beats a registry.pol value for the same registry value (FORMATS §6.2).
    const std::vector<const model::Setting*>& computer_settings(const model::Gpo& gpo) const;

private:
    std::unordered_map<std::string, const model::Gpo*> by_guid_;
    std::unordered_map<std::string, const model::GpoContainer*> containers_;
    std::unordered_map<const model::Gpo*, std::vector<const model::Setting*>> settings_;
};

}  // namespace gpolint::resolve
