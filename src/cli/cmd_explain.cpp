// gpolint explain PATH... --som DN: the processing order and the winner and history of each setting.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "core/printable.hpp"
#include "parse/inputs.hpp"
#include "resolve/effective.hpp"
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
};

// Problems met while reading the inputs go to stderr; the explanation still follows.
void print_input_problems(const Diagnostics& diagnostics) {
    for (const auto& diagnostic : diagnostics.all())
        std::cerr << escape_controls(resolve::format_location(diagnostic.location)) << ": "
                  << to_string(diagnostic.severity) << ": " << escape_controls(diagnostic.message) << " [" << diagnostic.rule_id << "]\n";
}

int run_explain(const ExplainArgs& args) {
    parse::LoadOptions options;
    options.topology_files = args.topology_files;
    for (const auto& role : args.roles) {
        // DN=ROLE: the DN itself is full of '=', so the role is what follows the last one.
        auto equals = role.rfind('=');
        if (equals == std::string::npos || equals == 0 || equals + 1 == role.size()) {
            std::cerr << "gpolint explain: --role expects DN=ROLE, got '" << escape_controls(role) << "'\n";
            return kExitUsage;
        }
        options.role_overrides.emplace_back(role.substr(0, equals), role.substr(equals + 1));
    }
    Diagnostics diagnostics;
    parse::Inputs inputs = parse::load_inputs(args.paths, options, diagnostics);
    print_input_problems(diagnostics);
    if (inputs.topology.empty()) {
        std::cerr << "gpolint explain: no topology in the input; give an LDIF export or topology file "
                     "(--topology FILE), or GPO reports whose links name the SOMs\n";
        return kExitUsage;
    }
    const int som = inputs.topology.find(args.som);
    if (som < 0) {
        std::cerr << "gpolint explain: no SOM '" << escape_controls(args.som) << "' in the topology";
        const auto matches = resolve::close_som_matches(inputs.topology, args.som);
        if (matches.empty()) std::cerr << '\n';
        else std::cerr << "; did you mean:\n";
        for (const auto& match : matches) std::cerr << "  " << escape_controls(match) << '\n';
        return kExitUsage;
    }
    const resolve::EffectivePolicy policy = resolve::resolve_som(inputs.topology, inputs.gpos, som);
    const resolve::ExplainRequest request{args.settings};
    if (args.format == "json") resolve::write_explain_json(std::cout, policy, request);
    else resolve::write_explain_text(std::cout, policy, request);
    return inputs.unreadable_paths.empty() ? kExitClean : kExitUsage;
}

}  // namespace

void add_explain_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<ExplainArgs>();
    auto* cmd = app.add_subcommand("explain", "Show the GPOs applied to one SOM, in order, and each setting's winner and history");
    cmd->add_option("PATH", args->paths, "GPO backups, SYSVOL copies, templates, LDIF or topology files")->required();
    cmd->add_option("--som", args->som, "DN of the OU, domain or site to explain")->required();
    cmd->add_option("--setting", args->settings, "Only this setting key (repeatable), e.g. privilege:SeServiceLogonRight")
        ->allow_extra_args(false);
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->add_option("--topology", args->topology_files, "LDIF export or gpolint topology file (repeatable)")->allow_extra_args(false);
    cmd->add_option("--role", args->roles, "Give a SOM a role, DN=ROLE (repeatable)")->allow_extra_args(false);
    cmd->callback([args, &exit_code] { exit_code = run_explain(*args); });
}

}  // namespace gpolint::cli
