// The overlay that merges the enforced links of each SOM on top of the shared inherited merge must
// give exactly what a full copy of that merge with the same additions gives: same keys in the same
// order, same winners, same histories, for every kind of registry.pol operation and after blocks.
#include <doctest/doctest.h>

#include <random>
#include <utility>

#include "resolve/gpo_index.hpp"
#include "resolve/setting_merge.hpp"
#include "test_resolver_fixture.hpp"

using gpolint::model::Operation;
using gpolint::model::SourceKind;
using gpolint::resolve::ProcessedLink;
using gpolint::resolve::ResolvedSetting;
using gpolint::resolve::SettingMerge;
using gpolint::test::Dice;
using gpolint::test::Scenario;

namespace {

const std::string kKey = "registry:HKLM\\Software\\Policies\\Overlay";
std::string value_key(uint32_t i) { return kKey + "\\V" + std::to_string(i % 4) + (i >= 4 ? "\\Sub\\W" + std::to_string(i) : ""); }

Scenario random_gpos(Dice& dice, int gpo_count) {
    Scenario s;
    s.domain();
    for (int g = 0; g < gpo_count; ++g) {
        const std::string name = "G" + std::to_string(g);
        s.gpo(name);
        const uint32_t count = 1 + dice.below(8);
        for (uint32_t k = 0; k < count; ++k) {
            const uint32_t v = dice.below(8);
            switch (dice.below(7)) {
                case 0: s.set(name, value_key(v), " ", SourceKind::RegistryPol, Operation::DeleteValue); break;
                case 1: s.set(name, kKey, "", SourceKind::RegistryPol, Operation::DeleteAllValues); break;
                case 2: s.set(name, kKey, "V1;V2", SourceKind::RegistryPol, Operation::DeleteValues).value.items = {"V1", "V2"}; break;
                case 3: s.set(name, kKey, "Sub", SourceKind::RegistryPol, Operation::DeleteKeys).value.items = {"sub"}; break;
                case 4: s.set(name, value_key(v), name, SourceKind::RegistryPol, Operation::SetIfAbsent); break;
                case 5: s.set(name, "access:MinimumPasswordLength", std::to_string(v)); break;
                default: s.set(name, value_key(v), name, SourceKind::RegistryPol); break;
            }
        }
    }
    return s;
}

ProcessedLink link_to(const Scenario& s, int g, bool enforced) {
    ProcessedLink link;
    link.gpo = &s.gpos[static_cast<size_t>(g)];
    link.gpo_guid = link.gpo->guid;
    link.link_som = 0;
    link.link_order = 1;
    link.enforced = enforced;
    link.applied = true;
    return link;
}

void check_same(const std::vector<ResolvedSetting>& copied, const std::vector<ResolvedSetting>& overlaid) {
    REQUIRE(copied.size() == overlaid.size());
    for (size_t i = 0; i < copied.size(); ++i) {
        const auto& a = copied[i];
        const auto& b = overlaid[i];
        CHECK(a.key.folded() == b.key.folded());
        CHECK(a.winner == b.winner);
        CHECK(a.winner_link == b.winner_link);
        CHECK(a.decided_by == b.decided_by);
        REQUIRE(a.history.size() == b.history.size());
        for (size_t h = 0; h < a.history.size(); ++h) {
            CHECK(a.history[h].link_index == b.history[h].link_index);
            CHECK(a.history[h].setting == b.history[h].setting);
            CHECK(a.history[h].state == b.history[h].state);
            // Reasons made per operation (**soft.) are equal text in distinct objects.
            const auto& x = a.history[h].settled_reason;
            const auto& y = b.history[h].settled_reason;
            CHECK((x == nullptr) == (y == nullptr));
            if (x && y) CHECK(*x == *y);
        }
    }
}

}  // namespace

TEST_CASE("setting merge: an overlay on the inherited merge equals a full copy with the same additions") {
    Dice dice(20261201u);
    size_t keys_compared = 0, inherited_deleted = 0;
    for (int round = 0; round < 200; ++round) {
        const Scenario s = random_gpos(dice, 10);
        const gpolint::resolve::GpoIndex index(s.gpos, s.topology);
        SettingMerge base;
        size_t link_index = 0;
        const uint32_t inherited = 1 + dice.below(5);
        for (uint32_t l = 0; l < inherited; ++l) {
            base.add(link_index++, link_to(s, static_cast<int>(dice.below(10)), false), s.topology, index);
            if (dice.below(6) == 0) base.block(std::make_shared<const std::string>("blocked"));
        }
        SettingMerge copy = base;
        SettingMerge overlay(base, std::in_place);
        const uint32_t enforced = dice.below(4);
        for (uint32_t l = 0; l < enforced; ++l) {
            auto link = link_to(s, static_cast<int>(dice.below(10)), true);
            copy.add(link_index, link, s.topology, index);
            overlay.add(link_index, link, s.topology, index);
            ++link_index;
        }
        if (dice.below(10) == 0) {  // a block on an overlay takes every inherited key over
            auto reason = std::make_shared<const std::string>("blocked late");
            copy.block(reason);
            overlay.block(reason);
        }
        const auto copied = copy.finish();
        check_same(copied, overlay.finish());
        keys_compared += copied.size();
        const auto before = base.finish();
        for (size_t i = 0; i < before.size() && i < copied.size(); ++i)
            inherited_deleted += before[i].winner != nullptr && copied[i].key == before[i].key && copied[i].winner == nullptr;
    }
    // The rounds must really reach inherited values through the overlay (deletes of inherited keys).
    CHECK(keys_compared > 500);
    CHECK(inherited_deleted > 20);
}
