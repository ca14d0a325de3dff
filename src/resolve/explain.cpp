#include "resolve/explain.hpp"


#include <algorithm>
#include <ostream>

#include "core/json_string.hpp"
#include "core/printable.hpp"
#include "model/setting.hpp"

namespace gpolint::resolve {

namespace {

const std::string& som_dn(const EffectivePolicy& policy, int som) {
    return policy.topology->soms[static_cast<size_t>(som)].dn;
}

// The GPO's name, from its files or else from its directory entry; nullptr when neither is in the input.
const std::string* known_name(const EffectivePolicy& policy, const ProcessedLink& link) {
    if (link.gpo != nullptr) return &link.gpo->name;
    for (const auto& container : policy.topology->gpo_containers)
        if (!link.gpo_guid.empty() && model::iequals(container.guid, link.gpo_guid)) return &container.name;
    return nullptr;
}

std::string gpo_name(const EffectivePolicy& policy, const ProcessedLink& link) {
    const std::string* name = known_name(policy, link);
    return name != nullptr ? *name : "(unknown GPO)";
}

std::string display_value(const model::Setting& setting) {
    if (setting.op != model::Operation::Set && setting.op != model::Operation::SetIfAbsent)
        return std::string("(") + model::to_string(setting.op) + ")";
    if (!setting.value.text.empty() || setting.value.items.empty()) return setting.value.text;
    std::string joined;
    for (const auto& item : setting.value.items) {
        if (!joined.empty()) joined += ',';
        joined += item;
    }
    return joined;
}

// One row of output: the resolved setting when something defines it, else just the key asked for.
struct Row {
    std::string key;
    const ResolvedSetting* resolved = nullptr;
};

std::vector<Row> rows(const EffectivePolicy& policy, const ExplainRequest& request) {
    std::vector<Row> out;
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

// A resolved setting without a winner either was deleted (the delete won) or was never applied.
bool has_won(const ResolvedSetting& setting) {
    return std::any_of(setting.history.begin(), setting.history.end(),
                       [](const Contribution& c) { return c.state == ContributionState::Won; });
}

bool has_sites(const model::Topology& topology) {
    return std::any_of(topology.soms.begin(), topology.soms.end(),
                       [](const model::Som& som) { return som.kind == model::SomKind::Site; });
}

std::string describe_link_position(const EffectivePolicy& policy, const ProcessedLink& link) {
    std::string out = "linked at " + som_dn(policy, link.link_som);
    out += link.link_order == 0 ? ", link order unknown" : ", link order " + std::to_string(link.link_order);
    if (link.enforced) out += ", enforced";
    return out;
}

// ---- JSON ----------------------------------------------------------------------------------------

void json_string(std::ostream& out, std::string_view text) { out << json_quote(text); }

// "guid": …, "name": … (name null for a GPO missing from the input)
void json_gpo_fields(std::ostream& out, const EffectivePolicy& policy, const ProcessedLink& link) {
    out << "\"guid\": ";
    json_string(out, link.gpo != nullptr ? link.gpo->guid : link.gpo_guid);
    out << ", \"name\": ";
    if (const std::string* name = known_name(policy, link)) json_string(out, *name);
    else out << "null";
}

void json_gpo(std::ostream& out, const EffectivePolicy& policy, const ProcessedLink& link) {
    out << '{';
    json_gpo_fields(out, policy, link);
    out << '}';
}

void json_file_line(std::ostream& out, const Location& location) {
    out << "\"file\": ";
    json_string(out, location.file.str());
    out << ", \"line\": " << location.line;
}

}  // namespace

std::string format_location(const Location& location) {
    if (location.file.empty()) return "(unknown file)";
    if (location.is_binary()) return location.file.str() + " (byte " + std::to_string(location.offset) + ")";
    return location.file.str() + ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
}

std::string canonical_setting_key(std::string_view typed) {
    constexpr std::string_view kRegistry = "registry:";
    if (typed.size() > kRegistry.size() && model::iequals(typed.substr(0, kRegistry.size()), kRegistry))
        return model::fold_case(model::registry_key_text("", typed.substr(kRegistry.size()), ""));
    return model::fold_case(typed);
}

void write_explain_text(std::ostream& out, const EffectivePolicy& policy, const ExplainRequest& request) {
    const model::Som& som = policy.som_ref();
    out << "Effective computer policy of " << escape_controls(som.dn) << " (" << model::to_string(som.kind) << ")\n";
    if (som.block_inheritance) out << "  block inheritance: yes\n";
    if (som.kind != model::SomKind::Site && has_sites(*policy.topology))
        out << "  note: sites are not part of the OU tree; gpolint applies the links of every site in the input "
               "above the domain (a computer gets only its own site's links)\n";

    out << "\nGroup Policy objects applied, first to last (the last one wins a conflict):\n";
    size_t number = 0;
    for (const auto& link : policy.order) {
        if (!link.applied) continue;
        out << "  " << ++number << ". " << escape_controls(gpo_name(policy, link)) << ' ' << escape_controls(link.gpo_guid) << "  "
            << escape_controls(describe_link_position(policy, link)) << '\n';
        if (!link.reason.empty()) out << "     " << (link.conditional ? "conditional: " : "note: ") << escape_controls(link.reason) << '\n';
    }
    if (number == 0) out << "  (none)\n";
    if (number != policy.order.size()) {
        out << "\nLeft out:\n";
        for (const auto& link : policy.order)
            if (!link.applied)
                out << "  " << escape_controls(gpo_name(policy, link)) << ' ' << escape_controls(link.gpo_guid) << "  " << escape_controls(describe_link_position(policy, link))
                    << ": " << escape_controls(link.reason) << '\n';
    }

    out << "\nSettings:\n";
    const auto selected = rows(policy, request);
    if (selected.empty()) out << "  (none)\n";
    for (const auto& row : selected) {
        out << "  " << escape_controls(row.key);
        if (row.resolved == nullptr) {
            out << ": not defined by any GPO\n";
        } else if (row.resolved->winner == nullptr) {
            out << (has_won(*row.resolved) ? ": deleted\n" : ": not defined (no GPO that sets it applies)\n");
        } else {
            const auto& link = policy.order[static_cast<size_t>(row.resolved->winner_link)];
            out << " = " << escape_controls(display_value(*row.resolved->winner)) << "\n    winner: " << escape_controls(gpo_name(policy, link)) << " at "
                << escape_controls(som_dn(policy, link.link_som)) << "  " << escape_controls(format_location(row.resolved->winner->location)) << '\n';
        }
        if (row.resolved == nullptr) continue;
        for (const auto& contribution : row.resolved->history) {
            const auto& link = policy.order[contribution.link_index];
            out << "    " << to_string(contribution.state) << ": " << escape_controls(gpo_name(policy, link)) << " = "
                << escape_controls(display_value(*contribution.setting)) << "  " << escape_controls(format_location(contribution.setting->location));
            if (auto reason = reason_of(policy, *row.resolved, contribution); !reason.empty()) out << "  (" << escape_controls(reason) << ')';
            out << '\n';
        }
    }
}

void write_explain_json(std::ostream& out, const EffectivePolicy& policy, const ExplainRequest& request) {
    out << "{\"som\": ";
    json_string(out, policy.som_ref().dn);
    out << ", \"order\": [";
    for (size_t i = 0; i < policy.order.size(); ++i) {
        const auto& link = policy.order[i];
        out << (i == 0 ? "" : ", ") << "{\"gpo\": ";
        json_gpo(out, policy, link);
        out << ", \"link_som\": ";
        json_string(out, som_dn(policy, link.link_som));
        out << ", \"link_order\": " << link.link_order << ", \"enforced\": " << (link.enforced ? "true" : "false")
            << ", \"applied\": " << (link.applied ? "true" : "false") << ", \"reason\": ";
        json_string(out, link.reason);
        out << '}';
    }
    out << "], \"settings\": [";
    const auto selected = rows(policy, request);
    for (size_t i = 0; i < selected.size(); ++i) {
        const auto& row = selected[i];
        const ResolvedSetting* resolved = row.resolved;
        const model::Setting* winner = resolved != nullptr ? resolved->winner : nullptr;
        out << (i == 0 ? "" : ", ") << "{\"key\": ";
        json_string(out, row.key);
        out << ", \"value\": ";
        if (winner != nullptr) json_string(out, display_value(*winner));
        else out << "null";
        out << ", \"winner\": ";
        if (winner != nullptr) {
            const auto& link = policy.order[static_cast<size_t>(resolved->winner_link)];
            out << '{';
            json_gpo_fields(out, policy, link);
            out << ", \"som\": ";
            json_string(out, som_dn(policy, link.link_som));
            out << ", ";
            json_file_line(out, winner->location);
            out << '}';
        } else {
            out << "null";
        }
        out << ", \"history\": [";
        if (resolved != nullptr) {
            for (size_t h = 0; h < resolved->history.size(); ++h) {
                const auto& contribution = resolved->history[h];
                const auto& link = policy.order[contribution.link_index];
                out << (h == 0 ? "" : ", ") << "{\"gpo\": ";
                json_gpo(out, policy, link);
                out << ", \"som\": ";
                json_string(out, som_dn(policy, link.link_som));
                out << ", \"value\": ";
                json_string(out, display_value(*contribution.setting));
                out << ", \"state\": ";
                json_string(out, to_string(contribution.state));
                out << ", \"reason\": ";
                json_string(out, reason_of(policy, *resolved, contribution));
                out << ", ";
                json_file_line(out, contribution.setting->location);
                out << '}';
            }
        }
        out << "]}";
    }
    out << "]}\n";
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
