#include "rules/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/source.hpp"
#include "rules/builtin/check.hpp"
#include "rules/rule_parser.hpp"

namespace gpolint::rules {

namespace fs = std::filesystem;

namespace {

// The running executable, from /proc (Linux); empty when it cannot be read.
fs::path executable_path() {
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::path() : self;
}

// Where the build puts its own programs: gpolint in the build folder, the unit tests in tests/ below it.
// An exact folder, not "anywhere below": a prefix installed inside the build folder is still installed.
bool is_build_output(const fs::path& exe) {
    std::error_code error;
    const fs::path build(GPOLINT_BUILD_DIR);
    const fs::path folder = exe.parent_path();
    return fs::equivalent(folder, build, error) || fs::equivalent(folder, build / "tests", error);
}

}  // namespace

std::string default_rules_dir() {
    fs::path exe = executable_path();
    std::error_code error;
    if (!exe.empty()) {
        fs::path installed = (exe.parent_path() / ".." / "share" / "gpolint" / "policies").lexically_normal();
        if (fs::is_directory(installed, error)) return installed.string();
    }
    // Only a binary still in its build tree may use the source tree's rules: an installed or copied
    // gpolint must not depend on a checkout that may be gone or be another version.
    if (exe.empty() || is_build_output(exe)) return std::string(GPOLINT_SOURCE_DIR) + "/policies";
    return (exe.parent_path() / ".." / "share" / "gpolint" / "policies").lexically_normal().string();
}

std::string docs_dir_for(const std::string& rules_dir) {
    return (fs::path(rules_dir).parent_path() / "docs" / "rules").string();
}

std::vector<Rule> load_rules(const std::string& dir, Diagnostics& diagnostics) {
    std::vector<std::string> files;
    std::error_code error;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error))
        if (it->path().extension() == ".rules") files.push_back(it->path().string());
    if (error) {
        diagnostics.error(kRuleFileErrorId, Location{intern_path(dir), 0, 0, 0},
                          "cannot read the rules folder: " + error.message() + " (give one with --rules DIR)");
        return {};
    }
    if (files.empty()) {
        diagnostics.error(kRuleFileErrorId, Location{intern_path(dir), 0, 0, 0},
                          "no *.rules files in the rules folder (give one with --rules DIR)");
        return {};
    }
    std::sort(files.begin(), files.end());
    std::vector<Rule> rules;
    for (const auto& file : files) {
        std::string read_error;
        auto bytes = read_file_bytes(file, read_error);
        if (!bytes) {
            diagnostics.error(kRuleFileErrorId, Location{intern_path(file), 0, 0, 0}, read_error);
            continue;
        }
        auto parsed = parse_rules(decode_text(intern_path(file), *bytes), diagnostics);
        std::move(parsed.begin(), parsed.end(), std::back_inserter(rules));
    }
    check_rule_set(rules, false, diagnostics);
    std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
    return rules;
}

void check_rule_set(const std::vector<Rule>& rules, bool complete, Diagnostics& diagnostics) {
    std::map<std::string, const Rule*> seen;
    for (const auto& rule : rules) {
        auto [it, inserted] = seen.emplace(rule.id, &rule);
        if (!inserted) {
            const Location& first = it->second->location;
            diagnostics.error(kRuleFileErrorId, rule.location,
                              "duplicate rule ID " + rule.id + " (first defined at " + first.file.str() + ":" +
                                  std::to_string(first.line) + ":" + std::to_string(first.column) + ")");
        }
        if (rule.builtin && !find_builtin(rule.id))
            diagnostics.error(kRuleFileErrorId, rule.location,
                              "rule " + rule.id + " is 'builtin' but no built-in check is registered under that ID");
    }
    if (!complete) return;
    for (const auto& entry : builtin_registry()) {
        auto it = seen.find(std::string(entry.id));
        if (it == seen.end())
            diagnostics.error(kRuleFileErrorId, Location{},
                              "built-in check " + std::string(entry.id) + " has no metadata record in the rules folder");
        else if (!it->second->builtin)
            diagnostics.error(kRuleFileErrorId, it->second->location,
                              "rule " + it->first + " is a registered built-in check and must say 'builtin' instead of 'when'");
    }
}

}  // namespace gpolint::rules
