#include "fix/fixer.hpp"

#include <filesystem>
#include <map>
#include <ostream>
#include <set>

#include "core/printable.hpp"
#include "core/source.hpp"
#include "fix/fix_target.hpp"
#include "fix/template_edit.hpp"
#include "fix/unified_diff.hpp"
#include "model/setting.hpp"
#include "parse/inf_reader.hpp"

namespace gpolint::fix {

namespace {

struct PlannedFix {
    FixAction action;
    std::string key;
};

// Fixes per template, in finding order, each (rule, key) once: the per-GPO and per-SOM findings of a
// rule often point at the same entry.
struct Plan {
    std::map<std::string, std::vector<PlannedFix>> by_file;
    std::set<std::string> unsafe_skipped;  // rule IDs
};

Plan plan_fixes(const std::vector<Diagnostic>& findings, const parse::Inputs& inputs,
                const std::vector<rules::Rule>& rules, const FixOptions& options, FixReport& report) {
    std::map<std::string, FixAction> actions;
    for (const auto& rule : rules)
        if (auto action = fix_action_of(rule)) actions.emplace(rule.id, *action);

    Plan plan;
    TargetFinder targets(inputs);
    std::set<std::string> seen, unreachable;
    for (const auto& finding : findings) {
        auto it = actions.find(finding.rule_id);
        if (it == actions.end()) continue;
        const FixAction& action = it->second;
        if (!action.safe && !options.unsafe) {
            plan.unsafe_skipped.insert(action.rule_id);
            continue;
        }
        auto target = targets.find(finding, action);
        if (!target) {
            std::string where = finding.som ? *finding.som : finding.location.file.str();
            if (unreachable.insert(action.rule_id + '\n' + where).second)
                report.notes.push_back(action.rule_id + " on " + where + " not fixed: no template of the GPO that decides " +
                                       action.key + " defines it (fixes only change existing template entries)");
            continue;
        }
        if (!seen.insert(target->file + '\n' + action.rule_id + '\n' + model::fold_case(target->key)).second) continue;
        plan.by_file[target->file].push_back({action, target->key});
    }
    return plan;
}

size_t error_count(const SourceText& source) {
    Diagnostics diagnostics;
    parse::read_security_template(source, diagnostics);
    return diagnostics.count(Severity::Error);
}

// A SYSVOL copy keeps GPT.INI next to Machine/: clients apply a GPO again only when its Version rises.
std::optional<std::string> gpt_ini_for(const std::string& template_path) {
    namespace fs = std::filesystem;
    std::error_code error;
    for (fs::path dir = fs::path(template_path).parent_path(); !dir.empty() && dir.has_relative_path();
         dir = dir.parent_path()) {
        if (!model::iequals(dir.filename().string(), "Machine")) continue;
        for (const auto& entry : fs::directory_iterator(dir.parent_path(), error))
            if (model::iequals(entry.path().filename().string(), "GPT.INI")) return entry.path().string();
        return std::nullopt;
    }
    return std::nullopt;
}

void fix_file(const std::string& path, const std::vector<PlannedFix>& fixes, const FixOptions& options,
              FixReport& report) {
    std::string error;
    auto bytes = read_file_bytes(path, error);
    if (!bytes) {
        report.errors.push_back(path + ": " + error);
        return;
    }
    PathRef ref = intern_path(path);
    SourceText original = decode_text(ref, *bytes);
    // Only a text that encodes back to the very same bytes can be edited without touching the rest.
    if (encode_text(original.text(), original.encoding()) != *bytes) {
        report.errors.push_back(path + ": not fixed: its bytes do not decode cleanly as " +
                                std::string(to_string(original.encoding())) + ", so it cannot be rewritten byte-exactly");
        return;
    }
    std::string text = original.text();
    std::vector<AppliedFix> applied;
    std::map<std::string, std::string> set_by;  // folded key -> the rule whose `set` changed it
    for (const auto& fix : fixes) {
        std::string folded = model::fold_case(fix.key);
        if (fix.action.kind == ActionKind::Set && set_by.count(folded)) {
            // Two rules want different values (GPL202: 5, GPL201: 3): the first one decides, a later
            // one must not undo it.
            report.notes.push_back(fix.action.rule_id + " fix left out in " + path + ": " + fix.key +
                                   " is already changed by the " + set_by[folded] + " fix");
            continue;
        }
        SourceText current(ref, text, original.encoding(), {});
        auto plan = plan_template_edit(current, fix.action, fix.key);
        if (plan.outcome != EditOutcome::Edited) continue;
        if (fix.action.kind == ActionKind::Set) set_by.emplace(folded, fix.action.rule_id);
        text = apply_edit(text, plan.edit);
        applied.push_back({path, plan.edit.line, fix.action.rule_id, plan.edit.description});
    }
    if (applied.empty()) return;
    if (error_count(SourceText(ref, text, original.encoding(), {})) > error_count(original)) {
        report.errors.push_back(path + ": not fixed: the edited template would not parse cleanly");
        return;
    }
    report.diffs.push_back(unified_diff(path, original.text(), text));
    if (!options.dry_run) {
        if (!replace_file(path, encode_text(text, original.encoding()), stamp_of(*bytes), error, options.hooks,
                          options.allow_read_only)) {
            report.errors.push_back(path + ": " + error);
            return;
        }
        ++report.files_written;
    }
    report.fixes.insert(report.fixes.end(), applied.begin(), applied.end());
    if (auto gpt_ini = gpt_ini_for(path))
        report.notes.push_back(path + " is in a SYSVOL copy: raise Version in " + *gpt_ini +
                               " (or edit the GPO with a Group Policy tool) so clients apply the change");
}

}  // namespace

FixReport apply_fixes(const std::vector<Diagnostic>& findings, const parse::Inputs& inputs,
                      const std::vector<rules::Rule>& rules, const FixOptions& options) {
    FixReport report;
    Plan plan = plan_fixes(findings, inputs, rules, options, report);
    for (const auto& [file, fixes] : plan.by_file) fix_file(file, fixes, options, report);
    if (!plan.unsafe_skipped.empty()) {
        std::string ids;
        for (const auto& id : plan.unsafe_skipped) ids += (ids.empty() ? "" : ", ") + id;
        report.notes.push_back("unsafe fixes not applied (" + ids + "): they change behaviour users may rely on; "
                               "review them with --diff --unsafe-fixes, apply with --fix --unsafe-fixes");
    }
    return report;
}

void print_fix_report(const FixReport& report, bool dry_run, std::ostream& out, std::ostream& err) {
    if (dry_run)
        for (const auto& diff : report.diffs) out << diff;
    for (const auto& fix : report.fixes)
        err << (dry_run ? "would fix: " : "fixed: ") << escape_controls(fix.file) << ':' << fix.line << ": " << fix.rule_id
            << ' ' << escape_controls(fix.description) << '\n';
    for (const auto& note : report.notes) err << "note: " << escape_controls(note) << '\n';
    for (const auto& error : report.errors) err << "gpolint: error: " << escape_controls(error) << '\n';
}

}  // namespace gpolint::fix
