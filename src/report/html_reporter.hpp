#pragma once
// The self-contained HTML audit report (docs/html-report.md). Everything it shows from the input (GPO
// names, DNs, paths, values, messages) is untrusted and goes through html_escape.
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gpolint::report {

// Text or attribute value safe inside HTML: & < > " ' become entities; C0 control characters other
// than tab, line feed and carriage return (which HTML cannot carry) become U+FFFD.
std::string html_escape(std::string_view text);

// html_escape, plus a line-break opportunity (<wbr>) after each '/', '\\', ':' and ',': paths, setting
// keys and DNs wrap at their separators instead of overflowing a table or splitting a word.
std::string html_breakable(std::string_view text);

// A link target safe to put in href: relative paths, absolute paths and http(s)/file URLs; anything
// else (javascript:, data:, …) gives an empty string so the caller shows no link.
std::string safe_href(std::string_view target);

struct Bar {
    std::string label;
    size_t value = 0;
    const char* css = "";  // error | warning | note | missing | different | extra | "" (neutral)
};

// The page around every HTML view: head (CSP, inline style), header, sticky search toolbar, <main>;
// then the closing with the inline script (search, sortable tables, CSV export, #selftest).
void write_page_start(std::ostream& out, std::string_view title, std::string_view subtitle);
void write_page_end(std::ostream& out);

// A table the reader sorts (click a heading; `true` columns sort as numbers), filters (its own box and
// the page search, through each row's data-search) and exports as CSV. Rows follow, then the closing.
void open_sortable_table(std::ostream& out, std::string_view id, std::string_view caption,
                         const std::vector<std::pair<std::string, bool>>& columns);
void close_sortable_table(std::ostream& out);

// A horizontal bar chart as inline SVG inside a <figure>: no script, nothing fetched, readable printed.
std::string bar_chart(const std::string& title, const std::vector<Bar>& bars);

}  // namespace gpolint::report
