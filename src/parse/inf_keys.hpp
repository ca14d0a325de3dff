#pragma once
// What MS-GPSB says may appear in a security template (FORMATS.md §1.5): the keys of each key/value
// section, the privilege names, and the registry values Windows reads as REG_DWORD.
#include <string_view>

#include "model/security_template.hpp"

namespace gpolint::parse::inf {

enum class KeyType { Number, String, Any };

// True when `key` is listed for `kind` (case-insensitive). Sections without a fixed key list
// ([Registry Values], object sections, [Group Membership], unknown) accept every key.
bool is_known_key(model::SectionKind kind, std::string_view key);
bool has_fixed_keys(model::SectionKind kind);
// The value a key of a key/value section takes: NewAdministratorName/NewGuestName are strings,
// everything else in [System Access], [Kerberos Policy], the logs and [Event Audit] is a number.
KeyType key_type(model::SectionKind kind, std::string_view key);

// Registry values that Windows reads as REG_DWORD: every value under Control\Lsa, the LanManServer,
// LanManWorkstation, Netlogon and NTDS Parameters keys, and Policies\System. `key_path` is the
// template's MACHINE\… path without the value name.
bool expects_dword(std::string_view key_path, std::string_view value_name);

}  // namespace gpolint::parse::inf
