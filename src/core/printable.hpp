#pragma once
// Text that leaves gpolint (stdout, stderr, a report file) comes partly from its inputs: template
// values, file and GPO names. A control character in them could drive the reader's terminal (ESC
// sequences) or forge lines (a newline followed by `::add-mask::` in a CI log). Every exit point
// passes such text through escape_controls, which shows those characters instead: `\x1b`, `\n`.
#include <string>
#include <string_view>

namespace gpolint {

// C0 controls except tab, DEL, C1 controls (U+0080–U+009F) and bytes that are not UTF-8 become
// `\n`, `\r` or `\xNN`; everything else is kept. Returns the input unchanged when nothing needs it.
std::string escape_controls(std::string_view text);

// Whether escape_controls would change `text`.
bool needs_escaping(std::string_view text);

}  // namespace gpolint
