#pragma once
// GPT.INI (FORMATS.md §4.4): "[General]", "Version=65540", "displayName=New Group Policy Object".
// Rules only. Every line matches something — a line that is neither a section, a key=value pair nor
// a comment is `junk_line` — so one bad line is reported by the actions and the rest is still read.
#include <tao/pegtl.hpp>

namespace gpolint::grammar::ini {

namespace pegtl = tao::pegtl;

struct blanks : pegtl::star<pegtl::blank> {};
// CRLF, LF or a lone CR: hand-edited files mix them.
struct newline : pegtl::sor<pegtl::string<'\r', '\n'>, pegtl::one<'\n'>, pegtl::one<'\r'>> {};
struct line_end : pegtl::at<pegtl::sor<newline, pegtl::eof>> {};

struct section_name : pegtl::plus<pegtl::not_one<']', '\r', '\n'>> {};
struct section_line : pegtl::seq<pegtl::one<'['>, section_name, pegtl::one<']'>, blanks, line_end> {};

struct comment_line : pegtl::seq<pegtl::one<';', '#'>, pegtl::until<line_end>> {};

struct key : pegtl::plus<pegtl::not_one<'=', '\r', '\n', '[', ';', '#'>> {};
struct value : pegtl::star<pegtl::not_one<'\r', '\n'>> {};
struct key_value_line : pegtl::seq<key, pegtl::one<'='>, value> {};

struct junk_line : pegtl::plus<pegtl::not_one<'\r', '\n'>> {};

struct line : pegtl::seq<blanks, pegtl::opt<pegtl::sor<section_line, comment_line, key_value_line, junk_line>>> {};
// list<>, not star<line, newline> + line: a last line without a line break must match (and run its
// actions) once.
struct file : pegtl::seq<pegtl::list<line, newline>, pegtl::eof> {};

}  // namespace gpolint::grammar::ini
