#pragma once
// Lexical pieces shared by gpolint's own line-oriented files (the `.gpolint` config and the suppression
// file): blanks, `#` comments, quoted strings with \" and \\ escapes, and the line skeleton that lets a
// bad line be reported and skipped while the rest of the file is still read.
// Line breaks are CRLF, LF or a bare CR (old Mac-style files do turn up); the consumer maps byte offsets
// to line:column itself, so PEGTL's own line counting is not relied on.
#include <tao/pegtl.hpp>

namespace gpolint::grammar::line_file {

namespace pegtl = tao::pegtl;

struct line_break : pegtl::sor<pegtl::string<'\r', '\n'>, pegtl::one<'\n'>, pegtl::one<'\r'>> {};
struct line_end : pegtl::sor<line_break, pegtl::eof> {};

struct comment : pegtl::seq<pegtl::one<'#'>, pegtl::star<pegtl::not_one<'\r', '\n'>>> {};

struct quoted_char : pegtl::sor<pegtl::seq<pegtl::one<'\\'>, pegtl::one<'"', '\\'>>, pegtl::not_one<'"', '\\', '\r', '\n'>> {};
struct quoted_body : pegtl::star<quoted_char> {};
struct closing_quote : pegtl::one<'"'> {};
struct quoted : pegtl::if_must<pegtl::one<'"'>, quoted_body, closing_quote> {};

// A word that needs no quotes: anything up to a blank, quote, comma, comment or line end.
struct bare : pegtl::plus<pegtl::not_one<' ', '\t', '\r', '\n', '"', '#', ','>> {};
struct word : pegtl::sor<quoted, bare> {};

// End of a line's content: optional comment, then the line break or the end of the file.
template <typename Tag>
struct end_of_line : pegtl::seq<pegtl::opt<comment>, line_end> {};

// One line: blank, comment-only, or Content followed by blanks and the end of the line. Every branch
// consumes input, so a file is `until<eof, line>` without an empty-loop risk.
template <typename Content, typename End>
struct line : pegtl::sor<line_break,
                         pegtl::seq<pegtl::plus<pegtl::blank>, pegtl::sor<pegtl::seq<comment, line_end>, line_end>>,
                         pegtl::seq<comment, line_end>,
                         pegtl::seq<pegtl::star<pegtl::blank>, Content, pegtl::star<pegtl::blank>, pegtl::must<End>>> {};

// What is left of a line that did not parse: skipped after its error was recorded.
struct rest_of_line : pegtl::sor<line_break, pegtl::seq<pegtl::any, pegtl::until<line_end>>> {};

template <typename Line>
struct recoverable_line : pegtl::sor<pegtl::try_catch<pegtl::must<Line>>, rest_of_line> {};

template <typename Line>
struct file : pegtl::until<pegtl::eof, recoverable_line<Line>> {};

}  // namespace gpolint::grammar::line_file
