// Effective policy per SOM: the processing order grows from the sites down the OU tree, and the settings
// of the non-enforced links are merged once per SOM and handed to its children; only the enforced layer
// is merged again for every SOM.
#include <algorithm>
#include <memory>

#include "resolve/effective.hpp"
#include "resolve/processing_order.hpp"
#include "resolve/setting_merge.hpp"

namespace gpolint::resolve {

model::LinkRef link_ref(const ProcessedLink& link) { return {link.gpo, link.link_som, link.link_order, link.enforced}; }

std::string describe_link(const model::Topology& topology, const ProcessedLink& link) {
    return model::describe_link(topology, link_ref(link), link.gpo_guid);
}

const char* to_string(ContributionState state) {
    switch (state) {
        case ContributionState::Won: return "won";
        case ContributionState::Overridden: return "overridden";
        case ContributionState::NotApplied: return "not_applied";
    }
    return "?";
}

const ResolvedSetting* EffectivePolicy::find(std::string_view folded_key) const {
    auto it = std::lower_bound(settings.begin(), settings.end(), folded_key,
                               [](const ResolvedSetting& setting, std::string_view key) { return setting.key.folded() < key; });
    return it != settings.end() && it->key.folded() == folded_key ? &*it : nullptr;
}

namespace {

// What a SOM passes to its children: its processing order and the merged non-enforced settings.
struct Layer {
    ProcessingOrder order;
    SettingMerge inherited_settings;
};

struct Resolver {
    const model::Topology& topology;
    GpoIndex gpos;

    bool is_site(int som) const { return topology.soms[static_cast<size_t>(som)].kind == model::SomKind::Site; }

    void descend(Layer& layer, int som) const {
        const model::Som& node = topology.soms[static_cast<size_t>(som)];
        if (node.block_inheritance && node.kind != model::SomKind::Site)
            layer.inherited_settings.block(std::make_shared<const std::string>(blocked_reason(node)));
        const size_t first_new = layer.order.descend(topology, gpos, som);
        for (size_t i = first_new; i < layer.order.inherited.size(); ++i)
            layer.inherited_settings.add(i, layer.order.inherited[i], topology, gpos);
    }

    // Sites have no place in the OU tree: the links of every site are applied above every domain (a
    // computer really gets only its own site's links; the input does not say which site that is).
    Layer above_domains() const {
        Layer layer;
        for (size_t i = 0; i < topology.soms.size(); ++i)
            if (is_site(static_cast<int>(i))) descend(layer, static_cast<int>(i));
        return layer;
    }

    // A site on its own: only its links.
    Layer site_alone(int site) const {
        Layer layer;
        descend(layer, site);
        return layer;
    }

    EffectivePolicy finish(const Layer& layer, int som) const {
        EffectivePolicy policy;
        policy.topology = &topology;
        policy.som = som;
        policy.order = layer.order.flattened();
        // Without an enforced link above, the shared merge is finished as it is; with one, the enforced
        // links go into an overlay on it rather than into a copy of thousands of inherited keys.
        if (layer.order.enforced.empty()) {
            policy.settings = layer.inherited_settings.finish();
            return policy;
        }
        SettingMerge merge(layer.inherited_settings, std::in_place);
        const size_t enforced_start = layer.order.inherited.size();
        for (size_t i = 0; i < layer.order.enforced.size(); ++i)
            merge.add(enforced_start + i, layer.order.enforced[i], topology, gpos);
        policy.settings = merge.finish();
        return policy;
    }

    bool valid(int som) const { return som >= 0 && static_cast<size_t>(som) < topology.soms.size(); }
    bool is_root(int som) const {
        int parent = topology.soms[static_cast<size_t>(som)].parent;
        return !is_site(som) && (!valid(parent) || parent >= som);
    }
};

void report_missing_gpos(const model::Topology& topology, const GpoIndex& gpos, Diagnostics& diagnostics) {
    for (const auto& som : topology.soms) {
        for (const auto& link : som.links) {
            // An empty GUID is a name the topology reader could not resolve; it reported that already.
            if (link.gpo_guid.empty() || gpos.find(link.gpo_guid) != nullptr) continue;
            if (gpos.find_container(link.gpo_guid) != nullptr) continue;  // exists in AD, files not given
            Diagnostic diagnostic;
            diagnostic.rule_id = "GPL701";
            diagnostic.severity = Severity::Warning;
            diagnostic.location = link.location;
            diagnostic.message = som.dn + " links GPO " + link.gpo_guid + ", which is not in the input";
            diagnostic.som = som.dn;
            diagnostics.add(std::move(diagnostic));
        }
    }
}

}  // namespace

EffectivePolicy resolve_som(const model::Topology& topology, const std::vector<model::Gpo>& gpos, int som) {
    Resolver resolver{topology, GpoIndex(gpos, topology, 1)};  // one SOM: not worth a thread
    if (!resolver.valid(som)) {
        EffectivePolicy empty;
        empty.topology = &topology;
        empty.som = som;
        return empty;
    }
    if (resolver.is_site(som)) return resolver.finish(resolver.site_alone(som), som);
    std::vector<int> chain;  // closest first; parents come before children, which rules out cycles
    for (int at = som;; at = topology.soms[static_cast<size_t>(at)].parent) {
        chain.push_back(at);
        if (resolver.is_root(at)) break;
    }
    Layer layer = resolver.above_domains();
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) resolver.descend(layer, *it);
    return resolver.finish(layer, som);
}

namespace {

// Depth-first from `root`, keeping only the layers of the current path; the last child takes its
// parent's layer instead of a copy.
void walk_subtree(const Resolver& resolver, int root, Layer start, const std::function<void(const EffectivePolicy&)>& visit) {
    const auto& topology = resolver.topology;
    struct Frame {
        int som;
        Layer layer;
        size_t next_child = 0;
    };
    std::vector<Frame> path;
    auto enter = [&](int som, Layer layer) {
        resolver.descend(layer, som);
        visit(resolver.finish(layer, som));
        path.push_back(Frame{som, std::move(layer)});
    };
    enter(root, std::move(start));
    while (!path.empty()) {
        Frame& frame = path.back();
        const auto& children = topology.soms[static_cast<size_t>(frame.som)].children;
        while (frame.next_child < children.size() &&
               !(resolver.valid(children[frame.next_child]) && children[frame.next_child] > frame.som))
            ++frame.next_child;
        if (frame.next_child == children.size()) {
            path.pop_back();
            continue;
        }
        const int child = children[frame.next_child++];
        if (frame.next_child < children.size()) {
            enter(child, frame.layer);
            continue;
        }
        Layer last = std::move(frame.layer);
        path.pop_back();
        enter(child, std::move(last));
    }
}

// The children walk_subtree descends into, in its order.
std::vector<int> walked_children(const Resolver& resolver, int som) {
    std::vector<int> out;
    for (int child : resolver.topology.soms[static_cast<size_t>(som)].children)
        if (resolver.valid(child) && child > som) out.push_back(child);
    return out;
}

}  // namespace

void for_each_som(const model::Topology& topology, const std::vector<model::Gpo>& gpos,
                  const std::function<void(const EffectivePolicy&)>& visit, Diagnostics& diagnostics) {
    Resolver resolver{topology, GpoIndex(gpos, topology)};
    report_missing_gpos(topology, resolver.gpos, diagnostics);
    const int count = static_cast<int>(topology.soms.size());
    for (int som = 0; som < count; ++som)
        if (resolver.is_site(som)) visit(resolver.finish(resolver.site_alone(som), som));
    const Layer sites = resolver.above_domains();
    for (int root = 0; root < count; ++root)
        if (resolver.is_root(root)) walk_subtree(resolver, root, sites, visit);
}

struct ParallelSomWalk::Impl {
    Resolver resolver;
    Layer sites;
    std::vector<Task> tasks;
};

ParallelSomWalk::ParallelSomWalk(const model::Topology& topology, const std::vector<model::Gpo>& gpos,
                                 Diagnostics& diagnostics, size_t target_tasks, unsigned threads)
    : impl_(std::make_unique<Impl>(Impl{Resolver{topology, GpoIndex(gpos, topology, threads)}, {}, {}})) {
    const Resolver& resolver = impl_->resolver;
    report_missing_gpos(topology, resolver.gpos, diagnostics);
    impl_->sites = resolver.above_domains();
    const int count = static_cast<int>(topology.soms.size());
    std::vector<size_t> subtree_size(topology.soms.size(), 1);
    for (int som = count - 1; som >= 0; --som)  // children have larger indexes than their parent
        for (int child : walked_children(resolver, som)) subtree_size[static_cast<size_t>(som)] += subtree_size[static_cast<size_t>(child)];
    auto& tasks = impl_->tasks;
    for (int som = 0; som < count; ++som)
        if (resolver.is_site(som)) tasks.push_back({som, TaskKind::Site});
    for (int root = 0; root < count; ++root)
        if (resolver.is_root(root)) tasks.push_back({root, TaskKind::Subtree});
    // Cut the biggest subtree into its root and its children's subtrees until there are enough
    // pieces to keep every thread busy; the cut keeps the tasks in visiting order.
    while (tasks.size() < target_tasks) {
        size_t biggest = tasks.size();
        for (size_t i = 0; i < tasks.size(); ++i)
            if (tasks[i].kind == TaskKind::Subtree && subtree_size[static_cast<size_t>(tasks[i].som)] > 1 &&
                (biggest == tasks.size() || subtree_size[static_cast<size_t>(tasks[i].som)] >
                                                subtree_size[static_cast<size_t>(tasks[biggest].som)]))
                biggest = i;
        if (biggest == tasks.size()) break;
        const int som = tasks[biggest].som;
        tasks[biggest].kind = TaskKind::Alone;
        std::vector<Task> children;
        for (int child : walked_children(resolver, som)) children.push_back({child, TaskKind::Subtree});
        tasks.insert(tasks.begin() + static_cast<std::ptrdiff_t>(biggest) + 1, children.begin(), children.end());
    }
}

ParallelSomWalk::~ParallelSomWalk() = default;

size_t ParallelSomWalk::task_count() const { return impl_->tasks.size(); }

void ParallelSomWalk::run_task(size_t index, const std::function<void(const EffectivePolicy&)>& visit) const {
    const Resolver& resolver = impl_->resolver;
    const Task& task = impl_->tasks.at(index);
    if (task.kind == TaskKind::Site) {
        visit(resolver.finish(resolver.site_alone(task.som), task.som));
        return;
    }
    // The layer the task's root inherits: its ancestors from the top, resolved again for this task.
    std::vector<int> ancestors;
    for (int at = task.som; !resolver.is_root(at);) {
        at = resolver.topology.soms[static_cast<size_t>(at)].parent;
        ancestors.push_back(at);
    }
    Layer layer = impl_->sites;
    for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) resolver.descend(layer, *it);
    if (task.kind == TaskKind::Subtree) {
        walk_subtree(resolver, task.som, std::move(layer), visit);
        return;
    }
    resolver.descend(layer, task.som);
    visit(resolver.finish(layer, task.som));
}

}  // namespace gpolint::resolve
