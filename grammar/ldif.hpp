#pragma once
// LDIF as ldifde and ldapsearch export it (RFC 2849; FORMATS.md §4.5), one line at a time:
//   dn: OU=HyperV,OU=Servers,DC=contoso,DC=com        attribute: value
//   displayName:: U8OpY3VyaXTDqSBzZXJ2ZXVycw==        base64 (UTF-8 inside)
//    toso,DC=com;0]                                   a line starting with one space continues the last
//   # comment                                         (blank line)  ends a record
// Records, `version:`, `changetype:` and objectClass are attributes here: the reader gives them meaning.
// Rules only: the actions live in src/parse/ldif_records.cpp.
#include <tao/pegtl.hpp>

#include "grammar/gplink.hpp"

namespace gpolint::grammar::ldif {

using namespace tao::pegtl;

struct line_end : sor<string<'\r', '\n'>, one<'\n'>, one<'\r'>> {};
struct continuation : seq<line_end, one<' '>> {};
struct text_char : sor<continuation, not_one<'\r', '\n'>> {};
struct text : star<text_char> {};

struct comment : seq<one<'#'>, text> {};

// AttributeDescription: a name or an OID, with ;options (";binary", ";lang-fr").
struct attribute_name : plus<sor<alnum, one<'-', ';', '.', '_'>>> {};
struct fill : star<one<' '>> {};
struct base64_value : text {};
struct url_value : text {};
struct plain_value : text {};
struct value_spec : sor<seq<one<':'>, fill, base64_value>, seq<one<'<'>, fill, url_value>, seq<fill, plain_value>> {};
struct colon : one<':'> {};
struct attribute_line : seq<attribute_name, must<colon>, value_spec> {};

// "-" ends one modification inside a changetype: modify record.
struct change_separator : seq<one<'-'>, at<sor<line_end, eof>>> {};

struct blank_line : sor<seq<star<blank>, line_end>, seq<plus<blank>, eof>> {};
struct content : sor<comment, change_separator, attribute_line> {};
struct content_line : seq<must<content>, sor<line_end, eof>> {};
// After an error the rest of the line, continuations included, is skipped.
struct skipped_line : sor<seq<plus<text_char>, opt<line_end>>, line_end> {};

struct line : sor<blank_line, try_catch<content_line>, skipped_line> {};
struct file : until<eof, line> {};

// Values of groupPolicyContainer attributes (FORMATS.md §4.4).
// gPCMachineExtensionNames: [{CSE}{TOOL}…][{CSE}{TOOL}…] — the first GUID of a group is the CSE.
struct extension_cse : guid {};
struct extension_group : seq<one<'['>, extension_cse, star<guid>, one<']'>> {};
struct extension_names : seq<star<space>, star<extension_group, star<space>>, eof> {};
// gPCWQLFilter: [contoso.com;{filter ID};0]
struct wql_filter_id : guid {};
struct wql_filter : seq<one<'['>, plus<not_one<';', ']'>>, one<';'>, wql_filter_id, one<';'>, star<not_one<']'>>,
                        one<']'>, star<space>, eof> {};

template <typename Rule>
inline constexpr const char* error_message = "syntax error";
template <>
inline constexpr const char* error_message<content> =
    "expected 'attribute: value', a # comment or a blank line (a line starting with a space continues "
    "the previous line)";
template <>
inline constexpr const char* error_message<colon> = "expected ':' after the attribute name";

}  // namespace gpolint::grammar::ldif
