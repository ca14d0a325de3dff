#include "parse/topology_reader.hpp"
namespace gpolint::parse {
void finish_topology(model::Topology&, std::vector<model::Gpo>&, const std::vector<std::pair<std::string, std::string>>&,
                     Diagnostics&) {}
}
