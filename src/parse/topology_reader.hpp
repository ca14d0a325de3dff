#pragma once
// Topology inputs: LDIF exports, the hand-written topology file, gpreport.xml LinksTo, roles.
#include <string>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "model/gpo.hpp"
#include "model/topology.hpp"

namespace gpolint::parse {

// True when the text is an LDIF export (dn: lines), whatever the file is called.
bool looks_like_ldif(std::string_view text);
// True when the text is a gpolint topology file.
bool looks_like_topology_file(std::string_view text);

void read_ldif(const SourceText& source, model::Topology& topology, Diagnostics& diagnostics);
void read_topology_file(const SourceText& source, model::Topology& topology, Diagnostics& diagnostics);

// When no LDIF/topology file was given: SOMs and links from gpreport.xml <LinksTo> (order unknown).
void topology_from_reports(const std::vector<model::Gpo>& gpos, model::Topology& topology, Diagnostics& diagnostics);

// Roles from computers (Hyper-V / cluster SPNs, DC flag), OU=Domain Controllers and --role DN=ROLE.
// Also merges LDIF groupPolicyContainer facts (flags, name, WMI filter) into the GPOs.
void finish_topology(model::Topology& topology, std::vector<model::Gpo>& gpos,
                     const std::vector<std::pair<std::string, std::string>>& role_overrides,
                     Diagnostics& diagnostics);

}  // namespace gpolint::parse
