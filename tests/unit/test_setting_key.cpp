// SettingKey interning and the case-insensitive hash used for duplicate detection in templates.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "model/setting.hpp"

using gpolint::model::FoldedEqual;
using gpolint::model::FoldedHash;
using gpolint::model::SettingKey;

TEST_CASE("folded hash agrees with folded equality at every length and case") {
    const std::string base = "MACHINE\\Software\\Policies\\Microsoft\\Windows NT\\Terminal Services\\fDenyTSConnections";
    FoldedHash hash;
    FoldedEqual equal;
    for (size_t length = 0; length <= base.size(); ++length) {
        std::string upper = base.substr(0, length), lower = upper;
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        REQUIRE(equal(upper, lower));
        CHECK(hash(upper) == hash(lower));
        CHECK(hash(upper) == hash(base.substr(0, length)));
    }
}

TEST_CASE("folded hash leaves non-letters and UTF-8 bytes alone") {
    FoldedHash hash;
    // '@' and '[' sit just outside 'A'..'Z': folding them too would turn them into '`' and '{'.
    CHECK(hash("@[@[@[@[@[") != hash("`{`{`{`{`{"));
    CHECK(hash("\xC3\x89t\xC3\xA9") == hash("\xC3\x89T\xC3\xA9"));   // only the ASCII T folds
    CHECK(hash("\xC3\x89t\xC3\xA9") != hash("\xC3\xA9t\xC3\xA9"));   // É and é are different bytes
    CHECK(hash("abcdefgh") != hash("abcdefgi"));
    CHECK(hash("abcdefghX") != hash("abcdefgh"));
}

TEST_CASE("keys interned from several threads are one spelling per text") {
    std::vector<std::vector<const std::string*>> seen(4);
    std::vector<std::thread> threads;
    for (size_t t = 0; t < seen.size(); ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 3; ++round)
                for (int i = 0; i < 5000; ++i) {
                    SettingKey key("registry:HKLM\\Software\\Test\\Value" + std::to_string(i));
                    if (round == 0) seen[t].push_back(&key.text());
                    else if (seen[t][static_cast<size_t>(i)] != &key.text()) seen[t][static_cast<size_t>(i)] = nullptr;
                }
        });
    for (auto& thread : threads) thread.join();
    for (size_t t = 1; t < seen.size(); ++t) CHECK(seen[t] == seen[0]);
    CHECK(SettingKey("registry:HKLM\\Software\\Test\\Value7").folded() == "registry:hklm\\software\\test\\value7");
}
