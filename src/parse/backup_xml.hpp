#pragma once
// Backup.xml and bkupInfo.xml of a Backup-GPO folder (FORMATS.md §3.3, §3.4).
#include <string>

#include "core/diagnostic.hpp"
#include "model/gpo.hpp"
#include "parse/xml_document.hpp"

namespace gpolint::parse {

// One <BackupInst> record: the root of bkupInfo.xml, repeated in manifest.xml.
struct BackupInstance {
    std::string gpo_guid;      // upper-case {…}
    std::string backup_id;     // {…} as written = the backup folder name
    std::string domain;
    std::string display_name;
    std::string backup_time;
    Location location;
};

BackupInstance read_backup_instance(const XmlFile& file, const tinyxml2::XMLElement* element);

// GroupPolicyCoreSettings: the GPO GUID (<ID>, not the folder name), domain, display name, Options
// (flags), versions, WMI filter, extension GUIDs and security filtering (from <SecurityDescriptor>).
// GPL001 when the root is not a backup scheme. Returns whether Options (the GPO flags) was read.
bool read_backup_xml(const XmlFile& file, model::Gpo& gpo, Diagnostics& diagnostics);

// Fills what Backup.xml did not: GUID, domain, name.
void read_bkupinfo_xml(const XmlFile& file, model::Gpo& gpo, Diagnostics& diagnostics);

// "{abc-…}" -> "{ABC-…}"; braces added when missing; empty stays empty.
std::string normalize_guid(std::string_view text);
// "[{CSE}{TOOL}][{CSE}{TOOL}]" -> the CSE GUIDs (first GUID of each bracket), upper-case.
std::vector<std::string> extension_guids(std::string_view text);

}  // namespace gpolint::parse
