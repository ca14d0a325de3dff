#include "check/rule_examples.hpp"

#include "core/source.hpp"
#include "parse/inf_reader.hpp"
#include "rules/checker.hpp"

namespace gpolint::check {

namespace {

model::Gpo gpo_from_snippet(const std::string& snippet, const std::string& id, size_t index,
                            std::vector<std::string>& errors) {
    model::Gpo gpo;
    gpo.guid = "{00000000-0000-0000-0000-" + std::string(12 - std::min<size_t>(12, id.size()), '0') + id.substr(0, 12) + "}";
    gpo.name = id + " example " + std::to_string(index + 1);
    PathRef path = intern_path("<" + id + " example " + std::to_string(index + 1) + ">");
    gpo.origin.file = path;
    Diagnostics diagnostics;
    gpo.settings = parse::read_template_settings(decode_text(path, snippet), diagnostics);
    for (const auto& d : diagnostics.all())
        if (d.severity == Severity::Error) errors.push_back(d.message);
    return gpo;
}

// One SOM, one link, one GPO: every setting of the GPO wins, so the policy is the GPO's own view.
resolve::EffectivePolicy single_link_policy(const model::Topology& topology, const model::Gpo& gpo) {
    resolve::EffectivePolicy policy;
    policy.topology = &topology;
    policy.som = 0;
    resolve::ProcessedLink link;
    link.gpo = &gpo;
    link.gpo_guid = gpo.guid;
    link.link_som = 0;
    link.link_order = 1;
    link.applied = true;
    policy.order.push_back(link);
    rules::GpoFacts facts(gpo);
    for (const auto& setting : gpo.settings) {
        if (facts.winner(setting.key.folded()) != &setting) continue;
        resolve::ResolvedSetting resolved;
        resolved.key = setting.key;
        resolved.winner = &setting;
        resolved.winner_link = 0;
        resolved.history.push_back({0, &setting, resolve::ContributionState::Won, {}});
        policy.settings.push_back(std::move(resolved));
    }
    std::sort(policy.settings.begin(), policy.settings.end(),
              [](const auto& a, const auto& b) { return a.key.folded() < b.key.folded(); });
    return policy;
}

model::Topology one_som_topology(const rules::Rule& rule, const model::Gpo& gpo) {
    model::Topology topology;
    model::Som root;
    root.dn = "DC=example,DC=test";
    root.kind = model::SomKind::Domain;
    if (!rule.scope.role.empty() && !rule.scope.negated) root.roles.insert(rule.scope.role);
    model::Link link;
    link.gpo_guid = gpo.guid;
    root.links.push_back(link);
    topology.add_som(std::move(root));
    return topology;
}

}  // namespace

std::vector<ExampleResult> run_examples(const rules::Rule& rule) {
    std::vector<ExampleResult> results;
    rules::Selection only{{rule.id}, {}, {}};
    std::vector<rules::Rule> one{rule};
    auto run = [&](const std::string& snippet, bool bad, size_t index) {
        ExampleResult result;
        result.snippet = snippet;
        result.bad = bad;
        std::vector<model::Gpo> gpos;
        gpos.push_back(gpo_from_snippet(snippet, rule.id, index, result.parse_errors));
        result.settings = gpos[0].settings.size();
        model::Topology topology = one_som_topology(rule, gpos[0]);
        rules::Checker checker(one, only, gpos, topology);
        if (rule.scope.kind == rules::ScopeKind::Gpo) checker.check_gpo(gpos[0]);
        else checker.check_som(single_link_policy(topology, gpos[0]));
        for (const auto& d : checker.finish())
            if (d.rule_id == rule.id) ++result.findings;
        results.push_back(std::move(result));
    };
    for (size_t i = 0; i < rule.bad.size(); ++i) run(rule.bad[i], true, i);
    for (size_t i = 0; i < rule.good.size(); ++i) run(rule.good[i], false, rule.bad.size() + i);
    return results;
}

}  // namespace gpolint::check
