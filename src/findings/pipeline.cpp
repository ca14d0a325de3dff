#include "findings/pipeline.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <numeric>
#include <set>
#include <tuple>

#include "core/parallel.hpp"
#include "core/source.hpp"
#include "findings/baseline.hpp"
#include "findings/suppressions.hpp"

namespace gpolint::findings {

namespace {

std::optional<SourceText> read_text(const std::string& path, std::string& error) {
    auto bytes = read_file_bytes(path, error);
    if (!bytes) return std::nullopt;
    return decode_text(intern_path(path), *bytes);
}

// Diagnostics about gpolint's own inputs that no selection may hide: a broken suppression must be seen.
bool always_shown(const Diagnostic& d) {
    return d.rule_id == kRuleSyntaxError || d.rule_id == kRuleSuppressionWithoutReason;
}

void apply_selection_and_severity(std::vector<Diagnostic>& diagnostics, const Settings& settings) {
    std::erase_if(diagnostics, [&](const Diagnostic& d) { return !always_shown(d) && !rule_selected(d.rule_id, settings); });
    for (auto& d : diagnostics)
        if (auto it = settings.severity.find(d.rule_id); it != settings.severity.end()) d.severity = it->second;
}

// Inline comments are read only from the text files that have findings: that is where they can act.
// Files the loaders already looked at are read again only if they may hold a directive; others are
// read and sniffed on the thread pool. The few that mention gpolint are parsed in path order.
std::vector<Suppression> inline_suppressions_for(const std::vector<Diagnostic>& findings,
                                                 const std::unordered_map<const std::string*, bool>* known_files,
                                                 std::vector<Diagnostic>& diagnostics, unsigned threads) {
    std::set<std::string> file_set;
    const std::string* last = nullptr;  // findings come sorted by file: skip the lookups for repeats
    for (const auto& d : findings) {
        if (d.location.file.empty() || d.location.is_binary() || &d.location.file.str() == last) continue;
        last = &d.location.file.str();
        if (known_files)
            if (auto known = known_files->find(last); known != known_files->end() && !known->second) continue;
        file_set.insert(*last);
    }
    std::vector<std::string> files(file_set.begin(), file_set.end());
    std::vector<std::optional<std::string>> mentioning(files.size());
    parallel_for(files.size(), threads, [&](size_t i, unsigned) {
        std::string ignored;  // a file that vanished since it was linted just has no comments to offer
        auto bytes = read_file_bytes(files[i], ignored);
        if (bytes && may_mention_gpolint(*bytes)) mentioning[i] = std::move(bytes);
    });
    std::vector<Suppression> found;
    for (size_t i = 0; i < files.size(); ++i) {
        if (!mentioning[i]) continue;
        auto more = scan_inline_suppressions(decode_text(intern_path(files[i]), *mentioning[i]), diagnostics);
        std::move(more.begin(), more.end(), std::back_inserter(found));
    }
    return found;
}

Diagnostic baseline_gone_note(const BaselineEntry& entry, const std::string& baseline_path) {
    Diagnostic d;
    d.rule_id = kRuleBaselineEntryGone;
    d.severity = Severity::Note;
    d.message = "baseline entry " + entry.fingerprint + " (" + entry.identity.rule +
                (entry.file.empty() ? "" : " in " + entry.file) + ": " + entry.message +
                ") no longer occurs: refresh the baseline with --write-baseline";
    d.location.file = intern_path(baseline_path);
    d.location.line = 1;  // the file is rewritten as a whole, so its first line stands for the entry
    d.location.column = 1;
    return d;
}

// Sorts suppressed findings and their reasons together, in sort_diagnostics' order.
void sort_suppressed(Outcome& result) {
    std::vector<size_t> order(result.suppressed.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return diagnostic_order(result.suppressed[a], result.suppressed[b]); });
    std::vector<Diagnostic> suppressed;
    std::vector<SuppressionInfo> info;
    for (size_t i : order) {
        suppressed.push_back(std::move(result.suppressed[i]));
        info.push_back(std::move(result.suppression_info[i]));
    }
    result.suppressed = std::move(suppressed);
    result.suppression_info = std::move(info);
}

}  // namespace

bool rule_selected(std::string_view rule_id, const Settings& settings) {
    auto matches = [&](const std::string& pattern) { return rule_matches(pattern, rule_id); };
    if (!settings.select.empty() && std::none_of(settings.select.begin(), settings.select.end(), matches)) return false;
    return std::none_of(settings.ignore.begin(), settings.ignore.end(), matches);
}

Settings resolve_settings(const CommandLine& cli, const std::string& current_dir, std::vector<Diagnostic>& errors) {
    Settings settings;
    settings.base_dir = current_dir;
    Config config;
    std::optional<std::string> config_path = cli.config ? cli.config : find_config(current_dir);
    if (config_path) {
        std::string error;
        if (auto source = read_text(*config_path, error)) {
            config = parse_config(*source, errors);
        } else {
            Diagnostic d;
            d.rule_id = kRuleSyntaxError;
            d.message = "cannot read config file " + *config_path + ": " + error;
            d.location.file = intern_path(*config_path);
            errors.push_back(std::move(d));
        }
    }
    settings.config_path = config.path;
    auto prefixes = [](const std::vector<std::string>& patterns) {
        std::vector<std::string> out;
        for (const auto& pattern : patterns) out.push_back(rule_prefix(pattern));
        return out;
    };
    settings.select = prefixes(cli.select.empty() ? config.select : cli.select);
    settings.ignore = prefixes(cli.ignore.empty() ? config.ignore : cli.ignore);
    settings.enable = prefixes(config.enable);
    for (const auto& prefix : prefixes(cli.enable)) settings.enable.push_back(prefix);
    settings.severity = config.severity;
    settings.fail_on = cli.fail_on.value_or(config.fail_on.value_or(FailOn::Warning));
    settings.topology = cli.topology.empty() ? config.topology : cli.topology;
    settings.paths = config.paths;
    settings.exclude = config.exclude;
    settings.exclude.insert(settings.exclude.end(), cli.exclude.begin(), cli.exclude.end());
    settings.rules = cli.rules ? cli.rules : config.rules;
    settings.roles = config.roles;
    settings.roles.insert(settings.roles.end(), cli.roles.begin(), cli.roles.end());
    settings.suppressions = cli.suppressions ? cli.suppressions : config.suppressions;
    settings.baseline = cli.baseline ? cli.baseline : config.baseline;
    settings.write_baseline = cli.write_baseline;
    settings.inline_suppressions = !cli.no_inline_suppressions;
    return settings;
}

int exit_code_for(const std::vector<Diagnostic>& findings, FailOn fail_on) {
    if (fail_on == FailOn::Never) return 0;
    auto threshold = fail_on == FailOn::Error ? Severity::Error : fail_on == FailOn::Warning ? Severity::Warning : Severity::Note;
    bool failing = std::any_of(findings.begin(), findings.end(), [&](const Diagnostic& d) { return d.severity >= threshold; });
    return failing ? 1 : 0;
}

Outcome run_pipeline(std::vector<Diagnostic> diagnostics, const Settings& settings,
                     const std::unordered_map<const std::string*, bool>* known_files) {
    Outcome result;
    std::vector<Diagnostic> own;  // the pipeline's diagnostics about suppressions and the baseline
    apply_selection_and_severity(diagnostics, settings);

    std::vector<Suppression> suppressions;
    if (settings.inline_suppressions) suppressions = inline_suppressions_for(diagnostics, known_files, own, settings.threads);
    if (settings.suppressions) {
        std::string error;
        if (auto source = read_text(*settings.suppressions, error)) {
            auto from_file = parse_suppression_file(*source, own);
            std::move(from_file.begin(), from_file.end(), std::back_inserter(suppressions));
        } else {
            result.fatal.push_back("cannot read suppression file " + *settings.suppressions + ": " + error);
        }
    }
    auto outcome = apply_suppressions(std::move(diagnostics), suppressions, own);
    for (size_t i = 0; i < outcome.suppressed.size(); ++i) {
        result.suppressed.push_back(std::move(outcome.suppressed[i]));
        result.suppression_info.push_back({outcome.suppressed_by[i]->in_source, outcome.suppressed_by[i]->reason});
    }

    if (settings.write_baseline) {
        std::ofstream out(*settings.write_baseline, std::ios::binary | std::ios::trunc);
        out << write_baseline(outcome.kept, settings.base_dir);
        if (!out.flush()) result.fatal.push_back("cannot write baseline file " + *settings.write_baseline);
    }

    std::vector<Diagnostic> kept = std::move(outcome.kept);
    if (settings.baseline) {
        std::string error;
        auto bytes = read_file_bytes(*settings.baseline, error);
        std::vector<BaselineEntry> entries;
        if (bytes) entries = read_baseline(*bytes, error);
        if (!error.empty()) {
            result.fatal.push_back("cannot use baseline file " + *settings.baseline + ": " + error);
        } else {
            auto applied = apply_baseline(std::move(kept), entries, settings.base_dir);
            kept = std::move(applied.new_findings);
            for (auto& d : applied.known) {
                result.suppressed.push_back(std::move(d));
                result.suppression_info.push_back({false, "accepted in baseline " + *settings.baseline});
            }
            for (const auto& entry : applied.gone) own.push_back(baseline_gone_note(entry, *settings.baseline));
        }
    }

    apply_selection_and_severity(own, settings);
    std::move(own.begin(), own.end(), std::back_inserter(kept));
    sort_diagnostics(kept, settings.threads);
    result.findings = std::move(kept);
    sort_suppressed(result);
    result.exit_code = exit_code_for(result.findings, settings.fail_on);
    return result;
}

}  // namespace gpolint::findings
