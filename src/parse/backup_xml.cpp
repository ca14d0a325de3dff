#include "parse/backup_xml.hpp"

#include <algorithm>
#include <charconv>

#include "parse/security_descriptor.hpp"

namespace gpolint::parse {

namespace {

std::optional<uint32_t> parse_u32(const std::string& text) {
    uint32_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// <SecurityGroups>: GPMC resolves every trustee of the DACL when it backs the GPO up and writes its
// name and type here; a SID it could not resolve (a deleted account, a lost trust) has no name.
struct TrusteeNames {
    std::vector<std::string> named;  // SIDs with a SamAccountName
    std::vector<std::string> users;  // those of Type User
};

TrusteeNames read_security_groups(const tinyxml2::XMLElement* object) {
    TrusteeNames names;
    const auto* groups = child(object, "SecurityGroups");
    if (!groups) return names;
    for (auto* group = groups->FirstChildElement(); group; group = group->NextSiblingElement()) {
        if (local_name(group) != "Group") continue;
        auto sid = child_text(group, "Sid");
        if (sid.empty() || child_text(group, "SamAccountName").empty()) continue;
        names.named.push_back(sid);
        if (model::iequals(child_text(group, "Type"), "User")) names.users.push_back(sid);
    }
    return names;
}

// A SID nobody can name: a domain account (S-1-5-21-…) with a RID from 1000 up (below are the domain's
// well-known groups, MS-DTYP 2.4.2.4) that Backup.xml does not name.
std::vector<std::string> unnamed_trustees(const SecurityDescriptor& descriptor, const TrusteeNames& names) {
    std::vector<std::string> unknown;
    for (const auto& sid : trustees(descriptor)) {
        if (!sid.starts_with("S-1-5-21-")) continue;
        auto rid_text = std::string_view(sid).substr(sid.rfind('-') + 1);
        uint32_t rid = 0;
        auto [end, error] = std::from_chars(rid_text.data(), rid_text.data() + rid_text.size(), rid);
        if (error != std::errc() || rid < 1000) continue;
        if (std::find(names.named.begin(), names.named.end(), sid) == names.named.end()) unknown.push_back(sid);
    }
    return unknown;
}

// <SecurityDescriptor>: the GPO's ACL, where security filtering is decided. An absent element leaves it
// unknown; a malformed one is a GPL004 warning and is also unknown, so the GPO is not taken as filtered.
void read_security_filtering(const XmlFile& file, const tinyxml2::XMLElement* core, const TrusteeNames& names,
                             model::Gpo& gpo, Diagnostics& diagnostics) {
    const auto* element = child(core, "SecurityDescriptor");
    if (!element) return;
    std::string error;
    auto bytes = hex_to_bytes(element_text(element), error);
    auto descriptor = bytes ? read_security_descriptor(*bytes, error) : std::nullopt;
    if (!descriptor) {
        diagnostics.warning("GPL004", file.location_of(element),
                            "SecurityDescriptor is not a valid security descriptor (" + error +
                                "); security filtering of this GPO is unknown");
        return;
    }
    gpo.security_filtered = is_security_filtered(*descriptor);
    gpo.security_descriptor_known = true;
    gpo.computers_can_read = computers_can_read(*descriptor);
    gpo.non_admin_editors = non_admin_editors(*descriptor, names.users);
    // Without <SecurityGroups> (a hand-made or stripped Backup.xml) no SID can be named: say nothing.
    if (!names.named.empty()) gpo.unnamed_trustees = unnamed_trustees(*descriptor, names);
}

void fill_if_empty(std::string& field, const std::string& value) {
    if (field.empty()) field = value;
}

}  // namespace

std::string normalize_guid(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return {};
    std::string out;
    if (text.front() != '{') out += '{';
    for (char c : text) out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (text.back() != '}') out += '}';
    return out;
}

std::vector<std::string> extension_guids(std::string_view text) {
    std::vector<std::string> guids;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '[') continue;
        auto open = text.find('{', i);
        auto close = text.find('}', open == std::string_view::npos ? i : open);
        if (open == std::string_view::npos || close == std::string_view::npos) break;
        guids.push_back(normalize_guid(text.substr(open, close - open + 1)));
        i = close;
    }
    return guids;
}

BackupInstance read_backup_instance(const XmlFile& file, const tinyxml2::XMLElement* element) {
    BackupInstance instance;
    instance.gpo_guid = normalize_guid(child_text(element, "GPOGuid"));
    instance.backup_id = child_text(element, "ID");
    instance.domain = child_text(element, "GPODomain");
    instance.display_name = child_text(element, "GPODisplayName");
    instance.backup_time = child_text(element, "BackupTime");
    instance.location = file.location_of(element);
    return instance;
}

bool read_backup_xml(const XmlFile& file, model::Gpo& gpo, Diagnostics& diagnostics) {
    const auto* root = file.root();
    const auto* core = child(child(root, "GroupPolicyObject"), "GroupPolicyCoreSettings");
    if (local_name(root) != "GroupPolicyBackupScheme" || !core) {
        diagnostics.error("GPL001", file.location_of(root),
                          "Backup.xml has no GroupPolicyBackupScheme/GroupPolicyObject/GroupPolicyCoreSettings");
        return false;
    }
    gpo.origin = file.location_of(root);
    gpo.guid = normalize_guid(child_text(core, "ID"));
    gpo.domain = child_text(core, "Domain");
    gpo.name = child_text(core, "DisplayName");
    std::string options = child_text(core, "Options");
    auto flags = parse_u32(options);
    if (flags) gpo.flags = *flags;
    else if (!options.empty())
        diagnostics.warning("GPL004", file.location_of(child(core, "Options")), "Options '" + options + "' is not a number");
    gpo.machine_version = parse_u32(child_text(core, "MachineVersionNumber"));
    gpo.user_version = parse_u32(child_text(core, "UserVersionNumber"));
    gpo.wmi_filter = child_text(core, "WMIFilter");
    read_security_filtering(file, core, read_security_groups(child(root, "GroupPolicyObject")), gpo, diagnostics);
    gpo.machine_extensions = extension_guids(child_text(core, "MachineExtensionGuids"));
    gpo.user_extensions = extension_guids(child_text(core, "UserExtensionGuids"));
    return flags.has_value();
}

void read_bkupinfo_xml(const XmlFile& file, model::Gpo& gpo, Diagnostics& diagnostics) {
    const auto* root = file.root();
    if (local_name(root) != "BackupInst") {
        diagnostics.error("GPL001", file.location_of(root), "bkupInfo.xml has no BackupInst root element");
        return;
    }
    auto instance = read_backup_instance(file, root);
    fill_if_empty(gpo.guid, instance.gpo_guid);
    fill_if_empty(gpo.domain, instance.domain);
    fill_if_empty(gpo.name, instance.display_name);
    if (gpo.origin.file.empty()) gpo.origin = instance.location;
}

}  // namespace gpolint::parse
