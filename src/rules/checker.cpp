#include "rules/checker.hpp"

#include <algorithm>
#include <new>
#include <optional>

#include "core/parallel.hpp"
#include "core/phase_timer.hpp"
#include "rules/evaluator.hpp"
#include "rules/text.hpp"

namespace gpolint::rules {

namespace {

std::string location_key(const std::string& rule_id, const Location& location) {
    return rule_id + '\x1f' + location.file.str() + '\x1f' + std::to_string(location.line) + '\x1f' +
           std::to_string(location.offset);
}

// A key of `at` or `when` that ends in '*' stands for the first defined key with that prefix.
const model::Setting* defined_setting(const std::string& key, const Facts& facts) {
    if (!key.empty() && key.back() == '*') return facts.first_defined_with_prefix(std::string_view(key).substr(0, key.size() - 1));
    return facts.winner(key);
}

// The primary setting: the `at` key, else the first key of `when` that is defined.
const model::Setting* primary_setting(const Instance& instance, const Facts& facts) {
    if (const auto* setting = defined_setting(instance.at, facts)) return setting;
    for (const auto& key : instance.keys)
        if (const auto* setting = defined_setting(key, facts)) return setting;
    return nullptr;
}

bool scope_matches(const Rule& rule, const resolve::EffectivePolicy& policy, const Facts& facts) {
    switch (rule.scope.kind) {
        case ScopeKind::Gpo: return false;
        case ScopeKind::Domain: return policy.som_ref().kind == model::SomKind::Domain;
        case ScopeKind::Som:
            if (rule.scope.role.empty()) return true;
            return facts.has_role(rule.scope.role) != rule.scope.negated;
    }
    return false;
}

// Notes for one key of a per-SOM finding: where its winner comes from when that is not the primary
// GPO, every contribution it beat or that was left out, and an enforced link defeating a block.
void explain_key(const std::string& folded_key, const SomFacts& facts, const model::Gpo* primary_gpo,
                 bool is_primary, std::vector<Note>& notes) {
    const auto* resolved = facts.resolved(folded_key);
    if (!resolved || resolved->winner_link < 0) return;
    const auto& policy = facts.policy();
    const auto& win_link = policy.order[static_cast<size_t>(resolved->winner_link)];
    const std::string& key_text = resolved->key.text();
    if (!is_primary && resolved->winner && win_link.gpo != primary_gpo)
        notes.push_back({key_text + " = " + display_value(resolved->winner->value) + " comes from " +
                             describe_link(policy, win_link),
                         located(resolved->winner->location)});
    for (const auto& contribution : resolved->history) {
        if (!contribution.setting || contribution.setting == resolved->winner) continue;
        const auto& link = policy.order[contribution.link_index];
        std::string value = display_value(contribution.setting->value);
        if (contribution.state == resolve::ContributionState::Overridden)
            notes.push_back({"overrides " + key_text + " = " + value + " from " + describe_link(policy, link),
                             located(contribution.setting->location)});
        else if (contribution.state == resolve::ContributionState::NotApplied) {
            std::string reason = resolve::reason_of(policy, *resolved, contribution);
            notes.push_back({describe_link(policy, link) + " also sets " + key_text + " = " + value +
                                 " but does not apply here" + (reason.empty() ? std::string() : ": " + reason),
                             located(contribution.setting->location)});
        }
    }
    if (win_link.enforced && win_link.link_som != policy.som) {
        int blocked = blocking_som_between(*policy.topology, policy.som, win_link.link_som);
        if (blocked >= 0 && win_link.gpo)
            notes.push_back({"'" + win_link.gpo->name + "' is enforced at " +
                                 policy.topology->soms[static_cast<size_t>(win_link.link_som)].dn +
                                 ", so the block inheritance on " +
                                 policy.topology->soms[static_cast<size_t>(blocked)].dn + " does not stop it",
                             located(win_link.link_location)});
    }
}

// "the same applies to OU=A,DC=x; OU=B,DC=x; OU=C,DC=x and 1997 other SOMs" (DNs hold commas).
std::string also_applies_to(const std::vector<std::string>& others) {
    constexpr size_t kNamed = 3;
    std::string text = "the same applies to ";
    size_t named = others.size() <= kNamed ? others.size() : kNamed;
    for (size_t i = 0; i < named; ++i) {
        if (i > 0) text += (i + 1 == named && others.size() == named) ? " and " : "; ";
        text += others[i];
    }
    size_t rest = others.size() - named;
    if (rest > 0) text += " and " + std::to_string(rest) + (rest == 1 ? " other SOM" : " other SOMs");
    return text;
}

}  // namespace

namespace {

bool any_names(const std::vector<std::string>& patterns, const std::string& id) {
    for (const auto& p : patterns)
        if (!p.empty() && id.size() >= p.size() && model::iequals(std::string_view(id).substr(0, p.size()), p)) return true;
    return false;
}

}  // namespace

bool Selection::enabled(const std::string& id) const {
    return !any_names(ignore, id) && (select.empty() || any_names(select, id));
}

bool Selection::runs(const std::string& id, bool optional) const {
    return enabled(id) && (!optional || any_names(enable, id) || any_names(select, id));
}

Checker::Checker(const std::vector<Rule>& rules, const Selection& selection, const std::vector<model::Gpo>& gpos,
                 const model::Topology& topology, unsigned threads)
    : context_{gpos, topology, threads} {
    for (const auto& rule : rules) {
        if (!selection.runs(rule.id, rule.optional)) continue;
        if (rule.builtin) {
            const auto* entry = find_builtin(rule.id);
            if (entry && entry->factory) {
                builtins_.push_back(entry->factory(rule));
                builtin_factories_.emplace_back(entry->factory, &rule);
            }
            continue;
        }
        for (auto& instance : instantiate(rule)) instances_.push_back(std::move(instance));
    }
    for (const auto& som : topology.soms)
        for (const auto& role : som.roles) declared_roles_.insert(model::fold_case(role));
}

void Checker::check_gpo(const model::Gpo& gpo) {
    GpoFindings found;
    check_gpo(gpo, found);
    std::move(found.rules.begin(), found.rules.end(), std::back_inserter(gpo_findings_));
    std::move(found.builtins.begin(), found.builtins.end(), std::back_inserter(builtin_findings_));
}

void Checker::check_gpos() {
    const auto& gpos = context_.gpos;
    const unsigned workers = thread_count(context_.threads, gpos.size());
    const RangeSplit ranges(gpos.size(), workers);
    std::vector<GpoFindings> found(ranges.count);
    parallel_for(ranges.count, workers, [&](size_t range, unsigned) {
        for (size_t i = ranges.begin(range); i < ranges.end(range); ++i) check_gpo(gpos[i], found[range]);
    });
    for (auto& piece : found) {
        std::move(piece.rules.begin(), piece.rules.end(), std::back_inserter(gpo_findings_));
        std::move(piece.builtins.begin(), piece.builtins.end(), std::back_inserter(builtin_findings_));
    }
}

bool Checker::topology_declares(const std::string& role) const { return declared_roles_.count(model::fold_case(role)) != 0; }

void Checker::check_gpo(const model::Gpo& gpo, GpoFindings& out) const {
    GpoFacts facts(gpo);
    // When the topology places the GPO, the SOMs it is linked to say what applies; the per-GPO variant
    // of a SOM rule ("if linked where Hyper-V hosts live") would only repeat or second-guess them. A rule
    // for SOMs with a role no SOM of the topology declares still needs it: the topology cannot tell.
    bool placed = false;
    if (!context_.topology.empty() && !gpo.guid.empty())
        for (const auto& site : context_.links.to(gpo.guid)) placed = placed || !site.link->disabled;
    for (const auto& instance : instances_) {
        const Rule& rule = *instance.rule;
        const bool decided_by_soms = placed && rule.per_gpo && (rule.scope.role.empty() || topology_declares(rule.scope.role));
        bool per_gpo = rule.scope.kind == ScopeKind::Gpo || (rule.per_gpo.has_value() && !decided_by_soms);
        if (!per_gpo || !evaluate(instance.when, facts)) continue;
        const model::Setting* primary = primary_setting(instance, facts);
        // Per GPO there is no SOM: {som} names the GPO, quoted like every GPO name in messages.
        std::string quoted_name = "'" + gpo.name + "'";
        RenderContext render_context{facts, quoted_name, quoted_name, primary ? primary->key.text() : instance.at};
        Diagnostic finding;
        finding.rule_id = rule.id;
        finding.severity = rule.per_gpo ? rule.per_gpo->severity : rule.severity;
        finding.message = render(instance.message, render_context);
        finding.fix = render(instance.fix, render_context);
        if (rule.per_gpo && !rule.per_gpo->context.empty()) finding.message += " (" + rule.per_gpo->context + ")";
        finding.location = primary ? primary->location : gpo.origin;
        if (!gpo.guid.empty() || !gpo.name.empty()) finding.gpo = GpoRef{gpo.guid, gpo.name};
        if (primary) finding.setting = primary->key.text();
        out.rules.push_back(std::move(finding));
    }
    for (const auto& check : builtins_) check->on_gpo(gpo, context_, out.builtins);
}

void Checker::evaluate_instance_on_som(const Instance& instance, const SomFacts& facts, SomFindings& piece) const {
    const Rule& rule = *instance.rule;
    const auto& policy = facts.policy();
    if (!scope_matches(rule, policy, facts) || !evaluate(instance.when, facts)) return;
    const model::Setting* primary = primary_setting(instance, facts);
    const std::string& som_dn = policy.som_ref().dn;
    const model::Gpo* primary_gpo = primary ? facts.source_of(primary->key.folded()) : nullptr;
    RenderContext render_context{facts, som_dn, primary_gpo ? "'" + primary_gpo->name + "'" : std::string(),
                                 primary ? primary->key.text() : instance.at};
    Diagnostic finding;
    finding.rule_id = rule.id;
    finding.severity = rule.severity_for(policy.som_ref().roles);
    finding.message = render(instance.message, render_context);
    finding.fix = render(instance.fix, render_context);
    finding.location = primary ? primary->location : policy.som_ref().location;
    finding.som = som_dn;
    if (primary_gpo) finding.gpo = GpoRef{primary_gpo->guid, primary_gpo->name};
    if (primary) finding.setting = primary->key.text();
    std::string primary_key = primary ? primary->key.folded() : instance.at;
    explain_key(primary_key, facts, primary_gpo, true, finding.notes);
    for (const auto& key : instance.keys)
        if (key != primary_key) explain_key(key, facts, primary_gpo, false, finding.notes);
    if (primary) piece.covered.push_back(location_key(rule.id, primary->location));
    add_found(piece, std::move(finding), som_dn);
}

void Checker::add_found(SomFindings& piece, Diagnostic finding, const std::string& som_dn) {
    // Two SOMs share a finding when everything but the SOM's own DN is the same.
    std::string fold_key = finding.rule_id + '\x1f' + to_string(finding.severity) + '\x1f' +
                           location_key({}, finding.location) + '\x1f' +
                           replace_all(finding.message, som_dn, "\x01");
    for (const auto& note : finding.notes) fold_key += '\x1f' + replace_all(note.message, som_dn, "\x01");
    piece.found.push_back({std::move(finding), &som_dn, std::move(fold_key)});
}

void Checker::add_som_finding(SomFindings::Found found) {
    auto [it, inserted] = fold_index_.emplace(std::move(found.fold_key), som_findings_.size());
    if (inserted) {
        som_findings_.push_back({std::move(found.finding), {}});
        return;
    }
    som_findings_[it->second].other_soms.push_back(*found.som_dn);
}

void Checker::check_som(const resolve::EffectivePolicy& policy) {
    SomFindings piece;
    for (auto& check : builtins_) piece.builtins.push_back(check.get());  // one piece: the Checker's own checks
    check_som(policy, piece);
    merge(std::move(piece));
}

SomFindings Checker::start_piece() const {
    SomFindings piece;
    for (const auto& [factory, rule] : builtin_factories_) {
        piece.owned.push_back(factory(*rule));
        piece.builtins.push_back(piece.owned.back().get());
    }
    return piece;
}

void Checker::check_som(const resolve::EffectivePolicy& policy, SomFindings& piece) const {
    SomFacts facts(policy);
    for (const auto& instance : instances_) evaluate_instance_on_som(instance, facts, piece);
    // Built-in per-SOM findings fold across SOMs like the data rules' ones.
    std::vector<Diagnostic> found;
    for (auto* check : piece.builtins) check->on_som(policy, context_, found);
    for (auto& finding : found) add_found(piece, std::move(finding), policy.som_ref().dn);
}

void Checker::merge(SomFindings piece) {
    for (auto& key : piece.covered) covered_.insert(std::move(key));
    for (auto& found : piece.found) add_som_finding(std::move(found));
    for (size_t i = 0; i < piece.owned.size(); ++i) builtins_[i]->merge_later(*piece.owned[i]);
}

std::vector<Diagnostic> Checker::finish(size_t room) {
    // The built-in checks' findings are the bulk (one per dead setting at most, one per GPO for the
    // others), so their vector becomes the result: reserved up front for everything that joins it, it
    // never moves, and address space that is never written costs no memory. The groups' order does
    // not matter: no two of them share a rule and a location, so sorting gives one order.
    size_t settings = 0;
    for (const auto& gpo : context_.gpos) settings += gpo.settings.size();
    try {
        builtin_findings_.reserve(builtin_findings_.size() + settings + 2 * context_.gpos.size() + gpo_findings_.size() +
                                  som_findings_.size() + room);
    } catch (const std::bad_alloc&) {  // address space is limited (ulimit -v): grow as needed instead
    }
    for (auto& check : builtins_) check->finish(context_, builtin_findings_);
    std::vector<Diagnostic> out = std::move(builtin_findings_);
    out.reserve(out.size() + gpo_findings_.size() + som_findings_.size() + room);
    for (auto& finding : gpo_findings_)
        if (!covered_.count(location_key(finding.rule_id, finding.location))) out.push_back(std::move(finding));
    for (auto& folded : som_findings_) {
        if (!folded.other_soms.empty())
            folded.finding.notes.push_back({also_applies_to(folded.other_soms), std::nullopt});
        out.push_back(std::move(folded.finding));
    }
    gpo_findings_.clear();
    som_findings_.clear();
    builtin_findings_.clear();
    fold_index_.clear();
    return out;
}

std::vector<Diagnostic> run_checks(const std::vector<Rule>& rules, const Selection& selection,
                                   const std::vector<model::Gpo>& gpos, const model::Topology& topology,
                                   Diagnostics& diagnostics,
                                   const std::function<void(const resolve::EffectivePolicy&)>& observe,
                                   unsigned threads) {
    Checker checker(rules, selection, gpos, topology, threads);
    std::optional<PhaseTimer> phase(std::in_place, "rules per GPO");
    checker.check_gpos();
    phase.emplace("resolve + rules per SOM");
    if (!topology.empty()) {
        const unsigned workers = thread_count(threads, topology.soms.size());
        // Several pieces per thread, so that one big subtree does not leave the other threads idle.
        resolve::ParallelSomWalk walk(topology, gpos, diagnostics, workers > 1 ? 16 * size_t{workers} : 1, workers);
        OrderedMerge<SomFindings> merge(walk.task_count(), [&](SomFindings piece) { checker.merge(std::move(piece)); });
        parallel_for(walk.task_count(), workers, [&](size_t task, unsigned) {
            SomFindings piece;
            try {
                piece = checker.start_piece();
                walk.run_task(task, [&](const resolve::EffectivePolicy& policy) {
                    checker.check_som(policy, piece);
                    if (observe) observe(policy);
                });
            } catch (...) {
                merge.fail(std::current_exception());
            }
            merge.submit(task, std::move(piece));
        });
        merge.rethrow();
    }
    phase.emplace("finish rules");
    return checker.finish(diagnostics.all().size());
}

}  // namespace gpolint::rules
