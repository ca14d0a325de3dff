#pragma once
// gPLink attribute values (FORMATS.md §4.2) and the GUID token shared by the topology grammars.
//   [LDAP://cn={GUID},cn=policies,cn=system,DC=contoso,DC=com;0][LDAP://cn={…},…;2]
// Rules only: the actions live in src/parse/gplink_value.cpp.
#include <tao/pegtl.hpp>

namespace gpolint::grammar {

namespace pegtl = tao::pegtl;

// {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}, any case.
struct guid : pegtl::seq<pegtl::one<'{'>, pegtl::rep<8, pegtl::xdigit>, pegtl::one<'-'>, pegtl::rep<4, pegtl::xdigit>,
                         pegtl::one<'-'>, pegtl::rep<4, pegtl::xdigit>, pegtl::one<'-'>, pegtl::rep<4, pegtl::xdigit>,
                         pegtl::one<'-'>, pegtl::rep<12, pegtl::xdigit>, pegtl::one<'}'>> {};

}  // namespace gpolint::grammar

namespace gpolint::grammar::gplink {

using namespace tao::pegtl;

struct ldap_prefix : TAO_PEGTL_ISTRING("LDAP://") {};
struct gpo_rdn : seq<TAO_PEGTL_ISTRING("cn="), guid> {};

// Options are the digits after the LAST ';' of an element: a ';' that is followed by digits and the
// closing ']' ends the GPO DN, any other ';' belongs to it.
struct options : plus<digit> {};
struct options_tail : seq<one<';'>, options, one<']'>> {};
struct dn_char : seq<not_at<options_tail>, not_one<'[', ']'>> {};
struct dn_rest : star<dn_char> {};
struct gpo_dn : seq<gpo_rdn, dn_rest> {};

struct link : seq<one<'['>, ldap_prefix, gpo_dn, options_tail> {};

// Anything else: an element that does not parse runs to its ']' (or to the next '[' when the ']' is
// missing), and text between elements runs to the next '['. Both are reported; the rest is kept.
struct bad_link : seq<one<'['>, star<not_one<'[', ']'>>, opt<one<']'>>> {};
struct stray_text : seq<not_at<space>, plus<not_one<'['>>> {};
struct space_between : plus<space> {};

struct value : seq<star<sor<space_between, link, bad_link, stray_text>>, eof> {};

}  // namespace gpolint::grammar::gplink
