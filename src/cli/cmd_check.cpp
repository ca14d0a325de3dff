// STUB (skeleton): the 'check' command is implemented by its issue.
#include "cli/commands.hpp"

namespace gpolint::cli {
void add_check_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("check", "(not implemented yet)");
    cmd->callback([&exit_code] { exit_code = kExitUsage; });
}
}  // namespace gpolint::cli
