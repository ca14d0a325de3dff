#pragma once
// Error messages of the rule-language grammar, attached through tao::pegtl::must_if: every target of a
// must<> in grammar/rules.hpp has a message here (enforced at compile time).
#include "grammar/rules.hpp"

namespace gpolint::grammar::rules {

template <typename Rule>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr const char* error_message<closing_quote> = "unterminated string: expected '\"' before the end of the line";
template <> inline constexpr const char* error_message<expect_key> = "expected a setting key (kind:name, \"quoted key\" or $var)";
template <> inline constexpr const char* error_message<expect_literal> = "expected a number or a \"string\"";
template <> inline constexpr const char* error_message<expect_pattern> = "expected a \"pattern\" (a string; * matches any text)";
template <> inline constexpr const char* error_message<expect_principal> = "expected a principal (*S-1-… SID, \"name\" or bare name)";
template <> inline constexpr const char* error_message<expect_number> = "expected a number (decimal or 0x hex)";
template <> inline constexpr const char* error_message<expect_role> = "expected a role name (hyperv, cluster, dc or a tag)";
template <> inline constexpr const char* error_message<expect_kw_role> = "expected 'role'";
template <> inline constexpr const char* error_message<expect_open_brace> = "expected '{'";
template <> inline constexpr const char* error_message<expect_close_brace> = "expected ',' or '}'";
template <> inline constexpr const char* error_message<expect_close_paren> = "expected ')'";
template <> inline constexpr const char* error_message<expect_predicate> = "expected an operator after the key (= != < <= > >= in contains has-bits lacks-bits)";
template <> inline constexpr const char* error_message<expect_operand> = "expected a condition (defined, undefined, role, same-gpo, not, '(' or KEY operator value)";
template <> inline constexpr const char* error_message<expect_expr> = "expected a condition";
template <> inline constexpr const char* error_message<expect_and_expr> = "expected a condition after 'or'";
template <> inline constexpr const char* error_message<expect_level> = "expected a severity: error, warning or note";
template <> inline constexpr const char* error_message<expect_text> = "expected a \"string\"";
template <> inline constexpr const char* error_message<expect_rule_id> = "expected a rule ID: GPL followed by three digits";
template <> inline constexpr const char* error_message<expect_slug> = "expected a slug in lower-case kebab form (e.g. hyperv-service-logon)";
template <> inline constexpr const char* error_message<expect_line_end> = "unexpected text at the end of the directive";
template <> inline constexpr const char* error_message<expect_scope> = "expected a scope: gpo, som [not] role ROLE, som or domain";
template <> inline constexpr const char* error_message<expect_variable> = "expected a $variable";
template <> inline constexpr const char* error_message<expect_in> = "expected 'in'";
template <> inline constexpr const char* error_message<expect_each_key> = "expected a setting key";
template <> inline constexpr const char* error_message<expect_at_key> = "expected a setting key";
template <> inline constexpr const char* error_message<expect_see_pair> = "expected \"label\" \"url\"";
template <> inline constexpr const char* error_message<expect_autofix_mode> = "expected 'safe' or 'unsafe'";
template <> inline constexpr const char* error_message<expect_autofix_action> = "expected 'add', 'replace' or 'set'";
template <> inline constexpr const char* error_message<expect_autofix_arg> = "expected an argument";
template <> inline constexpr const char* error_message<expect_directive_or_end> = "unknown directive (expected a directive or 'end')";
template <> inline constexpr const char* error_message<expect_rule_or_eof> = "expected 'rule' or the end of the file";
// clang-format on

struct errors {
    template <typename Rule>
    static constexpr const char* message = error_message<Rule>;
};

}  // namespace gpolint::grammar::rules
