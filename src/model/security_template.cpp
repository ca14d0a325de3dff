#include "model/security_template.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "model/setting.hpp"

namespace gpolint::model {

namespace {

constexpr std::array<std::pair<SectionKind, const char*>, 15> kSectionNames = {{
    {SectionKind::Unicode, "Unicode"},
    {SectionKind::Version, "Version"},
    {SectionKind::SystemAccess, "System Access"},
    {SectionKind::KerberosPolicy, "Kerberos Policy"},
    {SectionKind::SystemLog, "System Log"},
    {SectionKind::SecurityLog, "Security Log"},
    {SectionKind::ApplicationLog, "Application Log"},
    {SectionKind::EventAudit, "Event Audit"},
    {SectionKind::RegistryValues, "Registry Values"},
    {SectionKind::PrivilegeRights, "Privilege Rights"},
    {SectionKind::GroupMembership, "Group Membership"},
    {SectionKind::ServiceGeneralSetting, "Service General Setting"},
    {SectionKind::RegistryKeys, "Registry Keys"},
    {SectionKind::FileSecurity, "File Security"},
    {SectionKind::ProfileDescription, "Profile Description"},
}};

template <typename List, typename Key>
auto* find_by(List& list, Key key_of, std::string_view wanted) {
    auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return iequals(key_of(e), wanted); });
    return it == list.end() ? nullptr : &*it;
}

}  // namespace

const char* to_string(SectionKind kind) {
    for (const auto& [k, name] : kSectionNames)
        if (k == kind) return name;
    return "?";
}

SectionKind section_kind_of(std::string_view name) {
    for (const auto& [kind, known] : kSectionNames)
        if (iequals(name, known)) return kind;
    return SectionKind::Unknown;
}

std::vector<KeyValueEntry>* SecurityTemplate::key_values(SectionKind kind) {
    switch (kind) {
        case SectionKind::Unicode: return &unicode;
        case SectionKind::Version: return &version;
        case SectionKind::SystemAccess: return &system_access;
        case SectionKind::KerberosPolicy: return &kerberos_policy;
        case SectionKind::SystemLog: return &system_log;
        case SectionKind::SecurityLog: return &security_log;
        case SectionKind::ApplicationLog: return &application_log;
        case SectionKind::EventAudit: return &event_audit;
        case SectionKind::ProfileDescription: return &profile_description;
        default: return nullptr;
    }
}

const std::vector<KeyValueEntry>* SecurityTemplate::key_values(SectionKind kind) const {
    return const_cast<SecurityTemplate*>(this)->key_values(kind);
}

std::vector<ObjectEntry>* SecurityTemplate::objects(SectionKind kind) {
    switch (kind) {
        case SectionKind::ServiceGeneralSetting: return &services;
        case SectionKind::RegistryKeys: return &registry_keys;
        case SectionKind::FileSecurity: return &file_security;
        default: return nullptr;
    }
}

const std::vector<ObjectEntry>* SecurityTemplate::objects(SectionKind kind) const {
    return const_cast<SecurityTemplate*>(this)->objects(kind);
}

const PrivilegeEntry* SecurityTemplate::privilege(std::string_view right) const {
    return find_by(privilege_rights, [](const PrivilegeEntry& e) -> const std::string& { return e.right; }, right);
}

const RegistryValueEntry* SecurityTemplate::registry_value(std::string_view name) const {
    return find_by(registry_values, [](const RegistryValueEntry& e) -> const std::string& { return e.name; }, name);
}

const KeyValueEntry* SecurityTemplate::key_value(SectionKind kind, std::string_view key) const {
    const auto* list = key_values(kind);
    if (list == nullptr) return nullptr;
    return find_by(*list, [](const KeyValueEntry& e) -> const std::string& { return e.key; }, key);
}

}  // namespace gpolint::model
