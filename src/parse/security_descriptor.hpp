#pragma once
// The GPO's security descriptor as Backup.xml stores it (<GroupPolicyCoreSettings><SecurityDescriptor>,
// FORMATS.md §3.4): space-separated hex bytes of a self-relative binary SECURITY_DESCRIPTOR
// ([MS-DTYP] 2.4.6). Only the DACL is read: it is where security filtering is decided.
// Every read is bounds-checked; malformed input gives an error string, never a crash.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gpolint::parse {

struct Ace {
    uint8_t type = 0;          // ACCESS_ALLOWED_ACE_TYPE = 0, ACCESS_ALLOWED_OBJECT_ACE_TYPE = 5, …
    uint8_t flags = 0;         // INHERIT_ONLY_ACE = 0x08, …
    uint32_t mask = 0;
    std::string object_type;   // lower-case GUID without braces; empty when the ACE has none
    std::string sid;           // "S-1-5-11"; empty for an ACE type whose layout is not known
};

struct SecurityDescriptor {
    std::string owner;          // "S-1-5-21-…-512"; empty when the descriptor has none
    bool dacl_present = false;  // false: a NULL DACL, which grants everything to everyone
    std::vector<Ace> dacl;
};

// "01 00 04 9c …" -> bytes. Whitespace may separate bytes, not the two digits of one byte.
std::optional<std::string> hex_to_bytes(std::string_view text, std::string& error);

// A self-relative SECURITY_DESCRIPTOR -> its DACL. nullopt with `error` set when malformed.
std::optional<SecurityDescriptor> read_security_descriptor(std::string_view bytes, std::string& error);

// gpreport.xml's rule (parse/gpreport.cpp) on the binary DACL: filtered when a DACL exists and no
// allow ACE that applies to the object itself grants Apply Group Policy to Authenticated Users.
bool is_security_filtered(const SecurityDescriptor& descriptor);

// MS16-072: computers read every GPO in their own context, so Authenticated Users, Everyone or Domain
// Computers must keep Read (READ_PROPERTY) on it.
bool computers_can_read(const SecurityDescriptor& descriptor);

// Trustees of allow ACEs on the GPO itself that can change it (write properties, DACL or owner, delete,
// full control) and are not SYSTEM, Administrators, Domain Admins, Enterprise Admins, ENTERPRISE DOMAIN
// CONTROLLERS or CREATOR OWNER; the owner too when it is none of those. Each SID once, in ACL order.
// Left out: the ACE the directory writes for the account that created the GPO (allow, full control, no
// inheritance flags — every ACE GPMC's Delegation tab writes is container-inherit) when its trustee is
// one of `user_accounts` (Backup.xml names it as a user). On real backups that is the admin who
// created each GPO, and reporting it made GPL711 noise.
bool is_creator_ace(const Ace& ace);
std::vector<std::string> non_admin_editors(const SecurityDescriptor& descriptor,
                                           const std::vector<std::string>& user_accounts = {});

// The owner and every ACE's trustee, each SID once, owner first.
std::vector<std::string> trustees(const SecurityDescriptor& descriptor);

}  // namespace gpolint::parse
