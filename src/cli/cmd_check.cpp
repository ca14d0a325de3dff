// gpolint check PATH...: load, run every rule per GPO and per SOM, report, exit by --fail-on.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "check/changed_files.hpp"
#include "check/check.hpp"
#include "cli/commands.hpp"
#include "cli/keep_until_exit.hpp"
#include "cli/project.hpp"
#include "cli/rule_ids.hpp"
#include "cli/rules_common.hpp"
#include "cli/som_lookup.hpp"
#include "core/phase_timer.hpp"
#include "core/printable.hpp"
#include "core/source.hpp"
#include "fix/fixer.hpp"
#include "report/reporter.hpp"
#include "report/statistics.hpp"
#include "report/terminal.hpp"
#include "rules/loader.hpp"

namespace gpolint::cli {

namespace {

struct CheckArgs {
    std::vector<std::string> paths;
    std::string files_from;  // a list of paths, one per line; "-" = stdin
    std::vector<std::string> changed;  // report only findings touching these files (the hook)
    std::vector<std::string> exclude;
    std::string format = "text";
    bool format_given = false;  // else picked from --output's extension
    std::vector<std::string> select, ignore, enable;
    std::string rules_dir;
    std::vector<std::string> topology_files;
    std::vector<std::string> roles;
    std::string fail_on;  // empty: from .gpolint, else warning
    std::string color = "auto";
    std::string progress = "auto";
    std::string output;  // empty: stdout
    std::string config, suppressions, baseline, write_baseline;
    bool no_inline_suppressions = false;
    bool parse_only = false;
    bool quiet = false, statistics = false;
    bool fix = false, unsafe_fixes = false, diff = false, fix_read_only = false;
    unsigned jobs = 0;
};

// `git diff --name-only | gpolint check --files-from -`, or more paths than a command line holds.
// A file goes through the bounded reader (no FIFO, no /dev/zero); standard input stops at the same cap.
std::optional<std::vector<std::string>> read_path_list(const std::string& list, std::string& error) {
    std::optional<std::string> bytes;
    if (list == "-") {
        bytes.emplace();
        char chunk[1 << 16];
        while (std::cin.read(chunk, sizeof chunk) || std::cin.gcount() > 0) {
            bytes->append(chunk, static_cast<size_t>(std::cin.gcount()));
            if (bytes->size() > kMaxInputFileBytes) {
                error = "more than " + std::to_string(kMaxInputFileBytes >> 20) + " MiB on standard input";
                return std::nullopt;
            }
        }
    } else {
        bytes = read_file_bytes(list, error);
        if (!bytes) return std::nullopt;
    }
    if (bytes->find('\0') != std::string::npos) {
        error = "holds NUL bytes: not a list of paths";
        return std::nullopt;
    }
    std::vector<std::string> paths;
    std::string_view rest = *bytes;
    while (!rest.empty()) {
        auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty()) paths.emplace_back(line);
    }
    return paths;
}

// `-o report.html` without --format: the format its extension names.
std::string format_for_output(const std::string& output) {
    std::string extension = model::fold_case(std::filesystem::path(output).extension().string());
    if (extension == ".html" || extension == ".htm") return "html";
    if (extension == ".sarif") return "sarif";
    if (extension == ".json") return "json";
    return "text";
}

// Rule IDs that name no loaded rule are typos: exit 2 rather than silently run too few or many rules.
bool check_selection(const CheckArgs& args, const findings::Settings& settings, const std::vector<rules::Rule>& loaded) {
    const std::string config = settings.config_path.empty() ? std::string("the config") : settings.config_path;
    bool known = check_rule_ids(settings.select, args.select.empty() ? config + " (select)" : "--select", loaded, std::cerr);
    known &= check_rule_ids(settings.ignore, args.ignore.empty() ? config + " (ignore)" : "--ignore", loaded, std::cerr);
    known &= check_rule_ids(settings.enable, args.enable.empty() ? config + " (enable)" : "--enable", loaded, std::cerr);
    std::vector<std::string> overridden;
    for (const auto& [id, severity] : settings.severity) overridden.push_back(id);
    known &= check_rule_ids(overridden, config + " [severity]", loaded, std::cerr);
    return known;
}

// The input file that `output` is (same device and inode: another spelling, a link), if any, so that
// `-o` never overwrites what was checked.
std::optional<std::string> input_named_by(const std::string& output, const parse::Inputs& inputs,
                                          const findings::Settings& settings) {
    struct stat out {};
    if (::stat(output.c_str(), &out) != 0) return std::nullopt;  // a new file cannot be an input
    auto same = [&](const std::string& path) {
        struct stat in {};
        return ::stat(path.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino;
    };
    for (const auto& file : inputs.files)
        if (same(file.str())) return file.str();
    if (!settings.config_path.empty() && same(settings.config_path)) return settings.config_path;
    for (const auto& named : {settings.suppressions, settings.baseline})
        if (named && same(*named)) return *named;
    return std::nullopt;
}

// Paths from --files-from, the format from --output, and flags that need another flag. 0 or kExitUsage.
int complete_args(CheckArgs& args) {
    if (!args.files_from.empty()) {
        std::string error;
        auto listed = read_path_list(args.files_from, error);
        if (!listed) {
            std::cerr << "gpolint: error: cannot read the path list " << escape_controls(args.files_from) << ": "
                      << error << "\n";
            return kExitUsage;
        }
        args.paths.insert(args.paths.end(), listed->begin(), listed->end());
    }
    if (!args.format_given && !args.output.empty()) args.format = format_for_output(args.output);
    if (args.fix_read_only && !args.fix) {
        std::cerr << "gpolint: error: --fix-read-only needs --fix\n";
        return kExitUsage;
    }
    if (args.unsafe_fixes && !args.fix && !args.diff) {
        std::cerr << "gpolint: error: --unsafe-fixes needs --fix or --diff\n";
        return kExitUsage;
    }
    return kExitClean;
}

// Command-line flags win over the .gpolint config file. nullopt after printing a bad --role.
std::optional<findings::CommandLine> command_line_of(const CheckArgs& args) {
    findings::CommandLine command_line;
    if (!args.config.empty()) command_line.config = args.config;
    command_line.select = split_ids(args.select);
    command_line.ignore = split_ids(args.ignore);
    command_line.enable = split_ids(args.enable);
    if (!args.fail_on.empty()) command_line.fail_on = findings::parse_fail_on(args.fail_on);
    command_line.topology = args.topology_files;
    command_line.exclude = args.exclude;
    if (!args.rules_dir.empty()) command_line.rules = args.rules_dir;
    for (const auto& role : args.roles) {
        auto parsed = parse_role(role);
        if (!parsed) {
            std::cerr << "gpolint: error: --role expects DN=ROLE, got '" << escape_controls(role) << "'\n";
            return std::nullopt;
        }
        command_line.roles.push_back(*parsed);
    }
    if (!args.suppressions.empty()) command_line.suppressions = args.suppressions;
    if (!args.baseline.empty()) command_line.baseline = args.baseline;
    if (!args.write_baseline.empty()) command_line.write_baseline = args.write_baseline;
    command_line.no_inline_suppressions = args.no_inline_suppressions;
    return command_line;
}

// An empty --files-from list (nothing changed) checks nothing; no PATH at all checks the project.
std::optional<std::vector<std::string>> paths_to_check(const CheckArgs& args, const findings::Settings& settings) {
    auto paths = args.files_from.empty() ? input_paths(args.paths, settings, std::cerr) : args.paths;
    if (!paths) return std::nullopt;
    for (const auto& path : *paths) {
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            std::cerr << "gpolint: error: cannot read " << escape_controls(path) << ": no such file or folder\n";
            return std::nullopt;
        }
    }
    return paths;
}

// The check service's request from the flags and .gpolint; `rules` receives the loaded rule folder.
// nullopt after printing why the run cannot start.
std::optional<check::Request> request_of(CheckArgs& args, std::vector<rules::Rule>& rules) {
    if (complete_args(args) != kExitClean) return std::nullopt;
    auto command_line = command_line_of(args);
    if (!command_line) return std::nullopt;
    auto settings = project_settings(*command_line, std::cerr);
    if (!settings) return std::nullopt;
    check::Request request;
    auto paths = paths_to_check(args, *settings);
    if (!paths) return std::nullopt;
    request.paths = std::move(*paths);
    request.rules_dir = settings->rules ? *settings->rules : rules::default_rules_dir();
    auto loaded = load_rules_or_report(request.rules_dir, std::cerr);
    if (!loaded || !check_selection(args, *settings, *loaded)) return std::nullopt;
    rules = std::move(*loaded);
    request.rules = &rules;
    settings->threads = args.jobs;
    request.settings = std::move(*settings);
    request.changed = args.changed;
    request.parse_only = args.parse_only;
    // Only the HTML report shows the OU tree and each SOM's processing order; other formats skip them.
    request.views = args.format == "html";
    if (report::use_progress(*report::parse_when(args.progress), stderr)) request.progress = stderr;
    return request;
}

// What the PATHs held: some GPO, and every SOM that --role names. 0 or kExitUsage.
int check_loaded(const check::Request& request, const check::Result& result) {
    if (!request.paths.empty() && result.found_nothing()) {
        std::cerr << "gpolint: error: no GPO input found in " << escape_controls(request.paths.front())
                  << (request.paths.size() > 1 ? " and the other PATHs" : "")
                  << " (GptTmpl.inf or *.inf templates, registry.pol, audit.csv, GPO folders with GPT.INI, Backup-GPO "
                     "folders)\n";
        return kExitUsage;
    }
    for (const auto& role : request.settings.roles)  // (DN, role) from --role and the config's [roles]
        if (find_som_or_report(result.inputs.topology, role.first, "--role", std::cerr) < 0) return kExitUsage;
    return kExitClean;
}

// --fix: fix, then lint again what remains; --diff: print the edits and stop (the exit code returned).
// With --changed, only the changed files are the user's to fix in this run.
std::optional<int> fix_findings(const CheckArgs& args, const check::Request& request, check::Result& result) {
    std::vector<Diagnostic> to_fix;
    if (!args.changed.empty()) {
        check::ChangedFiles changed(args.changed);
        for (const auto& finding : result.findings)
            if (changed.contains(finding.location.file)) to_fix.push_back(finding);
    }
    auto fixed = fix::apply_fixes(args.changed.empty() ? result.findings : to_fix, result.inputs, *request.rules,
                                  {args.unsafe_fixes, args.diff, {}, args.fix_read_only});
    fix::print_fix_report(fixed, args.diff, std::cout, std::cerr);
    if (args.diff) return fixed.errors.empty() ? (fixed.fixes.empty() ? kExitClean : kExitFindings) : kExitUsage;
    if (fixed.files_written > 0) result = check::lint(request);
    return std::nullopt;
}

// The report in --format to --output or standard output. 0 or kExitUsage.
int write_report(const CheckArgs& args, const check::Result& result, const findings::Settings& settings) {
    PhaseTimer phase("write report");
    report::ReportOptions options;
    options.threads = args.jobs;
    options.color = args.format == "text" && args.output.empty() &&
                    report::use_color(*report::parse_when(args.color), stdout);
    options.summary = !args.quiet;
    auto reporter = report::make_reporter(args.format, options);
    const auto& data = result.report;
    auto write = [&](std::ostream& out) {
        if (args.statistics) report::write_statistics(out, data);
        else if (!(args.quiet && args.format == "text" && data.findings.empty())) reporter->write(out, data);
    };
    if (args.output.empty()) {
        write(std::cout);
        return kExitClean;
    }
    if (auto input = input_named_by(args.output, result.inputs, settings)) {
        std::cerr << "gpolint: error: --output " << escape_controls(args.output) << " is the input "
                  << escape_controls(*input) << "; not overwritten\n";
        return kExitUsage;
    }
    std::ofstream file(args.output, std::ios::binary);
    if (file) write(file);
    if (!file || !file.flush()) {
        std::cerr << "gpolint: error: cannot write " << escape_controls(args.output) << "\n";
        return kExitUsage;
    }
    return kExitClean;
}

int run_check(CheckArgs args) {
    std::vector<rules::Rule> rules;
    auto request = request_of(args, rules);
    if (!request) return kExitUsage;
    auto result = check::lint(*request);
    if (check_loaded(*request, result) != kExitClean) return kExitUsage;
    if (args.fix || args.diff)
        if (auto exit_code = fix_findings(args, *request, result)) return *exit_code;
    check::conclude(result, *request);
    for (const auto& problem : result.fatal) std::cerr << "gpolint: error: " << escape_controls(problem) << '\n';
    if (!result.fatal.empty()) return kExitUsage;
    // An unreadable PATH is a usage error whatever --fail-on says: the run did not check what was asked.
    int exit_code = result.inputs.unreadable_paths.empty() ? result.exit_code : kExitUsage;
    if (write_report(args, result, request->settings) != kExitClean) return kExitUsage;
    keep_until_exit(std::move(result));
    return exit_code;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<CheckArgs>();
    auto* cmd = app.add_subcommand("check", "Lint GPOs and, with a topology, the effective policy of every OU");
    cmd->add_option("PATH", args->paths,
                    "GptTmpl.inf, registry.pol, GPO backups, SYSVOL copies, LDIF or topology files (default: the "
                    "project: .gpolint's paths, its folder, or the git top level)");
    cmd->add_option("--files-from", args->files_from,
                    "Also check the paths listed in this file, one per line ('-' = standard input)");
    cmd->add_option("--changed", args->changed,
                    "Check the whole project but report only findings whose location or notes touch these files "
                    "(the pre-commit hook)");
    cmd->add_option("--exclude", args->exclude, "Skip files and folders matching this glob below the PATHs (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--format", args->format, "Output format (default: text, or from --output's extension)")
        ->check(CLI::IsMember(report::reporter_formats()))
        ->each([args](const std::string&) { args->format_given = true; });
    cmd->add_option("--select", args->select, "Only these rule IDs or ID prefixes (comma-separated)")
        ->allow_extra_args(false);
    cmd->add_option("--ignore", args->ignore, "Skip these rule IDs or ID prefixes (comma-separated)")
        ->allow_extra_args(false);
    cmd->add_option("--enable", args->enable, "Also run these optional rules (IDs or prefixes, comma-separated; e.g. GPL8xx, the hardening-gap pack)")
        ->allow_extra_args(false);
    cmd->add_option("--rules", args->rules_dir, "Folder of *.rules files (default: ../share/gpolint/policies next to the executable)");
    cmd->add_option("--topology", args->topology_files, "LDIF export or topology file (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--role", args->roles, "Give a SOM a role: DN=ROLE (hyperv, cluster, dc or a tag; repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--fail-on", args->fail_on, "Exit 1 when a finding is at or above this severity (default: warning)")
        ->check(CLI::IsMember({"error", "warning", "note", "never"}));
    cmd->add_option("--config", args->config, "Config file (default: .gpolint here or in a parent folder)");
    cmd->add_option("--suppressions", args->suppressions, "Suppression file (docs/workflow.md)");
    cmd->add_option("--baseline", args->baseline, "Report only findings not in this baseline file");
    cmd->add_option("--write-baseline", args->write_baseline, "Record today's findings in this baseline file");
    cmd->add_flag("--no-inline-suppressions", args->no_inline_suppressions, "Ignore '; gpolint: disable=' comments");
    cmd->add_option("--progress", args->progress, "Progress on stderr")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_option("--color", args->color, "Colour the text output")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    cmd->add_option("--output,-o", args->output, "Write the report to this file instead of standard output");
    cmd->add_flag("--parse-only", args->parse_only, "Stop after loading: report parse diagnostics only");
    cmd->add_flag("--quiet,-q", args->quiet, "Print the findings only: no summary line, nothing when clean");
    cmd->add_flag("--statistics", args->statistics, "Print how many findings each rule has instead of the findings");
    cmd->add_option("--jobs,-j", args->jobs, "Threads for parsing and SOM evaluation (0 = one per core)");
    auto* fix_flag = cmd->add_flag("--fix", args->fix, "Apply the safe fixes to the templates, then report what remains");
    cmd->add_flag("--diff", args->diff, "Print the fixes as a unified diff; write nothing")->excludes(fix_flag);
    cmd->add_flag("--unsafe-fixes", args->unsafe_fixes, "With --fix or --diff: also the fixes marked unsafe");
    cmd->add_flag("--fix-read-only", args->fix_read_only, "With --fix: also rewrite templates that are read-only");
    cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace gpolint::cli
