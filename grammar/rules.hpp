#pragma once
// The rule language of policies/*.rules (docs/rule-language.md). Rules only: no actions, no I/O.
// Error messages live in grammar/rules_errors.hpp; actions in src/rules/rule_parser.cpp.
//
// Directives are line-oriented, but a value may continue on the following lines (the separators inside
// a value accept line breaks and comments), so a long `when` can be split before `and` / `or`.
#include <tao/pegtl.hpp>

namespace gpolint::grammar::rules {

namespace pegtl = tao::pegtl;
using namespace tao::pegtl;

// ---- lexical -------------------------------------------------------------------------------------
struct comment : seq<one<'#'>, star<not_one<'\r', '\n'>>> {};
struct blank : one<' ', '\t'> {};
struct sp : plus<blank> {};                                       // inside one line
struct ws : star<sor<blank, comment, eol>> {};                    // inside a value, may cross lines
struct line_end : seq<star<blank>, opt<comment>, eolf> {};
struct skip : star<sor<blank, comment, eol>> {};                  // between rules

struct word_char : sor<alnum, one<'-', '_'>> {};
template <typename Word>
struct keyword : seq<Word, not_at<word_char>> {};

struct escape : seq<one<'\\'>, not_one<'\r', '\n'>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\r', '\n'>> {};
struct closing_quote : one<'"'> {};                               // a string must close on its line
struct quoted : seq<one<'"'>, star<string_char>, must<closing_quote>> {};

struct number : seq<opt<one<'-'>>, sor<seq<one<'0'>, one<'x', 'X'>, plus<xdigit>>, plus<digit>>, not_at<word_char>> {};

// KEY: kind:body, braces kept balanced so `audit:{guid}` works inside `{KEY, KEY}`; or a quoted key
// when it holds spaces ("registry:HKLM\Software\Policies\Microsoft\Windows NT\…"); or an `each` $var.
struct key_kind : plus<sor<alnum, one<'_'>>> {};
struct braced : seq<one<'{'>, star<not_one<'}', '\r', '\n'>>, one<'}'>> {};
struct key_body_char : not_one<' ', '\t', '\r', '\n', ',', '{', '}', '#', '"', '(', ')'> {};
struct bare_key : seq<key_kind, one<':'>, plus<sor<braced, key_body_char>>> {};
struct variable : seq<one<'$'>, plus<word_char>> {};
struct key : sor<variable, bare_key, quoted> {};

struct sid_pattern : seq<one<'*'>, one<'S', 's'>, one<'-'>, plus<sor<alnum, one<'-', '*'>>>> {};
struct bare_name : plus<sor<alnum, one<'-', '_', '.', '\\', '$'>>> {};
struct principal : sor<sid_pattern, quoted, bare_name> {};
struct literal : sor<number, quoted> {};
struct role_name : plus<sor<alnum, one<'-', '_', '.'>>> {};

// ---- expressions ---------------------------------------------------------------------------------
struct kw_and : keyword<TAO_PEGTL_STRING("and")> {};
struct kw_or : keyword<TAO_PEGTL_STRING("or")> {};
struct kw_not : keyword<TAO_PEGTL_STRING("not")> {};
struct kw_defined : keyword<TAO_PEGTL_STRING("defined")> {};
struct kw_undefined : keyword<TAO_PEGTL_STRING("undefined")> {};
struct kw_in : keyword<TAO_PEGTL_STRING("in")> {};
struct kw_contains : keyword<TAO_PEGTL_STRING("contains")> {};
struct kw_any : keyword<TAO_PEGTL_STRING("any")> {};
struct kw_has_bits : keyword<TAO_PEGTL_STRING("has-bits")> {};
struct kw_matches : keyword<TAO_PEGTL_STRING("matches")> {};
struct kw_lacks_bits : keyword<TAO_PEGTL_STRING("lacks-bits")> {};
struct kw_role : keyword<TAO_PEGTL_STRING("role")> {};
struct kw_same_gpo : keyword<TAO_PEGTL_STRING("same-gpo")> {};

// Targets of must<>: each has its own message in rules_errors.hpp.
struct expect_key : key {};
struct expect_literal : literal {};
struct expect_principal : principal {};
struct expect_number : number {};
struct expect_role : role_name {};
struct expect_open_brace : one<'{'> {};
struct expect_close_brace : one<'}'> {};
struct expect_close_paren : one<')'> {};
struct expect_predicate;
struct expect_operand;

struct list_sep : seq<ws, one<','>, ws> {};
struct cmp_op : sor<string<'<', '='>, string<'>', '='>, string<'!', '='>, one<'='>, one<'<'>, one<'>'>> {};
struct compare : seq<cmp_op, ws, must<expect_literal>> {};
struct in_set : seq<kw_in, ws, must<expect_open_brace>, ws, must<expect_literal>,
                    star<list_sep, must<expect_literal>>, ws, must<expect_close_brace>> {};
struct contains_any : seq<kw_contains, ws, kw_any, ws, must<expect_open_brace>, ws, must<expect_principal>,
                          star<list_sep, must<expect_principal>>, ws, must<expect_close_brace>> {};
struct contains_one : seq<kw_contains, ws, must<expect_principal>> {};
struct expect_pattern : quoted {};
struct matches_any : seq<kw_matches, ws, kw_any, ws, must<expect_open_brace>, ws, must<expect_pattern>,
                         star<list_sep, must<expect_pattern>>, ws, must<expect_close_brace>> {};
struct matches_one : seq<kw_matches, ws, must<expect_pattern>> {};
struct has_bits : seq<kw_has_bits, ws, must<expect_number>> {};
struct lacks_bits : seq<kw_lacks_bits, ws, must<expect_number>> {};
struct expect_predicate : sor<compare, in_set, contains_any, contains_one, matches_any, matches_one, has_bits, lacks_bits> {};

struct defined_atom : seq<kw_defined, ws, must<expect_key>> {};
struct undefined_atom : seq<kw_undefined, ws, must<expect_key>> {};
struct role_atom : seq<kw_role, ws, must<expect_role>> {};
struct same_gpo_atom : seq<kw_same_gpo, ws, must<expect_key>, ws, must<expect_key>> {};
struct key_atom : seq<key, ws, must<expect_predicate>> {};
struct atom : sor<defined_atom, undefined_atom, role_atom, same_gpo_atom, key_atom> {};

struct expr;
struct expect_expr;
struct not_expr : seq<kw_not, ws, must<expect_operand>> {};
struct group : seq<one<'('>, ws, must<expect_expr>, ws, must<expect_close_paren>> {};
struct expect_operand : sor<not_expr, group, atom> {};
struct and_tail : seq<ws, kw_and, ws, must<expect_operand>> {};
struct and_expr : seq<expect_operand, star<and_tail>> {};
struct expect_and_expr : and_expr {};
struct or_tail : seq<ws, kw_or, ws, must<expect_and_expr>> {};
struct expr : seq<and_expr, star<or_tail>> {};

// ---- directives ----------------------------------------------------------------------------------
struct level : sor<keyword<TAO_PEGTL_STRING("error")>, keyword<TAO_PEGTL_STRING("warning")>,
                   keyword<TAO_PEGTL_STRING("note")>> {};
struct expect_level : level {};
struct text_piece : quoted {};
struct expect_text : text_piece {};
struct text : seq<must<expect_text>, star<ws, text_piece>> {};   // adjacent strings join with a space

struct rule_id : seq<string<'G', 'P', 'L'>, digit, digit, digit, not_at<word_char>> {};
struct slug : seq<ranges<'a', 'z'>, star<sor<ranges<'a', 'z', '0', '9'>, one<'-'>>>, not_at<word_char>> {};
struct expect_rule_id : rule_id {};
struct expect_slug : slug {};
struct expect_line_end : line_end {};

struct expect_kw_role : kw_role {};
struct severity_override : seq<sp, keyword<TAO_PEGTL_STRING("on")>, sp, must<expect_kw_role>, sp, must<expect_role>> {};
struct d_severity : seq<keyword<TAO_PEGTL_STRING("severity")>, sp, must<expect_level>, opt<severity_override>> {};

struct scope_gpo : keyword<TAO_PEGTL_STRING("gpo")> {};
struct scope_domain : keyword<TAO_PEGTL_STRING("domain")> {};
struct scope_negated : seq<kw_not, sp, must<expect_kw_role>> {};
struct scope_role : seq<sp, sor<scope_negated, kw_role>, sp, must<expect_role>> {};
struct scope_som : seq<keyword<TAO_PEGTL_STRING("som")>, opt<scope_role>> {};
struct expect_scope : sor<scope_gpo, scope_som, scope_domain> {};
struct d_scope : seq<keyword<TAO_PEGTL_STRING("scope")>, sp, must<expect_scope>> {};

struct d_per_gpo : seq<keyword<TAO_PEGTL_STRING("per-gpo")>, sp, must<expect_level>, ws, text> {};
struct expect_variable : variable {};
struct expect_in : kw_in {};
struct each_key : key {};
struct expect_each_key : each_key {};
struct d_each : seq<keyword<TAO_PEGTL_STRING("each")>, sp, must<expect_variable>, ws, must<expect_in>, ws,
                    must<expect_open_brace>, ws, must<expect_each_key>, star<list_sep, must<expect_each_key>>, ws,
                    must<expect_close_brace>> {};
struct expect_expr : expr {};
struct d_when : seq<keyword<TAO_PEGTL_STRING("when")>, ws, must<expect_expr>> {};
struct d_builtin : keyword<TAO_PEGTL_STRING("builtin")> {};
struct d_optional : keyword<TAO_PEGTL_STRING("optional")> {};
struct at_key : key {};
struct expect_at_key : at_key {};
struct d_at : seq<keyword<TAO_PEGTL_STRING("at")>, sp, must<expect_at_key>> {};
struct d_title : seq<keyword<TAO_PEGTL_STRING("title")>, ws, text> {};
struct d_message : seq<keyword<TAO_PEGTL_STRING("message")>, ws, text> {};
struct d_rationale : seq<keyword<TAO_PEGTL_STRING("rationale")>, ws, text> {};
struct d_fix : seq<keyword<TAO_PEGTL_STRING("fix")>, ws, text> {};
struct see_pair : seq<text_piece, ws, must<expect_text>> {};
struct expect_see_pair : see_pair {};
struct d_see : seq<keyword<TAO_PEGTL_STRING("see")>, ws, must<expect_see_pair>, star<ws, see_pair>> {};
struct d_bad : seq<keyword<TAO_PEGTL_STRING("bad")>, ws, must<expect_text>> {};
struct d_good : seq<keyword<TAO_PEGTL_STRING("good")>, ws, must<expect_text>> {};

struct autofix_mode : sor<keyword<TAO_PEGTL_STRING("safe")>, keyword<TAO_PEGTL_STRING("unsafe")>> {};
struct autofix_action : sor<keyword<TAO_PEGTL_STRING("add")>, keyword<TAO_PEGTL_STRING("replace")>,
                            keyword<TAO_PEGTL_STRING("set")>> {};
struct autofix_arg : sor<quoted, plus<not_one<' ', '\t', '\r', '\n', '#'>>> {};
struct expect_autofix_mode : autofix_mode {};
struct expect_autofix_action : autofix_action {};
struct expect_autofix_arg : autofix_arg {};
struct d_autofix : seq<keyword<TAO_PEGTL_STRING("autofix")>, sp, must<expect_autofix_mode>, sp,
                       must<expect_autofix_action>, sp, must<expect_autofix_arg>, star<sp, autofix_arg>> {};

struct directive : sor<d_severity, d_scope, d_per_gpo, d_each, d_when, d_builtin, d_optional, d_at, d_title, d_message,
                       d_rationale, d_fix, d_see, d_bad, d_good, d_autofix> {};
// One line inside a rule: empty, a comment, or a directive. The indentation of the line that is neither
// is consumed before expecting `end`, so an unknown directive is reported at its first character.
struct rule_item : seq<star<blank>, sor<seq<opt<comment>, eol>, seq<directive, must<expect_line_end>>>> {};

struct rule_header : seq<keyword<TAO_PEGTL_STRING("rule")>, sp, must<expect_rule_id>, sp, must<expect_slug>,
                         must<expect_line_end>> {};
struct rule_end : keyword<TAO_PEGTL_STRING("end")> {};
struct expect_directive_or_end : rule_end {};
struct rule_block : seq<rule_header, star<rule_item>, star<blank>, must<expect_directive_or_end>,
                        must<expect_line_end>> {};
struct expect_rule_or_eof : eof {};
struct file : seq<skip, star<rule_block, skip>, must<expect_rule_or_eof>> {};

}  // namespace gpolint::grammar::rules
