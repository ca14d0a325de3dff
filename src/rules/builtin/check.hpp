#pragma once
// A built-in check: C++ for what the rule language cannot say because it needs the graph itself (links,
// blocks, every SOM at once). Its metadata record (`builtin`) lives in policies/*.rules; the registry in
// registry.cpp ties the two together. A fresh instance serves one run, so checks may keep state
// between SOMs and report in finish().
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/gpo.hpp"
#include "model/policy_semantics.hpp"
#include "model/topology.hpp"
#include "resolve/effective.hpp"
#include "rules/rule.hpp"

namespace gpolint::rules {

struct LinkSite {
    const model::Som* som;
    const model::Link* link;
};

// Every link of the topology by GPO GUID (case-folded), disabled ones included, in SOM then gPLink
// order. Built once per run: asking each of 10,000 GPOs to scan every link would be quadratic.
class LinkIndex {
public:
    explicit LinkIndex(const model::Topology& topology);
    const std::vector<LinkSite>& to(const std::string& gpo_guid) const;

private:
    std::unordered_map<std::string, std::vector<LinkSite>> sites_;
};

struct CheckContext {
    CheckContext(const std::vector<model::Gpo>& gpos_in, const model::Topology& topology_in, unsigned threads_in = 0)
        : gpos(gpos_in), topology(topology_in), links(topology_in), threads(threads_in) {}
    const std::vector<model::Gpo>& gpos;
    const model::Topology& topology;
    LinkIndex links;
    unsigned threads;  // what finish() may use for work over every GPO (0 = one per core)
};

class BuiltinCheck {
public:
    explicit BuiltinCheck(const Rule& rule) : rule_(rule) {}
    virtual ~BuiltinCheck() = default;
    BuiltinCheck(const BuiltinCheck&) = delete;
    BuiltinCheck& operator=(const BuiltinCheck&) = delete;

    // on_gpo may run on several threads at once, for different GPOs: it must keep no state.
    virtual void on_gpo(const model::Gpo&, const CheckContext&, std::vector<Diagnostic>&) const {}
    virtual void on_som(const resolve::EffectivePolicy&, const CheckContext&, std::vector<Diagnostic>&) {}
    virtual void finish(const CheckContext&, std::vector<Diagnostic>&) {}
    // SOMs are checked in pieces on several threads, each piece by a fresh instance of the check; this
    // takes over the state a piece's instance gathered. `later` saw SOMs that come after every SOM this
    // instance saw so far. Checks without state between SOMs keep the default.
    virtual void merge_later(BuiltinCheck& later) { (void)later; }

protected:
    const Rule& rule() const { return rule_; }
    Diagnostic finding(std::string message, Location location) const;
    Diagnostic finding(std::string message, Location location, const model::Gpo& gpo) const;

private:
    const Rule& rule_;
};

using CheckFactory = std::unique_ptr<BuiltinCheck> (*)(const Rule&);

struct BuiltinEntry {
    std::string_view id;
    CheckFactory factory;       // nullptr: emitted by another stage (parser, resolver); metadata only
    std::string_view emitted_by;
};

// Every built-in ID, checks and metadata-only entries alike (registry.cpp).
const std::vector<BuiltinEntry>& builtin_registry();
const BuiltinEntry* find_builtin(std::string_view id);

// model::describe_link of a link of the SOM's processing order.
std::string describe_link(const resolve::EffectivePolicy& policy, const resolve::ProcessedLink& link);
using model::describe_link;
using model::gpo_label;
using model::LinkRef;
using resolve::link_ref;
// The SOM from `som` up to (not including) `link_som` whose block inheritance an enforced link on
// `link_som` defeats; -1 when none blocks.
int blocking_som_between(const model::Topology& topology, int som, int link_som);
std::optional<Location> located(const Location& location);  // nullopt when it names no file

}  // namespace gpolint::rules
