// GPL001–GPL005 as the template parser reports them.
#include <doctest/doctest.h>

#include <string>

#include "inf_test_support.hpp"

using namespace gpolint;
using test::parse_template;

TEST_CASE("GPL001: a malformed line is reported at line:column and parsing goes on") {
    auto p = parse_template(
        "[Privilege Rights]\n"
        "SeTcbPrivilege = \"unterminated\n"
        "SeDebugPrivilege = *S-1-5-32-544\n"
        "[Registry Values]\n"
        "MACHINE\\Software\\X\\NoType\n"
        "MACHINE\\Software\\X\\Good=4,1\n");
    REQUIRE(p.count("GPL001") == 2);
    const auto& first = p.diagnostics[0];
    CHECK(first.rule_id == "GPL001");
    CHECK(first.severity == Severity::Error);
    CHECK(first.location.line == 2);
    CHECK(first.location.column == 31);  // end of the line, where the closing quote is missing
    CHECK(first.message.find("unterminated") != std::string::npos);
    const auto& second = p.diagnostics[1];
    CHECK(second.location.line == 5);
    CHECK(second.location.column == 26);
    // The lines after each error were read.
    CHECK(p.setting("privilege:SeDebugPrivilege") != nullptr);
    CHECK(p.setting("registry:HKLM\\Software\\X\\Good") != nullptr);
    CHECK(p.setting("privilege:SeTcbPrivilege") == nullptr);
}

TEST_CASE("GPL001: entries before any section header") {
    auto p = parse_template("MinimumPasswordLength = 14\n[System Access]\nLockoutBadCount = 5\n");
    REQUIRE(p.count("GPL001") == 1);
    CHECK(p.first("GPL001")->location.line == 1);
    CHECK(p.setting("access:LockoutBadCount") != nullptr);
}

TEST_CASE("GPL001: columns count characters, not bytes") {
    // "é" is two bytes in UTF-8 but one column.
    auto p = parse_template("[Privilege Rights]\nSeX = \xC3\xA9\"\n");
    REQUIRE(p.count("GPL001") == 1);
    CHECK(p.first("GPL001")->location.column == 8);
}

TEST_CASE("GPL001: a flood of bad lines is capped with a summary") {
    std::string text = "[Privilege Rights]\n";
    for (int i = 0; i < 250; ++i) text += "\"bad\n";
    auto p = parse_template(text);
    // 100 errors shown, then one summary error.
    CHECK(p.count("GPL001") == 101);
    CHECK(p.diagnostics.back().message.find("150 more parse errors") != std::string::npos);
}

TEST_CASE("GPL002: unknown section, unknown key, unknown right (notes)") {
    auto p = parse_template(
        "[Sytem Access]\n"
        "MinimumPasswordLength = 14\n"
        "[System Access]\n"
        "MinimumPaswordLength = 14\n"
        "[Privilege Rights]\n"
        "SeMadeUpPrivilege = *S-1-5-32-544\n"
        "[Group Membership]\n"
        "Administrators__Owners = x\n");
    REQUIRE(p.count("GPL002") == 4);
    for (const auto& d : p.diagnostics) CHECK(d.severity == Severity::Note);
    CHECK(p.diagnostics[0].location.line == 1);
    CHECK(p.diagnostics[1].location.line == 4);
    CHECK(p.diagnostics[2].location.line == 6);
    CHECK(p.diagnostics[3].location.line == 8);
    // Unknown keys of known sections still become settings; a bad group key does not.
    CHECK(p.setting("access:MinimumPaswordLength") != nullptr);
    CHECK(p.setting("privilege:SeMadeUpPrivilege") != nullptr);
    CHECK(p.tmpl.group_membership.empty());
}

TEST_CASE("GPL003: duplicate key, the later value wins, the ignored line is reported") {
    auto p = parse_template(
        "[Registry Values]\n"
        "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,0\n"
        "[Privilege Rights]\n"
        "SeTcbPrivilege = *S-1-5-18\n"
        "[Registry Values]\n"
        "machine\\system\\currentcontrolset\\control\\lsa\\nolmhash=4,1\n");
    REQUIRE(p.count("GPL003") == 1);
    const auto* d = p.first("GPL003");
    CHECK(d->severity == Severity::Warning);
    CHECK(d->location.line == 2);
    REQUIRE(d->notes.size() == 1);
    REQUIRE(d->notes[0].location.has_value());
    CHECK(d->notes[0].location->line == 6);
    REQUIRE(p.tmpl.registry_values.size() == 1);
    const auto* nolm = p.setting("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash");
    REQUIRE(nolm != nullptr);
    CHECK(nolm->value.number == 1);
    CHECK(nolm->location.line == 6);
}

TEST_CASE("GPL003: the same key in two different sections is not a duplicate") {
    auto p = parse_template("[System Log]\nMaximumLogSize = 1024\n[Security Log]\nMaximumLogSize = 2048\n");
    CHECK(p.count("GPL003") == 0);
    CHECK(p.setting("log:System\\MaximumLogSize")->value.number == 1024);
    CHECK(p.setting("log:Security\\MaximumLogSize")->value.number == 2048);
}

TEST_CASE("GPL004: values of the wrong type or shape") {
    auto p = parse_template(
        "[Registry Values]\n"
        "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=1,1\n"                              // 2: SZ where DWORD
        "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature=4,yes\n"  // 3
        "MACHINE\\Software\\X\\Big=4,4294967296\n"                                                      // 4: > 32 bits
        "MACHINE\\Software\\X\\Odd=9,1\n"                                                               // 5: type 9
        "MACHINE\\Software\\X\\Blob=3,xyz\n"                                                            // 6: not hex
        "MACHINE\\Software\\X\\Fine=4,4294967295\n"
        "[System Access]\n"
        "MinimumPasswordLength = fourteen\n"                                                            // 9
        "NewGuestName = \"Visitor\"\n"
        "[Service General Setting]\n"
        "\"Spooler\",7,\"\"\n"                                                                          // 12
        "[File Security]\n"
        "\"C:\\x\",3,\"\"\n");                                                                          // 14
    std::vector<uint32_t> lines;
    for (const auto& d : p.diagnostics) {
        CHECK(d.rule_id == "GPL004");
        CHECK(d.severity == Severity::Warning);
        lines.push_back(d.location.line);
    }
    CHECK(lines == std::vector<uint32_t>{2, 3, 4, 5, 6, 9, 12, 14});
    CHECK(p.diagnostics[0].message.find("REG_DWORD") != std::string::npos);
    // The value is still kept as written.
    const auto* nolm = p.setting("registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash");
    REQUIRE(nolm != nullptr);
    CHECK(nolm->value.kind == model::ValueKind::String);
    CHECK(nolm->value.text == "1");
}

TEST_CASE("GPL005: encodings other than UTF-16LE with BOM, and bare LF") {
    auto utf8 = test::parse_bytes("[System Access]\nLockoutBadCount = 5\n");
    REQUIRE(utf8.count("GPL005") == 2);  // encoding and line endings
    for (const auto& d : utf8.diagnostics) CHECK(d.severity == Severity::Note);
    CHECK(utf8.diagnostics[0].message.find("UTF-8") != std::string::npos);

    auto windows = parse_template("[System Access]\nLockoutBadCount = 5\n");
    CHECK(windows.count("GPL005") == 0);

    auto bom8 = test::parse_bytes("\xEF\xBB\xBF[System Access]\r\nLockoutBadCount = 5\r\n");
    CHECK(bom8.count("GPL005") == 1);
}

TEST_CASE("GPL001 for undecodable bytes: odd UTF-16 byte count reports the line of the damage") {
    std::string bytes = encode_text("[System Access]\r\nLockoutBadCount = 5\r\n", Encoding::Utf16LeBom);
    bytes += 'X';  // one stray byte: not a whole UTF-16 code unit
    auto p = test::parse_bytes(bytes);
    REQUIRE(p.count("GPL001") == 1);
    CHECK(p.first("GPL001")->message.find("byte offset " + std::to_string(bytes.size() - 1)) != std::string::npos);
    CHECK(p.first("GPL001")->location.line == 2);  // the text ends after line 2's line break
    CHECK(p.setting("access:LockoutBadCount") != nullptr);
}
