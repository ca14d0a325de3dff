#include "parse/security_descriptor.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace gpolint::parse {

namespace {

constexpr uint16_t kSelfRelative = 0x8000;  // SE_SELF_RELATIVE: offsets, not pointers
constexpr uint16_t kDaclPresent = 0x0004;   // SE_DACL_PRESENT
constexpr uint8_t kInheritOnly = 0x08;      // INHERIT_ONLY_ACE: the ACE does not apply to the GPO itself
constexpr uint8_t kAccessAllowed = 0x00;
constexpr uint8_t kAccessAllowedObject = 0x05;
constexpr uint32_t kObjectTypePresent = 0x1;           // ACE_OBJECT_TYPE_PRESENT
constexpr uint32_t kInheritedObjectTypePresent = 0x2;  // ACE_INHERITED_OBJECT_TYPE_PRESENT
constexpr uint32_t kControlAccess = 0x100;             // ADS_RIGHT_DS_CONTROL_ACCESS: extended rights
constexpr uint32_t kGenericAll = 0x10000000;
constexpr uint32_t kGenericRead = 0x80000000;
constexpr uint32_t kGenericWrite = 0x40000000;
constexpr uint32_t kReadProperty = 0x10;     // ADS_RIGHT_DS_READ_PROP
constexpr uint32_t kWriteProperty = 0x20;    // ADS_RIGHT_DS_WRITE_PROP
constexpr uint32_t kDelete = 0x10000;
constexpr uint32_t kWriteDac = 0x40000;
constexpr uint32_t kWriteOwner = 0x80000;
// STANDARD_RIGHTS_REQUIRED | every DS right: what the directory grants the account that creates a GPO
// (GPMC shows it as "Edit settings, delete, modify security").
constexpr uint32_t kFullControl = 0x000F00FF;
constexpr std::string_view kApplyGroupPolicy = "edacfd8f-ffb3-11d1-b41d-00a0c968f939";
constexpr std::string_view kAuthenticatedUsers = "S-1-5-11";
constexpr size_t kGuidSize = 16;

// Records why the descriptor was rejected; `return fail(error, …)` from any reader below.
std::nullopt_t fail(std::string& error, std::string message) {
    error = std::move(message);
    return std::nullopt;
}

// Object ACEs ([MS-DTYP] 2.4.4.3 and its audit, alarm and callback variants) carry Flags and up to two
// GUIDs before the SID; every other ACE type has the SID right after the mask.
bool is_object_ace(uint8_t type) {
    switch (type) {
        case 0x05: case 0x06: case 0x07: case 0x08: case 0x0B: case 0x0C: case 0x0F: case 0x10: return true;
        default: return false;
    }
}

// Little-endian reads from a byte view. The readers below call has() before every read.
class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    bool has(size_t offset, size_t count) const { return offset <= bytes_.size() && count <= bytes_.size() - offset; }
    uint8_t u8(size_t offset) const { return static_cast<uint8_t>(bytes_[offset]); }
    uint16_t u16(size_t offset) const { return static_cast<uint16_t>(u8(offset) | u8(offset + 1) << 8); }
    uint32_t u32(size_t offset) const { return u16(offset) | static_cast<uint32_t>(u16(offset + 2)) << 16; }
    std::string_view slice(size_t offset, size_t count) const { return bytes_.substr(offset, count); }

private:
    std::string_view bytes_;
};

// A SID at the start of `bytes` -> "S-1-5-21-…"; nullopt when it does not fit.
std::optional<std::string> read_sid(std::string_view bytes) {
    Reader r(bytes);
    if (!r.has(0, 8) || r.u8(0) != 1) return std::nullopt;
    size_t count = r.u8(1);
    if (count > 15 || !r.has(8, 4 * count)) return std::nullopt;  // SID_MAX_SUB_AUTHORITIES = 15
    uint64_t authority = 0;
    for (size_t i = 2; i < 8; ++i) authority = authority << 8 | r.u8(i);  // big-endian, unlike the rest
    std::string sid = "S-1-";
    if (authority >> 32) {
        char hex[32];
        std::snprintf(hex, sizeof hex, "0x%012llX", static_cast<unsigned long long>(authority));
        sid += hex;
    } else {
        sid += std::to_string(authority);
    }
    for (size_t i = 0; i < count; ++i) sid += "-" + std::to_string(r.u32(8 + 4 * i));
    return sid;
}

// GUID in its binary layout (Data1..3 little-endian) -> "edacfd8f-ffb3-11d1-b41d-00a0c968f939".
std::string guid_text(std::string_view b) {
    auto byte = [&](size_t i) { return static_cast<unsigned>(static_cast<uint8_t>(b[i])); };
    char text[40];
    std::snprintf(text, sizeof text, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                  byte(3), byte(2), byte(1), byte(0), byte(5), byte(4), byte(7), byte(6), byte(8), byte(9),
                  byte(10), byte(11), byte(12), byte(13), byte(14), byte(15));
    return text;
}

// One ACE: `ace` is exactly AceSize bytes, header included, and at least 8 (read_acl checks).
std::optional<Ace> read_ace(std::string_view ace, std::string& error) {
    Reader r(ace);
    Ace out;
    out.type = r.u8(0);
    out.flags = r.u8(1);
    out.mask = r.u32(4);
    size_t sid_offset = 8;
    if (is_object_ace(out.type)) {
        if (!r.has(8, 4)) return fail(error, "object ACE too short for its flags");
        uint32_t object_flags = r.u32(8);
        sid_offset = 12;
        if (object_flags & kObjectTypePresent) {
            if (!r.has(sid_offset, kGuidSize)) return fail(error, "object ACE too short for its object type");
            out.object_type = guid_text(r.slice(sid_offset, kGuidSize));
            sid_offset += kGuidSize;
        }
        if (object_flags & kInheritedObjectTypePresent) sid_offset += kGuidSize;
    } else if (out.type > 0x13) {
        return out;  // a type [MS-DTYP] does not define: keep the header, its body layout is unknown
    }
    auto sid = r.has(sid_offset, 0) ? read_sid(ace.substr(sid_offset)) : std::nullopt;
    if (!sid) return fail(error, "ACE of type " + std::to_string(out.type) + " has no valid SID");
    out.sid = *sid;
    return out;
}

std::optional<std::vector<Ace>> read_acl(std::string_view acl_bytes, std::string& error) {
    Reader r(acl_bytes);
    if (!r.has(0, 8)) return fail(error, "DACL header is truncated");
    uint8_t revision = r.u8(0);
    if (revision != 2 && revision != 4) return fail(error, "DACL revision " + std::to_string(revision) + " is not 2 or 4");
    size_t acl_size = r.u16(2);
    size_t ace_count = r.u16(4);
    if (acl_size < 8 || !r.has(0, acl_size)) return fail(error, "DACL size runs past the end of the descriptor");
    std::vector<Ace> aces;
    size_t offset = 8;
    for (size_t i = 0; i < ace_count; ++i) {
        if (offset + 4 > acl_size) return fail(error, "ACE " + std::to_string(i) + " starts past the end of the DACL");
        size_t ace_size = r.u16(offset + 2);
        if (ace_size < 8 || ace_size > acl_size - offset)
            return fail(error, "ACE " + std::to_string(i) + " has size " + std::to_string(ace_size) + ", outside the DACL");
        auto ace = read_ace(acl_bytes.substr(offset, ace_size), error);
        if (!ace) return std::nullopt;
        aces.push_back(std::move(*ace));
        offset += ace_size;
    }
    return aces;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool grants_apply(const Ace& ace) {
    if (ace.flags & kInheritOnly) return false;
    if (ace.sid != kAuthenticatedUsers) return false;
    if (ace.type == kAccessAllowedObject) return ace.object_type == kApplyGroupPolicy && (ace.mask & kControlAccess);
    // An allow ACE without object type: control access covers every extended right, Apply included.
    if (ace.type == kAccessAllowed) return (ace.mask & (kControlAccess | kGenericAll)) != 0;
    return false;
}

}  // namespace

std::optional<std::string> hex_to_bytes(std::string_view text, std::string& error) {
    std::string bytes;
    bytes.reserve(text.size() / 3 + 1);
    for (size_t i = 0; i < text.size();) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        int high = hex_digit(text[i]);
        int low = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
        if (high < 0 || low < 0) {
            error = "'" + std::string(text.substr(i, 2)) + "' at character " + std::to_string(i + 1) + " is not a hex byte";
            return std::nullopt;
        }
        bytes += static_cast<char>(high << 4 | low);
        i += 2;
    }
    if (bytes.empty()) return fail(error, "no bytes");
    return bytes;
}

std::optional<SecurityDescriptor> read_security_descriptor(std::string_view bytes, std::string& error) {
    Reader r(bytes);
    if (!r.has(0, 20)) return fail(error, "shorter than a security descriptor header (20 bytes)");
    if (r.u8(0) != 1) return fail(error, "revision " + std::to_string(r.u8(0)) + " is not 1");
    uint16_t control = r.u16(2);
    if (!(control & kSelfRelative)) return fail(error, "not self-relative");
    for (size_t field : {size_t{4}, size_t{8}}) {  // owner and group SIDs, when present, must be readable
        size_t offset = r.u32(field);
        if (offset && (!r.has(offset, 0) || !read_sid(bytes.substr(offset))))
            return fail(error, std::string(field == 4 ? "owner" : "group") + " SID is outside the descriptor or invalid");
    }
    SecurityDescriptor descriptor;
    if (size_t owner = r.u32(4)) descriptor.owner = read_sid(bytes.substr(owner)).value_or("");
    size_t dacl_offset = r.u32(16);
    descriptor.dacl_present = (control & kDaclPresent) && dacl_offset != 0;
    if (!descriptor.dacl_present) return descriptor;
    if (!r.has(dacl_offset, 0)) return fail(error, "DACL offset is past the end of the descriptor");
    auto aces = read_acl(bytes.substr(dacl_offset), error);
    if (!aces) return std::nullopt;
    descriptor.dacl = std::move(*aces);
    return descriptor;
}

bool is_security_filtered(const SecurityDescriptor& descriptor) {
    if (!descriptor.dacl_present) return false;
    for (const auto& ace : descriptor.dacl)
        if (grants_apply(ace)) return false;
    return true;
}

namespace {

bool sid_is(std::string_view sid, std::string_view prefix, std::string_view rid) {
    return sid.size() > prefix.size() + rid.size() && sid.substr(0, prefix.size()) == prefix &&
           sid.substr(sid.size() - rid.size()) == rid;
}

bool is_domain_group(std::string_view sid, std::string_view rid) { return sid_is(sid, "S-1-5-21-", rid); }

bool applies_to_gpo(const Ace& ace) {
    return !(ace.flags & kInheritOnly) && (ace.type == kAccessAllowed || ace.type == kAccessAllowedObject);
}

bool is_gpo_admin(std::string_view sid) {
    return sid == "S-1-5-18" || sid == "S-1-5-32-544" || sid == "S-1-5-9" || sid == "S-1-3-0" ||
           is_domain_group(sid, "-512") || is_domain_group(sid, "-519");
}

}  // namespace

bool computers_can_read(const SecurityDescriptor& descriptor) {
    if (!descriptor.dacl_present) return true;
    for (const auto& ace : descriptor.dacl) {
        if (!applies_to_gpo(ace) || !ace.object_type.empty()) continue;
        bool reader = ace.sid == kAuthenticatedUsers || ace.sid == "S-1-1-0" || is_domain_group(ace.sid, "-515");
        if (reader && (ace.mask & (kReadProperty | kGenericRead | kGenericAll))) return true;
    }
    return false;
}

bool is_creator_ace(const Ace& ace) {
    return ace.type == kAccessAllowed && ace.flags == 0 && ace.object_type.empty() && ace.mask == kFullControl;
}

std::vector<std::string> non_admin_editors(const SecurityDescriptor& descriptor, const std::vector<std::string>& user_accounts) {
    std::vector<std::string> editors;
    auto add = [&editors](const std::string& sid) {
        if (!sid.empty() && !is_gpo_admin(sid) && std::find(editors.begin(), editors.end(), sid) == editors.end())
            editors.push_back(sid);
    };
    add(descriptor.owner);
    for (const auto& ace : descriptor.dacl) {
        if (!applies_to_gpo(ace)) continue;
        if (is_creator_ace(ace) && std::find(user_accounts.begin(), user_accounts.end(), ace.sid) != user_accounts.end())
            continue;
        uint32_t edit = kWriteDac | kWriteOwner | kDelete | kGenericWrite | kGenericAll;
        if (ace.object_type.empty()) edit |= kWriteProperty;  // an object ACE's write is one property only
        if (ace.mask & edit) add(ace.sid);
    }
    return editors;
}

std::vector<std::string> trustees(const SecurityDescriptor& descriptor) {
    std::vector<std::string> sids;
    auto add = [&sids](const std::string& sid) {
        if (!sid.empty() && std::find(sids.begin(), sids.end(), sid) == sids.end()) sids.push_back(sid);
    };
    add(descriptor.owner);
    for (const auto& ace : descriptor.dacl) add(ace.sid);
    return sids;
}

}  // namespace gpolint::parse
