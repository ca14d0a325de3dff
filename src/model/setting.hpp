#pragma once
// One setting of one GPO, from whatever file it came from. A registry value set in GptTmpl.inf,
// registry.pol or Preferences lands on the same canonical key, so the resolver and the rules see one
// setting.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.hpp"

namespace gpolint::model {

// Canonical, case-insensitive key of a setting, e.g.
//   privilege:SeServiceLogonRight
//   registry:HKLM\System\CurrentControlSet\Control\Lsa\NoLMHash
//   access:MinimumPasswordLength      kerberos:MaxTicketAge        log:Security\MaximumLogSize
//   eventaudit:AuditLogonEvents       audit:{0cce9215-69ae-11d9-bed3-505054503030}   audit:Option:CrashOnAuditFail
//   service:Spooler\StartupType       group:*S-1-5-32-544\Members  group:*S-1-5-32-544\Memberof
//   regkey:MACHINE\Software\X         file:%SystemRoot%\x          raw:Profile Description\Description
// `text` keeps the spelling of the first source (for display); `folded` is the lower-case form used for
// every comparison and lookup. Keys are interned for the whole run (setting.cpp): the resolver copies
// each one into every SOM's effective policy, and a copy is one pointer.
class SettingKey {
public:
    SettingKey() = default;
    explicit SettingKey(std::string text);
    const std::string& text() const { return spelling_ ? spelling_->text : empty(); }
    const std::string& folded() const { return spelling_ ? spelling_->folded : empty(); }
    std::string_view kind() const;  // part before the first ':'
    // Dense number of this spelling, 0 .. spelling_count() - 1, for per-key arrays (the resolver ranks
    // keys with them). Two spellings of one folded key have two numbers.
    uint32_t id() const { return spelling_ ? spelling_->id : kNoId; }
    static uint32_t spelling_count();
    static constexpr uint32_t kNoId = UINT32_MAX;
    friend bool operator==(const SettingKey& a, const SettingKey& b) { return a.folded() == b.folded(); }
    friend bool operator<(const SettingKey& a, const SettingKey& b) { return a.folded() < b.folded(); }

    // One interned spelling (setting.cpp owns them all); callers only ever hold a SettingKey.
    struct Spelling {
        std::string text;
        std::string folded;
        uint32_t id;
    };

private:
    static const std::string& empty();
    const Spelling* spelling_ = nullptr;
};

// ASCII case folding used for keys, section names, GUIDs and DNs.
std::string fold_case(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
// Glob with '*' only, case-sensitive (fold both sides first for a case-insensitive match).
bool glob_match(std::string_view pattern, std::string_view text);

// For hash tables keyed case-insensitively without storing a folded copy of every key.
struct FoldedHash {
    size_t operator()(std::string_view text) const noexcept;
};
struct FoldedEqual {
    bool operator()(std::string_view a, std::string_view b) const noexcept { return iequals(a, b); }
};

// Builds registry:HKLM\… from "MACHINE\…", "HKEY_LOCAL_MACHINE\…", "HKLM\…", or a hive-less key plus a hive.
std::string registry_key_text(std::string_view hive, std::string_view key_path, std::string_view value_name);

enum class SourceKind { Template, RegistryPol, Preferences, AuditCsv, Report, Scripts, SoftwareInstallation };
const char* to_string(SourceKind kind);

enum class ValueKind {
    None,          // REG_NONE or "key only"
    Number,        // a plain decimal ([System Access], [Kerberos Policy], logs, [Event Audit], audit.csv)
    String,        // REG_SZ, quoted template strings
    ExpandString,  // REG_EXPAND_SZ
    Binary,        // REG_BINARY (text = hex)
    Dword,         // REG_DWORD
    DwordBigEndian,
    MultiString,   // REG_MULTI_SZ (items)
    Qword,
    PrincipalList, // [Privilege Rights], [Group Membership] (items; empty list = "defined, no one")
    Service,       // a service's startup type: number = 2/3/4, text as written (service:NAME\StartupType)
    Acl,           // [Registry Keys] / [File Security]: number = mode, text = SDDL
    Raw            // unknown section or unparsed data
};
const char* to_string(ValueKind kind);

struct Value {
    ValueKind kind = ValueKind::Raw;
    std::string text;                 // the value as written (template text, decoded string, hex for binary)
    std::vector<std::string> items;   // principals or multi-string items, in order
    std::optional<int64_t> number;    // numeric reading when the value has one (DWORDs, decimals, modes)
    int reg_type = -1;                // registry type code (1,2,3,4,5,7,11…) for registry values
};

// What a registry.pol / Preferences entry does; template entries are always Set.
enum class Operation {
    Set,
    DeleteValue,      // **del.X, Preferences action D
    DeleteAllValues,  // **delvals. (key holds the key path, no value name)
    DeleteValues,     // **DeleteValues (items = names)
    DeleteKeys,       // **DeleteKeys (items = subkeys)
    SecureKey,        // **SecureKey
    SetIfAbsent,      // **soft.X
    CreateKey         // empty value name / REG_NONE key-only record
};
const char* to_string(Operation op);

struct Setting {
    SettingKey key;
    Value value;
    Operation op = Operation::Set;
    SourceKind source = SourceKind::Template;
    Location location;            // file + line/column, or byte offset for registry.pol
    uint32_t length = 0;          // length in bytes of the entry in the decoded text (for carets / fixes)
    bool conditional = false;     // Preferences item-level targeting
    bool user_side = false;       // from the User half of the GPO (HKCU, User\Preferences)
};

}  // namespace gpolint::model
