// audit.csv: grammar, GPMC and auditpol styles, options, global SACLs, bad rows.
#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "core/source.hpp"
#include "grammar/csv.hpp"
#include "parse/audit_csv.hpp"

using namespace gpolint;

namespace {

struct Read {
    std::vector<model::Setting> settings;
    std::vector<Diagnostic> diagnostics;
};

Read read(std::string_view text) {
    Diagnostics diagnostics;
    auto source = decode_text(intern_path("t/audit.csv"), text);
    auto settings = parse::read_audit_csv(source, diagnostics);
    return {std::move(settings), diagnostics.take()};
}

constexpr const char* kHeader =
    "Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value\r\n";

}  // namespace

TEST_CASE("audit grammar: no infinite loops or other analyze problems") {
    CHECK(tao::pegtl::analyze<grammar::csv::file>(1) == 0);
}

TEST_CASE("audit: GPMC rows -> audit:{guid}, Number = setting value, text = subcategory") {
    auto r = read(std::string(kHeader) +
                  ",System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success and Failure,,3\r\n"
                  ",System,Audit PNP Activity,{0cce9248-69ae-11d9-bed3-505054503030},Success,,1\r\n");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 2);
    CHECK(r.settings[0].key.text() == "audit:{0cce9215-69ae-11d9-bed3-505054503030}");
    CHECK(r.settings[0].value.number == 3);
    CHECK(r.settings[0].value.text == "Audit Logon");
    CHECK(r.settings[0].value.kind == model::ValueKind::Number);
    CHECK(r.settings[0].source == model::SourceKind::AuditCsv);
    CHECK(r.settings[0].location.line == 2);
    CHECK(r.settings[1].value.number == 1);
    CHECK(r.settings[1].location.line == 3);
}

TEST_CASE("audit: auditpol /backup style (machine name, upper-case GUID, LF, no final newline)") {
    auto r = read("Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value\n"
                  "DESKTOP,System,IPsec Driver,{0CCE9213-69AE-11D9-BED3-505054503030},Success and Failure,,3");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 1);  // the last row without a line break is read once
    CHECK(r.settings[0].key.text() == "audit:{0cce9213-69ae-11d9-bed3-505054503030}");
    CHECK(r.settings[0].key == model::SettingKey("audit:{0CCE9213-69AE-11D9-BED3-505054503030}"));
}

TEST_CASE("audit: options, global SACLs, per-user rows, empty values, quoted fields") {
    auto r = read(std::string(kHeader) +
                  ",,Option:CrashOnAuditFail,,Enabled,,1\r\n"
                  ",,FileGlobalSacl,,,,\"D:(AU;SA;FA;;;WD)\"\r\n"
                  ",S-1-5-21-1-2-3-1001,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success,,1\r\n"
                  ",System,\"Audit \"\"Other\"\" Events\",{0cce9214-69ae-11d9-bed3-505054503030},,,\r\n"
                  "\r\n");
    CHECK(r.diagnostics.empty());
    REQUIRE(r.settings.size() == 4);
    CHECK(r.settings[0].key.text() == "audit:Option:CrashOnAuditFail");
    CHECK(r.settings[0].value.number == 1);
    CHECK(r.settings[0].value.text == "Enabled");
    CHECK(r.settings[1].key.text() == "audit:FileGlobalSacl");
    CHECK(r.settings[1].value.text == "D:(AU;SA;FA;;;WD)");
    CHECK(r.settings[2].key.text() == "audit:{0cce9215-69ae-11d9-bed3-505054503030}:S-1-5-21-1-2-3-1001");
    CHECK(r.settings[3].value.text == "Audit \"Other\" Events");
    CHECK_FALSE(r.settings[3].value.number.has_value());
}

TEST_CASE("audit: bad rows are reported at their line and the next rows are still read") {
    auto r = read(std::string(kHeader) +
                  ",System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030}\r\n"           // 4 columns
                  ",System,\"unterminated,{0cce9215-69ae-11d9-bed3-505054503030},x,,3\r\n"    // stray quote
                  ",System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success,,one\r\n"  // not a number
                  ",System,Audit PNP Activity,{0cce9248-69ae-11d9-bed3-505054503030},Success,,1\r\n");
    REQUIRE(r.settings.size() == 2);
    CHECK(r.settings[1].value.number == 1);
    REQUIRE(r.diagnostics.size() == 3);
    CHECK(r.diagnostics[0].severity == Severity::Error);
    CHECK(r.diagnostics[0].location.line == 2);
    CHECK(r.diagnostics[1].severity == Severity::Error);
    CHECK(r.diagnostics[1].location.line == 3);
    CHECK(r.diagnostics[2].rule_id == "GPL004");
    CHECK(r.diagnostics[2].location.line == 4);
}

TEST_CASE("audit: garbage never crashes") {
    uint32_t state = 99;
    for (int i = 0; i < 40; ++i) {
        std::string bytes;
        for (int k = 0; k < 120; ++k) {
            static constexpr char kAlphabet[] = ",\"\r\nab{}-0";
            bytes.push_back(kAlphabet[((state = state * 1664525u + 1013904223u) >> 24) % (sizeof kAlphabet - 1)]);
        }
        auto r = read(bytes);
        for (const auto& s : r.settings) CHECK(s.key.text().rfind("audit:", 0) == 0);
    }
}
