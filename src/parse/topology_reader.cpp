// SOMs and links from gpreport.xml <LinksTo> when no LDIF or topology file was given.
#include "parse/topology_reader.hpp"

#include "parse/topology_tree.hpp"

namespace gpolint::parse {

namespace {

// gpreport names a SOM by its canonical name: contoso.com/Servers/HyperV. A bare name without a dot is
// taken to be a site (how gpreport writes site links is unverified, FORMATS.md §3.5).
std::pair<std::string, model::SomKind> som_of_path(std::string_view path, const model::Gpo& gpo) {
    if (path.find('/') != std::string_view::npos)
        return {model::canonical_name_to_dn(path), model::SomKind::OrganizationalUnit};
    if (path.find('.') != std::string_view::npos) return {model::canonical_name_to_dn(path), model::SomKind::Domain};
    std::string dn = "CN=" + std::string(path) + ",CN=Sites,CN=Configuration";
    if (!gpo.domain.empty()) dn += "," + model::canonical_name_to_dn(gpo.domain);
    return {dn, model::SomKind::Site};
}

}  // namespace

void topology_from_reports(const std::vector<model::Gpo>& gpos, model::Topology& topology, Diagnostics& diagnostics) {
    SomTreeBuilder builder;
    const model::ReportedLink* first_link = nullptr;
    for (const auto& gpo : gpos) {
        if (gpo.guid.empty()) continue;
        for (const auto& reported : gpo.reported_links) {
            auto [dn, kind] = som_of_path(reported.som_path, gpo);
            if (dn.empty()) continue;
            bool existed = false;
            auto& som = builder.declare(dn, kind, reported.location, existed);
            model::Link link;
            link.gpo_guid = gpo.guid;
            link.disabled = !reported.enabled;
            link.enforced = reported.enforced;
            link.position = static_cast<uint32_t>(som.links.size());
            link.location = reported.location;
            som.links.push_back(std::move(link));
            if (!first_link) first_link = &reported;
        }
    }
    if (!first_link) return;
    builder.build(topology, diagnostics, false);
    for (auto& som : topology.soms) som.link_order_known = false;
    diagnostics.note("GPL009", first_link->location,
                     "links are taken from gpreport.xml <LinksTo>, which carries neither link order nor block "
                     "inheritance; give an LDIF export or a topology file (--topology) for exact precedence");
}

}  // namespace gpolint::parse
