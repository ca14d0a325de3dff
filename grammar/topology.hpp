#pragma once
// The gpolint topology file (docs/topology-file.md): where the GPOs of a policy-as-code repository are
// linked. One statement per line, '#' comments, indentation free, keywords case-insensitive:
//   domain contoso.com
//     link "Default Domain Policy"
//     link "Server Hardening" enforced
//   site Default-First-Site-Name
//   ou Servers/HyperV  block-inheritance  role hyperv
//     link {6AC1786C-016F-11D2-945F-00C04fB984F9} disabled
// Rules only: the actions live in src/parse/topology_file.cpp.
#include <tao/pegtl.hpp>

#include "grammar/gplink.hpp"

namespace gpolint::grammar::topology {

using namespace tao::pegtl;

struct line_end : sor<string<'\r', '\n'>, one<'\n'>, one<'\r'>> {};
struct line_char : not_one<'\r', '\n'> {};
struct comment : seq<one<'#'>, star<line_char>> {};
struct gap : plus<blank> {};

struct word_char : sor<alnum, one<'-', '_', '.'>> {};
template <typename Text>
struct keyword : seq<Text, not_at<word_char>> {};

// "text" without escapes; a name that contains a double quote is referred to by its {GUID} instead.
struct quoted_text : star<not_one<'"', '\r', '\n'>> {};
struct closing_quote : one<'"'> {};
struct quoted : seq<one<'"'>, quoted_text, must<closing_quote>> {};
struct bare : plus<not_one<' ', '\t', '\r', '\n', '#', '"'>> {};

// Attributes of a SOM statement.
struct block_inheritance : keyword<TAO_PEGTL_ISTRING("block-inheritance")> {};
struct role_name : plus<word_char> {};
struct role : seq<keyword<TAO_PEGTL_ISTRING("role")>, must<gap, role_name>> {};
struct som_attribute : sor<block_inheritance, role> {};
struct som_end : seq<opt<comment>, sor<line_end, eof>> {};
struct som_attributes : seq<star<gap, som_attribute>, star<blank>, must<som_end>> {};

struct dns_label : plus<sor<alnum, one<'-', '_'>>> {};
struct domain_name : list<dns_label, one<'.'>> {};
struct domain_keyword : keyword<TAO_PEGTL_ISTRING("domain")> {};
struct domain_statement : seq<domain_keyword, must<gap, domain_name>, som_attributes> {};

struct site_name : sor<quoted, bare> {};
struct site_keyword : keyword<TAO_PEGTL_ISTRING("site")> {};
struct site_statement : seq<site_keyword, must<gap, site_name>, som_attributes> {};

// Servers/HyperV (relative to the domain) or a full DN; quote it when a name has spaces.
struct ou_path : sor<quoted, bare> {};
struct ou_keyword : keyword<TAO_PEGTL_ISTRING("ou")> {};
struct ou_statement : seq<ou_keyword, must<gap, ou_path>, som_attributes> {};

struct gpo_guid : guid {};
struct gpo_name : quoted {};
struct gpo_reference : sor<gpo_guid, gpo_name> {};
struct enforced : keyword<TAO_PEGTL_ISTRING("enforced")> {};
struct disabled : keyword<TAO_PEGTL_ISTRING("disabled")> {};
struct link_option : sor<enforced, disabled> {};
struct link_end : seq<opt<comment>, sor<line_end, eof>> {};
struct link_keyword : keyword<TAO_PEGTL_ISTRING("link")> {};
struct link_statement
    : seq<link_keyword, must<gap, gpo_reference>, star<gap, link_option>, star<blank>, must<link_end>> {};

struct statement : sor<domain_statement, site_statement, ou_statement, link_statement> {};
struct statement_line : seq<star<blank>, must<statement>> {};

struct empty_line
    : sor<seq<star<blank>, opt<comment>, line_end>, seq<gap, opt<comment>, eof>, seq<comment, eof>> {};
// After an error the rest of the line is skipped.
struct skipped_line : sor<seq<plus<line_char>, opt<line_end>>, line_end> {};
struct line : sor<empty_line, try_catch<statement_line>, skipped_line> {};
struct file : until<eof, line> {};

template <typename Rule>
inline constexpr const char* error_message = "syntax error";
template <>
inline constexpr const char* error_message<statement> = "expected 'domain', 'site', 'ou', 'link' or a # comment";
template <>
inline constexpr const char* error_message<gap> = "expected a space and a value after the keyword";
template <>
inline constexpr const char* error_message<domain_name> = "expected a DNS domain name such as contoso.com";
template <>
inline constexpr const char* error_message<site_name> = "expected a site name";
template <>
inline constexpr const char* error_message<ou_path> = "expected an OU path (Servers/HyperV) or a DN";
template <>
inline constexpr const char* error_message<role_name> = "expected a role name after 'role'";
template <>
inline constexpr const char* error_message<closing_quote> = "missing closing '\"'";
template <>
inline constexpr const char* error_message<som_end> =
    "expected 'block-inheritance', 'role NAME', a # comment or the end of the line";
template <>
inline constexpr const char* error_message<gpo_reference> = "expected a {GUID} or a \"display name\" after 'link'";
template <>
inline constexpr const char* error_message<link_end> = "expected 'enforced', 'disabled', a # comment or the end of the line";

}  // namespace gpolint::grammar::topology
