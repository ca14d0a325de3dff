// registry.pol (PReg) reader: byte-level records for every type and control name, bounds, garbage.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "model/setting.hpp"
#include "parse/pol_reader.hpp"
#include "test_pol_bytes.hpp"

using namespace gpolint;
using model::Operation;
using model::ValueKind;
using namespace gpolint::test;
using namespace std::string_literals;

namespace {

struct Read {
    std::vector<model::Setting> settings;
    std::vector<Diagnostic> diagnostics;
};

Read read(const std::string& bytes, bool user_side = false) {
    Diagnostics diagnostics;
    auto settings = parse::read_registry_pol(intern_path("t/registry.pol"), bytes, user_side, diagnostics);
    return {std::move(settings), diagnostics.take()};
}

const std::string kLsa = "System\\CurrentControlSet\\Control\\Lsa";

}  // namespace

TEST_CASE("pol: REG_DWORD lands on the same key as the template's MACHINE\\ path") {
    auto r = read(pol_file(pol_record(kLsa, "NoLMHash", 4, le32(1))));
    REQUIRE(r.settings.size() == 1);
    CHECK(r.diagnostics.empty());
    const auto& s = r.settings[0];
    CHECK(s.key == model::SettingKey(model::registry_key_text("", "MACHINE\\" + kLsa, "NoLMHash")));
    CHECK(s.key.text() == "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash");
    CHECK(s.value.kind == ValueKind::Dword);
    CHECK(s.value.number == 1);
    CHECK(s.value.reg_type == 4);
    CHECK(s.op == Operation::Set);
    CHECK(s.source == model::SourceKind::RegistryPol);
    CHECK(s.location.is_binary());
    CHECK(s.location.offset == 8);
    CHECK_FALSE(s.user_side);
}

TEST_CASE("pol: every value type decodes") {
    std::string sz = utf16z("Google Encrypted");
    CHECK(sz.size() == 34);  // FORMATS.md §2.4 observed size
    std::string multi = utf16z("NistP384").substr(0) + utf16z("NistP256") + std::string(2, '\0');
    CHECK(multi.size() == 38);
    std::string binary = std::string("\x5D\x00\xFF", 3);  // contains "]" as UTF-16: lengths, not searching
    std::string records = pol_record("K", "sz", 1, sz) + pol_record("K", "expand", 2, utf16z("")) +
                          pol_record("K", "bin", 3, binary) + pol_record("K", "be", 5, std::string("\x00\x00\x01\x00", 4)) +
                          pol_record("K", "multi", 7, multi) +
                          pol_record("K", "q", 11, le32(2) + le32(1)) + pol_record("K", "none", 0, "");
    auto r = read(pol_file(records));
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 7);
    CHECK(r.settings[0].value.kind == ValueKind::String);
    CHECK(r.settings[0].value.text == "Google Encrypted");
    CHECK(r.settings[1].value.kind == ValueKind::ExpandString);
    CHECK(r.settings[1].value.text.empty());
    CHECK(r.settings[2].value.kind == ValueKind::Binary);
    CHECK(r.settings[2].value.text == "5d00ff");
    CHECK(r.settings[3].value.kind == ValueKind::DwordBigEndian);
    CHECK(r.settings[3].value.number == 256);
    CHECK(r.settings[4].value.kind == ValueKind::MultiString);
    CHECK(r.settings[4].value.items == std::vector<std::string>{"NistP384", "NistP256"});
    CHECK(r.settings[5].value.kind == ValueKind::Qword);
    CHECK(r.settings[5].value.number == 4294967298LL);  // 1 << 32 | 2
    CHECK(r.settings[6].value.kind == ValueKind::None);
    CHECK(r.settings[6].key.text() == "registry:HKLM\\K\\none");
}

TEST_CASE("pol: control names become operations, prefixes case-insensitive") {
    std::string space = utf16z(" ");
    std::string records = pol_record("Software\\P", "**del.Foo", 1, space) + pol_record("Software\\P", "**DelVals.", 1, space) +
                          pol_record("Software\\P", "**DeleteValues", 1, utf16z("a;b ")) +
                          pol_record("Software\\P", "**DeleteKeys", 1, utf16z("k1;k2")) +
                          pol_record("Software\\P", "**SecureKey", 4, le32(1)) +
                          pol_record("Software\\P", "**SOFT.Bar", 4, le32(7)) + pol_record("Software\\P", "", 0, "") +
                          pol_record("Software\\P", "**Del.Baz", 4, le32(0));
    auto r = read(pol_file(records));
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 8);
    CHECK(r.settings[0].op == Operation::DeleteValue);
    CHECK(r.settings[0].key.text() == "registry:HKLM\\Software\\P\\Foo");
    CHECK(r.settings[1].op == Operation::DeleteAllValues);
    CHECK(r.settings[1].key.text() == "registry:HKLM\\Software\\P");
    CHECK(r.settings[2].op == Operation::DeleteValues);
    CHECK(r.settings[2].value.items == std::vector<std::string>{"a", "b"});
    CHECK(r.settings[3].op == Operation::DeleteKeys);
    CHECK(r.settings[3].value.items == std::vector<std::string>{"k1", "k2"});
    CHECK(r.settings[4].op == Operation::SecureKey);
    CHECK(r.settings[4].value.number == 1);
    CHECK(r.settings[5].op == Operation::SetIfAbsent);
    CHECK(r.settings[5].key.text() == "registry:HKLM\\Software\\P\\Bar");
    CHECK(r.settings[5].value.number == 7);
    CHECK(r.settings[6].op == Operation::CreateKey);
    CHECK(r.settings[6].key.text() == "registry:HKLM\\Software\\P");
    CHECK(r.settings[7].op == Operation::DeleteValue);  // Samba's spelling: **Del. as REG_DWORD 0
    CHECK(r.settings[7].key.text() == "registry:HKLM\\Software\\P\\Baz");
}

TEST_CASE("pol: unknown control name is a warning and is not applied") {
    auto r = read(pol_file(pol_record("K", "**bogus.x", 1, utf16z(" ")) + pol_record("K", "v", 4, le32(3))));
    REQUIRE(r.settings.size() == 1);
    CHECK(r.settings[0].key.text() == "registry:HKLM\\K\\v");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].severity == Severity::Warning);
    CHECK(r.diagnostics[0].location.offset == 8);
}

TEST_CASE("pol: User\\registry.pol is HKCU") {
    auto r = read(pol_file(pol_record("Software\\Policies\\X", "Y", 4, le32(0))), true);
    REQUIRE(r.settings.size() == 1);
    CHECK(r.settings[0].key.text() == "registry:HKCU\\Software\\Policies\\X\\Y");
    CHECK(r.settings[0].user_side);
}

TEST_CASE("pol: keys are relative to their half's hive, whatever their first part says") {
    auto user = read(pol_file(pol_record("MACHINE\\Software\\A", "V", 4, le32(1))), true);
    REQUIRE(user.settings.size() == 1);
    CHECK(user.settings[0].key.text() == "registry:HKCU\\MACHINE\\Software\\A\\V");
    auto machine = read(pol_file(pol_record("USER\\Software\\A", "V", 4, le32(1))));
    REQUIRE(machine.settings.size() == 1);
    CHECK(machine.settings[0].key.text() == "registry:HKLM\\USER\\Software\\A\\V");
}

TEST_CASE("pol: a REG_SZ ends at its first NUL, as Windows reads it") {
    std::string data = "a\0b\0\0\0j\0u\0n\0k\0\0\0"s;  // "ab", NUL, "junk", NUL
    auto r = read(pol_file(pol_record("Software\\Policies\\X", "S", 1, data)));
    REQUIRE(r.settings.size() == 1);
    CHECK(r.settings[0].value.text == "ab");
    CHECK(r.diagnostics.empty());
}

TEST_CASE("pol: header checks") {
    SUBCASE("bad signature skips the file") {
        auto r = read("PRex" + le32(1) + pol_record("K", "v", 4, le32(1)));
        CHECK(r.settings.empty());
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].severity == Severity::Error);
        CHECK(r.diagnostics[0].rule_id == "GPL001");
        CHECK(r.diagnostics[0].location.offset == 0);
    }
    SUBCASE("version 2 is read with a warning") {
        auto r = read(pol_file(pol_record("K", "v", 4, le32(1)), 2));
        CHECK(r.settings.size() == 1);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].severity == Severity::Warning);
        CHECK(r.diagnostics[0].location.offset == 4);
    }
    SUBCASE("an 8-byte file is valid and empty") {
        auto r = read(pol_file(""));
        CHECK(r.settings.empty());
        CHECK(r.diagnostics.empty());
    }
}

TEST_CASE("pol: malformed records report the byte offset and keep earlier records") {
    std::string first = pol_record("K", "a", 4, le32(1));
    SUBCASE("data size past the end") {
        std::string bad = wchar('[') + utf16z("K") + wchar(';') + utf16z("b") + wchar(';') + le32(4) + wchar(';') +
                          le32(1000) + wchar(';') + le32(1);
        auto r = read(pol_file(first + bad));
        CHECK(r.settings.size() == 1);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].severity == Severity::Error);
        // header 8 + first record + '[' K\0 ';' b\0 ';' type ';' size ';' = offset of the data
        CHECK(r.diagnostics[0].location.offset == 8 + first.size() + 2 + 4 + 2 + 4 + 2 + 4 + 2 + 4 + 2);
    }
    SUBCASE("missing closing bracket") {
        std::string bad = pol_record("K", "b", 4, le32(1));
        bad[bad.size() - 2] = 'X';
        auto r = read(pol_file(first + bad));
        CHECK(r.settings.size() == 1);
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].location.offset == 8 + first.size() + bad.size() - 2);
    }
    SUBCASE("the second record's location is its own offset") {
        auto r = read(pol_file(first + pol_record("K", "b", 4, le32(2))));
        REQUIRE(r.settings.size() == 2);
        CHECK(r.settings[1].location.offset == 8 + first.size());
        CHECK(r.settings[1].length == first.size());
    }
    SUBCASE("DWORD with 3 data bytes is a shape warning, kept as hex") {
        auto r = read(pol_file(pol_record("K", "c", 4, std::string("\x01\x02\x03", 3))));
        REQUIRE(r.settings.size() == 1);
        CHECK(r.settings[0].value.kind == ValueKind::Raw);
        CHECK(r.settings[0].value.text == "010203");
        REQUIRE(r.diagnostics.size() == 1);
        CHECK(r.diagnostics[0].rule_id == "GPL004");
    }
}

TEST_CASE("pol: every truncation of a valid file and 40 garbage inputs are handled") {
    std::string r1 = pol_record(kLsa, "NoLMHash", 4, le32(1)), r2 = pol_record("K", "s", 1, utf16z("text"));
    std::string full = pol_file(r1 + r2 + pol_record("K", "m", 7, utf16z("a") + utf16z("b") + std::string(2, '\0')));
    auto complete = read(full);
    REQUIRE(complete.settings.size() == 3);
    for (size_t cut = 0; cut < full.size(); ++cut) {
        auto r = read(full.substr(0, cut));
        bool record_boundary = cut == 8 || cut == 8 + r1.size() || cut == 8 + r1.size() + r2.size();
        CHECK(r.diagnostics.empty() == record_boundary);
        CHECK(r.settings.size() == (cut < 8 + r1.size() ? 0u : cut < 8 + r1.size() + r2.size() ? 1u : 2u));
    }
    uint32_t state = 12345;
    auto next = [&] { return state = state * 1103515245u + 12345u; };
    for (int i = 0; i < 40; ++i) {
        std::string bytes = pol_file("");
        size_t length = next() % 200;
        for (size_t k = 0; k < length; ++k) bytes.push_back(static_cast<char>(next() >> 16));
        if (i % 2 == 0) bytes.insert(8, wchar('['));  // start a record so the deeper checks are reached
        auto r = read(bytes);
        CHECK(r.settings.size() <= bytes.size() / 16);
    }
}
