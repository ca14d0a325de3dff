// gpolint check PATH...: load, run every rule per GPO and per SOM, report, exit by --fail-on.
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/rules_common.hpp"
#include "report/reporter.hpp"
#include "rules/loader.hpp"
#include "rules/pipeline.hpp"

namespace gpolint::cli {

namespace {

struct CheckArgs {
    std::vector<std::string> paths;
    std::string format = "text";
    std::vector<std::string> select, ignore;
    std::string rules_dir;
    std::vector<std::string> topology_files;
    std::vector<std::string> roles;
    std::string fail_on = "warning";
    std::string color = "auto";
    bool parse_only = false;
    unsigned jobs = 0;
};

std::vector<report::SomView::Entry> entries_of(const resolve::EffectivePolicy& policy) {
    std::vector<report::SomView::Entry> entries;
    for (const auto& link : policy.order) {
        report::SomView::Entry e;
        e.gpo_guid = link.gpo_guid;
        e.gpo_name = link.gpo ? link.gpo->name : std::string();
        e.link_som = link.link_som >= 0 ? policy.topology->soms[static_cast<size_t>(link.link_som)].dn : std::string();
        e.link_order = link.link_order;
        e.enforced = link.enforced;
        e.applied = link.applied;
        e.conditional = link.conditional;
        e.reason = link.reason;
        entries.push_back(std::move(e));
    }
    return entries;
}

void fill_views(report::ReportData& data, const parse::Inputs& inputs,
                std::vector<std::vector<report::SomView::Entry>>& orders) {
    const auto& soms = inputs.topology.soms;
    for (size_t i = 0; i < soms.size(); ++i) {
        report::SomView view;
        view.dn = soms[i].dn;
        view.kind = soms[i].kind == model::SomKind::Site ? "site" : soms[i].kind == model::SomKind::Domain ? "domain" : "ou";
        view.parent = soms[i].parent;
        view.roles.assign(soms[i].roles.begin(), soms[i].roles.end());
        view.block_inheritance = soms[i].block_inheritance;
        if (i < orders.size()) view.order = std::move(orders[i]);
        data.soms_view.push_back(std::move(view));
    }
    for (const auto& gpo : inputs.gpos) {
        report::GpoView view{gpo.guid, gpo.name, gpo.source, {}};
        for (const auto& som : soms)
            for (const auto& link : som.links)
                if (!gpo.guid.empty() && model::iequals(link.gpo_guid, gpo.guid)) view.links.push_back(som.dn);
        data.gpos_view.push_back(std::move(view));
    }
    for (const auto& file : inputs.files) {
        size_t errors = 0;
        for (const auto& d : data.findings)
            if (d.location.file == file && d.severity == Severity::Error) ++errors;
        data.inputs_view.push_back({file.str(), errors});
    }
}

std::optional<std::pair<std::string, std::string>> parse_role(const std::string& text) {
    auto eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) return std::nullopt;
    return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

int run_check(const CheckArgs& args) {
    for (const auto& path : args.paths) {
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            std::cerr << "gpolint: error: cannot read " << path << ": no such file or folder\n";
            return kExitUsage;
        }
    }
    std::string rules_dir = args.rules_dir.empty() ? rules::default_rules_dir() : args.rules_dir;
    auto loaded = load_rules_or_report(rules_dir, std::cerr);
    if (!loaded) return kExitUsage;

    rules::PipelineOptions options;
    options.load.topology_files = args.topology_files;
    options.load.threads = args.jobs;
    for (const auto& role : args.roles) {
        auto parsed = parse_role(role);
        if (!parsed) {
            std::cerr << "gpolint: error: --role expects DN=ROLE, got '" << role << "'\n";
            return kExitUsage;
        }
        options.load.role_overrides.push_back(*parsed);
    }
    options.selection.select = split_ids(args.select);
    options.selection.ignore = split_ids(args.ignore);
    options.parse_only = args.parse_only;

    std::vector<std::vector<report::SomView::Entry>> orders;
    auto result = rules::run_pipeline(args.paths, *loaded, options, [&orders](const resolve::EffectivePolicy& policy) {
        if (orders.size() <= static_cast<size_t>(policy.som)) orders.resize(static_cast<size_t>(policy.som) + 1);
        orders[static_cast<size_t>(policy.som)] = entries_of(policy);
    });

    report::ReportData data;
    data.findings = std::move(result.findings);
    data.rules = rule_infos(*loaded, rules_dir);
    data.files_read = result.inputs.files.size();
    data.gpos = result.inputs.gpos.size();
    data.soms = result.inputs.topology.soms.size();
    std::error_code error;
    data.base_dir = std::filesystem::current_path(error).string();
    fill_views(data, result.inputs, orders);

    report::ReportOptions report_options;
    report_options.color = args.color == "always" || (args.color == "auto" && args.format == "text" && isatty(1));
    auto reporter = report::make_reporter(args.format, report_options);
    reporter->write(std::cout, data);

    if (args.fail_on == "never") return kExitClean;
    Severity threshold = *parse_severity(args.fail_on);
    for (const auto& d : data.findings)
        if (d.severity >= threshold) return kExitFindings;
    return kExitClean;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<CheckArgs>();
    auto* cmd = app.add_subcommand("check", "Lint GPOs and, with a topology, the effective policy of every OU");
    cmd->add_option("PATH", args->paths, "GptTmpl.inf, registry.pol, GPO backups, SYSVOL copies, LDIF or topology files")
        ->required();
    cmd->add_option("--format", args->format, "Output format")
        ->check(CLI::IsMember(report::reporter_formats()))
        ->capture_default_str();
    cmd->add_option("--select", args->select, "Only these rule IDs or ID prefixes (comma-separated)");
    cmd->add_option("--ignore", args->ignore, "Skip these rule IDs or ID prefixes (comma-separated)");
    cmd->add_option("--rules", args->rules_dir, "Folder of *.rules files (default: policies/ of the source tree)");
    cmd->add_option("--topology", args->topology_files, "LDIF export or topology file (repeatable)");
    cmd->add_option("--role", args->roles, "Give a SOM a role: DN=ROLE (hyperv, cluster, dc or a tag; repeatable)");
    cmd->add_option("--fail-on", args->fail_on, "Exit 1 when a finding is at or above this severity")
        ->check(CLI::IsMember({"error", "warning", "note", "never"}))
        ->capture_default_str();
    cmd->add_option("--color", args->color, "Colour the text output")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_flag("--parse-only", args->parse_only, "Stop after loading: report parse diagnostics only");
    cmd->add_option("--jobs,-j", args->jobs, "Parser threads (0 = one per core)");
    cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace gpolint::cli
