#pragma once
// Everything between the rules and the reporters, in one call for `gpolint check`:
// rule selection, severity overrides, inline and file suppressions, the baseline, and the exit code.
// Settings come from the command line over the `.gpolint` config file.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"
#include "findings/config.hpp"
#include "findings/suppressions.hpp"

namespace gpolint::findings {

// What the user typed on the command line; unset / empty = not given, so the config file decides.
struct CommandLine {
    std::optional<std::string> config;          // --config FILE (else .gpolint is searched upward)
    std::vector<std::string> select;            // --select
    std::vector<std::string> ignore;            // --ignore
    std::vector<std::string> enable;            // --enable (optional rules; added to the config's)
    std::optional<FailOn> fail_on;              // --fail-on
    std::vector<std::string> topology;          // --topology (repeatable)
    std::vector<std::string> exclude;           // --exclude GLOB (repeatable; added to the config's)
    std::optional<std::string> rules;           // --rules
    std::vector<std::pair<std::string, std::string>> roles;  // --role DN=ROLE
    std::optional<std::string> suppressions;    // --suppressions FILE
    std::optional<std::string> baseline;        // --baseline FILE
    std::optional<std::string> write_baseline;  // --write-baseline FILE
    bool no_inline_suppressions = false;        // --no-inline-suppressions
};

// The merged settings of one check run.
struct Settings {
    std::string config_path;                    // the config file used, empty when none
    std::vector<std::string> select, ignore;    // rule ID prefixes ("GPL1", "GPL101"); empty select = all
    std::vector<std::string> enable;            // optional rules to run: the config's `enable`, then --enable
    std::map<std::string, Severity> severity;   // from the config's [severity] section
    FailOn fail_on = FailOn::Warning;
    std::vector<std::string> topology;          // topology files and LDIF exports
    std::vector<std::string> paths;             // the config's `paths`: read when no PATH is given
    std::vector<std::string> exclude;           // the config's `exclude`, then --exclude
    std::optional<std::string> rules;
    std::vector<std::pair<std::string, std::string>> roles;  // config roles first, then --role
    std::optional<std::string> suppressions, baseline, write_baseline;
    bool inline_suppressions = true;
    std::string base_dir;                       // for fingerprints and relative paths; the current directory
    unsigned threads = 0;                       // --jobs: threads for reading files and sorting; 0 = one per core
};

// Reads the config file (--config, or .gpolint found upward from `current_dir`) and lays the command
// line over it. Problems in the config file are added to `errors` (file:line:col); the CLI should print
// them and exit 2 when there are any.
Settings resolve_settings(const CommandLine& command_line, const std::string& current_dir,
                          std::vector<Diagnostic>& errors);

// True when `rule_id` survives select/ignore.
bool rule_selected(std::string_view rule_id, const Settings& settings);

// What the findings stage hands on to the reports.
struct Outcome {
    std::vector<Diagnostic> findings;                        // sorted; includes the pipeline's own diagnostics
    std::vector<Diagnostic> suppressed;                      // sorted together with suppression_info
    std::vector<SuppressionInfo> suppression_info;           // parallel to `suppressed`
    std::vector<std::string> fatal;                          // unreadable suppression/baseline file, unwritable baseline: exit 2
    int exit_code = 0;                                       // 0, or 1 when a finding is at or above fail-on
};

// Runs the findings stage on the diagnostics of the loaders and rules. Writes the baseline file when
// asked (today's findings after suppressions, before the old baseline is applied).
// `known_files` (may be null): for text files the loaders read, whether they may hold an inline
// directive (parse::Inputs::may_have_directives); the others are read again and looked at here.
Outcome run_pipeline(std::vector<Diagnostic> diagnostics, const Settings& settings,
                     const std::unordered_map<const std::string*, bool>* known_files = nullptr);

// 1 when any finding is at or above `fail_on`, else 0.
int exit_code_for(const std::vector<Diagnostic>& findings, FailOn fail_on);

}  // namespace gpolint::findings
