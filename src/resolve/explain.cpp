#include "resolve/explain.hpp"

#include <algorithm>

#include "model/setting.hpp"

namespace gpolint::resolve {

const std::string& som_dn(const EffectivePolicy& policy, int som) {
    return policy.topology->soms[static_cast<size_t>(som)].dn;
}

const std::string* known_name(const EffectivePolicy& policy, const ProcessedLink& link) {
    if (link.gpo != nullptr) return &link.gpo->name;
    for (const auto& container : policy.topology->gpo_containers)
        if (!link.gpo_guid.empty() && model::iequals(container.guid, link.gpo_guid)) return &container.name;
    return nullptr;
}

std::vector<ExplainRow> explain_rows(const EffectivePolicy& policy, const ExplainRequest& request) {
    std::vector<ExplainRow> out;
    if (request.keys.empty()) {
        for (const auto& setting : policy.settings) out.push_back({setting.key.text(), &setting});
        return out;
    }
    for (const auto& typed : request.keys) {
        const auto* found = policy.find(canonical_setting_key(typed));
        out.push_back({found != nullptr ? found->key.text() : typed, found});
    }
    return out;
}

bool has_won(const ResolvedSetting& setting) {
    return std::any_of(setting.history.begin(), setting.history.end(),
                       [](const Contribution& c) { return c.state == ContributionState::Won; });
}

bool has_sites(const model::Topology& topology) {
    return std::any_of(topology.soms.begin(), topology.soms.end(),
                       [](const model::Som& som) { return som.kind == model::SomKind::Site; });
}

std::string canonical_setting_key(std::string_view typed) {
    constexpr std::string_view kRegistry = "registry:";
    if (typed.size() > kRegistry.size() && model::iequals(typed.substr(0, kRegistry.size()), kRegistry))
        return model::fold_case(model::registry_key_text("", typed.substr(kRegistry.size()), ""));
    return model::fold_case(typed);
}

namespace {

// Levenshtein distance, two rows; inputs are DNs, so a few hundred characters at most.
size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// "ou=hyperv,ou=servers,…" -> "hyperv"
std::string_view first_rdn_value(std::string_view normalized) {
    auto equals = normalized.find('=');
    if (equals == std::string_view::npos) return normalized;
    auto rest = normalized.substr(equals + 1);
    return rest.substr(0, rest.find(','));
}

}  // namespace

std::vector<std::string> close_som_matches(const model::Topology& topology, std::string_view dn, size_t limit) {
    constexpr size_t kMaxLength = 512;  // keeps a hostile --som from costing more than a moment per SOM
    const std::string wanted = model::normalize_dn(dn.substr(0, kMaxLength));
    const std::string_view wanted_leaf = first_rdn_value(wanted);
    const size_t tolerance = std::max<size_t>(3, wanted.size() / 4);
    // Same leaf name first (what users remember is the OU's name, not its path), then by edit distance.
    std::vector<std::pair<std::pair<bool, size_t>, const std::string*>> scored;
    for (const auto& som : topology.soms) {
        const std::string candidate = model::normalize_dn(std::string_view(som.dn).substr(0, kMaxLength));
        size_t distance = edit_distance(wanted, candidate);
        const bool same_leaf = !wanted_leaf.empty() && candidate.find(wanted_leaf) != std::string::npos;
        if (distance <= tolerance || same_leaf) scored.push_back({{!same_leaf, distance}, &som.dn});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(*scored[i].second);
    return out;
}

}  // namespace gpolint::resolve
