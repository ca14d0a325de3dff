#pragma once
// The suppression file (docs/workflow.md): one suppression per line,
//   GPL101[,GPL102] gpo={GUID}|gpo="GPO name" [som="DN"] [setting=KEY] reason "why"
// `#` starts a comment. Whether a reason is present is checked by the consumer, so that a missing
// reason gets its own, clear error instead of a syntax error.
#include "grammar/line_file.hpp"

namespace gpolint::grammar::suppressions {

namespace pegtl = tao::pegtl;
using line_file::word;

struct rule_id : pegtl::seq<pegtl::istring<'G', 'P', 'L'>, pegtl::rep<3, pegtl::digit>> {};
struct rule_list : pegtl::list_must<rule_id, pegtl::one<','>> {};

struct gpo_value : word {};
struct som_value : word {};
struct setting_value : word {};
struct reason_text : line_file::quoted {};

template <typename Name, typename Value>
struct filter : pegtl::if_must<pegtl::seq<Name, pegtl::one<'='>>, Value> {};
struct gpo_filter : filter<pegtl::istring<'g', 'p', 'o'>, gpo_value> {};
struct som_filter : filter<pegtl::istring<'s', 'o', 'm'>, som_value> {};
struct setting_filter : filter<pegtl::istring<'s', 'e', 't', 't', 'i', 'n', 'g'>, setting_value> {};
struct reason : pegtl::if_must<pegtl::seq<pegtl::istring<'r', 'e', 'a', 's', 'o', 'n'>, pegtl::plus<pegtl::blank>>, reason_text> {};

struct field : pegtl::sor<gpo_filter, som_filter, setting_filter, reason> {};

// Marks where an entry starts so its consumer can forget a half-read one.
struct begin_entry : pegtl::success {};
struct entry : pegtl::seq<begin_entry, rule_list, pegtl::star<pegtl::plus<pegtl::blank>, field>> {};

struct entry_end : line_file::end_of_line<entry> {};
struct line : line_file::line<entry, entry_end> {};
struct file : line_file::file<line> {};

// Inline form, matched against one comment line of a template:
//   ; gpolint: disable=GPL101,GPL102 reason text        (the next non-comment line)
//   ; gpolint: disable-file=GPL103 reason text           (the whole file)
struct directive_marker : pegtl::seq<pegtl::star<pegtl::blank>, pegtl::one<';'>, pegtl::star<pegtl::blank>,
                                     pegtl::istring<'g', 'p', 'o', 'l', 'i', 'n', 't'>, pegtl::star<pegtl::blank>,
                                     pegtl::one<':'>> {};
struct disable_file : pegtl::istring<'d', 'i', 's', 'a', 'b', 'l', 'e', '-', 'f', 'i', 'l', 'e', '='> {};
struct disable_next : pegtl::istring<'d', 'i', 's', 'a', 'b', 'l', 'e', '='> {};
struct directive_scope : pegtl::sor<disable_file, disable_next> {};
struct inline_reason : pegtl::seq<pegtl::plus<pegtl::blank>, pegtl::star<pegtl::not_one<'\r', '\n'>>> {};
struct directive_end : pegtl::eof {};
struct inline_directive : pegtl::if_must<directive_marker, pegtl::star<pegtl::blank>, directive_scope, rule_list,
                                         pegtl::opt<inline_reason>, directive_end> {};

}  // namespace gpolint::grammar::suppressions
