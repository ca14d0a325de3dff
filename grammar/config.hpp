#pragma once
// The `.gpolint` configuration file (docs/workflow.md):
//   # comment
//   fail-on = warning
//   ignore = GPL204, GPL7xx
//   topology = ad/contoso.topology
//   [severity]
//   GPL204 = warning
//   [roles]
//   "OU=HyperV,OU=Servers,DC=contoso,DC=com" = hyperv
// Which keys and sections exist, and what their values mean, is the consumer's business: the grammar
// only knows sections, `key = value[, value…]` and quoting, so an unknown key is reported by name.
#include "grammar/line_file.hpp"

namespace gpolint::grammar::config {

namespace pegtl = tao::pegtl;

struct section_name : pegtl::plus<pegtl::sor<pegtl::alnum, pegtl::one<'-', '_'>>> {};
struct section_close : pegtl::one<']'> {};
struct section : pegtl::if_must<pegtl::one<'['>, pegtl::star<pegtl::blank>, section_name, pegtl::star<pegtl::blank>,
                                section_close> {};

struct plain_key : pegtl::plus<pegtl::sor<pegtl::alnum, pegtl::one<'-', '_', '.'>>> {};
struct key : pegtl::sor<line_file::quoted, plain_key> {};
struct equals : pegtl::one<'='> {};
struct item : line_file::word {};
struct items : pegtl::list_must<item, pegtl::one<','>, pegtl::blank> {};
struct assignment : pegtl::seq<key, pegtl::star<pegtl::blank>, pegtl::must<equals>, pegtl::star<pegtl::blank>,
                               pegtl::must<items>> {};

struct content : pegtl::sor<section, assignment> {};
struct content_end : line_file::end_of_line<content> {};
struct line : line_file::line<content, content_end> {};
struct file : line_file::file<line> {};

}  // namespace gpolint::grammar::config
