// The known-key tables against Microsoft's own lists, copied here from the pages (not from gpolint's
// tables), so a key dropped from or misspelt in src/parse/inf_keys.cpp fails. Sources:
// - MS-GPSB §2.2.1.1 Password Policies, §2.2.1.2 Account Lockout Policies, §2.2.2 Kerberos Policy,
//   §2.2.3 Event Log Policies, §2.2.4 Event Audit Policies (learn.microsoft.com/openspecs/…/ms-gpsb);
// - "User Rights Assignment" (learn.microsoft.com/windows/security/threat-protection/security-policy-
//   settings/user-rights-assignment): the constant name of every policy setting.
#include <doctest/doctest.h>

#include <string_view>

#include "parse/inf_keys.hpp"

using gpolint::model::SectionKind;
using gpolint::parse::inf::is_known_key;
using gpolint::parse::inf::key_type;
using gpolint::parse::inf::KeyType;

namespace {

// MS-GPSB §2.2.1.1 and §2.2.1.2 (ABNF `Key = …`), plus the [System Access] keys Microsoft's security
// policy reference documents outside those two sections: the account options and "Allow Administrator
// account lockout".
constexpr std::string_view kPasswordPolicies[] = {"MinimumPasswordAge", "MaximumPasswordAge", "MinimumPasswordLength",
                                                  "PasswordComplexity", "PasswordHistorySize", "ClearTextPassword",
                                                  "RequireLogonToChangePassword"};
constexpr std::string_view kAccountLockout[] = {"LockoutBadCount", "ResetLockoutCount", "LockoutDuration",
                                                "ForceLogoffWhenHourExpire"};
constexpr std::string_view kAccountOptions[] = {"NewAdministratorName", "NewGuestName", "EnableAdminAccount",
                                                "EnableGuestAccount", "LSAAnonymousNameLookup", "AllowAdministratorLockout"};
constexpr std::string_view kKerberosPolicy[] = {"MaxTicketAge", "MaxRenewAge", "MaxServiceAge", "MaxClockSkew",
                                                "TicketValidateClient"};
constexpr std::string_view kEventLogPolicies[] = {"MaximumLogSize", "AuditLogRetentionPeriod", "RetentionDays",
                                                  "RestrictGuestAccess"};
constexpr std::string_view kEventAuditPolicies[] = {"AuditSystemEvents",  "AuditLogonEvents",    "AuditPrivilegeUse",
                                                    "AuditPolicyChange",  "AuditAccountManage",  "AuditProcessTracking",
                                                    "AuditDSAccess",      "AuditObjectAccess",   "AuditAccountLogon"};
// "User Rights Assignment": the 45 rows of its table, in the page's order.
constexpr std::string_view kUserRights[] = {
    "SeTrustedCredManAccessPrivilege", "SeNetworkLogonRight", "SeTcbPrivilege", "SeMachineAccountPrivilege",
    "SeIncreaseQuotaPrivilege", "SeInteractiveLogonRight", "SeRemoteInteractiveLogonRight", "SeBackupPrivilege",
    "SeChangeNotifyPrivilege", "SeSystemtimePrivilege", "SeTimeZonePrivilege", "SeCreatePagefilePrivilege",
    "SeCreateTokenPrivilege", "SeCreateGlobalPrivilege", "SeCreatePermanentPrivilege", "SeCreateSymbolicLinkPrivilege",
    "SeDebugPrivilege", "SeDenyNetworkLogonRight", "SeDenyBatchLogonRight", "SeDenyServiceLogonRight",
    "SeDenyInteractiveLogonRight", "SeDenyRemoteInteractiveLogonRight", "SeEnableDelegationPrivilege",
    "SeRemoteShutdownPrivilege", "SeAuditPrivilege", "SeImpersonatePrivilege", "SeIncreaseWorkingSetPrivilege",
    "SeIncreaseBasePriorityPrivilege", "SeLoadDriverPrivilege", "SeLockMemoryPrivilege", "SeBatchLogonRight",
    "SeServiceLogonRight", "SeSecurityPrivilege", "SeRelabelPrivilege", "SeSystemEnvironmentPrivilege",
    "SeDelegateSessionUserImpersonatePrivilege", "SeManageVolumePrivilege", "SeProfileSingleProcessPrivilege",
    "SeSystemProfilePrivilege", "SeUndockPrivilege", "SeAssignPrimaryTokenPrivilege", "SeRestorePrivilege",
    "SeShutdownPrivilege", "SeSyncAgentPrivilege", "SeTakeOwnershipPrivilege"};

template <size_t N>
void check_known(SectionKind kind, const std::string_view (&keys)[N]) {
    for (auto key : keys) CHECK_MESSAGE(is_known_key(kind, key), key << " is not known in its section");
}

}  // namespace

TEST_CASE("inf known keys: MS-GPSB System Access lists (password, lockout, account options)") {
    check_known(SectionKind::SystemAccess, kPasswordPolicies);
    check_known(SectionKind::SystemAccess, kAccountLockout);
    check_known(SectionKind::SystemAccess, kAccountOptions);
    // The spec's `Value = 1*10DIGIT`: numbers, except the two account names.
    for (auto key : kPasswordPolicies) CHECK(key_type(SectionKind::SystemAccess, key) == KeyType::Number);
    for (auto key : kAccountLockout) CHECK(key_type(SectionKind::SystemAccess, key) == KeyType::Number);
    CHECK(key_type(SectionKind::SystemAccess, "NewAdministratorName") == KeyType::String);
    CHECK(key_type(SectionKind::SystemAccess, "NewGuestName") == KeyType::String);
    CHECK_FALSE(is_known_key(SectionKind::SystemAccess, "MinimumPasswordLenght"));
}

TEST_CASE("inf known keys: MS-GPSB Kerberos Policy, log sections and Event Audit") {
    check_known(SectionKind::KerberosPolicy, kKerberosPolicy);
    for (auto kind : {SectionKind::SystemLog, SectionKind::SecurityLog, SectionKind::ApplicationLog}) {
        check_known(kind, kEventLogPolicies);
        for (auto key : kEventLogPolicies) CHECK(key_type(kind, key) == KeyType::Number);
    }
    check_known(SectionKind::EventAudit, kEventAuditPolicies);
    // A key of one section is not known in another.
    CHECK_FALSE(is_known_key(SectionKind::KerberosPolicy, "MaximumLogSize"));
    CHECK_FALSE(is_known_key(SectionKind::EventAudit, "AuditBaseObjects"));
}

TEST_CASE("inf known keys: every constant of Microsoft's User Rights Assignment table") {
    CHECK(std::size(kUserRights) == 45);
    check_known(SectionKind::PrivilegeRights, kUserRights);
    CHECK_FALSE(is_known_key(SectionKind::PrivilegeRights, "SeDenyLogonRight"));
}
