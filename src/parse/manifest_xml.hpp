#pragma once
// manifest.xml of a backup root: the index GPMC writes. It is often stale, so discovery trusts the
// folders on disk and only reports the differences (GPL006).
#include <vector>

#include "core/diagnostic.hpp"
#include "parse/backup_xml.hpp"
#include "parse/xml_document.hpp"

namespace gpolint::parse {

std::vector<BackupInstance> read_manifest_xml(const XmlFile& file, Diagnostics& diagnostics);

}  // namespace gpolint::parse
