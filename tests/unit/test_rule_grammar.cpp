// The rule language: grammar analysis, error positions, metadata checks, and the policies/ folder.
#include <doctest/doctest.h>

#include <string>
#include <tao/pegtl/contrib/analyze.hpp>

#include "core/source.hpp"
#include "grammar/rules.hpp"
#include "rules/loader.hpp"
#include "rules/rule_parser.hpp"

using namespace gpolint;

namespace {

struct Parsed {
    std::vector<rules::Rule> rules;
    std::vector<Diagnostic> errors;
};

Parsed parse(const std::string& text) {
    Diagnostics diagnostics;
    auto source = decode_text(intern_path("test.rules"), text);
    Parsed parsed;
    parsed.rules = rules::parse_rules(source, diagnostics);
    parsed.errors = diagnostics.take();
    return parsed;
}

const std::string kMinimal =
    "rule GPL999 test-rule\n"
    "  severity warning\n"
    "  title \"t\"\n"
    "  scope som role hyperv\n"
    "  when defined privilege:SeServiceLogonRight\n"
    "  message \"m\"\n"
    "  rationale \"r\"\n"
    "  fix \"f\"\n"
    "  see \"KB\" \"https://example.invalid\"\n"
    "  bad \"[Privilege Rights]\\nSeServiceLogonRight = *S-1-5-20\"\n"
    "  good \"\"\n"
    "end\n";

// Replaces the first line starting (after indentation) with `directive` by `replacement`.
std::string with_line(const std::string& directive, const std::string& replacement) {
    std::string text = kMinimal;
    auto pos = text.find("  " + directive + " ");
    auto end = text.find('\n', pos);
    return text.replace(pos, end - pos, replacement);
}

}  // namespace

TEST_CASE("rule grammar has no infinite loops or left recursion") {
    CHECK(tao::pegtl::analyze<grammar::rules::file>(-1) == 0);
}

TEST_CASE("a minimal rule parses into its metadata") {
    auto parsed = parse(kMinimal);
    REQUIRE(parsed.errors.empty());
    REQUIRE(parsed.rules.size() == 1);
    const auto& rule = parsed.rules[0];
    CHECK(rule.id == "GPL999");
    CHECK(rule.slug == "test-rule");
    CHECK(rule.severity == Severity::Warning);
    CHECK(rule.scope.kind == rules::ScopeKind::Som);
    CHECK(rule.scope.role == "hyperv");
    CHECK(rule.bad.at(0) == "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-20");
    CHECK(rule.see.at(0).url == "https://example.invalid");
    CHECK(rule.location.line == 1);
}

TEST_CASE("expressions: precedence, negation, sets and multi-line continuation") {
    auto parsed = parse(with_line("when",
        "  when defined a:x and not a:y contains *S-1-5-83-0\n"
        "       or (a:z in {0, 0x1, \"two\"} and role dc) or a:w has-bits 0x18 or same-gpo a:x a:y"));
    REQUIRE(parsed.errors.empty());
    const auto& when = *parsed.rules.at(0).when;
    REQUIRE(when.op == rules::Op::Or);
    REQUIRE(when.children.size() == 4);
    CHECK(when.children[0].op == rules::Op::And);
    CHECK(when.children[0].children[1].op == rules::Op::Not);
    CHECK(when.children[0].children[1].children[0].principals.at(0) == "*S-1-5-83-0");
    const auto& in = when.children[1].children[0];
    CHECK(in.op == rules::Op::In);
    REQUIRE(in.literals.size() == 3);
    CHECK(in.literals[1].number == 1);
    CHECK(in.literals[2].text == "two");
    CHECK(when.children[1].children[1].op == rules::Op::Role);
    CHECK(when.children[2].op == rules::Op::HasBits);
    CHECK(when.children[2].literals.at(0).number == 0x18);
    CHECK(when.children[3].op == rules::Op::SameGpo);
    CHECK(when.children[3].key2 == "a:y");
}

TEST_CASE("matches: one pattern or any of a list, strings only") {
    auto parsed = parse(with_line("when",
        "  when a:x matches \"http://*\" or a:y matches any {\"*\\\\scripts\\\\*\", \"*-p *\"}"));
    REQUIRE(parsed.errors.empty());
    const auto& when = *parsed.rules.at(0).when;
    REQUIRE(when.children.size() == 2);
    CHECK(when.children[0].op == rules::Op::Matches);
    CHECK(when.children[0].literals.at(0).text == "http://*");
    CHECK(when.children[1].op == rules::Op::Matches);
    REQUIRE(when.children[1].literals.size() == 2);
    CHECK(when.children[1].literals[0].text == "*\\scripts\\*");

    auto bad = parse(with_line("when", "  when a:x matches 5"));
    REQUIRE(bad.errors.size() >= 1);
    CHECK(bad.errors[0].location.column == 20);
    CHECK(bad.errors[0].message.find("pattern") != std::string::npos);
}

TEST_CASE("keys with braces, quotes and prefixes") {
    auto parsed = parse(with_line("when",
        "  when defined audit:{0cce9215-69ae-11d9-bed3-505054503030} and defined kerberos:*\n"
        "       and \"registry:HKLM\\Software\\Policies\\Microsoft\\Windows NT\\Terminal Services\\fDisableCdm\" = 1"));
    REQUIRE(parsed.errors.empty());
    auto keys = rules::keys_of(*parsed.rules.at(0).when);
    REQUIRE(keys.size() == 3);
    CHECK(keys[0] == "audit:{0cce9215-69ae-11d9-bed3-505054503030}");
    CHECK(keys[1] == "kerberos:*");
    CHECK(keys[2] == "registry:HKLM\\Software\\Policies\\Microsoft\\Windows NT\\Terminal Services\\fDisableCdm");
}

TEST_CASE("syntax errors are reported at line:column") {
    struct Case {
        std::string text;
        uint32_t line, column;
        std::string message_part;
    };
    const Case cases[] = {
        {with_line("severity", "  severity fatal"), 2, 12, "severity"},
        {with_line("severity", "  colour red"), 2, 3, "unknown directive"},
        {with_line("title", "  title \"unterminated"), 3, 22, "unterminated"},
        // a value may continue on the next line, so a missing operand is reported where it is looked for
        {with_line("when", "  when defined"), 6, 3, "setting key"},
        {with_line("when", "  when a:x ~ 1"), 5, 12, "operator"},
        {with_line("when", "  when a:x in {1, 2"), 6, 3, "'}'"},
        {with_line("scope", "  scope everywhere"), 4, 9, "scope"},
        {"rule GPL12 bad-id\nend\n", 1, 11, "GPL"},  // where the third digit is missing
        {"rule GPL123 BadSlug\nend\n", 1, 13, "slug"},
        {"something else\n", 1, 1, "'rule'"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        auto parsed = parse(c.text);
        REQUIRE(parsed.errors.size() >= 1);
        CHECK(parsed.errors[0].location.line == c.line);
        CHECK(parsed.errors[0].location.column == c.column);
        CHECK(parsed.errors[0].message.find(c.message_part) != std::string::npos);
        CHECK(parsed.errors[0].rule_id == rules::kRuleFileErrorId);
    }
}

TEST_CASE("deep nesting is an error, not a stack overflow") {
    auto parsed = parse(with_line("when", "  when " + std::string(100000, '(') + "a:b = 1"));
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].message.find("nesting depth") != std::string::npos);
    CHECK(parsed.errors[0].location.line == 5);
    auto fine = parse(with_line("when", "  when " + std::string(50, '(') + "a:b = 1" + std::string(50, ')')));
    CHECK(fine.errors.empty());
}

TEST_CASE("metadata errors: missing and duplicate directives") {
    auto missing = parse(with_line("title", ""));
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].message.find("'title'") != std::string::npos);
    CHECK(missing.errors[0].location.line == 1);
    CHECK(missing.rules.empty());

    auto duplicate = parse(with_line("fix", "  fix \"a\"\n  fix \"b\""));
    REQUIRE(duplicate.errors.size() == 1);
    CHECK(duplicate.errors[0].message.find("duplicate directive 'fix'") != std::string::npos);
    CHECK(duplicate.errors[0].location.line == 9);

    auto per_gpo_on_gpo = parse(with_line("scope", "  scope gpo\n  per-gpo warning \"x\""));
    REQUIRE(per_gpo_on_gpo.errors.size() == 1);
    CHECK(per_gpo_on_gpo.errors[0].message.find("per-gpo") != std::string::npos);

    auto variable_without_each = parse(with_line("when", "  when defined $right"));
    REQUIRE(variable_without_each.errors.size() == 1);
    CHECK(variable_without_each.errors[0].message.find("$right") != std::string::npos);
}

TEST_CASE("duplicate IDs across files and builtin records without a class") {
    auto parsed = parse(kMinimal + kMinimal);
    REQUIRE(parsed.rules.size() == 2);
    Diagnostics diagnostics;
    rules::check_rule_set(parsed.rules, false, diagnostics);
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].message.find("duplicate rule ID GPL999") != std::string::npos);
    CHECK(diagnostics.all()[0].location.line == 13);

    auto builtin = parse(with_line("when", "  builtin"));
    REQUIRE(builtin.errors.empty());
    Diagnostics builtin_diagnostics;
    rules::check_rule_set(builtin.rules, false, builtin_diagnostics);
    REQUIRE(builtin_diagnostics.all().size() == 1);
    CHECK(builtin_diagnostics.all()[0].message.find("no built-in check") != std::string::npos);
}

TEST_CASE("each instantiates one rule per key and substitutes {$var}") {
    auto parsed = parse(with_line("when", "  each $right in {privilege:SeA, privilege:SeB}\n  when defined $right")
                            .replace(kMinimal.find("message \"m\"") + 14, 0, ""));
    REQUIRE(parsed.errors.empty());
    auto instances = rules::instantiate(parsed.rules.at(0));
    REQUIRE(instances.size() == 2);
    CHECK(instances[0].at == "privilege:sea");
    CHECK(instances[1].when.key == "privilege:seb");
}

TEST_CASE("the policies folder loads without errors") {
    Diagnostics diagnostics;
    auto rules = rules::load_rules(rules::default_rules_dir(), diagnostics);
    rules::check_rule_set(rules, true, diagnostics);
    for (const auto& d : diagnostics.all())
        FAIL_CHECK(d.location.file.str() << ":" << d.location.line << ":" << d.location.column << ": " << d.message);
    CHECK(rules.size() >= 10);
}
