#pragma once
// What `gpolint explain` shows, as data: the rows of settings asked for and the facts about links and
// settings the explanation needs. report/explain_reporter.hpp prints it as text (like GPMC's Group Policy
// Modeling) or JSON.
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

// One setting to show: the resolved setting when something defines it, else just the key asked for.
struct ExplainRow {
    std::string key;
    const ResolvedSetting* resolved = nullptr;
};

std::vector<ExplainRow> explain_rows(const EffectivePolicy& policy, const ExplainRequest& request);

// The DN of SOM number `som` of the policy's topology.
const std::string& som_dn(const EffectivePolicy& policy, int som);

// The GPO's name, from its files or else from its directory entry; nullptr when neither is in the input.
const std::string* known_name(const EffectivePolicy& policy, const ProcessedLink& link);

// A resolved setting without a winner either was deleted (the delete won) or was never applied.
bool has_won(const ResolvedSetting& setting);

bool has_sites(const model::Topology& topology);

// The canonical folded form of a setting key typed by a user.
std::string canonical_setting_key(std::string_view typed);

// DNs of the SOMs closest to a DN that is not in the topology (edit distance, or containing its first
// RDN's value), best first.
std::vector<std::string> close_som_matches(const model::Topology& topology, std::string_view dn, size_t limit = 5);

}  // namespace gpolint::resolve
