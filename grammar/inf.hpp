#pragma once
// Grammar of one line of a security template (GptTmpl.inf, MS-GPSB §2.2). Rules only: no actions, no I/O.
//
// The shape of an entry depends on the section it is in ([Registry Values] splits at "=<type>,",
// object sections have no '=' at all), so the reader feeds the template line by line and picks the
// line rule of the current section. One malformed line therefore never hides the next one: that is the
// line-level recovery. Every rule is linear in the line length (no rule rescans what it has consumed).
#include <tao/pegtl.hpp>

namespace gpolint::grammar::inf {

namespace pegtl = tao::pegtl;
using pegtl::any;
using pegtl::at;
using pegtl::digit;
using pegtl::eof;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::success;

struct ws : one<' ', '\t'> {};

// ';' starts a comment only at the start of a line or after whitespace: MS-GPSB allows ';' inside
// unquoted values (SDDL), so "D:(A;;GA;;;BA)" stays one value.
struct comment : seq<one<';'>, star<any>> {};
struct line_end : seq<star<ws>, opt<comment>, eof> {};
struct blank_line : line_end {};

// "[Registry Values]"
struct section_name : plus<not_one<']'>> {};
struct close_bracket : one<']'> {};
struct after_header : line_end {};
struct section_header : seq<star<ws>, one<'['>, must<section_name>, must<close_bracket>, must<after_header>> {};

// A double-quoted string: no escapes (MS-GPSB quoted strings cannot contain '"').
struct quoted_text : star<not_one<'"'>> {};
struct close_quote : one<'"'> {};
struct quoted : seq<one<'"'>, quoted_text, must<close_quote>> {};

// An unquoted field: anything but ',' and '"'; inner whitespace is kept unless a comment follows it.
// secedit and GPMC write a comma that belongs to the text as '","' ("(IS)"," you consent…" in the DoD
// logon banner): inside an unquoted field it is one character of the field, not an item separator.
struct field_char : not_one<',', '"', ' ', '\t', ';'> {};
struct quoted_comma : pegtl::string<'"', ',', '"'> {};
struct field_start : sor<field_char, one<';'>, quoted_comma> {};
struct inner_space : seq<plus<ws>, at<sor<field_char, quoted_comma>>> {};
struct unquoted : seq<sor<field_char, one<';'>>, star<sor<field_start, inner_space>>> {};

// One comma-separated item; an item may be empty ("7," is an empty multi-string, "a,,b" keeps its gap).
struct field : sor<quoted, unquoted> {};
struct item : opt<field> {};
// Whitespace before a ';' is a comment separator, not the start of an item.
struct space_before_item : sor<seq<plus<ws>, not_at<one<';'>>>, success> {};
struct comma : seq<star<ws>, one<','>, space_before_item> {};
struct value_list : seq<item, star<comma, item>> {};
struct after_value : line_end {};

// Key = value[,value…]   ([System Access], [Privilege Rights], [Group Membership], …)
struct key_char : not_one<'=', '"', ' ', '\t'> {};
struct bare_key : seq<key_char, star<sor<key_char, seq<plus<ws>, at<key_char>>>>> {};
struct key : sor<quoted, bare_key> {};
struct equals : seq<star<ws>, one<'='>, space_before_item> {};
struct key_value_entry : seq<star<ws>, must<key>, must<equals>, value_list, must<after_value>> {};

// MACHINE\Path\Name=<type>,<data>   ([Registry Values]). The name may itself contain '=', so it ends at
// the first '=' that is followed by digits and a comma.
struct type_code : plus<digit> {};
struct type_marker : seq<one<'='>, star<ws>, type_code, star<ws>, one<','>> {};
struct quoted_registry_name : seq<quoted, at<star<ws>, one<'='>>> {};
struct bare_registry_name : plus<not_at<type_marker>, any> {};
struct registry_name : sor<quoted_registry_name, bare_registry_name> {};
struct type_separator : seq<star<ws>, type_marker> {};
struct registry_value_entry : seq<star<ws>, must<registry_name>, must<type_separator>, space_before_item, value_list,
                                  must<after_value>> {};

// "name",mode,"sddl"   ([Service General Setting], [Registry Keys], [File Security])
struct object_name : field {};
struct object_comma : comma {};
struct mode : plus<digit> {};
struct sddl : item {};
struct object_entry : seq<star<ws>, must<object_name>, must<object_comma>, must<mode>, must<object_comma>, sddl,
                          must<after_value>> {};

// Sections the reader does not know: keep "key = value" when there is an '=', else the whole line.
// Any line matches (the key may be empty: "=x").
struct raw_key : star<not_one<'='>> {};
struct raw_value : star<any> {};
struct raw_entry : seq<star<ws>, raw_key, opt<one<'='>, star<ws>, raw_value>> {};

// One line of a section of the given entry shape (the reader strips the line ending).
template <typename Entry>
struct line : sor<blank_line, section_header, Entry> {};

using key_value_line = line<key_value_entry>;
using registry_value_line = line<registry_value_entry>;
using object_line = line<object_entry>;
using raw_line = line<raw_entry>;

}  // namespace gpolint::grammar::inf
