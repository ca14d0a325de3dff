#pragma once
// `gpolint explain` as text (like GPMC's Group Policy Modeling) or JSON: the processing order of one SOM
// with the reason for every GPO left out, then each setting's winner and history. The data comes from
// resolve/explain.hpp.
#include <iosfwd>
#include <string>

#include "resolve/explain.hpp"

namespace gpolint::report {

void write_explain_text(std::ostream& out, const resolve::EffectivePolicy& policy, const resolve::ExplainRequest& request);
void write_explain_json(std::ostream& out, const resolve::EffectivePolicy& policy, const resolve::ExplainRequest& request);

// "file:line:col", or "file (byte N)" for binary files.
std::string format_location(const Location& location);

}  // namespace gpolint::report
