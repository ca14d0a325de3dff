#include "fix/fix_target.hpp"

#include "model/setting.hpp"

namespace gpolint::fix {

namespace {

bool is_template(const model::Setting* setting) {
    return setting && setting->source == model::SourceKind::Template && !setting->location.file.empty();
}

// `replace` fixes a principal wherever the finding saw it (GPL103 fires on any principal list); the
// other actions edit the key the rule names, or, when it names the `each` variable ($right), the key
// the finding is about.
std::string key_to_edit(const Diagnostic& finding, const FixAction& action) {
    if (!action.key.empty() && action.key.front() == '$') return finding.setting ? *finding.setting : std::string();
    if (action.kind != ActionKind::Replace || !finding.setting) return action.key;
    model::SettingKey named(action.key), seen(*finding.setting);
    return named.kind() == seen.kind() ? *finding.setting : action.key;
}

}  // namespace

std::optional<FixTarget> TargetFinder::find(const Diagnostic& finding, const FixAction& action) {
    std::string key = key_to_edit(finding, action);
    std::string folded = model::fold_case(key);
    const model::Setting* setting = nullptr;
    if (finding.som) {
        setting = winner_on_som(*finding.som, folded);
    } else if (!finding.location.file.empty()) {
        setting = setting_of_gpo_holding(finding.location.file, folded);
    }
    if (!is_template(setting)) return std::nullopt;
    return FixTarget{setting->location.file.str(), key};
}

const model::Setting* TargetFinder::winner_on_som(const std::string& dn, const std::string& folded_key) {
    const auto& soms = inputs_.topology.soms;
    for (size_t i = 0; i < soms.size(); ++i) {
        if (!model::iequals(soms[i].dn, dn)) continue;
        int index = static_cast<int>(i);
        auto it = resolved_.find(index);
        if (it == resolved_.end())
            it = resolved_.emplace(index, resolve::resolve_som(inputs_.topology, inputs_.gpos, index)).first;
        const auto* resolved = it->second.find(folded_key);
        return resolved ? resolved->winner : nullptr;
    }
    return nullptr;
}

const model::Setting* TargetFinder::setting_of_gpo_holding(PathRef file, const std::string& folded_key) const {
    for (const auto& gpo : inputs_.gpos) {
        bool holds = false;
        for (const auto& f : gpo.files) holds = holds || f == file;
        if (!holds) continue;
        // The last definition wins inside a GPO too (templates before registry.pol before Preferences).
        const model::Setting* found = nullptr;
        for (const auto& setting : gpo.settings)
            if (setting.key.folded() == folded_key) found = &setting;
        return found;
    }
    return nullptr;
}

}  // namespace gpolint::fix
