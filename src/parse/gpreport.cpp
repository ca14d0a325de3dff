#include "parse/gpreport.hpp"

#include "model/setting.hpp"
#include "parse/backup_xml.hpp"
#include "parse/command_line.hpp"

namespace gpolint::parse {

namespace {

constexpr std::string_view kAuthenticatedUsers = "S-1-5-11";

std::optional<bool> parse_bool(const std::string& text) {
    if (model::iequals(text, "true")) return true;
    if (model::iequals(text, "false")) return false;
    return std::nullopt;
}

bool grants_apply_to_authenticated_users(const tinyxml2::XMLElement* trustee_permissions) {
    const auto* trustee = child(trustee_permissions, "Trustee");
    if (child_text(trustee, "SID") != kAuthenticatedUsers) return false;
    if (!model::iequals(child_text(child(trustee_permissions, "Type"), "PermissionType"), "Allow")) return false;
    bool apply = false;
    for_each_child(trustee_permissions, "Standard", [&](const tinyxml2::XMLElement* standard) {
        if (child_text(standard, "GPOGroupedAccessEnum") == "Apply Group Policy") apply = true;
    });
    return apply;
}

// No permissions in the report means we cannot tell: only a report that lists the ACL and lacks the
// Authenticated Users grant counts as security-filtered.
bool is_security_filtered(const tinyxml2::XMLElement* descriptor) {
    const auto* permissions = child(descriptor, "Permissions");
    if (!permissions) return false;
    bool granted = false;
    for_each_child(permissions, "TrusteePermissions", [&](const tinyxml2::XMLElement* tp) {
        if (grants_apply_to_authenticated_users(tp)) granted = true;
    });
    return !granted;
}

// <Computer|User><ExtensionData><Extension xsi:type="q1:SoftwareInstallationSettings"><q1:MsiApplication>
// with <Identifier> (the package GUID), <Name> and <Path> (Get-GPOReport; FORMATS.md §3.5).
void read_packages(const XmlFile& file, const tinyxml2::XMLElement* half, bool user_side, GpoReport& report,
                   Diagnostics& diagnostics) {
    for_each_child(half, "ExtensionData", [&](const tinyxml2::XMLElement* data) {
        for_each_child(data, "Extension", [&](const tinyxml2::XMLElement* extension) {
            for_each_child(extension, "MsiApplication", [&](const tinyxml2::XMLElement* application) {
                const auto* path_element = child(application, "Path");
                auto path = element_text(path_element);
                if (path.empty()) return;
                auto id = child_text(application, "Identifier");
                auto name = child_text(application, "Name");
                model::Setting setting;
                setting.key = model::SettingKey("package:" + (id.empty() ? name : id) + "\\Path");
                setting.value.kind = model::ValueKind::String;
                setting.value.text = path;
                setting.source = model::SourceKind::SoftwareInstallation;
                setting.location = file.location_of(path_element);
                setting.user_side = user_side;
                report.packages.push_back(std::move(setting));
                if (package_path_unusable(path))
                    diagnostics.warning("GPL608", file.location_of(path_element),
                                        "the Software Installation package '" + (name.empty() ? id : name) + "' is at '" +
                                            path +
                                            "', a URL or a local drive path: the client installs only from a share it "
                                            "can reach as the computer account or the user, and a URL can be replaced "
                                            "in transit");
            });
        });
    });
}

}  // namespace

GpoReport read_gpreport_xml(const XmlFile& file, Diagnostics& diagnostics) {
    GpoReport report;
    const auto* root = file.root();
    report.origin = file.location_of(root);
    if (local_name(root) != "GPO") {
        diagnostics.error("GPL001", report.origin, "gpreport.xml has no GPO root element");
        return report;
    }
    const auto* identifier = child(root, "Identifier");
    report.guid = normalize_guid(child_text(identifier, "Identifier"));
    report.domain = child_text(identifier, "Domain");
    report.name = child_text(root, "Name");
    report.computer_enabled = parse_bool(child_text(child(root, "Computer"), "Enabled"));
    report.user_enabled = parse_bool(child_text(child(root, "User"), "Enabled"));
    report.security_filtered = is_security_filtered(child(root, "SecurityDescriptor"));
    read_packages(file, child(root, "Computer"), false, report, diagnostics);
    read_packages(file, child(root, "User"), true, report, diagnostics);
    for_each_child(root, "LinksTo", [&](const tinyxml2::XMLElement* e) {
        model::ReportedLink link;
        link.som_name = child_text(e, "SOMName");
        link.som_path = child_text(e, "SOMPath");
        link.enabled = parse_bool(child_text(e, "Enabled")).value_or(true);
        link.enforced = parse_bool(child_text(e, "NoOverride")).value_or(false);
        link.location = file.location_of(e);
        report.links.push_back(std::move(link));
    });
    return report;
}

void merge_report(const GpoReport& report, model::Gpo& gpo, bool flags_known) {
    if (gpo.guid.empty()) gpo.guid = report.guid;
    if (gpo.domain.empty()) gpo.domain = report.domain;
    if (gpo.name.empty()) gpo.name = report.name;
    if (gpo.origin.file.empty()) gpo.origin = report.origin;
    if (!flags_known) {
        if (report.user_enabled == false) gpo.flags |= 1u;
        if (report.computer_enabled == false) gpo.flags |= 2u;
    }
    gpo.reported_links = report.links;
    gpo.settings.insert(gpo.settings.end(), report.packages.begin(), report.packages.end());
    if (!gpo.security_descriptor_known) gpo.security_filtered = report.security_filtered;
}

}  // namespace gpolint::parse
