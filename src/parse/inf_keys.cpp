#include "parse/inf_keys.hpp"

#include <algorithm>
#include <optional>
#include <span>

#include "model/setting.hpp"

namespace gpolint::parse::inf {

using model::SectionKind;

namespace {

using KeyList = std::span<const std::string_view>;

// Microsoft's "Security policy settings" reference (Account Policies and the [System Access] security
// options) and MS-GPSB §2.2.1; AllowAdministratorLockout is "Allow Administrator account lockout"
// (Windows 10/11 and Server 2019+ Account Lockout Policy).
constexpr std::string_view kSystemAccess[] = {
    "MinimumPasswordAge", "MaximumPasswordAge", "MinimumPasswordLength", "PasswordComplexity",
    "PasswordHistorySize", "ClearTextPassword", "RequireLogonToChangePassword", "LockoutBadCount",
    "ResetLockoutCount", "LockoutDuration", "AllowAdministratorLockout", "ForceLogoffWhenHourExpire",
    "LSAAnonymousNameLookup", "EnableAdminAccount", "EnableGuestAccount", "NewAdministratorName", "NewGuestName"};
constexpr std::string_view kKerberos[] = {"MaxTicketAge", "MaxRenewAge", "MaxServiceAge", "MaxClockSkew",
                               "TicketValidateClient"};
constexpr std::string_view kLog[] = {"MaximumLogSize", "AuditLogRetentionPeriod", "RetentionDays", "RestrictGuestAccess"};
constexpr std::string_view kEventAudit[] = {"AuditSystemEvents",   "AuditLogonEvents",     "AuditObjectAccess",
                                 "AuditPrivilegeUse",   "AuditPolicyChange",    "AuditAccountManage",
                                 "AuditProcessTracking", "AuditDSAccess",       "AuditAccountLogon"};
constexpr std::string_view kUnicode[] = {"Unicode"};
constexpr std::string_view kVersion[] = {"signature", "Revision"};
// Microsoft's "User Rights Assignment" reference (every policy's constant) and winnt.h; the last two
// are "Obtain an impersonation token for another user in the same session" (Windows 10 1709+) and the
// legacy "Read unsolicited input from a terminal device".
constexpr std::string_view kPrivileges[] = {
    "SeNetworkLogonRight", "SeTcbPrivilege", "SeMachineAccountPrivilege", "SeIncreaseQuotaPrivilege",
    "SeRemoteInteractiveLogonRight", "SeBackupPrivilege", "SeChangeNotifyPrivilege", "SeCreatePagefilePrivilege",
    "SeSystemtimePrivilege", "SeCreateTokenPrivilege", "SeCreateGlobalPrivilege", "SeCreatePermanentPrivilege",
    "SeDebugPrivilege", "SeDenyNetworkLogonRight", "SeDenyBatchLogonRight", "SeDenyServiceLogonRight",
    "SeDenyInteractiveLogonRight", "SeDenyRemoteInteractiveLogonRight", "SeEnableDelegationPrivilege",
    "SeRemoteShutdownPrivilege", "SeAuditPrivilege", "SeImpersonatePrivilege", "SeIncreaseBasePriorityPrivilege",
    "SeLoadDriverPrivilege", "SeLockMemoryPrivilege", "SeBatchLogonRight", "SeServiceLogonRight",
    "SeInteractiveLogonRight", "SeSecurityPrivilege", "SeSystemEnvironmentPrivilege", "SeManageVolumePrivilege",
    "SeProfileSingleProcessPrivilege", "SeSystemProfilePrivilege", "SeUndockPrivilege",
    "SeAssignPrimaryTokenPrivilege", "SeRestorePrivilege", "SeShutdownPrivilege", "SeSyncAgentPrivilege",
    "SeTakeOwnershipPrivilege", "SeTrustedCredManAccessPrivilege", "SeTimeZonePrivilege",
    "SeCreateSymbolicLinkPrivilege", "SeIncreaseWorkingSetPrivilege", "SeRelabelPrivilege",
    "SeDelegateSessionUserImpersonatePrivilege", "SeUnsolicitedInputPrivilege"};

std::optional<KeyList> keys_of(SectionKind kind) {
    switch (kind) {
        case SectionKind::SystemAccess: return KeyList(kSystemAccess);
        case SectionKind::KerberosPolicy: return KeyList(kKerberos);
        case SectionKind::SystemLog:
        case SectionKind::SecurityLog:
        case SectionKind::ApplicationLog: return KeyList(kLog);
        case SectionKind::EventAudit: return KeyList(kEventAudit);
        case SectionKind::Unicode: return KeyList(kUnicode);
        case SectionKind::Version: return KeyList(kVersion);
        case SectionKind::PrivilegeRights: return KeyList(kPrivileges);
        default: return std::nullopt;
    }
}

bool starts_with_i(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && model::iequals(text.substr(0, prefix.size()), prefix);
}

}  // namespace

bool has_fixed_keys(SectionKind kind) { return keys_of(kind).has_value(); }

bool is_known_key(SectionKind kind, std::string_view key) {
    auto keys = keys_of(kind);
    if (!keys) return true;
    return std::any_of(keys->begin(), keys->end(), [&](std::string_view k) { return model::iequals(k, key); });
}

KeyType key_type(SectionKind kind, std::string_view key) {
    switch (kind) {
        case SectionKind::SystemAccess:
            if (model::iequals(key, "NewAdministratorName") || model::iequals(key, "NewGuestName"))
                return KeyType::String;
            return is_known_key(kind, key) ? KeyType::Number : KeyType::Any;
        case SectionKind::KerberosPolicy:
        case SectionKind::SystemLog:
        case SectionKind::SecurityLog:
        case SectionKind::ApplicationLog:
        case SectionKind::EventAudit: return is_known_key(kind, key) ? KeyType::Number : KeyType::Any;
        default: return KeyType::Any;
    }
}

bool expects_dword(std::string_view key_path, std::string_view value_name) {
    constexpr std::string_view kMachine = "MACHINE\\";
    if (!starts_with_i(key_path, kMachine)) return false;
    std::string_view path = key_path.substr(kMachine.size());
    // Lsa and everything below it (Lsa\MSV1_0, Lsa\Kerberos\Parameters) holds DWORD switches.
    constexpr std::string_view kLsa = "System\\CurrentControlSet\\Control\\Lsa";
    bool under_lsa = starts_with_i(path, kLsa) && (path.size() == kLsa.size() || path[kLsa.size()] == '\\');
    constexpr std::string_view kDwordKeys[] = {
        "System\\CurrentControlSet\\Services\\LanManServer\\Parameters",
        "System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters",
        "System\\CurrentControlSet\\Services\\Netlogon\\Parameters",
        "System\\CurrentControlSet\\Services\\NTDS\\Parameters",
        "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System"};
    // The strings, multi-strings and binaries that live under those keys.
    constexpr std::string_view kNotDword[] = {"NullSessionPipes",        "NullSessionShares",     "LegalNoticeText",
                                   "LegalNoticeCaption",      "RestrictRemoteSAM",     "FullPrivilegeAuditing",
                                   "Authentication Packages", "Notification Packages", "Security Packages"};
    if (std::any_of(std::begin(kNotDword), std::end(kNotDword), [&](std::string_view n) { return model::iequals(n, value_name); }))
        return false;
    return under_lsa || std::any_of(std::begin(kDwordKeys), std::end(kDwordKeys), [&](std::string_view k) { return model::iequals(k, path); });
}

}  // namespace gpolint::parse::inf
