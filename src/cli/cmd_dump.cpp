// `gpolint dump PATH...`: what gpolint read, as text or JSON (schema: docs/dump-schema.md).
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "core/diagnostic.hpp"
#include "core/json_writer.hpp"
#include "core/printable.hpp"
#include "parse/inputs.hpp"

namespace gpolint::cli {

namespace {

void write_strings(JsonWriter& json, std::string_view name, const std::vector<std::string>& items) {
    json.key(name).begin_array();
    for (const auto& item : items) json.value(item);
    json.end_array();
}

void write_location(JsonWriter& json, const Location& location) {
    json.member("file", location.file.str());
    if (location.is_binary()) json.member("offset", location.offset);
    else json.member("line", location.line).member("column", location.column);
}

void write_setting(JsonWriter& json, const model::Setting& s) {
    json.begin_object()
        .member("key", s.key.text())
        .member("value", s.value.text)
        .member("kind", model::to_string(s.value.kind))
        .member("operation", model::to_string(s.op))
        .member("source", model::to_string(s.source));
    if (!s.value.items.empty() || s.value.kind == model::ValueKind::PrincipalList ||
        s.value.kind == model::ValueKind::MultiString)
        write_strings(json, "items", s.value.items);
    // A REG_QWORD is unsigned: 2^64-1 is 18446744073709551615, not -1.
    if (s.value.number && s.value.kind == model::ValueKind::Qword)
        json.member("number", static_cast<uint64_t>(*s.value.number));
    else if (s.value.number)
        json.member("number", *s.value.number);
    if (s.value.reg_type >= 0) json.member("reg_type", static_cast<int64_t>(s.value.reg_type));
    if (s.conditional) json.member("conditional", true);
    if (s.user_side) json.member("user_side", true);
    write_location(json, s.location);
    json.end_object();
}

void write_gpo(JsonWriter& json, const model::Gpo& gpo) {
    json.begin_object()
        .member("guid", gpo.guid)
        .member("name", gpo.name)
        .member("domain", gpo.domain)
        .member("computer_enabled", gpo.computer_enabled())
        .member("user_enabled", gpo.user_enabled())
        .member("flags", gpo.flags);
    json.key("machine_version");
    gpo.machine_version ? json.value(*gpo.machine_version) : json.null();
    json.key("user_version");
    gpo.user_version ? json.value(*gpo.user_version) : json.null();
    json.member("wmi_filter", gpo.wmi_filter).member("security_filtered", gpo.security_filtered);
    write_strings(json, "machine_extensions", gpo.machine_extensions);
    write_strings(json, "user_extensions", gpo.user_extensions);
    json.member("source", gpo.source);
    json.key("files").begin_array();
    for (auto file : gpo.files) json.value(file.str());
    json.end_array();
    json.key("links").begin_array();
    for (const auto& link : gpo.reported_links)
        json.begin_object()
            .member("som_name", link.som_name)
            .member("som_path", link.som_path)
            .member("enabled", link.enabled)
            .member("enforced", link.enforced)
            .end_object();
    json.end_array();
    json.key("settings").begin_array();
    for (const auto& s : gpo.settings) write_setting(json, s);
    json.end_array().end_object();
}

void write_topology(JsonWriter& json, const model::Topology& topology) {
    json.begin_object().key("soms").begin_array();
    for (const auto& som : topology.soms) {
        json.begin_object()
            .member("dn", som.dn)
            .member("kind", model::to_string(som.kind))
            .member("parent", static_cast<int64_t>(som.parent))
            .member("block_inheritance", som.block_inheritance)
            .member("link_order_known", som.link_order_known);
        write_strings(json, "roles", std::vector<std::string>(som.roles.begin(), som.roles.end()));
        json.key("links").begin_array();
        for (size_t i = 0; i < som.links.size(); ++i)
            json.begin_object()
                .member("gpo", som.links[i].gpo_guid)
                .member("link_order", som.link_order(i))
                .member("disabled", som.links[i].disabled)
                .member("enforced", som.links[i].enforced)
                .end_object();
        json.end_array().end_object();
    }
    json.end_array().end_object();
}

void write_json(std::ostream& out, const parse::Inputs& inputs, const std::vector<Diagnostic>& diagnostics) {
    // Written a GPO at a time: a forest's dump need not be held in memory twice.
    std::string text;
    JsonWriter json(text, JsonLayout::Compact);
    json.begin_object().key("gpos").begin_array();
    for (const auto& gpo : inputs.gpos) {
        write_gpo(json, gpo);
        out << text;
        text.clear();
    }
    json.end_array();
    if (!inputs.topology.empty()) {
        json.key("topology");
        write_topology(json, inputs.topology);
    }
    json.key("diagnostics").begin_array();
    for (const auto& d : diagnostics) {
        json.begin_object().member("id", d.rule_id).member("severity", to_string(d.severity)).member("message", d.message);
        write_location(json, d.location);
        json.end_object();
    }
    json.end_array().end_object();
    out << text;
}

std::string where(const Location& location) {
    std::ostringstream out;
    out << escape_controls(location.file.str());
    if (!location.is_binary()) out << ':' << location.line << ':' << location.column;
    else if (location.offset > 0) out << ": byte " << location.offset;
    return out.str();
}

void write_text(std::ostream& out, const parse::Inputs& inputs) {
    for (const auto& gpo : inputs.gpos) {
        out << "GPO " << (gpo.guid.empty() ? "(no GUID)" : escape_controls(gpo.guid)) << " '" << escape_controls(gpo.name) << "'";
        if (!gpo.domain.empty()) out << " in " << escape_controls(gpo.domain);
        out << "\n  source: " << escape_controls(gpo.source) << "\n  computer " << (gpo.computer_enabled() ? "enabled" : "disabled")
            << ", user " << (gpo.user_enabled() ? "enabled" : "disabled");
        if (!gpo.wmi_filter.empty()) out << ", WMI filter " << escape_controls(gpo.wmi_filter);
        if (gpo.security_filtered) out << ", security-filtered";
        out << '\n';
        for (const auto& link : gpo.reported_links)
            out << "  linked to " << escape_controls(link.som_path) << (link.enforced ? " (enforced)" : "")
                << (link.enabled ? "" : " (link disabled)") << '\n';
        for (const auto& s : gpo.settings) {
            out << "  " << escape_controls(s.key.text());
            if (s.op != model::Operation::Set) out << " [" << model::to_string(s.op) << ']';
            out << " = " << escape_controls(s.value.text);
            if (s.value.number && s.value.text != std::to_string(*s.value.number)) out << " [" << *s.value.number << ']';
            out << "  (" << model::to_string(s.value.kind) << ", " << model::to_string(s.source)
                << (s.conditional ? ", conditional" : "") << ", " << where(s.location) << ")\n";
        }
        out << '\n';
    }
}

bool has_parse_error(const std::vector<Diagnostic>& diagnostics) {
    for (const auto& d : diagnostics)
        if (d.severity == Severity::Error && d.rule_id.rfind("GPL0", 0) == 0) return true;
    return false;
}

}  // namespace

void add_dump_command(CLI::App& app, int& exit_code) {
    struct Options {
        std::vector<std::string> paths;
        std::string format = "text";
        parse::LoadOptions load;
    };
    auto options = std::make_shared<Options>();
    options->load.read_reports = true;  // dump shows the links gpreport.xml reports, topology or not
    auto* cmd = app.add_subcommand("dump", "Show the GPOs and settings gpolint reads from PATHs (text or JSON)");
    cmd->add_option("paths", options->paths, "Files or folders: backups, SYSVOL copies, templates, registry.pol, ...")
        ->required();
    cmd->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("--topology", options->load.topology_files, "LDIF export or topology file (repeatable)")
        ->allow_extra_args(false);
    // --jobs as in `check`; --threads is the older name, kept so existing scripts keep working.
    cmd->add_option("--jobs,-j,--threads", options->load.threads, "Parser threads (0 = one per core)");
    cmd->add_option("--exclude", options->load.exclude, "Skip files and folders matching this glob below the PATHs (repeatable)")
        ->allow_extra_args(false);
    cmd->callback([options, &exit_code] {
        Diagnostics diagnostics;
        auto inputs = parse::load_inputs(options->paths, options->load, diagnostics);
        auto all = diagnostics.take();
        // dump shows how the inputs were read; findings about their content (GPL602 cpassword, …)
        // belong to `gpolint check`.
        std::erase_if(all, [](const Diagnostic& d) { return d.rule_id.rfind("GPL0", 0) != 0; });
        sort_diagnostics(all, options->load.threads);
        for (const auto& d : all)
            std::cerr << where(d.location) << ": " << to_string(d.severity) << ": " << escape_controls(d.message) << " [" << d.rule_id
                      << "]\n";
        if (options->format == "json") write_json(std::cout, inputs, all);
        else write_text(std::cout, inputs);
        exit_code = !inputs.unreadable_paths.empty() ? kExitUsage : has_parse_error(all) ? kExitFindings : kExitClean;
    });
}

}  // namespace gpolint::cli
