#include "parse/topology_tree.hpp"

#include <algorithm>
#include <vector>

#include "parse/topology_text.hpp"

namespace gpolint::parse {

namespace {

// Far beyond any real directory (an OU name is at most 64 characters); the caps keep a hostile DN from
// making the walks up the tree quadratic.
constexpr int kMaxDepth = 128;
constexpr size_t kMaxDnLength = 16 * 1024;

size_t rdn_count(std::string_view dn) {
    size_t count = 1;
    for (size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '\\') ++i;
        else if (dn[i] == ',') ++count;
    }
    return count;
}

// OUs and the domain are SOMs; plain containers (CN=Computers) are not (MS-GPOL drops them).
std::optional<model::SomKind> som_kind_of(std::string_view dn) {
    auto type = rdn_type(dn);
    if (type == "ou") return model::SomKind::OrganizationalUnit;
    if (type == "dc") return model::SomKind::Domain;
    return std::nullopt;
}

// Reports and rejects a DN the tree walks should not have to follow.
bool acceptable_dn(std::string_view dn, Location where, Diagnostics& diagnostics) {
    if (dn.size() <= kMaxDnLength && rdn_count(dn) <= static_cast<size_t>(kMaxDepth)) return true;
    diagnostics.error("GPL001", where,
                      "DN longer than " + std::to_string(kMaxDnLength) + " bytes or deeper than " +
                          std::to_string(kMaxDepth) + " levels: '" + excerpt(dn) + "'; ignored");
    return false;
}


// The SOMs being built, by normalized DN.
struct SomList {
    std::vector<model::Som> all;
    std::unordered_map<std::string, size_t> index;  // normalize_dn -> all

    void add(model::Som som, std::string key) {
        index.emplace(std::move(key), all.size());
        all.push_back(std::move(som));
    }
};

// SOMs from earlier inputs first, so they win over a second declaration.
SomList merge_declared(model::Topology& topology, std::deque<model::Som>& drafts, Diagnostics& diagnostics) {
    SomList list;
    for (auto& som : topology.soms) {
        som.parent = -1;
        som.children.clear();
        auto key = model::normalize_dn(som.dn);
        list.add(std::move(som), std::move(key));
    }
    for (auto& som : drafts) {
        if (!acceptable_dn(som.dn, som.location, diagnostics)) continue;
        auto key = model::normalize_dn(som.dn);
        if (auto it = list.index.find(key); it != list.index.end()) {
            const auto& first = list.all[it->second].location;
            diagnostics.warning("GPL015", som.location,
                                som.dn + " is already declared in " + first.file.str() + ":" +
                                    std::to_string(first.line) + "; this declaration is ignored");
            continue;
        }
        list.add(std::move(som), std::move(key));
    }
    return list;
}

// Adds the OUs and domains only named by a child's DN. Called while iterating over `list.all`, which
// then visits the new ones too; `dn` is taken by value because `list.all` grows here.
void imply_ancestors(SomList& list, std::string dn, Location where, bool note_implied, Diagnostics& diagnostics) {
    std::string current = dn;
    for (int step = 0; step < kMaxDepth; ++step) {
        current = model::parent_dn(current);
        if (current.empty()) return;
        auto kind = som_kind_of(current);
        if (!kind) continue;
        auto key = model::normalize_dn(current);
        if (list.index.count(key)) return;
        if (note_implied)
            diagnostics.note("GPL009", where,
                             current + " is not in the input but " + dn + " is inside it; added it with no links");
        model::Som implied;
        implied.dn = current;
        implied.kind = *kind;
        implied.location = where;
        list.add(std::move(implied), std::move(key));
    }
}

// Sites first (nothing is above them), then the domain tree by depth: parents before children.
void add_parents_first(model::Topology& topology, std::vector<model::Som>& all) {
    std::vector<size_t> order(all.size()), rank(all.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
        rank[i] = all[i].kind == model::SomKind::Site ? 0 : rdn_count(all[i].dn);
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rank[a] < rank[b]; });
    topology.soms.clear();
    topology.index_by_dn.clear();
    for (size_t i : order) {
        auto& som = all[i];
        som.parent = som.kind == model::SomKind::OrganizationalUnit ? containing_som(topology, som.dn) : -1;
        topology.add_som(std::move(som));
    }
}

}  // namespace

int containing_som(const model::Topology& topology, std::string_view dn) {
    std::string current(dn);
    for (int step = 0; step < kMaxDepth; ++step) {
        current = model::parent_dn(current);
        if (current.empty()) return -1;
        if (!som_kind_of(current)) continue;
        if (int found = topology.find(current); found >= 0) return found;
    }
    return -1;
}

model::Som& SomTreeBuilder::declare(std::string_view dn, model::SomKind kind, Location where, bool& existed) {
    auto key = model::normalize_dn(dn);
    if (auto it = index_.find(key); it != index_.end()) {
        existed = true;
        return drafts_[it->second];
    }
    existed = false;
    index_.emplace(std::move(key), drafts_.size());
    auto& som = drafts_.emplace_back();
    som.dn = std::string(dn);
    som.kind = kind;
    som.location = where;
    return som;
}

void SomTreeBuilder::mention(std::string_view dn, Location where) { mentions_.emplace_back(std::string(dn), where); }

void SomTreeBuilder::build(model::Topology& topology, Diagnostics& diagnostics, bool note_implied) {
    auto list = merge_declared(topology, drafts_, diagnostics);
    for (size_t i = 0; i < list.all.size(); ++i)
        if (list.all[i].kind != model::SomKind::Site)
            imply_ancestors(list, list.all[i].dn, list.all[i].location, note_implied, diagnostics);
    for (auto& [dn, where] : mentions_)
        if (acceptable_dn(dn, where, diagnostics)) imply_ancestors(list, dn, where, note_implied, diagnostics);

    for (const auto& som : list.all)
        if (som.kind == model::SomKind::OrganizationalUnit && model::parent_dn(som.dn).empty())
            diagnostics.warning("GPL001", som.location, som.dn + " is not inside a domain (no DC= part)");
    add_parents_first(topology, list.all);
    drafts_.clear();
    index_.clear();
    mentions_.clear();
}

}  // namespace gpolint::parse
