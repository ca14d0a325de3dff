#pragma once
// A Group Policy Object as gpolint knows it after reading whatever files the user gave.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/location.hpp"
#include "model/setting.hpp"

namespace gpolint::model {

// A link as seen in gpreport.xml <LinksTo> (no order, no block inheritance).
struct ReportedLink {
    std::string som_name;  // <SOMName>
    std::string som_path;  // <SOMPath>, canonical name: contoso.com/Servers/HyperV
    bool enabled = true;
    bool enforced = false; // <NoOverride>
    Location location;
};

struct Gpo {
    std::string guid;          // "{XXXXXXXX-…}" upper-case; empty for a loose file with no GPO around it
    std::string name;          // display name; for a loose file, its path
    std::string domain;
    uint32_t flags = 0;        // bit 0 user half disabled, bit 1 computer half disabled (Backup.xml Options)
    bool computer_enabled() const { return (flags & 2u) == 0; }
    bool user_enabled() const { return (flags & 1u) == 0; }
    std::optional<uint32_t> machine_version;
    std::optional<uint32_t> user_version;
    std::string wmi_filter;    // empty when none
    bool security_filtered = false;  // Apply Group Policy not granted to Authenticated Users
    // security_filtered was decided from a readable descriptor in Backup.xml; when false it comes from
    // gpreport.xml <Permissions>, or is unknown and taken as not filtered.
    bool security_descriptor_known = false;
    // From that descriptor (only when security_descriptor_known): MS16-072 read access for computers,
    // and who besides the administrators may change the GPO (owner first).
    bool computers_can_read = true;
    std::vector<std::string> non_admin_editors;
    // Domain-account SIDs in that descriptor (owner or any ACE) that Backup.xml's SecurityGroups cannot
    // name: deleted accounts or accounts of a lost trust (GPL713).
    std::vector<std::string> unnamed_trustees;
    std::vector<std::string> machine_extensions;  // CSE GUIDs
    std::vector<std::string> user_extensions;
    std::string source;        // folder (backup instance, SYSVOL GUID folder) or the loose file
    Location origin;           // Backup.xml / GPT.INI / the loose file, for diagnostics about the GPO itself
    std::vector<ReportedLink> reported_links;
    std::vector<Setting> settings;      // in file order, templates before registry.pol before Preferences
    std::vector<PathRef> files;         // every file read for this GPO
};

}  // namespace gpolint::model
