#include "report/explain_reporter.hpp"

#include <ostream>

#include "core/json_writer.hpp"
#include "core/printable.hpp"
#include "model/policy_semantics.hpp"

namespace gpolint::report {

using resolve::Contribution;
using resolve::EffectivePolicy;
using resolve::ExplainRow;
using resolve::ProcessedLink;
using resolve::ResolvedSetting;
using resolve::som_dn;

namespace {

std::string gpo_name(const EffectivePolicy& policy, const ProcessedLink& link) {
    const std::string* name = resolve::known_name(policy, link);
    return name != nullptr ? *name : "(unknown GPO)";
}

std::string shown_value(const model::Setting& setting) { return model::display_value(setting.value, setting.op); }

// The link as every message names it, with the GUID after it (explain lists GPOs by both).
std::string describe_link_with_guid(const EffectivePolicy& policy, const ProcessedLink& link) {
    const std::string* name = resolve::known_name(policy, link);
    std::string unknown = name != nullptr ? "'" + *name + "'" : "(unknown GPO)";
    return model::describe_link(*policy.topology, resolve::link_ref(link), unknown) + "  " + link.gpo_guid;
}

// ---- text ----------------------------------------------------------------------------------------

void write_header_text(std::ostream& out, const EffectivePolicy& policy) {
    const model::Som& som = policy.som_ref();
    out << "Effective computer policy of " << escape_controls(som.dn) << " (" << model::to_string(som.kind) << ")\n";
    if (som.block_inheritance) out << "  block inheritance: yes\n";
    if (som.kind != model::SomKind::Site && resolve::has_sites(*policy.topology))
        out << "  note: sites are not part of the OU tree; gpolint applies the links of every site in the input "
               "above the domain (a computer gets only its own site's links)\n";
}

void write_order_text(std::ostream& out, const EffectivePolicy& policy) {
    out << "\nGroup Policy objects applied, first to last (the last one wins a conflict):\n";
    size_t number = 0;
    for (const auto& link : policy.order) {
        if (!link.applied) continue;
        out << "  " << ++number << ". " << escape_controls(describe_link_with_guid(policy, link)) << '\n';
        if (!link.reason.empty()) out << "     " << (link.conditional ? "conditional: " : "note: ") << escape_controls(link.reason) << '\n';
    }
    if (number == 0) out << "  (none)\n";
    if (number == policy.order.size()) return;
    out << "\nLeft out:\n";
    for (const auto& link : policy.order)
        if (!link.applied)
            out << "  " << escape_controls(describe_link_with_guid(policy, link)) << ": " << escape_controls(link.reason) << '\n';
}

void write_row_text(std::ostream& out, const EffectivePolicy& policy, const ExplainRow& row) {
    out << "  " << escape_controls(row.key);
    if (row.resolved == nullptr) {
        out << ": not defined by any GPO\n";
        return;
    }
    if (row.resolved->winner == nullptr) {
        out << (resolve::has_won(*row.resolved) ? ": deleted\n" : ": not defined (no GPO that sets it applies)\n");
    } else {
        const auto& link = policy.order[static_cast<size_t>(row.resolved->winner_link)];
        out << " = " << escape_controls(shown_value(*row.resolved->winner)) << "\n    winner: " << escape_controls(gpo_name(policy, link))
            << " at " << escape_controls(som_dn(policy, link.link_som)) << "  "
            << escape_controls(format_location(row.resolved->winner->location)) << '\n';
    }
    for (const auto& contribution : row.resolved->history) {
        const auto& link = policy.order[contribution.link_index];
        out << "    " << to_string(contribution.state) << ": " << escape_controls(gpo_name(policy, link)) << " = "
            << escape_controls(shown_value(*contribution.setting)) << "  "
            << escape_controls(format_location(contribution.setting->location));
        if (auto reason = reason_of(policy, *row.resolved, contribution); !reason.empty()) out << "  (" << escape_controls(reason) << ')';
        out << '\n';
    }
}

// ---- JSON ----------------------------------------------------------------------------------------

// "guid": …, "name": … (name null for a GPO missing from the input)
void json_gpo_fields(JsonWriter& json, const EffectivePolicy& policy, const ProcessedLink& link) {
    json.member("guid", link.gpo != nullptr ? link.gpo->guid : link.gpo_guid);
    json.member_or_null("name", resolve::known_name(policy, link));
}

void json_gpo(JsonWriter& json, const EffectivePolicy& policy, const ProcessedLink& link) {
    json.key("gpo").begin_object();
    json_gpo_fields(json, policy, link);
    json.end_object();
}

void json_order(JsonWriter& json, const EffectivePolicy& policy) {
    json.key("order").begin_array();
    for (const auto& link : policy.order) {
        json.begin_object();
        json_gpo(json, policy, link);
        json.member("link_som", som_dn(policy, link.link_som)).member("link_order", link.link_order);
        json.member("enforced", link.enforced).member("applied", link.applied).member("reason", link.reason);
        json.end_object();
    }
    json.end_array();
}

void json_winner(JsonWriter& json, const EffectivePolicy& policy, const ResolvedSetting& resolved) {
    const auto& link = policy.order[static_cast<size_t>(resolved.winner_link)];
    json.begin_object();
    json_gpo_fields(json, policy, link);
    json.member("som", som_dn(policy, link.link_som));
    json.member("file", resolved.winner->location.file.str()).member("line", resolved.winner->location.line);
    json.end_object();
}

void json_contribution(JsonWriter& json, const EffectivePolicy& policy, const ResolvedSetting& resolved,
                       const Contribution& contribution) {
    const auto& link = policy.order[contribution.link_index];
    json.begin_object();
    json_gpo(json, policy, link);
    json.member("som", som_dn(policy, link.link_som)).member("value", shown_value(*contribution.setting));
    json.member("state", to_string(contribution.state)).member("reason", reason_of(policy, resolved, contribution));
    json.member("file", contribution.setting->location.file.str()).member("line", contribution.setting->location.line);
    json.end_object();
}

void json_row(JsonWriter& json, const EffectivePolicy& policy, const ExplainRow& row) {
    const ResolvedSetting* resolved = row.resolved;
    const model::Setting* winner = resolved != nullptr ? resolved->winner : nullptr;
    json.begin_object().member("key", row.key).key("value");
    if (winner != nullptr) json.value(shown_value(*winner));
    else json.null();
    json.key("winner");
    if (winner != nullptr) json_winner(json, policy, *resolved);
    else json.null();
    json.key("history").begin_array();
    if (resolved != nullptr)
        for (const auto& contribution : resolved->history) json_contribution(json, policy, *resolved, contribution);
    json.end_array().end_object();
}

}  // namespace

std::string format_location(const Location& location) {
    if (location.file.empty()) return "(unknown file)";
    if (location.is_binary()) return location.file.str() + " (byte " + std::to_string(location.offset) + ")";
    return location.file.str() + ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
}

void write_explain_text(std::ostream& out, const EffectivePolicy& policy, const resolve::ExplainRequest& request) {
    write_header_text(out, policy);
    write_order_text(out, policy);
    out << "\nSettings:\n";
    const auto rows = resolve::explain_rows(policy, request);
    if (rows.empty()) out << "  (none)\n";
    for (const auto& row : rows) write_row_text(out, policy, row);
}

void write_explain_json(std::ostream& out, const EffectivePolicy& policy, const resolve::ExplainRequest& request) {
    std::string text;
    JsonWriter json(text, JsonLayout::Inline);
    json.begin_object().member("som", policy.som_ref().dn);
    json_order(json, policy);
    json.key("settings").begin_array();
    for (const auto& row : resolve::explain_rows(policy, request)) json_row(json, policy, row);
    json.end_array().end_object();
    out << text;
}

}  // namespace gpolint::report
