#pragma once
// Collects the SOMs one input declares (LDIF records, topology file statements, gpreport links) and adds
// them to a Topology with parents before children, creating the OUs and domains a child's DN implies.
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/diagnostic.hpp"
#include "model/topology.hpp"

namespace gpolint::parse {

// The SOM an object belongs to: its nearest ancestor that is an OU or the domain in `topology`
// (plain containers such as CN=Computers are skipped). -1 when there is none.
int containing_som(const model::Topology& topology, std::string_view dn);

class SomTreeBuilder {
public:
    // The draft for `dn`, created when new. `existed` tells the caller it is a second declaration.
    // References stay valid until build().
    model::Som& declare(std::string_view dn, model::SomKind kind, Location where, bool& existed);
    // An object (a computer) whose DN implies the OUs above it.
    void mention(std::string_view dn, Location where);

    // Merges the drafts into `topology`, keeping SOMs already there (a later declaration of the same DN is
    // reported and dropped), and re-sorts so parents come before children. `note_implied`: report each
    // OU/domain created only because a child's DN names it.
    void build(model::Topology& topology, Diagnostics& diagnostics, bool note_implied);

private:
    std::deque<model::Som> drafts_;
    std::unordered_map<std::string, size_t> index_;  // normalize_dn -> drafts_
    std::deque<std::pair<std::string, Location>> mentions_;
};

}  // namespace gpolint::parse
