#include "resolve/gpo_index.hpp"

#include "model/setting.hpp"

namespace gpolint::resolve {

namespace {

std::vector<const model::Setting*> in_application_order(const model::Gpo& gpo) {
    std::vector<const model::Setting*> out;
    out.reserve(gpo.settings.size());
    for (const auto& setting : gpo.settings)
        if (!setting.user_side && setting.source != model::SourceKind::Template) out.push_back(&setting);
    for (const auto& setting : gpo.settings)
        if (!setting.user_side && setting.source == model::SourceKind::Template) out.push_back(&setting);
    return out;
}

}  // namespace

GpoIndex::GpoIndex(const std::vector<model::Gpo>& gpos, const model::Topology& topology) {
    for (const auto& container : topology.gpo_containers)
        if (!container.guid.empty()) containers_.emplace(model::fold_case(container.guid), &container);
    for (const auto& gpo : gpos) {
        settings_.emplace(&gpo, in_application_order(gpo));
        // The first GPO with a GUID wins; a second copy of the same backup adds nothing to resolution.
        if (!gpo.guid.empty()) by_guid_.emplace(model::fold_case(gpo.guid), &gpo);
    }
}

const model::Gpo* GpoIndex::find(std::string_view guid) const {
    auto it = by_guid_.find(model::fold_case(guid));
    return it == by_guid_.end() ? nullptr : it->second;
}

const model::GpoContainer* GpoIndex::find_container(std::string_view guid) const {
    auto it = containers_.find(model::fold_case(guid));
    return it == containers_.end() ? nullptr : it->second;
}

const std::vector<const model::Setting*>& GpoIndex::computer_settings(const model::Gpo& gpo) const {
    return settings_.at(&gpo);
}

}  // namespace gpolint::resolve
