#pragma once
// One Reporter interface for every output format. Reporters only format: the findings arrive sorted,
// suppressed and with their final severities.
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "findings/suppressions.hpp"

namespace gpolint::report {

// What reporters need to know about a rule (SARIF tool.driver.rules, help links); filled from the
// rule registry by the CLI so reporters do not depend on the rules stage.
struct RuleInfo {
    std::string id;
    std::string slug;
    Severity severity = Severity::Warning;
    std::string title;        // short description
    std::string rationale;    // full description: what breaks
    std::string fix;
    std::string help_uri;     // docs/rules/GPLnnn.md
};

// A flattened view of the topology and resolution for reports that show the OU tree (html).
struct SomView {
    std::string dn;
    std::string kind;                 // site | domain | ou
    int parent = -1;                  // index into ReportData::soms
    std::vector<std::string> roles;
    bool block_inheritance = false;
    struct Entry {
        std::string gpo_guid, gpo_name, link_som;
        uint32_t link_order = 0;
        bool enforced = false, applied = false, conditional = false;
        std::string reason;
    };
    std::vector<Entry> order;         // application order
};

struct GpoView {
    std::string guid, name, source;
    std::vector<std::string> links;   // DNs of SOMs linking it
    bool enforced = false;            // enforced on at least one link
    bool filtered = false;            // a WMI filter or security filtering: applies only where it passes
    std::vector<std::pair<std::string, std::string>> settings;  // key as written, value: for the search
};

struct InputView {
    std::string path;
    size_t errors = 0;
};

// Why an entry of ReportData::suppressed was suppressed (same index); the findings stage decides it.
using SuppressionInfo = findings::SuppressionInfo;

struct ReportData {
    std::vector<Diagnostic> findings;     // sorted, unsuppressed
    std::vector<Diagnostic> suppressed;   // kept to be counted (and listed by formats that can)
    std::vector<SuppressionInfo> suppression_info;  // parallel to `suppressed`; missing entries: external, no reason
    std::vector<RuleInfo> rules;          // every rule that ran
    size_t files_read = 0;
    size_t gpos = 0;
    size_t soms = 0;
    std::string base_dir;                 // paths in findings are shown relative to this when below it
    std::vector<SomView> soms_view;       // filled when a topology was resolved
    std::vector<GpoView> gpos_view;
    std::vector<InputView> inputs_view;
};

struct ReportOptions {
    bool color = false;
    unsigned threads = 0;  // for formats that format findings in parallel; 0 = one per core
    bool summary = true;   // text: the closing "N errors, …" line (off with --quiet)
};

class Reporter {
public:
    virtual ~Reporter() = default;
    virtual void write(std::ostream& out, const ReportData& data) const = 0;
};

// "text", "json", … ; nullptr for an unknown format.
std::unique_ptr<Reporter> make_reporter(std::string_view format, const ReportOptions& options);
std::vector<std::string> reporter_formats();

}  // namespace gpolint::report
