#pragma once
// What Group Policy itself means by a setting, apart from files and from resolution: which client-side
// extension (CSE) applies it and so which contribution is left in place when several extensions write
// the same value, which keys are domain account policy, and which operations define a value; and the
// one wording of a value and of a link that every message uses. The resolver (resolve/), the rules
// (rules/) and the reporters all ask here, so a change of meaning or wording is made once;
// docs/precedence.md gives the sources.
#include <string>
#include <string_view>

#include "model/gpo.hpp"
#include "model/setting.hpp"
#include "model/topology.hpp"

namespace gpolint::model {

// The client-side extensions that can write one of gpolint's setting keys, in the order the client runs
// them: the Registry CSE first for every GPO, then the others in CSE GUID order (MS-GPOL §3.2.5.1;
// FORMATS §5.1 step 5). Each extension processes all GPOs of the list before the next one starts.
enum class Extension {
    Registry,               // {35378EAC-683F-11D2-A89A-00C04FBBCFA2} registry.pol (Administrative Templates)
    PreferencesGroups,      // {17D89FEC-5C44-4972-B12D-241CAEF74509} Groups.xml
    Scripts,                // {42B5FAAE-6536-11D2-AE5A-0000F87571E3} scripts.ini, psscripts.ini
    Security,               // {827D319E-6EAC-11D2-A4EA-00C04F79F83A} GptTmpl.inf
    PreferencesServices,    // {91FBB303-0CD5-4055-BF42-E512A681B325} Services.xml
    PreferencesRegistry,    // {B087BE9D-ED37-454F-AF9C-04291E351182} Registry.xml
    SoftwareInstallation,   // {C6DC5466-785A-11D2-84D0-00C04FB169F7} packages (gpreport.xml MsiApplication)
    AdvancedAudit,          // {F3CCC681-B74C-4060-9F26-CD84525DCA2A} audit.csv
};

// The extension that applies `setting` (gpreport.xml settings count as the Security extension's:
// the report transcribes the security template).
Extension applying_extension(const Setting& setting);
std::string_view to_string(Extension extension);  // "Security", "Registry", "Preferences (Registry)" …

// True when `later`, applied after `earlier` in GPO processing order, replaces it: a later extension
// always wins, whatever the GPO order (its pass over all GPOs comes after the earlier one's); within
// one extension the GPO applied later wins. Within one GPO the same holds with file order for GPO order.
inline bool replaces(Extension later, Extension earlier) { return later >= earlier; }

// True when the operation leaves a value defined (a set, **soft.); deletes, a key-only record and
// **SecureKey define none.
bool defines_value(Operation op);

// What a service entry sets. A template [Service General Setting] line sets the startup type and the
// service's permissions (SDDL); a Preferences Services.xml item sets the startup type, the logon
// account, the recovery actions and a start/stop action. Each aspect is a key of its own, so only
// entries that set the same aspect override each other (a Services.xml startup type does not undo the
// template's permissions).
enum class ServiceAspect { StartupType, Permissions, Account, Recovery, Action };
// The one spelling of those keys: service:Spooler\StartupType, service:Spooler\Permissions, …
std::string service_key_text(std::string_view service, ServiceAspect aspect);

// True when two contributions to one key leave the same thing in place, so that one overriding the
// other changes nothing: equal numbers (a startup type written 4 or DISABLED), equal lists (principal
// lists in any order, case-insensitive), or equal text.
bool same_effect(const Value& a, const Value& b);

// True for keys whose values every GPO contributes instead of one winning: the Scripts extension runs
// the startup script 0 of each GPO in scope, so script:Startup\0\CmdLine from two GPOs is two scripts,
// not a conflict (GPL704 and GPL705 skip these keys). Software Installation packages likewise: each
// GPO's package:{id}\Path is one more application deployed.
bool accumulates_across_gpos(const SettingKey& key);

// True for password, lockout and Kerberos policy keys, which reach domain accounts only from GPOs linked
// at the domain root (FORMATS §5.5).
bool is_account_policy(const SettingKey& key);

// How every message shows a value: its text, else its items joined with ',', else its number, else
// "(empty)". A contribution whose operation defines no value shows the operation: "(delete)".
std::string display_value(const Value& value, Operation op = Operation::Set);

// What a description of a link needs; kept by findings after the SOM's effective policy is gone.
struct LinkRef {
    const Gpo* gpo = nullptr;  // nullptr when the linked GPO is not in the input
    int link_som = -1;         // index into Topology::soms; -1 when unknown
    uint32_t link_order = 0;   // 0 when unknown
    bool enforced = false;
};

// "'Name'": how messages name a GPO.
std::string gpo_label(const Gpo& gpo);

// How every message names a link: "'Name' linked at DN (link order N, enforced)". A GPO missing from the
// input is named by `unknown_name` (its GUID, or its directory entry's name), as given.
std::string describe_link(const Topology& topology, const LinkRef& link, std::string_view unknown_name = {});

}  // namespace gpolint::model
