#pragma once
// Baselines: accept today's findings once, then report only new ones. A baseline is a JSON file of
// fingerprints (findings/fingerprint.hpp), sorted so that rewriting it gives a small, reviewable diff.
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "findings/fingerprint.hpp"

namespace gpolint::findings {

struct BaselineEntry {
    std::string fingerprint;
    FindingIdentity identity;
    std::string file;     // relative to the base directory, for people reading the file
    std::string message;
};

// The baseline document for `findings` (version 1), entries sorted by rule, then fingerprint;
// one entry per fingerprint.
std::string write_baseline(const std::vector<Diagnostic>& findings, std::string_view base_dir);

// Reads a baseline document. A malformed one yields an error in `error` (with the byte offset) and no
// entries; unknown members are ignored so later versions can add some.
std::vector<BaselineEntry> read_baseline(std::string_view json, std::string& error);

struct BaselineOutcome {
    std::vector<Diagnostic> new_findings;
    std::vector<Diagnostic> known;              // in the baseline: kept aside, counted as suppressed
    std::vector<BaselineEntry> gone;            // baseline entries no finding matches any more
};

BaselineOutcome apply_baseline(std::vector<Diagnostic> findings, const std::vector<BaselineEntry>& baseline,
                               std::string_view base_dir);

}  // namespace gpolint::findings
