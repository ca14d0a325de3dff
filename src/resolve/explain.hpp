#pragma once
// What `gpolint explain` prints: the processing order of one SOM with the reason for every GPO left out,
// then each setting's winner and history, as text (like GPMC's Group Policy Modeling) or JSON.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "model/topology.hpp"
#include "resolve/effective.hpp"

namespace gpolint::resolve {

// Which settings to show: every resolved setting when `keys` is empty, else these keys in this order (a
// key nothing defines is shown with no winner). Keys are matched like SettingKey: case-insensitively,
// registry hives spelled any way ("MACHINE\", "HKEY_LOCAL_MACHINE\", "HKLM\").
struct ExplainRequest {
    std::vector<std::string> keys;
};

void write_explain_text(std::ostream& out, const EffectivePolicy& policy, const ExplainRequest& request);
void write_explain_json(std::ostream& out, const EffectivePolicy& policy, const ExplainRequest& request);

// The canonical folded form of a setting key typed by a user.
std::string canonical_setting_key(std::string_view typed);

// DNs of the SOMs closest to a DN that is not in the topology (edit distance, or containing its first
// RDN's value), best first.
std::vector<std::string> close_som_matches(const model::Topology& topology, std::string_view dn, size_t limit = 5);

// "file:line:col", or "file (byte N)" for binary files.
std::string format_location(const Location& location);

}  // namespace gpolint::resolve
