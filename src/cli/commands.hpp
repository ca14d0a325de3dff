#pragma once
// Each subcommand registers itself on the CLI11 app and stores its exit code in `exit_code` when it runs.
// Exit codes: 0 clean, 1 findings at or above the failing level, 2 usage error or unreadable PATH.
#include <CLI/CLI.hpp>

namespace gpolint::cli {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

void add_dump_command(CLI::App& app, int& exit_code);
void add_check_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_rules_command(CLI::App& app, int& exit_code);
void add_compare_command(CLI::App& app, int& exit_code);

}  // namespace gpolint::cli
