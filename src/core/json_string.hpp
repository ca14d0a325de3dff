#pragma once
// JSON string escaping, shared by every JSON writer (reports, explain, dump, baselines): one place that
// gets RFC 8259 right and always emits valid UTF-8 whatever bytes come in.
#include <string>
#include <string_view>

namespace gpolint {

// Appends `text` as a quoted JSON string. Control characters are escaped; bytes that are not valid
// UTF-8 become U+FFFD so the document stays parseable.
void append_json_string(std::string& out, std::string_view text);

// The same, as a new string.
std::string json_quote(std::string_view text);

}  // namespace gpolint
