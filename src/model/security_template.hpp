#pragma once
// The typed content of one security template (GptTmpl.inf), section by section, as written. Every
// entry remembers where it is, down to the byte spans of its key and value in the decoded text, so a
// fix can rewrite a value in place and a suppression comment can be matched to the line below it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/location.hpp"
#include "core/source.hpp"

namespace gpolint::model {

// A byte range [offset, offset + length) of the decoded text (SourceText::text()).
struct TextSpan {
    size_t offset = 0;
    size_t length = 0;
    size_t end() const { return offset + length; }
    friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

enum class SectionKind {
    Unicode,
    Version,
    SystemAccess,
    KerberosPolicy,
    SystemLog,
    SecurityLog,
    ApplicationLog,
    EventAudit,
    RegistryValues,
    PrivilegeRights,
    GroupMembership,
    ServiceGeneralSetting,
    RegistryKeys,
    FileSecurity,
    ProfileDescription,
    Unknown
};
const char* to_string(SectionKind kind);  // the canonical section name, "Registry Values"
SectionKind section_kind_of(std::string_view name);  // case-insensitive; Unknown if not listed

// Where an entry is. `location` is the start of its line (column 1).
struct EntryPlace {
    Location location;
    TextSpan line;   // without the line ending
    TextSpan key;    // the key / name as written, quotes included
    TextSpan value;  // everything after '=' (or, in object sections, the SDDL field), quotes included
};

// Key = value[,value…] of [Unicode], [Version], [System Access], [Kerberos Policy], the log sections,
// [Event Audit], [Profile Description] and unknown sections.
struct KeyValueEntry {
    EntryPlace place;
    std::string key;                 // unquoted
    std::string value;               // raw text after '=' (trimmed, quotes kept)
    std::vector<std::string> items;  // comma-separated, unquoted
    bool quoted = false;             // the value is one quoted string ("X_Admin")
    std::optional<int64_t> number;   // when the value is one decimal number
};

// [Registry Values]: MACHINE\Path\Name=<type>,<data>
struct RegistryValueEntry {
    EntryPlace place;
    std::string name;                // full name as written, unquoted: MACHINE\…\NoLMHash
    std::string key_path;            // up to the last '\': MACHINE\…\Lsa
    std::string value_name;          // after the last '\': NoLMHash
    int type = -1;                   // 1 SZ, 2 EXPAND_SZ, 3 BINARY, 4 DWORD, 7 MULTI_SZ, other as written
    std::string data;                // raw text after "<type>," (quotes kept)
    std::vector<std::string> items;  // comma-separated, unquoted; empty for "7,"
};

// [Privilege Rights]: Right = principal[,principal…]; an empty list is "defined, granted to no one".
struct PrivilegeEntry {
    EntryPlace place;
    std::string right;
    std::vector<std::string> principals;  // "*S-1-5-32-544" or names, as written
};

// [Group Membership]: <group>__Members = … / <group>__Memberof = …
enum class GroupRelation { Members, Memberof };
struct GroupMembershipEntry {
    EntryPlace place;
    std::string group;  // "*S-1-5-32-544" or a name
    GroupRelation relation = GroupRelation::Members;
    std::vector<std::string> principals;
};

// [Service General Setting] "name",startup,"sddl"; [Registry Keys] / [File Security] "path",mode,"sddl".
struct ObjectEntry {
    EntryPlace place;
    std::string name;          // unquoted service name, registry key path or file path
    std::optional<int64_t> mode;  // startup type (2/3/4) or propagation mode (0/1/2)
    std::string sddl;          // unquoted, may be empty
};

struct Comment {
    uint32_t line = 0;
    TextSpan span;     // from ';' to the end of the line
    std::string text;  // after ';', trimmed
};

struct SectionHeader {
    SectionKind kind = SectionKind::Unknown;
    std::string name;  // as written, trimmed
    Location location;
};

// Entries of a section the reader does not know, kept as written.
struct RawSection {
    std::string name;
    Location location;  // first header
    std::vector<KeyValueEntry> entries;
};

struct SecurityTemplate {
    PathRef file;
    Encoding encoding = Encoding::Utf16LeBom;
    std::vector<SectionHeader> headers;  // every header line in file order (duplicates included)
    std::vector<Comment> comments;

    // A later duplicate key replaces the earlier entry (GPL003), so each list holds one entry per key.
    std::vector<KeyValueEntry> unicode, version, system_access, kerberos_policy, system_log, security_log,
        application_log, event_audit, profile_description;
    std::vector<RegistryValueEntry> registry_values;
    std::vector<PrivilegeEntry> privilege_rights;
    std::vector<GroupMembershipEntry> group_membership;
    std::vector<ObjectEntry> services, registry_keys, file_security;
    std::vector<RawSection> unknown_sections;

    // The key/value list of a key/value section kind, or nullptr for the other kinds.
    std::vector<KeyValueEntry>* key_values(SectionKind kind);
    const std::vector<KeyValueEntry>* key_values(SectionKind kind) const;
    // The object list of an object section kind, or nullptr.
    std::vector<ObjectEntry>* objects(SectionKind kind);
    const std::vector<ObjectEntry>* objects(SectionKind kind) const;

    const PrivilegeEntry* privilege(std::string_view right) const;             // case-insensitive
    const RegistryValueEntry* registry_value(std::string_view name) const;     // full name, case-insensitive
    const KeyValueEntry* key_value(SectionKind kind, std::string_view key) const;
};

}  // namespace gpolint::model
