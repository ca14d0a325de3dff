#pragma once
// Suppressions: the durable kind in a suppression file (keyed by rule and GPO, optionally SOM and
// setting), and inline `; gpolint: disable=` comments in hand-maintained templates. Each needs a
// reason; suppressed findings are kept aside, never dropped, and unused suppressions are reported.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace gpolint::findings {

// IDs of the diagnostics about suppressions and baselines (metadata in policies/builtin.rules).
inline constexpr const char* kRuleSyntaxError = "GPL001";
inline constexpr const char* kRuleSuppressionWithoutReason = "GPL010";
inline constexpr const char* kRuleUnusedSuppression = "GPL011";
inline constexpr const char* kRuleBaselineEntryGone = "GPL012";

struct Suppression {
    std::vector<std::string> rules;       // upper-case rule IDs
    std::string reason;                   // empty: invalid, reported and not applied
    Location location;                    // where the suppression is written
    bool in_source = false;               // an inline comment in the file it applies to

    // Suppression-file filters (in_source == false).
    std::string gpo;                      // "{GUID}" or a display name
    std::optional<std::string> som;
    std::optional<std::string> setting;

    // Inline scope (in_source == true): the file it sits in, and the line it covers (0 = whole file).
    uint32_t line = 0;

    bool matches(const Diagnostic& diagnostic) const;
};

// Reads a suppression file. Syntax errors (GPL001) and entries without a reason (GPL010) are added to
// `diagnostics`; entries without a reason are returned too, with an empty reason, but never applied.
std::vector<Suppression> parse_suppression_file(const SourceText& source, std::vector<Diagnostic>& diagnostics);

// Finds the `; gpolint: disable=…` and `; gpolint: disable-file=…` comments of one decoded file.
std::vector<Suppression> scan_inline_suppressions(const SourceText& source, std::vector<Diagnostic>& diagnostics);

// Why a finding was suppressed, kept beside it for the reports (SARIF lists it on the result).
struct SuppressionInfo {
    bool in_source = false;      // an inline `; gpolint: disable=` comment; else a suppression file or baseline
    std::string justification;   // the reason the user wrote
};

struct SuppressionOutcome {
    std::vector<Diagnostic> kept;
    std::vector<Diagnostic> suppressed;
    std::vector<const Suppression*> suppressed_by;  // parallel to `suppressed`
};

// Splits `findings` by the first valid suppression matching each, and adds an "unused suppression"
// note to `diagnostics` for every valid suppression that matched nothing.
SuppressionOutcome apply_suppressions(std::vector<Diagnostic> findings, const std::vector<Suppression>& suppressions,
                                      std::vector<Diagnostic>& diagnostics);

}  // namespace gpolint::findings
