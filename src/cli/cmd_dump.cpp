// `gpolint dump PATH...`: what gpolint read, as text or JSON (schema: docs/dump-schema.md).
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "core/diagnostic.hpp"
#include "core/json_string.hpp"
#include "core/printable.hpp"
#include "parse/inputs.hpp"

namespace gpolint::cli {

namespace {

// Minimal streaming JSON writer: commas and escaping are its only jobs.
class Json {
public:
    explicit Json(std::ostream& out) : out_(out) {}

    Json& begin_object() { value_prefix(); out_ << '{'; first_ = true; return *this; }
    Json& end_object() { out_ << '}'; first_ = false; return *this; }
    Json& begin_array() { value_prefix(); out_ << '['; first_ = true; return *this; }
    Json& end_array() { out_ << ']'; first_ = false; return *this; }
    Json& key(std::string_view name) {
        if (!first_) out_ << ',';
        string(name);
        out_ << ':';
        after_key_ = true;
        return *this;
    }
    Json& value(std::string_view text) { value_prefix(); string(text); return *this; }
    Json& value(const char* text) { return value(std::string_view(text)); }
    Json& value(bool flag) { value_prefix(); out_ << (flag ? "true" : "false"); return *this; }
    Json& value(int64_t number) { value_prefix(); out_ << number; return *this; }
    Json& value(uint64_t number) { value_prefix(); out_ << number; return *this; }
    Json& value(uint32_t number) { return value(static_cast<uint64_t>(number)); }
    Json& null() { value_prefix(); out_ << "null"; return *this; }
    template <typename T>
    Json& field(std::string_view name, const T& v) { key(name); return value(v); }
    Json& strings(std::string_view name, const std::vector<std::string>& items) {
        key(name).begin_array();
        for (const auto& item : items) value(item);
        return end_array();
    }

private:
    void value_prefix() {
        if (!after_key_ && !first_) out_ << ',';
        after_key_ = false;
        first_ = false;
    }
    void string(std::string_view text) { out_ << json_quote(text); }

    std::ostream& out_;
    bool first_ = true;
    bool after_key_ = false;
};

void write_location(Json& json, const Location& location) {
    json.field("file", location.file.str());
    if (location.is_binary()) json.field("offset", location.offset);
    else json.field("line", location.line).field("column", location.column);
}

void write_setting(Json& json, const model::Setting& s) {
    json.begin_object()
        .field("key", s.key.text())
        .field("value", s.value.text)
        .field("kind", model::to_string(s.value.kind))
        .field("operation", model::to_string(s.op))
        .field("source", model::to_string(s.source));
    if (!s.value.items.empty() || s.value.kind == model::ValueKind::PrincipalList ||
        s.value.kind == model::ValueKind::MultiString)
        json.strings("items", s.value.items);
    // A REG_QWORD is unsigned: 2^64-1 is 18446744073709551615, not -1.
    if (s.value.number && s.value.kind == model::ValueKind::Qword)
        json.field("number", static_cast<uint64_t>(*s.value.number));
    else if (s.value.number)
        json.field("number", *s.value.number);
    if (s.value.reg_type >= 0) json.field("reg_type", static_cast<int64_t>(s.value.reg_type));
    if (s.conditional) json.field("conditional", true);
    if (s.user_side) json.field("user_side", true);
    write_location(json, s.location);
    json.end_object();
}

void write_gpo(Json& json, const model::Gpo& gpo) {
    json.begin_object()
        .field("guid", gpo.guid)
        .field("name", gpo.name)
        .field("domain", gpo.domain)
        .field("computer_enabled", gpo.computer_enabled())
        .field("user_enabled", gpo.user_enabled())
        .field("flags", gpo.flags);
    json.key("machine_version");
    gpo.machine_version ? json.value(*gpo.machine_version) : json.null();
    json.key("user_version");
    gpo.user_version ? json.value(*gpo.user_version) : json.null();
    json.field("wmi_filter", gpo.wmi_filter)
        .field("security_filtered", gpo.security_filtered)
        .strings("machine_extensions", gpo.machine_extensions)
        .strings("user_extensions", gpo.user_extensions)
        .field("source", gpo.source);
    json.key("files").begin_array();
    for (auto file : gpo.files) json.value(file.str());
    json.end_array();
    json.key("links").begin_array();
    for (const auto& link : gpo.reported_links)
        json.begin_object()
            .field("som_name", link.som_name)
            .field("som_path", link.som_path)
            .field("enabled", link.enabled)
            .field("enforced", link.enforced)
            .end_object();
    json.end_array();
    json.key("settings").begin_array();
    for (const auto& s : gpo.settings) write_setting(json, s);
    json.end_array().end_object();
}

void write_topology(Json& json, const model::Topology& topology) {
    json.begin_object().key("soms").begin_array();
    for (const auto& som : topology.soms) {
        json.begin_object()
            .field("dn", som.dn)
            .field("kind", model::to_string(som.kind))
            .field("parent", static_cast<int64_t>(som.parent))
            .field("block_inheritance", som.block_inheritance)
            .field("link_order_known", som.link_order_known)
            .strings("roles", std::vector<std::string>(som.roles.begin(), som.roles.end()));
        json.key("links").begin_array();
        for (size_t i = 0; i < som.links.size(); ++i)
            json.begin_object()
                .field("gpo", som.links[i].gpo_guid)
                .field("link_order", som.link_order(i))
                .field("disabled", som.links[i].disabled)
                .field("enforced", som.links[i].enforced)
                .end_object();
        json.end_array().end_object();
    }
    json.end_array().end_object();
}

void write_json(std::ostream& out, const parse::Inputs& inputs, const std::vector<Diagnostic>& diagnostics) {
    Json json(out);
    json.begin_object().key("gpos").begin_array();
    for (const auto& gpo : inputs.gpos) write_gpo(json, gpo);
    json.end_array();
    if (!inputs.topology.empty()) {
        json.key("topology");
        write_topology(json, inputs.topology);
    }
    json.key("diagnostics").begin_array();
    for (const auto& d : diagnostics) {
        json.begin_object().field("id", d.rule_id).field("severity", to_string(d.severity)).field("message", d.message);
        write_location(json, d.location);
        json.end_object();
    }
    json.end_array().end_object();
    out << '\n';
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
