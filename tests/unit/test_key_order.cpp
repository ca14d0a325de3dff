// The resolver's key ranks: ordering by rank must be ordering by folded text, spellings that fold alike
// must share a rank, and a prefix must map to exactly the ranks of the keys that start with it.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "resolve/gpo_index.hpp"

using gpolint::model::SettingKey;
using gpolint::resolve::KeyOrder;

TEST_CASE("key order: ranks follow folded text and shared spellings share a rank") {
    const std::vector<std::string> texts = {
        "registry:HKLM\\Software\\Policies\\B\\x",   "registry:HKLM\\Software\\Policies\\A",
        "registry:hklm\\software\\policies\\a",      "registry:HKLM\\Software\\Policies\\A\\Sub\\y",
        "registry:HKLM\\Software\\Policies\\A\\z",   "registry:HKLM\\Software\\Policies\\AB\\w",
        "access:MinimumPasswordLength",              "access:LSAAnonymousNameLookup",
        "kerberos:MaxTicketAge",                     "privilege:SeServiceLogonRight"};
    std::vector<SettingKey> keys(texts.begin(), texts.end());
    const KeyOrder order({}, keys);
    for (const auto& a : keys)
        for (const auto& b : keys) {
            CHECK((order.rank(a) < order.rank(b)) == (a.folded() < b.folded()));
            CHECK((order.rank(a) == order.rank(b)) == (a.folded() == b.folded()));
        }
    CHECK(order.rank(keys[1]) == order.rank(keys[2]));  // two spellings of one key
    CHECK(order.rank(SettingKey()) < order.rank(keys[6]));  // a key-less setting sorts as ""

    const std::string prefix = "registry:hklm\\software\\policies\\a\\";
    const auto [first, last] = order.with_prefix(prefix);
    size_t inside = 0;
    for (const auto& key : keys) {
        const bool starts = key.folded().rfind(prefix, 0) == 0;
        CHECK(starts == (order.rank(key) >= first && order.rank(key) < last));
        inside += starts ? 1 : 0;
    }
    CHECK(inside == 2);  // A\Sub\y and A\z, not A itself nor AB\w
    const auto [none_first, none_last] = order.with_prefix("registry:hklm\\software\\nothing\\");
    CHECK(none_first == none_last);

    CHECK(order.is_account_policy(order.rank(keys[6])));
    CHECK(order.is_account_policy(order.rank(keys[8])));
    CHECK_FALSE(order.is_account_policy(order.rank(keys[7])));  // a [System Access] key that is no account policy
    CHECK_FALSE(order.is_account_policy(order.rank(keys[9])));
}
