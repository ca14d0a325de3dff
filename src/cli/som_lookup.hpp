#pragma once
// Finding the SOM a user named (--som, --role): by DN or canonical name, with close matches suggested.
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <string_view>

#include "model/topology.hpp"

namespace gpolint::cli {

// "--role DN=ROLE" -> (DN, ROLE): the DN itself is full of '=', so the role is what follows the last one.
std::optional<std::pair<std::string, std::string>> parse_role(const std::string& text);

// The SOM's index, or -1 after printing "gpolint: error: <option> 'NAME': no such SOM …; did you mean:"
// with the closest DNs to `err`.
int find_som_or_report(const model::Topology& topology, const std::string& name, std::string_view option,
                       std::ostream& err);

// Every SOM's DN with its kind and roles, one per line, in topology order (`explain --list-soms`).
void list_soms(const model::Topology& topology, std::ostream& out);

}  // namespace gpolint::cli
