#pragma once
// What the readers look for in a command line a GPO stores in clear text (Preferences scheduled tasks,
// scripts.ini): a password passed as an argument (GPL606, GPL607), and a program fetched from outside
// the domain's SYSVOL / NETLOGON shares (GPL608). One list of each, shared by every reader.
#include <string_view>

namespace gpolint::parse {

// The first password marker in `arguments` (" -password", "/p:", …), or empty. Flags and assignments
// only: a script named Reset-KRBTGT-Password.ps1 is not a password.
std::string_view password_marker(std::string_view arguments);

// True when `path` (a program, script or file source, possibly quoted, possibly followed by arguments)
// is a UNC path whose share is not SYSVOL or NETLOGON, or an http:// / https:// / ftp:// URL: code that
// every computer in the GPO's scope fetches from a place the domain's administrators do not control.
// Local paths, relative names (a script beside scripts.ini) and environment variables are not.
bool runs_code_from_outside_sysvol(std::string_view path);

// True when a Software Installation package path is an http:// / https:// / ftp:// URL or a local drive
// path (C:\…). Packages normally live on ordinary file shares, so a UNC share is accepted here: the
// client installs from the path as the computer account (or the user) at startup or logon, and only a
// share can be reached that way. A URL is fetched unauthenticated and replaceable in transit; a drive
// path names the administrator's own disk, which the client does not have.
bool package_path_unusable(std::string_view path);

}  // namespace gpolint::parse
