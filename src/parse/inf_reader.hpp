#pragma once
// Security templates (GptTmpl.inf): grammar in grammar/inf.hpp, actions here.
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "model/security_template.hpp"
#include "model/setting.hpp"

namespace gpolint::parse {

// Parses a decoded template and returns its settings (canonical keys, file/line/column each).
// Malformed lines give GPL001 and parsing resumes on the next line; duplicates give GPL003.
std::vector<model::Setting> read_template_settings(const SourceText& source, Diagnostics& diagnostics);

// Parses a decoded template into its typed sections (for `dump` and fixes), reporting GPL001 parse
// errors, GPL002 unknown sections/keys, GPL003 duplicate keys, GPL004 values of the wrong shape and
// GPL005 encodings Windows does not write. A later duplicate replaces the earlier entry.
model::SecurityTemplate read_security_template(const SourceText& source, Diagnostics& diagnostics);

// The canonical settings of a parsed template, in file order.
std::vector<model::Setting> template_settings(const model::SecurityTemplate& security_template);

}  // namespace gpolint::parse
