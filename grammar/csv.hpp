#pragma once
// audit.csv (MS-GPAC, FORMATS.md §3.6): comma-separated rows, fields optionally in double quotes with
// "" as an escaped quote. Rules only. A quoted field never spans a line (audit.csv has no multi-line
// fields), which keeps a stray quote from swallowing the rest of the file; whatever remains of a row
// that is not a field list is `junk` so the actions can report it and go on with the next row.
#include <tao/pegtl.hpp>

namespace gpolint::grammar::csv {

namespace pegtl = tao::pegtl;

struct newline : pegtl::sor<pegtl::string<'\r', '\n'>, pegtl::one<'\n'>, pegtl::one<'\r'>> {};

struct escaped_quote : pegtl::string<'"', '"'> {};
struct quoted_char : pegtl::sor<escaped_quote, pegtl::not_one<'"', '\r', '\n'>> {};
struct quoted_field : pegtl::seq<pegtl::one<'"'>, pegtl::star<quoted_char>, pegtl::one<'"'>> {};
struct plain_field : pegtl::star<pegtl::not_one<',', '"', '\r', '\n'>> {};
struct field : pegtl::sor<quoted_field, plain_field> {};

struct junk : pegtl::plus<pegtl::not_one<'\r', '\n'>> {};
struct row : pegtl::seq<pegtl::list<field, pegtl::one<','>>, pegtl::opt<junk>> {};
struct file : pegtl::seq<pegtl::list<row, newline>, pegtl::eof> {};

}  // namespace gpolint::grammar::csv
