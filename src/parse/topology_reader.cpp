// STUB (skeleton): replaced by the topology-inputs work of the effective-policy issue.
#include "parse/topology_reader.hpp"

namespace gpolint::parse {
bool looks_like_ldif(std::string_view) { return false; }
bool looks_like_topology_file(std::string_view) { return false; }
void read_ldif(const SourceText&, model::Topology&, Diagnostics&) {}
void read_topology_file(const SourceText&, model::Topology&, Diagnostics&) {}
void topology_from_reports(const std::vector<model::Gpo>&, model::Topology&, Diagnostics&) {}
void finish_topology(model::Topology&, std::vector<model::Gpo>&, const std::vector<std::pair<std::string, std::string>>&,
                     Diagnostics&) {}
}  // namespace gpolint::parse
