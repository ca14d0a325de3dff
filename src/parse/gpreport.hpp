#pragma once
// gpreport.xml (Get-GPOReport -ReportType Xml, FORMATS.md §3.5): name, enabled halves, links and
// security filtering of a GPO as it was when the backup was taken, and the Software Installation
// packages of both halves (the only place a backup states a package's path as text).
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "model/gpo.hpp"
#include "parse/xml_document.hpp"

namespace gpolint::parse {

struct GpoReport {
    std::string guid;
    std::string domain;
    std::string name;
    std::optional<bool> computer_enabled;
    std::optional<bool> user_enabled;
    std::vector<model::ReportedLink> links;  // every <LinksTo>, in file order
    bool security_filtered = false;          // Apply Group Policy not granted to Authenticated Users
    std::vector<model::Setting> packages;    // package:{Identifier}\Path, Computer half then User half
    Location origin;
};

// GPL608 for a package path that is a URL or a local drive path (see package_path_unusable).
GpoReport read_gpreport_xml(const XmlFile& file, Diagnostics& diagnostics);

// Copies the report into the GPO. Backup.xml stays authoritative for what both carry (GUID, name,
// flags, a readable security descriptor): the report only fills the gaps, and always supplies links
// and packages.
void merge_report(const GpoReport& report, model::Gpo& gpo, bool flags_known);

}  // namespace gpolint::parse
