#pragma once
// registry.pol (PReg v1, FORMATS.md §2): Administrative Templates settings of one GPO half.
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/setting.hpp"

namespace gpolint::parse {

// Parses the raw bytes of a registry.pol. Records are read by their lengths (binary data may contain
// "]"); special value names (**del., **delvals., **soft., …) become Operations. `user_side` selects
// HKCU (User\registry.pol) instead of HKLM. Errors carry the byte offset (Location.line = 0); a bad
// signature skips the file, a malformed record stops it with what was read so far kept.
std::vector<model::Setting> read_registry_pol(PathRef path, std::string_view bytes, bool user_side,
                                              Diagnostics& diagnostics);

}  // namespace gpolint::parse
