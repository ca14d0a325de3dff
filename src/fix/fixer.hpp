#pragma once
// `gpolint check --fix`: turns the findings of a check run into template edits (the rule's `autofix`),
// applied to the template of the GPO that wins the setting, written byte-exactly and atomically.
#include <iosfwd>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "fix/atomic_write.hpp"
#include "parse/inputs.hpp"
#include "rules/rule.hpp"

namespace gpolint::fix {

struct FixOptions {
    bool unsafe = false;   // --unsafe-fixes: also apply fixes marked unsafe
    bool dry_run = false;  // --diff: compute the diffs, write nothing
    WriteHooks hooks;
    bool allow_read_only = false;  // --fix-read-only: rewrite templates without write permission too
};

struct AppliedFix {
    std::string file;
    uint32_t line = 0;
    std::string rule_id;
    std::string description;  // "added *S-1-5-83-0 to SeServiceLogonRight"
};

struct FixReport {
    std::vector<AppliedFix> fixes;   // applied, or that would be in a dry run
    std::vector<std::string> diffs;  // one unified diff per changed file, in file order
    std::vector<std::string> errors; // files left alone, with why
    std::vector<std::string> notes;  // GPT.INI reminders, skipped unsafe fixes, findings no fix reaches
    size_t files_written = 0;
};

// Plans and (unless dry_run) applies the fixes for `findings`. Never throws for bad input files; only
// a throwing hook propagates.
FixReport apply_fixes(const std::vector<Diagnostic>& findings, const parse::Inputs& inputs,
                      const std::vector<rules::Rule>& rules, const FixOptions& options);

// Diffs (dry run) to `out`; "fixed:" lines, notes and errors to `err`, so a JSON or SARIF report on
// stdout stays parseable.
void print_fix_report(const FixReport& report, bool dry_run, std::ostream& out, std::ostream& err);

}  // namespace gpolint::fix
