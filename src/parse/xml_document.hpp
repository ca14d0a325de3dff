#pragma once
// XML files of a GPO (Backup.xml, bkupInfo.xml, manifest.xml, gpreport.xml, Preferences) decoded once
// with core decode_text and parsed with tinyxml2. Elements are matched on local names, never on
// prefixes: gpreport.xml numbers its prefixes (q1, q2, …) per report.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <tinyxml2.h>

#include "core/diagnostic.hpp"
#include "core/source.hpp"

namespace gpolint::parse {

struct XmlFile {
    SourceText source;
    tinyxml2::XMLDocument document;
    const tinyxml2::XMLElement* root() const { return document.RootElement(); }
    Location location_of(const tinyxml2::XMLElement* element) const;
};

// Decodes `bytes` (UTF-8, UTF-16 with or without BOM, 8-bit files that claim utf-16) and parses it.
// Malformed XML gives GPL001 at the line tinyxml2 reports and nullptr.
std::unique_ptr<XmlFile> load_xml(PathRef path, std::string_view bytes, Diagnostics& diagnostics);

// "q1:Member" -> "Member".
std::string_view local_name(const tinyxml2::XMLElement* element);
std::string_view local_name(const tinyxml2::XMLAttribute* attribute);

// First child element with the local name, or nullptr.
const tinyxml2::XMLElement* child(const tinyxml2::XMLElement* parent, std::string_view name);
// Trimmed text (CDATA included) of the first child with that local name; empty when absent.
std::string child_text(const tinyxml2::XMLElement* parent, std::string_view name);
// Trimmed text of the element itself.
std::string element_text(const tinyxml2::XMLElement* element);
// Attribute by local name (bkp:Location -> "Location"); empty when absent.
std::string attribute(const tinyxml2::XMLElement* element, std::string_view name);
void for_each_child(const tinyxml2::XMLElement* parent, std::string_view name,
                    const std::function<void(const tinyxml2::XMLElement*)>& visit);

}  // namespace gpolint::parse
