// gpolint: a linter for Windows Group Policy. The front end only parses options and calls the library.
#include <iostream>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "core/printable.hpp"

int main(int argc, char** argv) {
    CLI::App app{"gpolint: lint Windows Group Policy (security templates, GPO backups, SYSVOL, topology)"};
    app.set_version_flag("--version", std::string("gpolint ") + GPOLINT_VERSION);
    app.require_subcommand(1);
    int exit_code = gpolint::cli::kExitClean;
    gpolint::cli::add_check_command(app, exit_code);
    gpolint::cli::add_explain_command(app, exit_code);
    gpolint::cli::add_dump_command(app, exit_code);
    gpolint::cli::add_rules_command(app, exit_code);
    gpolint::cli::add_compare_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // CLI11 repeats the offending argument: its control characters are shown escaped, line by line
        // (the message's own line breaks are kept).
        std::ostringstream err;
        int code = app.exit(e, std::cout, err);
        std::istringstream lines(err.str());
        for (std::string line; std::getline(lines, line);) std::cerr << gpolint::escape_controls(line) << '\n';
        return code == 0 ? 0 : gpolint::cli::kExitUsage;
    }
    return exit_code;
}
