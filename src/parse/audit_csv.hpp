#pragma once
// audit.csv (advanced audit policy) -> settings audit:{subcategory guid} and audit:Option:<Name>.
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "model/setting.hpp"

namespace gpolint::parse {

// Accepts GPMC and `auditpol /backup` files (machine name filled in, upper-case GUIDs). Subcategory
// rows: Number = Setting Value (0 unchanged, 1 success, 2 failure, 3 both, 4 none), text = the
// subcategory name; rows for a user SID instead of System get the key audit:{guid}:<SID>.
// Option rows -> audit:Option:<Name>; global SACL rows -> audit:FileGlobalSacl (text = SDDL).
std::vector<model::Setting> read_audit_csv(const SourceText& source, Diagnostics& diagnostics);

}  // namespace gpolint::parse
