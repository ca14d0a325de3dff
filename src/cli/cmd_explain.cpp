// gpolint explain PATH... --som DN: the processing order and the winner and history of each setting.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/project.hpp"
#include "cli/som_lookup.hpp"
#include "findings/pipeline.hpp"
#include "core/printable.hpp"
#include "parse/inputs.hpp"
#include "resolve/effective.hpp"
#include "report/explain_reporter.hpp"
#include "resolve/explain.hpp"

namespace gpolint::cli {

namespace {

struct ExplainArgs {
    std::vector<std::string> paths;
    std::string som;
    std::vector<std::string> settings;
    std::string format = "text";
    std::vector<std::string> topology_files;
    std::vector<std::string> roles;
    std::vector<std::string> exclude;
    std::string config;
    bool list_soms = false;
};

// Problems met while reading the inputs go to stderr; the explanation still follows.
void print_input_problems(const Diagnostics& diagnostics) {
    for (const auto& diagnostic : diagnostics.all())
        std::cerr << escape_controls(report::format_location(diagnostic.location)) << ": "
                  << to_string(diagnostic.severity) << ": " << escape_controls(diagnostic.message) << " [" << diagnostic.rule_id << "]\n";
}

int run_explain(const ExplainArgs& args) {
    if (args.som.empty() && !args.list_soms) {
        std::cerr << "gpolint explain: give --som DN (or --list-soms to see them)\n";
        return kExitUsage;
    }
    // The topology, roles, paths and excludes of the project's .gpolint, as `check` uses them.
    findings::CommandLine command_line;
    if (!args.config.empty()) command_line.config = args.config;
    command_line.topology = args.topology_files;
    command_line.exclude = args.exclude;
    for (const auto& role : args.roles) {
        auto parsed = parse_role(role);
        if (!parsed) {
            std::cerr << "gpolint explain: --role expects DN=ROLE, got '" << escape_controls(role) << "'\n";
            return kExitUsage;
        }
        command_line.roles.push_back(*parsed);
    }
    auto found_settings = project_settings(command_line, std::cerr);
    if (!found_settings) return kExitUsage;
    const auto& settings = *found_settings;
    auto paths = input_paths(args.paths, settings, std::cerr);
    if (!paths) return kExitUsage;

    parse::LoadOptions options;
    options.topology_files = settings.topology;
    options.role_overrides = settings.roles;
    options.exclude = settings.exclude;
    Diagnostics diagnostics;
    parse::Inputs inputs = parse::load_inputs(*paths, options, diagnostics);
    print_input_problems(diagnostics);
    if (inputs.topology.empty()) {
        std::cerr << "gpolint explain: no topology in the input; give an LDIF export or topology file "
                     "(--topology FILE), or GPO reports whose links name the SOMs\n";
        return kExitUsage;
    }
    if (args.list_soms) {
        list_soms(inputs.topology, std::cout);
        return kExitClean;
    }
    const int som = find_som_or_report(inputs.topology, args.som, "--som", std::cerr);
    if (som < 0) return kExitUsage;
    const resolve::EffectivePolicy policy = resolve::resolve_som(inputs.topology, inputs.gpos, som);
    const resolve::ExplainRequest request{args.settings};
    if (args.format == "json") report::write_explain_json(std::cout, policy, request);
    else report::write_explain_text(std::cout, policy, request);
    return inputs.unreadable_paths.empty() ? kExitClean : kExitUsage;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ExplainArgs>();
    auto* cmd = app.add_subcommand("explain", "Show the GPOs applied to one SOM, in order, and each setting's winner and history");
    cmd->add_option("PATH", args->paths,
                    "GPO backups, SYSVOL copies, templates, LDIF or topology files (default: the project's, from .gpolint)");
    cmd->add_option("--som", args->som, "DN or canonical name (contoso.com/Servers/HyperV) of the OU, domain or site");
    cmd->add_flag("--list-soms", args->list_soms, "List every SOM of the topology with its kind and roles");
    cmd->add_option("--config", args->config, "Config file (default: .gpolint here or in a parent folder)");
    cmd->add_option("--exclude", args->exclude, "Skip files and folders matching this glob below the PATHs (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--setting", args->settings, "Only this setting key (repeatable), e.g. privilege:SeServiceLogonRight")
        ->allow_extra_args(false);
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->add_option("--topology", args->topology_files, "LDIF export or gpolint topology file (repeatable)")->allow_extra_args(false);
    cmd->add_option("--role", args->roles, "Give a SOM a role, DN=ROLE (repeatable)")->allow_extra_args(false);
    cmd->callback([args, &exit_code] { exit_code = run_explain(*args); });
}

}  // namespace gpolint::cli
