// Per-GPO facts and the predicate evaluator on hand-built GPOs.
#include <doctest/doctest.h>

#include "core/source.hpp"
#include "rules/evaluator.hpp"
#include "rules/rule_parser.hpp"
#include "test_check_helpers.hpp"

using namespace gpolint;
using namespace gpolint::testing;

namespace {

// Parses `when EXPR` inside a minimal rule and returns the instantiated (case-folded) predicate.
rules::Expr predicate(const std::string& expr) {
    std::string text = "rule GPL999 t\n severity note\n title \"t\"\n scope gpo\n when " + expr +
                       "\n message \"m\"\n rationale \"r\"\n fix \"f\"\n see \"a\" \"b\"\n bad \"\"\n good \"\"\nend\n";
    Diagnostics diagnostics;
    auto parsed = rules::parse_rules(decode_text(intern_path("expr.rules"), text), diagnostics);
    REQUIRE_MESSAGE(diagnostics.all().empty(), (diagnostics.all().empty() ? "" : diagnostics.all()[0].message));
    REQUIRE(parsed.size() == 1);
    return rules::instantiate(parsed[0]).at(0).when;
}

bool holds(const std::string& expr, const model::Gpo& g) { return rules::evaluate(predicate(expr), rules::GpoFacts(g)); }

}  // namespace

TEST_CASE("within one GPO the template beats registry.pol, and the last setting wins") {
    auto g = gpo("{A}", "A",
                 {dword(kLsa + "NoLMHash", 1, "A/GptTmpl.inf", 3),
                  dword(kLsa + "NoLMHash", 0, "A/registry.pol", 0, model::SourceKind::RegistryPol),
                  dword(kLsa + "LmCompatibilityLevel", 1, "A/GptTmpl.inf", 4),
                  dword(kLsa + "LmCompatibilityLevel", 5, "A/GptTmpl.inf", 9)});
    rules::GpoFacts facts(g);
    const auto* nolm = facts.winner(model::fold_case(kLsa + "NoLMHash"));
    REQUIRE(nolm != nullptr);
    CHECK(nolm->value.number == 1);
    const auto* lmc = facts.winner(model::fold_case(kLsa + "LmCompatibilityLevel"));
    REQUIRE(lmc != nullptr);
    CHECK(lmc->location.line == 9);
}

TEST_CASE("a deleted value is undefined") {
    auto deleted = dword(kLsa + "NoLMHash", 1, "A/registry.pol", 0, model::SourceKind::RegistryPol);
    deleted.op = model::Operation::DeleteValue;
    auto g = gpo("{A}", "A", {deleted});
    CHECK(holds("undefined " + kLsa + "NoLMHash", g));
    CHECK_FALSE(holds(kLsa + "NoLMHash = 1", g));
}

TEST_CASE("comparisons, sets, bits, prefixes and principals") {
    auto reg_sz = dword(kLsa + "Text", 0, "A/GptTmpl.inf", 5);
    reg_sz.value.kind = model::ValueKind::String;
    reg_sz.value.number.reset();
    reg_sz.value.text = "\"12\"";
    auto g = gpo("{A}", "A",
                 {dword(kLsa + "LmCompatibilityLevel", 1, "A/GptTmpl.inf", 1),
                  dword("registry:HKLM\\Kerb\\SupportedEncryptionTypes", 0x18, "A/GptTmpl.inf", 2),
                  privilege("SeServiceLogonRight", {"*S-1-5-20", "NT VIRTUAL MACHINE\\Virtual Machines"}, "A/GptTmpl.inf", 3),
                  privilege("SeDenyNetworkLogonRight", {}, "A/GptTmpl.inf", 4), reg_sz});
    const std::string lmc = kLsa + "LmCompatibilityLevel";
    CHECK(holds(lmc + " = 1", g));
    CHECK(holds(lmc + " < 3", g));
    CHECK_FALSE(holds(lmc + " >= 3", g));
    CHECK(holds(lmc + " != 0x2", g));
    CHECK(holds(lmc + " in {0, 1}", g));
    CHECK_FALSE(holds(lmc + " in {2, 3}", g));
    CHECK(holds(kLsa + "Text = 12", g));           // REG_SZ digits compare numerically
    CHECK(holds(kLsa + "Text = \"12\"", g));
    CHECK(holds("registry:HKLM\\Kerb\\SupportedEncryptionTypes has-bits 0x8", g));
    CHECK(holds("registry:HKLM\\Kerb\\SupportedEncryptionTypes lacks-bits 0x3", g));
    CHECK_FALSE(holds("registry:HKLM\\Kerb\\SupportedEncryptionTypes has-bits 0x1", g));
    CHECK(holds("privilege:SeServiceLogonRight contains *S-1-5-83-0", g));
    CHECK(holds("privilege:seservicelogonright contains \"Network Service\"", g));
    CHECK(holds("privilege:SeServiceLogonRight contains any {Everyone, *S-1-5-20}", g));
    CHECK_FALSE(holds("privilege:SeServiceLogonRight contains any {Everyone, *S-1-5-19}", g));
    CHECK(holds("defined privilege:SeDenyNetworkLogonRight", g));        // empty list = defined, no one
    CHECK_FALSE(holds("privilege:SeDenyNetworkLogonRight contains Everyone", g));
    CHECK(holds("defined privilege:*", g));
    CHECK_FALSE(holds("defined kerberos:*", g));
    CHECK_FALSE(holds("privilege:SeBatchLogonRight contains Everyone", g));  // undefined: false
    CHECK(holds("not privilege:SeBatchLogonRight contains Everyone", g));
    CHECK_FALSE(holds("role hyperv", g));                                   // no roles per GPO
    CHECK(holds("same-gpo " + lmc + " privilege:SeServiceLogonRight", g));
    CHECK(holds("(" + lmc + " = 5 or " + lmc + " = 1) and not defined kerberos:MaxTicketAge", g));
}

TEST_CASE("message placeholders") {
    auto g = gpo("{A}", "Baseline", {privilege("SeServiceLogonRight", {"*S-1-5-20"}, "A/GptTmpl.inf", 3)});
    rules::GpoFacts facts(g);
    rules::RenderContext context{facts, "OU=X", "Baseline", "privilege:SeServiceLogonRight"};
    CHECK(rules::render("{value:privilege:SeServiceLogonRight} by {gpo:privilege:seservicelogonright} on {som}, {key} {unknown}",
                        context) == "*S-1-5-20 by 'Baseline' on OU=X, privilege:SeServiceLogonRight {unknown}");
    CHECK(rules::render("{value:audit:{0cce9215-69ae-11d9-bed3-505054503030}}", context) == "(not defined)");
}
