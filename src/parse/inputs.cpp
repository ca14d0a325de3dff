// STUB (skeleton): replaced by the GPO-inputs issue (discovery of backups, SYSVOL copies, loose files).
#include "parse/inputs.hpp"

namespace gpolint::parse {
Inputs load_inputs(const std::vector<std::string>&, const LoadOptions&, Diagnostics&) { return {}; }
}  // namespace gpolint::parse
