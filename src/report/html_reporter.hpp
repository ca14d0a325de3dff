#pragma once
// The self-contained HTML audit report (docs/html-report.md). Everything it shows from the input (GPO
// names, DNs, paths, values, messages) is untrusted and goes through html_escape.
#include <string>
#include <string_view>

namespace gpolint::report {

// Text or attribute value safe inside HTML: & < > " ' become entities; C0 control characters other
// than tab, line feed and carriage return (which HTML cannot carry) become U+FFFD.
std::string html_escape(std::string_view text);

// A link target safe to put in href: relative paths, absolute paths and http(s)/file URLs; anything
// else (javascript:, data:, …) gives an empty string so the caller shows no link.
std::string safe_href(std::string_view target);

}  // namespace gpolint::report
