#pragma once
// The identity of a finding that survives edits around it: baselines and SARIF partialFingerprints use
// it so that a finding whose line moved is still "the same" finding.
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace gpolint::findings {

// `path` relative to `base_dir` with '/' separators when it lies below it, nullopt otherwise.
// Relative inputs are taken relative to the current directory; an empty base_dir means the current
// directory.
std::optional<std::string> path_below(std::string_view path, std::string_view base_dir);
// path_below, or `path` itself (with '/' separators) when it is elsewhere.
std::string display_path(std::string_view path, std::string_view base_dir);

// The parts a fingerprint is made of, kept readable so a baseline file can show them.
struct FindingIdentity {
    std::string rule;     // GPL101
    std::string gpo;      // GPO GUID, or the file (relative) for a loose template
    std::string setting;  // folded SettingKey text
    std::string som;      // normalized DN
    std::string detail;   // the file and message, only when nothing above pins the finding down
};

FindingIdentity identity_of(const Diagnostic& diagnostic, std::string_view base_dir);
// "gpolint/v1" fingerprint: 16 hex digits of a 64-bit FNV-1a hash over the identity. Lines and columns
// never enter it.
std::string fingerprint(const FindingIdentity& identity);
std::string fingerprint(const Diagnostic& diagnostic, std::string_view base_dir);

inline constexpr std::string_view kFingerprintKey = "gpolint/v1";

}  // namespace gpolint::findings
