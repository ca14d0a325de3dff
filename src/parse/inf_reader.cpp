// template_settings(): the typed template as canonical settings (model/setting.hpp key forms).
#include "parse/inf_reader.hpp"

#include <algorithm>

#include "model/policy_semantics.hpp"

namespace gpolint::parse {

namespace {

using model::Setting;
using model::ValueKind;

Setting make_setting(std::string key, const model::EntryPlace& place, model::Value value) {
    Setting s;
    s.key = model::SettingKey(std::move(key));
    s.value = std::move(value);
    s.source = model::SourceKind::Template;
    s.location = place.location;
    s.length = static_cast<uint32_t>(std::min<size_t>(place.line.length, UINT32_MAX));
    return s;
}

// [System Access], [Kerberos Policy], logs, [Event Audit]: a number, or a quoted string.
model::Value scalar_value(const model::KeyValueEntry& e) {
    model::Value v;
    if (e.number) {
        v.kind = ValueKind::Number;
        v.number = e.number;
        v.text = e.value;
    } else if (e.quoted) {
        v.kind = ValueKind::String;
        v.text = e.items.front();
    } else {
        v.kind = ValueKind::Raw;
        v.text = e.value;
    }
    return v;
}

model::Value registry_value(const model::RegistryValueEntry& e) {
    model::Value v;
    v.reg_type = e.type;
    auto single_string = [&] { return e.items.size() == 1 ? e.items.front() : e.data; };
    switch (e.type) {
        case 1:
            v.kind = ValueKind::String;
            v.text = single_string();
            break;
        case 2:
            v.kind = ValueKind::ExpandString;
            v.text = single_string();
            break;
        case 3:
            v.kind = ValueKind::Binary;
            v.text = e.data;
            break;
        case 4: {
            v.kind = ValueKind::Dword;
            v.text = e.data;
            int64_t n = 0;
            bool digits = e.items.size() == 1 && !e.items[0].empty() &&
                          std::all_of(e.items[0].begin(), e.items[0].end(), [](char c) { return c >= '0' && c <= '9'; });
            if (digits && e.items[0].size() <= 10) {
                n = std::stoll(e.items[0]);
                if (n <= 0xFFFFFFFFLL) v.number = n;
            }
            break;
        }
        case 7:
            v.kind = ValueKind::MultiString;
            v.text = e.data;
            v.items = e.items;
            break;
        default:
            v.kind = ValueKind::Raw;
            v.text = e.data;
            v.items = e.items;
    }
    return v;
}

model::Value principal_list(const std::string& text, const std::vector<std::string>& principals) {
    model::Value v;
    v.kind = ValueKind::PrincipalList;
    v.text = text;
    v.items = principals;
    return v;
}

model::Value object_value(ValueKind kind, const model::ObjectEntry& e) {
    model::Value v;
    v.kind = kind;
    v.number = e.mode;
    v.text = e.sddl;
    return v;
}

// One [Service General Setting] line sets two things: the startup type, and the permissions on the
// service when the SDDL is not empty.
void add_service(std::vector<Setting>& out, const model::ObjectEntry& e) {
    using model::ServiceAspect;
    if (e.mode) {
        model::Value startup;
        startup.kind = ValueKind::Service;
        startup.number = e.mode;
        startup.text = std::to_string(*e.mode);
        out.push_back(make_setting(model::service_key_text(e.name, ServiceAspect::StartupType), e.place, std::move(startup)));
    }
    if (!e.sddl.empty()) {
        model::Value permissions;
        permissions.kind = ValueKind::Acl;
        permissions.text = e.sddl;
        out.push_back(make_setting(model::service_key_text(e.name, ServiceAspect::Permissions), e.place, std::move(permissions)));
    }
}

model::Value raw_value(const model::KeyValueEntry& e) {
    model::Value v;
    v.kind = ValueKind::Raw;
    v.text = e.value;
    v.items = e.items;
    return v;
}

void add_scalars(std::vector<Setting>& out, std::string_view prefix, const std::vector<model::KeyValueEntry>& entries) {
    for (const auto& e : entries) out.push_back(make_setting(std::string(prefix) + e.key, e.place, scalar_value(e)));
}

}  // namespace

std::vector<Setting> template_settings(const model::SecurityTemplate& t) {
    std::vector<Setting> out;
    out.reserve(t.system_access.size() + t.kerberos_policy.size() + t.system_log.size() + t.security_log.size() +
                t.application_log.size() + t.event_audit.size() + t.registry_values.size() +
                t.privilege_rights.size() + t.group_membership.size() + 2 * t.services.size() + t.registry_keys.size() +
                t.file_security.size() + t.profile_description.size());
    add_scalars(out, "access:", t.system_access);
    add_scalars(out, "kerberos:", t.kerberos_policy);
    add_scalars(out, "log:System\\", t.system_log);
    add_scalars(out, "log:Security\\", t.security_log);
    add_scalars(out, "log:Application\\", t.application_log);
    add_scalars(out, "eventaudit:", t.event_audit);
    for (const auto& e : t.registry_values)
        out.push_back(make_setting(model::registry_key_text("", e.key_path, e.value_name), e.place, registry_value(e)));
    for (const auto& e : t.privilege_rights)
        out.push_back(make_setting("privilege:" + e.right, e.place, principal_list(e.value, e.principals)));
    for (const auto& e : t.group_membership) {
        const char* relation = e.relation == model::GroupRelation::Members ? "\\Members" : "\\Memberof";
        out.push_back(make_setting("group:" + e.group + relation, e.place, principal_list(e.value, e.principals)));
    }
    for (const auto& e : t.services) add_service(out, e);
    for (const auto& e : t.registry_keys) out.push_back(make_setting("regkey:" + e.name, e.place, object_value(ValueKind::Acl, e)));
    for (const auto& e : t.file_security) out.push_back(make_setting("file:" + e.name, e.place, object_value(ValueKind::Acl, e)));
    for (const auto& e : t.profile_description)
        out.push_back(make_setting("raw:Profile Description\\" + e.key, e.place, raw_value(e)));
    for (const auto& section : t.unknown_sections)
        for (const auto& e : section.entries)
            out.push_back(make_setting("raw:" + section.name + "\\" + e.key, e.place, raw_value(e)));
    // File order, so diagnostics and `dump` read like the file.
    std::stable_sort(out.begin(), out.end(),
                     [](const Setting& a, const Setting& b) { return a.location.offset < b.location.offset; });
    return out;
}

std::vector<Setting> read_template_settings(const SourceText& source, Diagnostics& diagnostics) {
    return template_settings(read_security_template(source, diagnostics));
}

}  // namespace gpolint::parse
