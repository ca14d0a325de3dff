#pragma once
// Security templates (GptTmpl.inf): grammar in grammar/inf.hpp, actions here.
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "model/setting.hpp"

namespace gpolint::parse {

// Parses a decoded template and returns its settings (canonical keys, file/line/column each).
// Malformed lines give GPL001 and parsing resumes on the next line; duplicates give GPL003.
std::vector<model::Setting> read_template_settings(const SourceText& source, Diagnostics& diagnostics);

}  // namespace gpolint::parse
