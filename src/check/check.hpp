#pragma once
// `gpolint check` below the command line, callable from tests: load the inputs, resolve every SOM, run
// the rules (lint), then suppressions, the baseline, --changed and the report model (conclude).
// The CLI parses flags, calls this and prints; nothing here reads flags or writes to standard output.
#include <cstdio>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "findings/pipeline.hpp"
#include "parse/inputs.hpp"
#include "report/reporter.hpp"
#include "rules/rule.hpp"

namespace gpolint::check {

struct Request {
    std::vector<std::string> paths;
    const std::vector<rules::Rule>* rules = nullptr;  // loaded from rules_dir; must outlive the calls
    std::string rules_dir;                            // for the rule pages the reports link to
    findings::Settings settings;                      // .gpolint under the flags; settings.threads = --jobs
    std::vector<std::string> changed;                 // --changed: report only findings touching these files
    bool parse_only = false;                          // stop after loading: parse diagnostics only
    bool views = false;                               // fill the OU tree, GPO and input lists (HTML report)
    std::FILE* progress = nullptr;                    // where to show the SOM count while resolving; null: nowhere
};

struct Result {
    parse::Inputs inputs;
    // After lint: every diagnostic of the loaders and the selected rules, sorted. conclude moves them on
    // into report.findings and report.suppressed.
    std::vector<Diagnostic> findings;
    std::vector<std::vector<report::SomView::Entry>> orders;  // per SOM, its processing order (views only)
    report::ReportData report;         // filled by conclude
    std::vector<std::string> fatal;    // unreadable suppression or baseline file, unwritable baseline
    int exit_code = 0;                 // 1 when a reported finding is at or above fail-on, else 0

    // No GPO and nothing unreadable: the PATHs held nothing gpolint reads.
    bool found_nothing() const { return inputs.gpos.empty() && inputs.unreadable_paths.empty(); }
};

Result lint(const Request& request);
void conclude(Result& result, const Request& request);
Result run(const Request& request);  // lint, then conclude

}  // namespace gpolint::check
