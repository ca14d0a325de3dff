// gpolint compare: a hand-made pair of GPO sets with known differences, compared exactly; conflicts
// inside one set; the settings matrix; friendly names; CSV quoting.
#include <doctest/doctest.h>

#include <sstream>

#include "compare/compare.hpp"
#include "report/compare_report.hpp"

using namespace gpolint;
using namespace gpolint::compare;

namespace {

model::Setting number(const std::string& key, int64_t n) {
    model::Setting s;
    s.key = model::SettingKey(key);
    s.value.kind = model::ValueKind::Number;
    s.value.text = std::to_string(n);
    s.value.number = n;
    return s;
}

model::Setting principals(const std::string& key, std::vector<std::string> items) {
    model::Setting s;
    s.key = model::SettingKey(key);
    s.value.kind = model::ValueKind::PrincipalList;
    s.value.items = std::move(items);
    return s;
}

model::Gpo gpo(const std::string& name, std::vector<model::Setting> settings) {
    model::Gpo g;
    g.name = name;
    g.settings = std::move(settings);
    return g;
}

const std::string kLmLevel = "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel";
const std::string kNoLmHash = "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash";

std::vector<model::Gpo> baseline() {
    return {gpo("Baseline", {number("access:MinimumPasswordLength", 14),
                             principals("privilege:SeDebugPrivilege", {"*S-1-5-32-544"}), number(kLmLevel, 5),
                             number(kNoLmHash, 1)})};
}

std::vector<model::Gpo> mine() {
    // Same debug right spelt in another case, same NoLMHash; shorter passwords, no LM level, a lockout.
    return {gpo("Mine", {number("access:MinimumPasswordLength", 8), principals("privilege:SeDebugPrivilege", {"*s-1-5-32-544"}),
                         number(kNoLmHash, 1), number("access:LockoutBadCount", 10)})};
}

std::string describe(const Row& row) {
    return std::string(to_string(row.status)) + " " + row.key + " [" + row.name + "] " +
           (row.left.present ? row.left.shown + " " + row.left.gpos : "-") + " / " +
           (row.right.present ? row.right.shown + " " + row.right.gpos : "-");
}

}  // namespace

TEST_CASE("compare: a hand-made pair gives exactly its known differences") {
    SettingNames names;
    auto left = baseline(), right = mine();
    Comparison result = compare::compare({&left, nullptr}, {&right, nullptr}, names);
    REQUIRE(result.rows.size() == 3);
    CHECK(describe(result.rows[0]) == "extra access:LockoutBadCount [LockoutBadCount] - / 10 'Mine'");
    CHECK(describe(result.rows[1]) == "different access:MinimumPasswordLength [MinimumPasswordLength] 14 'Baseline' / 8 'Mine'");
    CHECK(describe(result.rows[2]) == "missing " + kLmLevel +
                                          " [LmCompatibilityLevel (HKLM\\System\\CurrentControlSet\\Control\\Lsa)] 5 'Baseline' / -");
    CHECK(result.count(Status::Missing) == 1);
    CHECK(result.count(Status::Different) == 1);
    CHECK(result.count(Status::Extra) == 1);
    CHECK(result.compared_settings == 5);
    for (const Row& row : result.rows) CHECK(row.scope == "GPO set");
    // The same pair the other way round swaps missing and extra.
    Comparison back = compare::compare({&right, nullptr}, {&left, nullptr}, names);
    REQUIRE(back.rows.size() == 3);
    CHECK(back.rows[0].status == Status::Missing);
    CHECK(back.rows[2].status == Status::Extra);
    // A set compared with itself has no difference.
    CHECK(compare::compare({&left, nullptr}, {&left, nullptr}, names).rows.empty());
}

TEST_CASE("compare: friendly names come from policies/setting-names.tsv") {
    SettingNames names;
    REQUIRE(names.load(std::string(GPOLINT_SOURCE_DIR) + "/policies/setting-names.tsv"));
    CHECK(names.name_of("privilege:SeServiceLogonRight") == "Log on as a service");
    CHECK(names.name_of("PRIVILEGE:seservicelogonright") == "Log on as a service");
    CHECK(names.name_of(kLmLevel) == "Network security: LAN Manager authentication level");
    CHECK(names.name_of("service:Spooler") == "Spooler");
    CHECK_FALSE(names.load("/no/such/file.tsv"));
}

TEST_CASE("compare: GPOs of one set that disagree are a conflict, listed with each GPO's value") {
    SettingNames names;
    auto left = baseline();
    std::vector<model::Gpo> right = {gpo("A", {number("access:MinimumPasswordLength", 14)}),
                                     gpo("B", {number("access:MinimumPasswordLength", 12)})};
    Comparison result = compare::compare({&left, nullptr}, {&right, nullptr}, names);
    const Row* row = nullptr;
    for (const Row& r : result.rows)
        if (r.key == "access:MinimumPasswordLength") row = &r;
    REQUIRE(row);
    CHECK(row->status == Status::Different);
    CHECK(row->right.conflict);
    CHECK(row->right.shown == "14 ('A') | 12 ('B')");
    CHECK(row->right.gpos == "'A', 'B'");
}

TEST_CASE("compare: the settings matrix has one column per GPO and marks conflicts") {
    SettingNames names;
    std::vector<model::Gpo> gpos = {gpo("A", {number("access:MinimumPasswordLength", 14), number(kNoLmHash, 1)}),
                                    gpo("B", {number("access:MinimumPasswordLength", 12), number(kNoLmHash, 1)})};
    Matrix matrix = settings_matrix(gpos, names);
    REQUIRE(matrix.gpos == std::vector<std::string>{"A", "B"});
    REQUIRE(matrix.lines.size() == 2);
    CHECK(matrix.lines[0].key == "access:MinimumPasswordLength");
    CHECK(matrix.lines[0].values == std::vector<std::string>{"14", "12"});
    CHECK(matrix.lines[0].conflict);
    CHECK(matrix.lines[1].values == std::vector<std::string>{"1", "1"});
    CHECK_FALSE(matrix.lines[1].conflict);
    std::ostringstream csv;
    report::write_matrix_csv(csv, matrix);
    CHECK(csv.str() == "setting,key,conflict,A,B\r\n"
                       "MinimumPasswordLength,access:MinimumPasswordLength,yes,14,12\r\n"
                       "NoLMHash (HKLM\\System\\CurrentControlSet\\Control\\Lsa),"
                       "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash,no,1,1\r\n");
}

TEST_CASE("compare: CSV fields are quoted and cannot turn into spreadsheet formulas") {
    CHECK(report::csv_field("plain") == "plain");
    CHECK(report::csv_field("a,b") == "\"a,b\"");
    CHECK(report::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(report::csv_field("=HYPERLINK(1)") == "'=HYPERLINK(1)");
    CHECK(report::csv_field("-1") == "-1");
    CHECK(report::csv_field("@SUM(A1)") == "'@SUM(A1)");
}

TEST_CASE("compare: the JSON and CSV outputs of the hand-made pair") {
    SettingNames names;
    auto left = baseline(), right = mine();
    Comparison result = compare::compare({&left, nullptr}, {&right, nullptr}, names);
    std::ostringstream csv;
    report::write_comparison_csv(csv, result);
    CHECK(csv.str() == "scope,status,setting,key,left,left_gpos,right,right_gpos\r\n"
                       "GPO set,extra,LockoutBadCount,access:LockoutBadCount,,,10,'Mine'\r\n"
                       "GPO set,different,MinimumPasswordLength,access:MinimumPasswordLength,14,'Baseline',8,'Mine'\r\n"
                       "GPO set,missing,LmCompatibilityLevel (HKLM\\System\\CurrentControlSet\\Control\\Lsa),"
                       "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel,5,'Baseline',,\r\n");
    std::ostringstream json;
    report::write_comparison_json(json, result, {"base", "mine"});
    CHECK(json.str().find("\"missing\": 1") != std::string::npos);
    CHECK(json.str().find("\"status\": \"different\"") != std::string::npos);
    CHECK(json.str().find("\"right\": null") != std::string::npos);
}

TEST_CASE("compare: each OU's effective policy is compared with the reference") {
    SettingNames names;
    auto left = baseline();
    std::vector<model::Gpo> right = mine();
    right[0].guid = "{AAAA0000-0000-0000-0000-000000000001}";
    right.push_back(gpo("Servers LM", {number(kLmLevel, 5)}));
    right[1].guid = "{AAAA0000-0000-0000-0000-000000000002}";
    model::Topology topology;
    model::Som domain;
    domain.dn = "DC=contoso,DC=com";
    domain.kind = model::SomKind::Domain;
    domain.links.push_back({right[0].guid, false, false, 0, {}, {}});
    topology.add_som(domain);
    model::Som servers;
    servers.dn = "OU=Servers,DC=contoso,DC=com";
    servers.parent = 0;
    servers.links.push_back({right[1].guid, false, false, 0, {}, {}});
    topology.add_som(servers);

    Comparison result = compare::compare({&left, nullptr}, {&right, &topology}, names);
    CHECK(result.compared_soms == 2);
    std::string seen;
    for (const Row& row : result.rows) seen += row.scope + " " + to_string(row.status) + " " + row.key + "\n";
    // The set as a whole sets the LM level (in 'Servers LM'); the domain alone does not, OU=Servers does.
    CHECK(seen == "GPO set extra access:LockoutBadCount\n"
                  "GPO set different access:MinimumPasswordLength\n"
                  "DC=contoso,DC=com extra access:LockoutBadCount\n"
                  "DC=contoso,DC=com different access:MinimumPasswordLength\n"
                  "DC=contoso,DC=com missing " + kLmLevel + "\n"
                  "OU=Servers,DC=contoso,DC=com extra access:LockoutBadCount\n"
                  "OU=Servers,DC=contoso,DC=com different access:MinimumPasswordLength\n");
    CHECK(compare::compare({&left, nullptr}, {&right, &topology}, names, false).compared_soms == 0);
}
