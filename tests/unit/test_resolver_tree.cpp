// A random 200-OU tree (fixed seed): for_each_som must give exactly what resolve_som gives for every SOM,
// and both must match a direct, closest-first reading of FORMATS §5.1 written here independently.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "test_resolver_fixture.hpp"

using gpolint::model::Operation;
using gpolint::model::SourceKind;
using gpolint::resolve::EffectivePolicy;
using gpolint::test::Dice;
using gpolint::test::Scenario;

namespace {

constexpr int kOus = 200;
constexpr int kGpos = 60;
constexpr int kPlainKeys = 12;

// Keys only ever set (checked against the reference), and keys also deleted (checked for consistency only).
std::string plain_key(uint32_t i) { return "registry:HKLM\\Software\\Policies\\Tree\\Value" + std::to_string(i); }
const std::string kOpsKey = "registry:HKLM\\Software\\Policies\\Tree\\Ops";
std::string ops_key(uint32_t i) { return kOpsKey + "\\Value" + std::to_string(i); }

Scenario random_forest() {
    Dice dice(20261122u);
    Scenario s;
    int site = s.site("Default-First-Site-Name");
    int dom = s.domain();
    std::vector<int> soms{dom};
    for (int i = 0; i < kOus; ++i) {
        int parent = soms[dice.below(static_cast<uint32_t>(soms.size()))];
        std::string dn = "OU=N" + std::to_string(i) + "," + s.topology.soms[static_cast<size_t>(parent)].dn;
        soms.push_back(s.ou(dn, parent));
    }
    for (int i = 0; i < kGpos; ++i) {
        std::string name = "G" + std::to_string(i);
        auto& gpo = s.gpo(name);
        if (dice.chance(8)) gpo.flags = 2;
        if (dice.chance(8)) gpo.wmi_filter = "filter";
        const uint32_t count = 1 + dice.below(6);
        for (uint32_t k = 0; k < count; ++k) {
            switch (dice.below(6)) {
                case 0: s.set(name, "access:MinimumPasswordLength", std::to_string(dice.below(20))); break;
                case 1: s.set(name, "privilege:SeServiceLogonRight", "*S-1-5-" + std::to_string(dice.below(30))); break;
                case 2: s.set(name, ops_key(dice.below(3)), "x", SourceKind::RegistryPol, Operation::DeleteValue); break;
                case 3: s.set(name, kOpsKey, "", SourceKind::RegistryPol, Operation::DeleteAllValues); break;
                case 4: s.set(name, ops_key(dice.below(3)), name, SourceKind::RegistryPol); break;
                default: s.set(name, plain_key(dice.below(kPlainKeys)), name, SourceKind::RegistryPol); break;
            }
        }
    }
    soms.push_back(site);
    for (int som : soms) {
        if (som != site && dice.chance(15)) s.block(som);
        const uint32_t links = dice.below(4);
        for (uint32_t l = 0; l < links; ++l) {
            std::string name = dice.chance(3) ? "Missing" + std::to_string(som) : "G" + std::to_string(dice.below(kGpos));
            const uint32_t roll = dice.below(10);
            s.link(som, name, roll < 6 ? 0 : roll < 8 ? gpolint::test::kEnforced : roll < 9 ? 1 : 3);
        }
    }
    return s;
}

// FORMATS §5.1 read literally: walk closest-first, collect, then order.
std::vector<const gpolint::model::Gpo*> reference_order(const Scenario& s, int som) {
    const auto& soms = s.topology.soms;
    std::vector<int> chain;
    for (int at = som; at >= 0; at = soms[static_cast<size_t>(at)].parent) chain.push_back(at);
    for (size_t i = 0; i < soms.size(); ++i)
        if (soms[i].kind == gpolint::model::SomKind::Site) chain.push_back(static_cast<int>(i));
    std::vector<std::vector<std::string>> plain(chain.size()), enforced(chain.size());
    bool blocked = false;
    for (size_t i = 0; i < chain.size(); ++i) {
        const auto& node = soms[static_cast<size_t>(chain[i])];
        for (const auto& link : node.links) {
            if (link.disabled) continue;
            if (link.enforced) enforced[i].push_back(link.gpo_guid);
            else if (!blocked) plain[i].push_back(link.gpo_guid);
        }
        if (node.block_inheritance) blocked = true;
    }
    std::vector<std::string> guids;
    for (size_t i = chain.size(); i-- > 0;) guids.insert(guids.end(), plain[i].begin(), plain[i].end());
    for (size_t i = 0; i < chain.size(); ++i) guids.insert(guids.end(), enforced[i].begin(), enforced[i].end());
    std::vector<const gpolint::model::Gpo*> out;
    for (const auto& guid : guids)
        for (const auto& gpo : s.gpos)
            if (gpo.guid == guid && gpo.computer_enabled()) out.push_back(&gpo);
    return out;
}

void check_same(const EffectivePolicy& a, const EffectivePolicy& b) {
    REQUIRE(a.order.size() == b.order.size());
    for (size_t i = 0; i < a.order.size(); ++i) {
        const auto& x = a.order[i];
        const auto& y = b.order[i];
        CHECK((x.gpo == y.gpo && x.gpo_guid == y.gpo_guid && x.link_som == y.link_som && x.link_order == y.link_order &&
               x.enforced == y.enforced && x.applied == y.applied && x.conditional == y.conditional && x.reason == y.reason));
    }
    REQUIRE(a.settings.size() == b.settings.size());
    for (size_t i = 0; i < a.settings.size(); ++i) {
        const auto& x = a.settings[i];
        const auto& y = b.settings[i];
        CHECK(x.key == y.key);
        CHECK(x.winner == y.winner);
        CHECK(x.winner_link == y.winner_link);
        REQUIRE(x.history.size() == y.history.size());
        for (size_t h = 0; h < x.history.size(); ++h) {
            CHECK(x.history[h].link_index == y.history[h].link_index);
            CHECK(x.history[h].setting == y.history[h].setting);
            CHECK(x.history[h].state == y.history[h].state);
            CHECK(gpolint::resolve::reason_of(a, x, x.history[h]) == gpolint::resolve::reason_of(b, y, y.history[h]));
        }
    }
}

}  // namespace

TEST_CASE("resolver: for_each_som equals resolve_som and the literal reading on a random 200-OU tree") {
    const Scenario s = random_forest();
    gpolint::Diagnostics diagnostics;
    std::set<int> seen;
    size_t blocked_soms = 0, enforced_wins = 0;
    gpolint::resolve::for_each_som(
        s.topology, s.gpos,
        [&](const EffectivePolicy& policy) {
            const auto& node = policy.som_ref();
            CHECK(seen.insert(policy.som).second);
            if (node.parent >= 0) CHECK(seen.count(node.parent) == 1);
            check_same(policy, s.resolve(policy.som));
            if (node.kind == gpolint::model::SomKind::Site) return;

            std::vector<const gpolint::model::Gpo*> got;
            for (const auto& link : policy.order)
                if (link.applied) got.push_back(link.gpo);
            const auto expected = reference_order(s, policy.som);
            CHECK(got == expected);
            blocked_soms += node.block_inheritance ? 1 : 0;

            // Set-only keys: the last applied GPO that sets the key wins.
            for (uint32_t k = 0; k < kPlainKeys; ++k) {
                const gpolint::model::Gpo* last = nullptr;
                for (const auto* gpo : expected)
                    for (const auto& setting : gpo->settings)
                        if (setting.key.text() == plain_key(k) && setting.op == Operation::Set) last = gpo;
                const auto* resolved = policy.find(gpolint::model::fold_case(plain_key(k)));
                const gpolint::model::Gpo* won = resolved != nullptr && resolved->winner != nullptr
                                                     ? policy.order[static_cast<size_t>(resolved->winner_link)].gpo
                                                     : nullptr;
                CHECK(won == last);
                if (won != nullptr && policy.order[static_cast<size_t>(resolved->winner_link)].enforced) ++enforced_wins;
            }
        },
        diagnostics);
    CHECK(seen.size() == s.topology.soms.size());
    // The tree must actually exercise blocks, enforced winners and missing GPOs for this test to mean much.
    CHECK(blocked_soms > 10);
    CHECK(enforced_wins > 10);
    size_t missing_links = 0;
    for (const auto& node : s.topology.soms)
        for (const auto& link : node.links) missing_links += link.gpo_guid.rfind("{Missing", 0) == 0 ? 1 : 0;
    CHECK(missing_links > 0);
    CHECK(diagnostics.all().size() == missing_links);
}

TEST_CASE("resolver: a malformed tree (bad child indexes, a parent after its child) neither loops nor crashes") {
    Scenario s;
    int dom = s.domain();
    int a = s.ou("OU=A,DC=contoso,DC=com", dom);
    int b = s.ou("OU=B,OU=A,DC=contoso,DC=com", a);
    s.link(dom, "D");
    s.gpo("D");
    auto& soms = s.topology.soms;
    soms[static_cast<size_t>(a)].children.push_back(a);     // itself
    soms[static_cast<size_t>(a)].children.push_back(dom);   // its parent
    soms[static_cast<size_t>(b)].children.push_back(99);    // out of range
    soms[static_cast<size_t>(b)].children.push_back(-5);
    soms[static_cast<size_t>(dom)].parent = b;              // a cycle through the parent links

    std::vector<int> visits;
    gpolint::Diagnostics diagnostics;
    gpolint::resolve::for_each_som(s.topology, s.gpos, [&](const EffectivePolicy& p) { visits.push_back(p.som); }, diagnostics);
    // The domain's parent comes after it, so the domain counts as a root and the walk goes down from it.
    CHECK(visits == std::vector<int>{dom, a, b});
    CHECK(gpolint::test::applied(s.resolve(b)) == std::vector<std::string>{"D"});
    CHECK(s.resolve(99).order.empty());
    CHECK(s.resolve(-1).settings.empty());
}

TEST_CASE("resolver: the SOM walk cut into pieces, run backwards, merges into for_each_som's order") {
    const Scenario s = random_forest();
    gpolint::Diagnostics sequential_diagnostics;
    std::vector<EffectivePolicy> sequential;
    gpolint::resolve::for_each_som(
        s.topology, s.gpos, [&](const EffectivePolicy& policy) { sequential.push_back(policy); }, sequential_diagnostics);
    for (size_t target : {size_t{1}, size_t{7}, size_t{64}, size_t{1000}}) {
        CAPTURE(target);
        gpolint::Diagnostics diagnostics;
        gpolint::resolve::ParallelSomWalk walk(s.topology, s.gpos, diagnostics, target);
        CHECK(walk.task_count() >= std::min<size_t>(target, 2));
        CHECK(diagnostics.all().size() == sequential_diagnostics.all().size());
        // Pieces run in any order (here: last first) and are put back in task order.
        std::vector<std::vector<EffectivePolicy>> pieces(walk.task_count());
        for (size_t task = walk.task_count(); task-- > 0;)
            walk.run_task(task, [&](const EffectivePolicy& policy) { pieces[task].push_back(policy); });
        std::vector<EffectivePolicy> merged;
        for (auto& piece : pieces)
            for (auto& policy : piece) merged.push_back(std::move(policy));
        REQUIRE(merged.size() == sequential.size());
        for (size_t i = 0; i < merged.size(); ++i) {
            REQUIRE(merged[i].som == sequential[i].som);
            check_same(merged[i], sequential[i]);
        }
    }
}
