// gpolint check PATH...: load, run every rule per GPO and per SOM, report, exit by --fail-on.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <unordered_map>

#include "cli/commands.hpp"
#include "cli/keep_until_exit.hpp"
#include "cli/rules_common.hpp"
#include "core/phase_timer.hpp"
#include "core/printable.hpp"
#include "core/source.hpp"
#include "findings/pipeline.hpp"
#include "fix/fixer.hpp"
#include "report/reporter.hpp"
#include "report/terminal.hpp"
#include "rules/loader.hpp"
#include "rules/pipeline.hpp"

namespace gpolint::cli {

namespace {

struct CheckArgs {
    std::vector<std::string> paths;
    std::string files_from;  // a list of paths, one per line; "-" = stdin
    std::string format = "text";
    std::vector<std::string> select, ignore;
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
    bool fix = false, unsafe_fixes = false, diff = false, fix_read_only = false;
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
    // Indexed once, so both views cost links + GPOs and files + findings, not their products.
    std::unordered_map<std::string, std::vector<const std::string*>> linked_from;  // folded GUID -> SOM DNs, in order
    for (const auto& som : soms)
        for (const auto& link : som.links) linked_from[model::fold_case(link.gpo_guid)].push_back(&som.dn);
    for (const auto& gpo : inputs.gpos) {
        report::GpoView view{gpo.guid, gpo.name, gpo.source, {}};
        if (!gpo.guid.empty())
            if (auto found = linked_from.find(model::fold_case(gpo.guid)); found != linked_from.end())
                for (const std::string* dn : found->second) view.links.push_back(*dn);
        data.gpos_view.push_back(std::move(view));
    }
    std::unordered_map<const std::string*, size_t> errors_in;  // interned paths: one address per file
    for (const auto& d : data.findings)
        if (d.severity == Severity::Error) ++errors_in[&d.location.file.str()];
    for (const auto& file : inputs.files) {
        auto found = errors_in.find(&file.str());
        data.inputs_view.push_back({file.str(), found == errors_in.end() ? 0 : found->second});
    }
}

std::optional<std::pair<std::string, std::string>> parse_role(const std::string& text) {
    auto eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) return std::nullopt;
    return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

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

int run_check(CheckArgs args) {
    if (!args.files_from.empty()) {
        std::string error;
        auto listed = read_path_list(args.files_from, error);
        if (!listed) {
            std::cerr << "gpolint: error: cannot read the path list " << escape_controls(args.files_from) << ": "
                      << error << "\n";
            return kExitUsage;
        }
        args.paths.insert(args.paths.end(), listed->begin(), listed->end());
    } else if (args.paths.empty()) {
        std::cerr << "gpolint: error: give a PATH to check, or --files-from\n";
        return kExitUsage;
    }
    for (const auto& path : args.paths) {
        std::error_code error;
        if (!std::filesystem::exists(path, error)) {
            std::cerr << "gpolint: error: cannot read " << escape_controls(path) << ": no such file or folder\n";
            return kExitUsage;
        }
    }
    if (args.fix_read_only && !args.fix) {
        std::cerr << "gpolint: error: --fix-read-only needs --fix\n";
        return kExitUsage;
    }
    if (args.unsafe_fixes && !args.fix && !args.diff) {
        std::cerr << "gpolint: error: --unsafe-fixes needs --fix or --diff\n";
        return kExitUsage;
    }
    // Command-line flags win over the .gpolint config file.
    findings::CommandLine command_line;
    if (!args.config.empty()) command_line.config = args.config;
    command_line.select = split_ids(args.select);
    command_line.ignore = split_ids(args.ignore);
    if (!args.fail_on.empty()) command_line.fail_on = findings::parse_fail_on(args.fail_on);
    command_line.topology = args.topology_files;
    if (!args.rules_dir.empty()) command_line.rules = args.rules_dir;
    for (const auto& role : args.roles) {
        auto parsed = parse_role(role);
        if (!parsed) {
            std::cerr << "gpolint: error: --role expects DN=ROLE, got '" << escape_controls(role) << "'\n";
            return kExitUsage;
        }
        command_line.roles.push_back(*parsed);
    }
    if (!args.suppressions.empty()) command_line.suppressions = args.suppressions;
    if (!args.baseline.empty()) command_line.baseline = args.baseline;
    if (!args.write_baseline.empty()) command_line.write_baseline = args.write_baseline;
    command_line.no_inline_suppressions = args.no_inline_suppressions;
    std::error_code cwd_error;
    std::vector<Diagnostic> config_errors;
    auto settings =
        findings::resolve_settings(command_line, std::filesystem::current_path(cwd_error).string(), config_errors);
    for (const auto& e : config_errors)
        std::cerr << escape_controls(e.location.file.str()) << ':' << e.location.line << ':' << e.location.column
                  << ": " << to_string(e.severity) << ": " << escape_controls(e.message) << '\n';
    if (!config_errors.empty()) return kExitUsage;

    std::string rules_dir = settings.rules ? *settings.rules : rules::default_rules_dir();
    auto loaded = load_rules_or_report(rules_dir, std::cerr);
    if (!loaded) return kExitUsage;

    rules::PipelineOptions options;
    options.load.topology_files = settings.topology;
    options.load.threads = args.jobs;
    options.load.role_overrides = settings.roles;
    options.selection.select = settings.select;
    options.selection.ignore = settings.ignore;
    options.parse_only = args.parse_only;

    // Only the HTML report shows the OU tree and each SOM's processing order; other formats skip them.
    const bool want_orders = args.format == "html";
    std::vector<std::vector<report::SomView::Entry>> orders;
    auto run = [&] {
        orders.clear();
        // Resolving thousands of SOMs is the long part of a domain audit: show it on a terminal.
        report::Progress progress(stderr, report::use_progress(*report::parse_when(args.progress), stderr));
        progress.start("resolving SOMs", 0);
        // Called from several threads at once, each for its own SOM: each writes only its own slot.
        std::mutex growing;
        auto result = rules::run_pipeline(args.paths, *loaded, options, [&](const resolve::EffectivePolicy& policy) {
            if (want_orders) {
                auto entries = entries_of(policy);
                std::lock_guard lock(growing);
                if (orders.size() <= static_cast<size_t>(policy.som)) orders.resize(static_cast<size_t>(policy.som) + 1);
                orders[static_cast<size_t>(policy.som)] = std::move(entries);
            }
            progress.advance();
        });
        progress.finish();
        return result;
    };
    auto result = run();
    if (args.fix || args.diff) {
        // Fix, then report what remains; --diff only shows the edits.
        auto fixed = fix::apply_fixes(result.findings, result.inputs, *loaded, {args.unsafe_fixes, args.diff, {}, args.fix_read_only});
        fix::print_fix_report(fixed, args.diff, std::cout, std::cerr);
        if (args.diff) return fixed.errors.empty() ? (fixed.fixes.empty() ? kExitClean : kExitFindings) : kExitUsage;
        if (fixed.files_written > 0) result = run();
    }

    std::optional<PhaseTimer> phase(std::in_place, "suppressions, sort");
    auto outcome = findings::run_pipeline(std::move(result.findings), settings, &result.inputs.may_have_directives);
    for (const auto& problem : outcome.fatal) std::cerr << "gpolint: error: " << escape_controls(problem) << '\n';
    if (!outcome.fatal.empty()) return kExitUsage;
    // An unreadable PATH is a usage error whatever --fail-on says: the run did not check what was asked.
    int exit_code = result.inputs.unreadable_paths.empty() ? outcome.exit_code : kExitUsage;
    report::ReportData data;
    findings::fill_report(data, std::move(outcome));
    data.rules = rule_infos(*loaded, rules_dir);
    data.files_read = result.inputs.files.size();
    data.gpos = result.inputs.gpos.size();
    data.soms = result.inputs.topology.soms.size();
    std::error_code error;
    data.base_dir = std::filesystem::current_path(error).string();
    phase.emplace("report views");
    if (want_orders) fill_views(data, result.inputs, orders);  // the OU tree, GPO and input lists: HTML only
    phase.emplace("write report");

    report::ReportOptions report_options;
    report_options.threads = args.jobs;
    report_options.color = args.format == "text" && args.output.empty() &&
                           report::use_color(*report::parse_when(args.color), stdout);
    auto reporter = report::make_reporter(args.format, report_options);
    if (!args.output.empty()) {
        if (auto input = input_named_by(args.output, result.inputs, settings)) {
            std::cerr << "gpolint: error: --output " << escape_controls(args.output) << " is the input "
                      << escape_controls(*input) << "; not overwritten\n";
            return kExitUsage;
        }
    }
    if (args.output.empty()) {
        reporter->write(std::cout, data);
    } else {
        std::ofstream file(args.output, std::ios::binary);
        if (file) reporter->write(file, data);
        if (!file || !file.flush()) {
            std::cerr << "gpolint: error: cannot write " << escape_controls(args.output) << "\n";
            return kExitUsage;
        }
    }
    keep_until_exit(std::move(result));
    keep_until_exit(std::move(data));
    keep_until_exit(std::move(orders));
    return exit_code;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<CheckArgs>();
    auto* cmd = app.add_subcommand("check", "Lint GPOs and, with a topology, the effective policy of every OU");
    cmd->add_option("PATH", args->paths, "GptTmpl.inf, registry.pol, GPO backups, SYSVOL copies, LDIF or topology files");
    cmd->add_option("--files-from", args->files_from,
                    "Also check the paths listed in this file, one per line ('-' = standard input)");
    cmd->add_option("--format", args->format, "Output format")
        ->check(CLI::IsMember(report::reporter_formats()))
        ->capture_default_str();
    cmd->add_option("--select", args->select, "Only these rule IDs or ID prefixes (comma-separated)")
        ->allow_extra_args(false);
    cmd->add_option("--ignore", args->ignore, "Skip these rule IDs or ID prefixes (comma-separated)")
        ->allow_extra_args(false);
    cmd->add_option("--rules", args->rules_dir, "Folder of *.rules files (default: policies/ of the source tree)");
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
    cmd->add_option("--jobs,-j", args->jobs, "Threads for parsing and SOM evaluation (0 = one per core)");
    auto* fix_flag = cmd->add_flag("--fix", args->fix, "Apply the safe fixes to the templates, then report what remains");
    cmd->add_flag("--diff", args->diff, "Print the fixes as a unified diff; write nothing")->excludes(fix_flag);
    cmd->add_flag("--unsafe-fixes", args->unsafe_fixes, "With --fix or --diff: also the fixes marked unsafe");
    cmd->add_flag("--fix-read-only", args->fix_read_only, "With --fix: also rewrite templates that are read-only");
    cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace gpolint::cli
