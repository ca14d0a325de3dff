#include "cli/som_lookup.hpp"

#include <ostream>

#include "core/printable.hpp"
#include "resolve/explain.hpp"

namespace gpolint::cli {

std::optional<std::pair<std::string, std::string>> parse_role(const std::string& text) {
    auto eq = text.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) return std::nullopt;
    return std::make_pair(text.substr(0, eq), text.substr(eq + 1));
}

int find_som_or_report(const model::Topology& topology, const std::string& name, std::string_view option,
                       std::ostream& err) {
    const int som = topology.find_dn_or_name(name);
    if (som >= 0) return som;
    err << "gpolint: error: " << option << " '" << escape_controls(name) << "': no such SOM in the topology";
    if (topology.empty()) {
        err << " (there is none: give an LDIF export or topology file, or GPO reports whose links name the SOMs)\n";
        return -1;
    }
    const bool is_dn = name.find('=') != std::string::npos;
    const auto matches = resolve::close_som_matches(topology, is_dn ? name : model::canonical_name_to_dn(name));
    err << (matches.empty() ? "; list them with 'gpolint explain PATH --list-soms'\n" : "; did you mean:\n");
    for (const auto& match : matches) err << "  " << escape_controls(match) << '\n';
    return -1;
}

void list_soms(const model::Topology& topology, std::ostream& out) {
    for (const auto& som : topology.soms) {
        out << escape_controls(som.dn) << "  (" << (som.kind == model::SomKind::Site ? "site" : som.kind == model::SomKind::Domain ? "domain" : "ou");
        for (const auto& role : som.roles) out << ", role " << escape_controls(role);
        if (som.block_inheritance) out << ", blocks inheritance";
        out << ")\n";
    }
}

}  // namespace gpolint::cli
