// STUB (skeleton): the 'rules' command is implemented by its issue.
#include "cli/commands.hpp"

namespace gpolint::cli {
void add_rules_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("rules", "(not implemented yet)");
    cmd->callback([&exit_code] { exit_code = kExitUsage; });
}
}  // namespace gpolint::cli
