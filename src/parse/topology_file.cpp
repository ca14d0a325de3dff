#include "parse/topology_reader.hpp"
namespace gpolint::parse {
bool looks_like_topology_file(std::string_view) { return false; }
void read_topology_file(const SourceText&, model::Topology&, Diagnostics&) {}
}
