// STUB (skeleton): replaced by the template parser of the foundation issue.
#include "parse/inf_reader.hpp"

namespace gpolint::parse {
std::vector<model::Setting> read_template_settings(const SourceText&, Diagnostics&) { return {}; }
}  // namespace gpolint::parse
