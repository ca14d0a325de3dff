#pragma once
// The `.gpolint` configuration file: defaults for `gpolint check` that a repository keeps next to its
// GPOs. Found upward from the current directory, or named with --config. Command-line flags win over
// it; relative paths in it are relative to the file itself.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace gpolint::findings {

inline constexpr std::string_view kConfigFileName = ".gpolint";

// The lowest severity that makes `check` exit 1, or Never.
enum class FailOn { Note, Warning, Error, Never };
std::optional<FailOn> parse_fail_on(std::string_view text);
const char* to_string(FailOn fail_on);

struct Config {
    std::string path;                                // the file read, empty when none
    std::vector<std::string> select;                 // rule IDs or families (GPL1xx)
    std::vector<std::string> ignore;
    std::vector<std::string> enable;                 // optional rules to run (`optional` in policies/)
    std::map<std::string, Severity> severity;        // per-rule severity override (upper-case ID)
    std::optional<FailOn> fail_on;
    std::vector<std::string> paths;                  // what `check`/`explain` read when no PATH is given (resolved)
    std::vector<std::string> exclude;                // globs skipped below the PATHs (parse::PathFilter)
    std::vector<std::string> topology;               // paths, already resolved against the file's folder
    std::optional<std::string> suppressions;
    std::optional<std::string> baseline;
    std::optional<std::string> rules;
    std::vector<std::pair<std::string, std::string>> roles;  // (DN, role), in file order
};

// `.gpolint` in `start_dir` or the nearest folder above it; nullopt when there is none.
std::optional<std::string> find_config(std::string_view start_dir);

// The project root for a run without PATH: the nearest folder at or above `start_dir` holding
// `.gpolint` or `.git` (the git top level); nullopt when there is none.
std::optional<std::string> find_project_root(std::string_view start_dir);

// Parses a config file. Every problem (syntax, unknown key or section, bad value) is an error
// diagnostic at file:line:col; the keys that were valid are still returned.
Config parse_config(const SourceText& source, std::vector<Diagnostic>& diagnostics);

// Rule selection with families: "GPL101" matches itself, "GPL1xx" (or "GPL1") every GPL1nn.
bool rule_matches(std::string_view pattern, std::string_view rule_id);
bool is_rule_pattern(std::string_view pattern);
// The ID prefix a pattern stands for: "gpl1xx" -> "GPL1", "GPL101" -> "GPL101" (what rules::Selection takes).
std::string rule_prefix(std::string_view pattern);

}  // namespace gpolint::findings
