#include "parse/preferences.hpp"

#include <charconv>
#include <string>

#include "model/policy_semantics.hpp"
#include "model/setting.hpp"
#include "parse/command_line.hpp"

namespace gpolint::parse {

namespace {

using model::Operation;
using model::Setting;
using model::ValueKind;
using tinyxml2::XMLElement;

struct Scope {
    bool conditional = false;  // a <Filters> on the item or on an enclosing collection
};

bool is_set(const std::string& flag) { return flag == "1" || model::iequals(flag, "true"); }

bool has_filters(const XMLElement* item) {
    const auto* filters = child(item, "Filters");
    return filters && filters->FirstChildElement();
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
    return out;
}

std::optional<uint64_t> parse_hex(std::string_view text) {
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

class PreferencesReader {
public:
    PreferencesReader(const XmlFile& file, bool user_side, Diagnostics& diagnostics)
        : file_(file), user_side_(user_side), diagnostics_(diagnostics) {}

    std::vector<Setting> read() {
        report_cpasswords(file_.root());
        report_password_arguments(file_.root());
        report_outside_sysvol(file_.root());
        visit_items(file_.root(), Scope{has_filters(file_.root())});
        return std::move(settings_);
    }

private:
    // Any element of any Preferences kind (Groups, Services, ScheduledTasks, Drives, DataSources…)
    // may carry one; the AES key is published, so each is readable by every domain user.
    void report_cpasswords(const XMLElement* element) {
        if (!attribute(element, "cpassword").empty())
            diagnostics_.error("GPL602", file_.location_of(element),
                               "cpassword in Preferences: the AES key is public (MS14-025); the password is "
                               "readable by any domain user");
        // Depth is bounded: tinyxml2 refuses documents nested deeper than TINYXML2_MAX_ELEMENT_DEPTH.
        for (auto* c = element->FirstChildElement(); c; c = c->NextSiblingElement()) report_cpasswords(c);
    }

    // Scheduled tasks (args="…" of legacy items, <Arguments> of task XML) that carry a password on their
    // command line: stored in clear text in SYSVOL, like cpassword but not even obfuscated.
    void report_password_arguments(const XMLElement* element) {
        std::string arguments = attribute(element, "args");
        if (arguments.empty() && local_name(element) == "Arguments") arguments = element_text(element);
        // The finding names the marker, never the arguments: reports end up in CI logs.
        if (auto marker = password_marker(arguments); !marker.empty())
            diagnostics_.error("GPL606", file_.location_of(element),
                               "a task's arguments contain '" + std::string(marker) +
                                   "', which looks like a password on the command line: it is stored in clear text in "
                                   "SYSVOL, readable by any domain user");
        for (auto* c = element->FirstChildElement(); c; c = c->NextSiblingElement()) report_password_arguments(c);
    }

    // Programs and files every computer in scope fetches: a task's <Command> (appName of legacy tasks),
    // a Files item's source, a file-system shortcut's target. A share outside SYSVOL/NETLOGON is
    // administered by whoever owns that server, so its owner runs code where the GPO applies.
    void report_outside_sysvol(const XMLElement* element) {
        auto name = local_name(element);
        std::string path, what;
        if (name == "Command") path = element_text(element), what = "a task's command";
        else if (name == "Properties") {
            if (auto app = attribute(element, "appName"); !app.empty()) path = app, what = "a task's program";
            else if (auto from = attribute(element, "fromPath"); !from.empty()) path = from, what = "a Files item's source";
            else if (auto target = attribute(element, "targetPath"); !target.empty() && !attribute(element, "shortcutPath").empty() &&
                                                                         !model::iequals(attribute(element, "targetType"), "URL"))
                path = target, what = "a shortcut's target";
        }
        if (!path.empty() && runs_code_from_outside_sysvol(path))
            diagnostics_.warning("GPL608", file_.location_of(element),
                                 what + " '" + path +
                                     "' is outside the domain's SYSVOL and NETLOGON shares: whoever can write there controls "
                                     "what every computer the GPO applies to runs or receives");
        for (auto* c = element->FirstChildElement(); c; c = c->NextSiblingElement()) report_outside_sysvol(c);
    }

    void visit_items(const XMLElement* parent, Scope scope) {
        for (auto* item = parent->FirstChildElement(); item; item = item->NextSiblingElement()) {
            if (is_set(attribute(item, "disabled"))) continue;  // the CSE ignores disabled items
            Scope inner{scope.conditional || has_filters(item)};
            auto name = local_name(item);
            if (name == "Collection") visit_items(item, inner);
            else if (name == "Registry") read_registry(item, inner);
            else if (name == "Group") read_group(item, inner);
            else if (name == "NTService") read_service(item, inner);
        }
    }

    Setting make_setting(const XMLElement* item, std::string key, Scope scope) {
        Setting setting;
        setting.key = model::SettingKey(std::move(key));
        setting.source = model::SourceKind::Preferences;
        setting.location = file_.location_of(item);
        setting.conditional = scope.conditional;
        setting.user_side = user_side_;
        return setting;
    }

    static Operation operation(const std::string& action) {
        if (action == "C") return Operation::SetIfAbsent;
        if (action == "D") return Operation::DeleteValue;
        return Operation::Set;  // R, U, and the default (U)
    }

    void read_registry(const XMLElement* item, Scope scope) {
        const auto* p = child(item, "Properties");
        if (!p) return;
        std::string hive = attribute(p, "hive"), key = attribute(p, "key"), name = attribute(p, "name");
        std::string type = attribute(p, "type"), action = attribute(p, "action");
        bool key_only = name.empty() && !is_set(attribute(p, "default")) && type.empty();
        auto setting = make_setting(item, model::registry_key_text(hive.empty() ? "HKLM" : hive, key, name), scope);
        setting.op = operation(action);
        if (key_only && setting.op != Operation::DeleteValue) setting.op = Operation::CreateKey;
        if (key_only && setting.op == Operation::DeleteValue) setting.op = Operation::DeleteKeys;
        setting.value = registry_value(p, type);
        settings_.push_back(std::move(setting));
    }

    model::Value registry_value(const XMLElement* p, const std::string& type) {
        model::Value value;
        value.text = attribute(p, "value");
        if (type == "REG_SZ") { value.kind = ValueKind::String; value.reg_type = 1; }
        else if (type == "REG_EXPAND_SZ") { value.kind = ValueKind::ExpandString; value.reg_type = 2; }
        else if (type == "REG_BINARY") { value.kind = ValueKind::Binary; value.reg_type = 3; }
        else if (type == "REG_DWORD" || type == "REG_QWORD") {
            value.kind = type == "REG_DWORD" ? ValueKind::Dword : ValueKind::Qword;
            value.reg_type = type == "REG_DWORD" ? 4 : 11;
            // Written as 8 (16) hex digits: "000000FF" is 255.
            if (auto number = parse_hex(value.text)) {
                value.number = static_cast<int64_t>(*number);
                value.text = std::to_string(*number);
            } else if (!value.text.empty()) {
                diagnostics_.warning("GPL004", file_.location_of(p), type + " value '" + value.text + "' is not hexadecimal");
            }
        } else if (type == "REG_MULTI_SZ") {
            value.kind = ValueKind::MultiString;
            value.reg_type = 7;
            for_each_child(child(p, "Values"), "Value", [&](const XMLElement* v) { value.items.push_back(element_text(v)); });
            if (!value.items.empty()) value.text = join(value.items);
        } else if (type.empty()) {
            value.kind = ValueKind::None;
        }
        return value;
    }

    void read_group(const XMLElement* item, Scope scope) {
        const auto* p = child(item, "Properties");
        if (!p) return;
        std::string sid = attribute(p, "groupSid"), group = attribute(p, "groupName");
        std::string id = sid.empty() ? group : "*" + sid;
        if (id.empty()) return;
        std::vector<std::string> added, removed;
        for_each_child(child(p, "Members"), "Member", [&](const XMLElement* m) {
            std::string member_sid = attribute(m, "sid");
            std::string member = member_sid.empty() ? attribute(m, "name") : "*" + member_sid;
            (model::iequals(attribute(m, "action"), "REMOVE") ? removed : added).push_back(member);
        });
        auto add = [&](const char* suffix, std::vector<std::string> members) {
            auto setting = make_setting(item, "group:" + id + suffix, scope);
            setting.op = operation(attribute(p, "action"));
            setting.value.kind = ValueKind::PrincipalList;
            setting.value.text = join(members);
            setting.value.items = std::move(members);
            settings_.push_back(std::move(setting));
        };
        add("\\Members", std::move(added));
        if (!removed.empty()) add("\\RemovedMembers", std::move(removed));
    }

    // An NTService item gives one setting per aspect it changes (model::ServiceAspect); NOCHANGE and
    // empty attributes change nothing. The recovery program's arguments are left out: like a task's,
    // they can hold a password, and they add nothing to which entry overrides which.
    void read_service(const XMLElement* item, Scope scope) {
        using model::ServiceAspect;
        const auto* p = child(item, "Properties");
        std::string name = attribute(p, "serviceName");
        if (name.empty()) return;
        auto add = [&](ServiceAspect aspect, ValueKind kind, std::string text, std::optional<int64_t> number) {
            auto setting = make_setting(item, model::service_key_text(name, aspect), scope);
            setting.value.kind = kind;
            setting.value.text = std::move(text);
            setting.value.number = number;
            settings_.push_back(std::move(setting));
        };
        std::string startup = attribute(p, "startupType");
        if (model::iequals(startup, "AUTOMATIC")) add(ServiceAspect::StartupType, ValueKind::Service, startup, 2);
        else if (model::iequals(startup, "MANUAL")) add(ServiceAspect::StartupType, ValueKind::Service, startup, 3);
        else if (model::iequals(startup, "DISABLED")) add(ServiceAspect::StartupType, ValueKind::Service, startup, 4);
        if (std::string account = attribute(p, "accountName"); !account.empty())
            add(ServiceAspect::Account, ValueKind::String, account, std::nullopt);
        std::string recovery;
        for (const char* field : {"firstFailure", "secondFailure", "thirdFailure", "resetFailCountDelay",
                                  "restartServiceDelay", "restartComputerDelay", "program"})
            if (std::string value = attribute(p, field); !value.empty())
                recovery += (recovery.empty() ? "" : " ") + std::string(field) + "=" + value;
        if (!recovery.empty()) add(ServiceAspect::Recovery, ValueKind::String, recovery, std::nullopt);
        if (std::string action = attribute(p, "serviceAction"); !action.empty() && !model::iequals(action, "NOCHANGE"))
            add(ServiceAspect::Action, ValueKind::String, action, std::nullopt);
    }

    const XmlFile& file_;
    bool user_side_;
    Diagnostics& diagnostics_;
    std::vector<Setting> settings_;
};

}  // namespace

bool is_preferences_root(const tinyxml2::XMLElement* root) { return root && !attribute(root, "clsid").empty(); }

std::vector<model::Setting> read_preferences_xml(const XmlFile& file, bool user_side, Diagnostics& diagnostics) {
    if (!file.root()) return {};
    return PreferencesReader(file, user_side, diagnostics).read();
}

}  // namespace gpolint::parse
