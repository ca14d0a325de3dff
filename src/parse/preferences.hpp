#pragma once
// Group Policy Preferences XML (FORMATS.md §3.7): Registry.xml, Groups.xml, Services.xml become
// settings; every Preferences file is searched for cpassword (GPL602, MS14-025).
#include <vector>

#include "core/diagnostic.hpp"
#include "model/setting.hpp"
#include "parse/xml_document.hpp"

namespace gpolint::parse {

// True when the root looks like a Preferences file (a root element with a clsid attribute).
bool is_preferences_root(const tinyxml2::XMLElement* root);

// Registry items -> registry:HIVE\key\name (action C -> SetIfAbsent, R/U -> Set, D -> DeleteValue;
// a key-only item -> CreateKey); Groups items -> group:*SID\Members (or group:<name>\Members when no
// SID), items = members added, and group:…\RemovedMembers for members removed; Services items ->
// service:<name> (number = start type 2/3/4). Items inside <Collection> folders are included, disabled
// items and collections are skipped, and item-level targeting (<Filters>) marks a setting conditional.
std::vector<model::Setting> read_preferences_xml(const XmlFile& file, bool user_side, Diagnostics& diagnostics);

}  // namespace gpolint::parse
