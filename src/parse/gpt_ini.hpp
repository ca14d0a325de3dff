#pragma once
// GPT.INI of a SYSVOL GPO folder: the SYSVOL version and, when written by tools, the display name.
#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace gpolint::parse {

struct GptIni {
    std::optional<uint32_t> version;  // upper 16 bits user, lower 16 bits computer (FORMATS.md §4.4)
    std::string display_name;
};

// Reads [General] Version= and displayName= (keys and section compared case-insensitively).
// Unreadable lines and a non-numeric Version give warnings (GPL001 / GPL004).
GptIni read_gpt_ini(const SourceText& source, Diagnostics& diagnostics);

}  // namespace gpolint::parse
