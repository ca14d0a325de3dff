// A rule's fix text as its documentation shows it (HTML rules section, SARIF help): placeholders that
// only a finding can fill are phrased generally, never shown raw.
#include <doctest/doctest.h>

#include "rules/evaluator.hpp"
#include "rules/loader.hpp"

using namespace gpolint;

TEST_CASE("render_general phrases the placeholders a finding would fill") {
    using rules::render_general;
    CHECK(render_general("Add *S-1-5-83-0 to SeServiceLogonRight in {gpo:privilege:SeServiceLogonRight}.") ==
          "Add *S-1-5-83-0 to SeServiceLogonRight in the GPO that sets SeServiceLogonRight.");
    CHECK(render_general("Raise it in {gpo:registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel}.") ==
          "Raise it in the GPO that sets LmCompatibilityLevel.");
    CHECK(render_general("Limit '{$right}' in {gpo:$right} on {som}.") ==
          "Limit the right named in the finding in the GPO that sets it on the OU.");
    CHECK(render_general("Set LSAAnonymousNameLookup = 0 in {gpo}.") == "Set LSAAnonymousNameLookup = 0 in the GPO that sets it.");
    CHECK(render_general("no placeholder, a { lone brace") == "no placeholder, a { lone brace");
    CHECK(render_general("{unknown} stays") == "{unknown} stays");
}

TEST_CASE("render_general leaves no placeholder in any shipped rule's fix") {
    Diagnostics diagnostics;
    auto loaded = rules::load_rules(rules::default_rules_dir(), diagnostics);
    REQUIRE(diagnostics.all().empty());
    size_t with_placeholders = 0;
    for (const auto& rule : loaded) {
        if (rule.fix.find('{') != std::string::npos) ++with_placeholders;
        std::string general = rules::render_general(rule.fix);
        INFO(rule.id << ": " << general);
        CHECK(general.find("{gpo") == std::string::npos);
        CHECK(general.find("{$") == std::string::npos);
        CHECK(general.find("{som}") == std::string::npos);
        CHECK(general.find("{value:") == std::string::npos);
    }
    CHECK(with_placeholders >= 10);  // the rules above do use them
}
