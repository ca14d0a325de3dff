#pragma once
// Security principals as written in templates: `*SID`, a bare SID, or an account name. Well-known
// principals are the same whichever form is used, so every comparison goes through canonical_principal.
#include <optional>
#include <string>
#include <string_view>

namespace gpolint::model {

// Comparison form: "*s-1-5-83-0" for any SID or well-known name (NT VIRTUAL MACHINE\Virtual Machines,
// BUILTIN\Administrators, Everyone, …); domain-relative well-known groups become RID patterns
// ("Domain Users" -> "*s-1-5-21-*-513"); any other name is returned lower-cased.
std::string canonical_principal(std::string_view text);

// "S-1-5-83-0" for a well-known name (with or without BUILTIN\ / NT AUTHORITY\), nullopt otherwise.
std::optional<std::string_view> well_known_sid(std::string_view name);
// Display name of a well-known SID ("*S-1-5-83-0" or "S-1-5-83-0"), nullopt otherwise.
std::optional<std::string_view> well_known_name(std::string_view sid);

// True when `principal` is `pattern`: both canonicalised; `*` inside a SID pattern matches any run of
// characters (*S-1-5-21-*-513 matches every domain's Domain Users).
bool principal_matches(std::string_view pattern, std::string_view principal);

}  // namespace gpolint::model
