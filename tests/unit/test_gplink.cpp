#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/gplink.hpp"
#include "parse/gplink_value.hpp"

using namespace gpolint;

namespace {
constexpr const char* kA = "{AAAAAAAA-0000-4000-8000-000000000001}";
constexpr const char* kB = "{BBBBBBBB-0000-4000-8000-000000000002}";

std::string element(const std::string& guid, const std::string& options) {
    return "[LDAP://cn=" + guid + ",cn=policies,cn=system,DC=contoso,DC=com;" + options + "]";
}
}  // namespace

TEST_CASE("gplink grammar: analyze finds no problems") {
    CHECK(tao::pegtl::analyze<grammar::gplink::value>(-1) == 0);
}

TEST_CASE("gplink: empty and blank values mean no links") {
    for (const char* text : {"", " ", " \t ", "\r\n"}) {
        CAPTURE(text);
        auto parsed = parse::parse_gplink(text);
        CHECK(parsed.links.empty());
        CHECK(parsed.problems.empty());
    }
}

TEST_CASE("gplink: option values 0-3 set the disabled and enforced bits") {
    struct Row {
        const char* options;
        uint32_t expected;
    };
    for (auto row : {Row{"0", 0}, Row{"1", 1}, Row{"2", 2}, Row{"3", 3}, Row{"4", 4}}) {
        CAPTURE(row.options);
        auto parsed = parse::parse_gplink(element(kA, row.options));
        REQUIRE(parsed.links.size() == 1);
        CHECK(parsed.problems.empty());
        CHECK(parsed.links[0].options == row.expected);
        CHECK(parsed.links[0].gpo_guid == kA);
    }
}

TEST_CASE("gplink: entries keep string order, positions and offsets") {
    auto a = element(kA, "0"), b = element(kB, "2");
    auto parsed = parse::parse_gplink(a + b + a);
    REQUIRE(parsed.links.size() == 3);  // the same GPO may be linked twice
    CHECK(parsed.links[0].gpo_guid == kA);
    CHECK(parsed.links[1].gpo_guid == kB);
    CHECK(parsed.links[2].gpo_guid == kA);
    CHECK(parsed.links[1].position == 1);
    CHECK(parsed.links[1].offset == a.size());
    CHECK(parsed.links[2].offset == a.size() + b.size());
}

TEST_CASE("gplink: a malformed middle element is reported and its neighbours kept") {
    auto a = element(kA, "0"), b = element(kB, "2");
    std::string bad = "[LDAP://cn=not-a-guid,cn=policies;0]";
    auto parsed = parse::parse_gplink(a + bad + b);
    REQUIRE(parsed.links.size() == 2);
    CHECK(parsed.links[0].gpo_guid == kA);
    CHECK(parsed.links[1].gpo_guid == kB);
    CHECK(parsed.links[1].position == 2);  // the bad element still counts as a position
    REQUIRE(parsed.problems.size() == 1);
    CHECK(parsed.problems[0].offset == a.size());
}

TEST_CASE("gplink: prefix, RDN and GUID case vary - GUIDs come out upper-case") {
    auto parsed = parse::parse_gplink(
        "[ldap://CN={aaaaaaaa-0000-4000-8000-000000000001},CN=Policies,CN=System,dc=contoso,dc=com;1]");
    REQUIRE(parsed.links.size() == 1);
    CHECK(parsed.links[0].gpo_guid == kA);
    CHECK(parsed.links[0].options == 1);
}

TEST_CASE("gplink: the options follow the last semicolon of an element") {
    auto parsed = parse::parse_gplink(std::string("[LDAP://cn=") + kA + ",cn=poli;cies,DC=x;0;2]");
    REQUIRE(parsed.links.size() == 1);
    CHECK(parsed.links[0].options == 2);
}

TEST_CASE("gplink: broken shapes are problems, never exceptions") {
    struct Row {
        std::string value;
        size_t links;
        size_t problem_offset;
    };
    auto a = element(kA, "0");
    std::vector<Row> rows = {
        {a.substr(0, a.size() - 1), 0, 0},              // truncated: no ']'
        {std::string("[LDAP://cn=") + kA + ",DC=x]", 0, 0},  // no ';OPTIONS'
        {element(kA, "99999999999"), 0, 0},             // options out of range
        {element(kA, "x"), 0, 0},                        // options not a number
        {"junk" + a, 1, 0},                              // text before an element
        {a + " junk", 1, a.size() + 1},                  // text after it
        {a.substr(0, 20) + a, 1, 0},                     // unterminated element, then a good one
    };
    for (const auto& row : rows) {
        CAPTURE(row.value);
        auto parsed = parse::parse_gplink(row.value);
        CHECK(parsed.links.size() == row.links);
        REQUIRE(parsed.problems.size() == 1);
        CHECK(parsed.problems[0].offset == row.problem_offset);
    }
}
