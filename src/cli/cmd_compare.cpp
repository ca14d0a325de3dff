// gpolint compare LEFT RIGHT: two GPO sets (or a set against a reference baseline folder) per setting
// and per effective OU; --matrix: the settings matrix (setting × GPO) of the GPOs given.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "core/printable.hpp"
#include "compare/compare.hpp"
#include "parse/inputs.hpp"
#include "report/compare_report.hpp"
#include "rules/loader.hpp"

namespace gpolint::cli {

namespace {

struct CompareArgs {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string output;
    bool matrix = false;
    bool per_ou = true;
    std::string names;  // friendly setting names; default: setting-names.tsv next to the rules
};

// Read problems go to stderr and the comparison goes on: a baseline with one bad file still compares.
parse::Inputs load_side(const std::string& path, const char* side) {
    Diagnostics diagnostics;
    parse::Inputs inputs = parse::load_inputs({path}, {}, diagnostics);
    for (const auto& d : diagnostics.all())
        if (d.severity == Severity::Error)
            std::cerr << escape_controls(d.location.file.str()) << ":" << d.location.line << ": " << to_string(d.severity) << ": "
                      << escape_controls(d.message) << " [" << d.rule_id << "] (" << side << ")\n";
    return inputs;
}

int write_output(const CompareArgs& args, const std::string& text) {
    if (args.output.empty()) {
        std::cout << text;
        return kExitClean;
    }
    std::ofstream file(args.output, std::ios::binary);
    if (file) file << text;
    if (!file) {
        std::cerr << "gpolint compare: cannot write " << escape_controls(args.output) << "\n";
        return kExitUsage;
    }
    return kExitClean;
}

int run_compare(const CompareArgs& args) {
    if (!args.matrix && args.paths.size() != 2) {
        std::cerr << "gpolint compare: give two paths, LEFT (the reference) and RIGHT; or --matrix PATH...\n";
        return kExitUsage;
    }
    compare::SettingNames names;
    std::string names_file = args.names.empty() ? rules::default_rules_dir() + "/setting-names.tsv" : args.names;
    if (!names.load(names_file) && !args.names.empty()) {
        std::cerr << "gpolint compare: cannot read " << escape_controls(names_file) << "\n";
        return kExitUsage;
    }
    std::vector<parse::Inputs> sides;
    for (size_t i = 0; i < args.paths.size(); ++i) {
        sides.push_back(load_side(args.paths[i], i == 0 ? "left" : "right"));
        if (!sides.back().unreadable_paths.empty()) {
            std::cerr << "gpolint compare: cannot read " << escape_controls(args.paths[i]) << "\n";
            return kExitUsage;
        }
    }
    std::ostringstream out;
    if (args.matrix) {
        std::vector<model::Gpo> all;
        for (auto& side : sides) std::move(side.gpos.begin(), side.gpos.end(), std::back_inserter(all));
        compare::Matrix matrix = compare::settings_matrix(all, names);
        if (args.format == "html") report::write_matrix_html(out, matrix, std::to_string(all.size()) + " GPOs");
        else report::write_matrix_csv(out, matrix);
        return write_output(args, out.str());
    }
    compare::Comparison comparison = compare::compare({&sides[0].gpos, &sides[0].topology},
                                                      {&sides[1].gpos, &sides[1].topology}, names, args.per_ou);
    report::CompareLabels labels{args.paths[0], args.paths[1]};
    if (args.format == "json") report::write_comparison_json(out, comparison, labels);
    else if (args.format == "csv") report::write_comparison_csv(out, comparison);
    else if (args.format == "html") report::write_comparison_html(out, comparison, labels);
    else report::write_comparison_text(out, comparison, labels);
    int written = write_output(args, out.str());
    if (written != kExitClean) return written;
    return comparison.rows.empty() ? kExitClean : kExitFindings;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<CompareArgs>();
    auto* cmd = app.add_subcommand(
        "compare", "Compare two GPO sets (or a set with a reference baseline) per setting and per OU; or --matrix");
    cmd->add_option("PATH", args->paths, "LEFT (reference, e.g. a baseline backup folder) and RIGHT; with --matrix any number")
        ->required();
    cmd->add_option("--format", args->format, "Output format (the matrix: csv or html)")
        ->check(CLI::IsMember({"text", "json", "csv", "html"}))
        ->capture_default_str();
    cmd->add_option("--output,-o", args->output, "Write to this file instead of standard output");
    cmd->add_flag("--matrix", args->matrix, "The settings matrix: setting x GPO, the value each GPO sets, conflicts marked");
    cmd->add_flag("!--no-ou", args->per_ou, "Only the set comparison, not each OU's effective policy");
    cmd->add_option("--names", args->names, "Friendly setting names, KEY<TAB>NAME per line (default: policies/setting-names.tsv)");
    cmd->callback([args, &exit_code] { exit_code = run_compare(*args); });
}

}  // namespace gpolint::cli
