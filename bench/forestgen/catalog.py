"""Realistic building blocks, taken from the shapes seen in the corpus (NSA SHB, HardenAD, Microsoft
baselines). Only names and value shapes are real; which GPO gets what is random."""

DOMAIN_SID = "S-1-5-21-3623811015-3361044348-30300820"

# Well-known principals as GPMC writes them in [Privilege Rights] (SID form) and their report names.
PRINCIPALS = [
    ("S-1-5-32-544", "BUILTIN\\Administrators"),
    ("S-1-5-32-545", "BUILTIN\\Users"),
    ("S-1-5-32-546", "BUILTIN\\Guests"),
    ("S-1-5-32-551", "BUILTIN\\Backup Operators"),
    ("S-1-5-32-555", "BUILTIN\\Remote Desktop Users"),
    ("S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE"),
    ("S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE"),
    ("S-1-5-6", "NT AUTHORITY\\SERVICE"),
    ("S-1-5-9", "NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS"),
    ("S-1-5-11", "NT AUTHORITY\\Authenticated Users"),
    ("S-1-5-80-0", "NT SERVICE\\ALL SERVICES"),
    (DOMAIN_SID + "-512", "CONTOSO\\Domain Admins"),
    (DOMAIN_SID + "-519", "CONTOSO\\Enterprise Admins"),
]

# Every right MS-GPSB allows except the two the planted Hyper-V problem is about: random GPOs never
# touch those, so the only findings about them are the planted ones.
RANDOM_RIGHTS = [
    "SeNetworkLogonRight", "SeTcbPrivilege", "SeMachineAccountPrivilege", "SeIncreaseQuotaPrivilege",
    "SeRemoteInteractiveLogonRight", "SeBackupPrivilege", "SeChangeNotifyPrivilege",
    "SeCreatePagefilePrivilege", "SeSystemtimePrivilege", "SeCreateTokenPrivilege",
    "SeCreateGlobalPrivilege", "SeCreatePermanentPrivilege", "SeDebugPrivilege",
    "SeDenyNetworkLogonRight", "SeDenyBatchLogonRight", "SeDenyServiceLogonRight",
    "SeDenyInteractiveLogonRight", "SeDenyRemoteInteractiveLogonRight", "SeEnableDelegationPrivilege",
    "SeRemoteShutdownPrivilege", "SeAuditPrivilege", "SeImpersonatePrivilege",
    "SeIncreaseBasePriorityPrivilege", "SeLoadDriverPrivilege", "SeLockMemoryPrivilege",
    "SeBatchLogonRight", "SeInteractiveLogonRight", "SeSecurityPrivilege",
    "SeSystemEnvironmentPrivilege", "SeManageVolumePrivilege", "SeProfileSingleProcessPrivilege",
    "SeSystemProfilePrivilege", "SeUndockPrivilege", "SeAssignPrimaryTokenPrivilege",
    "SeRestorePrivilege", "SeShutdownPrivilege", "SeSyncAgentPrivilege", "SeTakeOwnershipPrivilege",
    "SeTrustedCredManAccessPrivilege", "SeTimeZonePrivilege", "SeIncreaseWorkingSetPrivilege",
    "SeRelabelPrivilege",
]

# Real [Registry Values] security options with the values baselines use. LmCompatibilityLevel is left
# out on purpose: only planted GPOs set it, so GPL201 appears exactly where it was planted.
SECURITY_OPTIONS = [
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\RestrictRemoteSAM", 1, '"O:BAG:BAD:(A;;RC;;;BA)"'),
    ("MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\ScRemoveOption", 1, '"1"'),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\ConsentPromptBehaviorAdmin", 4, "2"),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\ConsentPromptBehaviorUser", 4, "0"),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableInstallerDetection", 4, "1"),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableLUA", 4, "1"),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\EnableSecureUIAPaths", 4, "1"),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\FilterAdministratorToken", 4, "1"),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\InactivityTimeoutSecs", 4, "900"),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeCaption", 1, '"Authorized use only"'),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeText", 7, "This system is for authorized use only.,Activity is monitored."),
    ("MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Kerberos\\Parameters\\SupportedEncryptionTypes", 4, "2147483640"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\DisableDomainCreds", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\EveryoneIncludesAnonymous", 4, "0"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\FIPSAlgorithmPolicy\\Enabled", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LimitBlankPasswordUse", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\allownullsessionfallback", 4, "0"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\NTLMMinClientSec", 4, "537395200"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\MSV1_0\\NTLMMinServerSec", 4, "537395200"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\pku2u\\AllowOnlineID", 4, "0"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymous", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymousSAM", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\SCENoApplyLegacyAuditPolicy", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\UseMachineId", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\FullPrivilegeAuditing", 3, "0"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Session Manager\\Kernel\\ObCaseInsensitive", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\Session Manager\\ProtectionMode", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Control\\SecurePipeServers\\Winreg\\AllowedExactPaths\\Machine", 7,
     "System\\CurrentControlSet\\Control\\ProductOptions,System\\CurrentControlSet\\Control\\Server Applications,Software\\Microsoft\\Windows NT\\CurrentVersion"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\AutoDisconnect", 4, "15"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\EnableSecuritySignature", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RestrictNullSessAccess", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\SmbServerNameHardeningLevel", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\\EnablePlainTextPassword", 4, "0"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\\EnableSecuritySignature", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\\RequireSecuritySignature", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\LDAP\\LDAPClientIntegrity", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\DisablePasswordChange", 4, "0"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\RequireSignOrSeal", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\RequireStrongKey", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\SealSecureChannel", 4, "1"),
    ("MACHINE\\System\\CurrentControlSet\\Services\\Netlogon\\Parameters\\SignSecureChannel", 4, "1"),
]

# Key paths for the vendor/application values that make [Registry Values] and registry.pol long.
POLICY_KEYS = [
    "Software\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU",
    "Software\\Policies\\Microsoft\\Windows\\WindowsUpdate",
    "Software\\Policies\\Microsoft\\Windows Defender\\Real-Time Protection",
    "Software\\Policies\\Microsoft\\Windows Defender\\Scan",
    "Software\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging",
    "Software\\Policies\\Microsoft\\Windows\\EventLog\\Security",
    "Software\\Policies\\Microsoft\\Windows\\Explorer",
    "Software\\Policies\\Microsoft\\Windows NT\\Terminal Services",
    "Software\\Policies\\Microsoft\\Windows NT\\Printers",
    "Software\\Policies\\Microsoft\\WindowsFirewall\\DomainProfile",
    "Software\\Policies\\Microsoft\\WindowsFirewall\\PublicProfile",
    "Software\\Policies\\Microsoft\\Edge",
    "Software\\Policies\\Microsoft\\Internet Explorer\\Main",
    "Software\\Policies\\Google\\Chrome",
    "Software\\Policies\\Google\\Chrome\\ExtensionInstallBlocklist",
    "Software\\Policies\\Adobe\\Acrobat Reader\\DC\\FeatureLockDown",
    "Software\\Policies\\Microsoft\\Office\\16.0\\Common\\Security",
    "Software\\Policies\\Microsoft\\FVE",
    "Software\\Policies\\Microsoft\\Windows\\DeviceGuard",
    "Software\\Policies\\Microsoft\\Windows\\System",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer",
    "Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\Audit",
]

VALUE_STEMS = ["Enable", "Disable", "Allow", "Prevent", "Require", "Configure", "Block", "Hide",
               "Turn", "Set", "Use", "Deny", "Restrict", "Force", "Audit", "Limit"]
VALUE_NOUNS = ["Telemetry", "Autorun", "Signing", "Logging", "Updates", "Sync", "Cache", "Prompt",
               "Encryption", "Sharing", "Preview", "Scripts", "Macros", "Tracking", "Protection",
               "Notifications", "Downloads", "Proxy", "Tokens", "Sessions", "Printing", "Discovery"]

SERVICES = ["AppIDSvc", "Spooler", "RemoteRegistry", "WinRM", "W32Time", "BITS", "wuauserv", "SSDPSRV",
            "upnphost", "Browser", "lmhosts", "SNMPTRAP", "XblAuthManager", "XblGameSave", "Fax",
            "TlntSvr", "FTPSVC", "SharedAccess", "WebClient", "WinDefend", "MpsSvc", "EventLog"]

SYSTEM_ACCESS = [("MinimumPasswordAge", ["1", "0"]), ("MaximumPasswordAge", ["60", "42", "-1"]),
                 ("MinimumPasswordLength", ["14", "12", "8"]), ("PasswordComplexity", ["1"]),
                 ("PasswordHistorySize", ["24", "12"]), ("LockoutBadCount", ["3", "5", "10"]),
                 ("ResetLockoutCount", ["15", "30"]), ("LockoutDuration", ["15", "30", "-1"]),
                 ("ClearTextPassword", ["0"]), ("LSAAnonymousNameLookup", ["0"]),
                 ("EnableGuestAccount", ["0"]), ("NewGuestName", ['"Visitor"'])]

EVENT_AUDIT = ["AuditSystemEvents", "AuditLogonEvents", "AuditObjectAccess", "AuditPrivilegeUse",
               "AuditPolicyChange", "AuditAccountManage", "AuditProcessTracking", "AuditDSAccess",
               "AuditAccountLogon"]

# Advanced audit subcategories: the GUIDs run from 0cce9210 upward in this order.
AUDIT_SUBCATEGORIES = [
    "Security State Change", "Security System Extension", "System Integrity", "IPsec Driver",
    "Other System Events", "Logon", "Logoff", "Account Lockout", "IPsec Main Mode", "IPsec Quick Mode",
    "IPsec Extended Mode", "Special Logon", "Other Logon/Logoff Events", "File System", "Registry",
    "Kernel Object", "SAM", "Certification Services", "Application Generated", "Handle Manipulation",
    "File Share", "Filtering Platform Packet Drop", "Filtering Platform Connection",
    "Other Object Access Events", "Sensitive Privilege Use", "Non Sensitive Privilege Use",
    "Other Privilege Use Events", "Process Creation", "Process Termination", "DPAPI Activity",
    "RPC Events", "Audit Policy Change", "Authentication Policy Change", "Authorization Policy Change",
    "MPSSVC Rule-Level Policy Change", "Filtering Platform Policy Change", "Other Policy Change Events",
    "User Account Management", "Computer Account Management", "Security Group Management",
    "Distribution Group Management", "Application Group Management", "Other Account Management Events",
    "Directory Service Access", "Directory Service Changes", "Directory Service Replication",
    "Detailed Directory Service Replication", "Credential Validation",
    "Kerberos Service Ticket Operations", "Other Account Logon Events",
    "Kerberos Authentication Service",
]


def audit_guid(index):
    return "{%08x-69ae-11d9-bed3-505054503030}" % (0x0CCE9210 + index)


AUDIT_SETTING_TEXT = {1: "Success", 2: "Failure", 3: "Success and Failure", 4: "No Auditing"}

GPO_AREAS = ["Windows Update", "Defender", "Firewall", "BitLocker", "Edge", "Chrome", "Office",
             "Adobe Reader", "PowerShell Logging", "RDP", "SMB Hardening", "LAPS", "AppLocker",
             "Audit Policy", "User Rights", "Security Options", "Services", "Screen Lock",
             "Printers", "Proxy", "TLS", "Credential Guard", "Event Log Size", "Local Admins"]
GPO_SCOPES = ["SRV", "WKS", "DC", "T0", "T1", "T2", "PAW", "VDI", "KIOSK", "LAB"]
GPO_FLAVOURS = ["Baseline", "Hardening", "Settings", "Config", "Pilot", "Ring 1", "Ring 2", "Legacy",
                "Exceptions", "Enforced"]

# A few non-ASCII names so LDIF has to base64 them (dn::, displayName::) as ldifde does.
OU_WORDS = ["Paris", "London", "Berlin", "Madrid", "Oslo", "Tokyo", "Sydney", "Toronto", "Austin",
            "Finance", "HR", "Sales", "IT", "Research", "Legal", "Support", "Ops", "Dev", "Test",
            "Kiosks", "Laptops", "Desktops", "Servers", "Web", "SQL", "File", "Print", "VDI", "Labs",
            "Branches", "Staff", "Admins", "Contractors", "Partners", "Warehouse", "Factory"]
OU_WORDS_NON_ASCII = ["Zürich", "München", "Sécurité", "Málaga", "Kraków", "Göteborg"]

SPN_SERVICES = ["HOST", "RestrictedKrbHost", "TERMSRV", "WSMAN"]
HYPERV_SPNS = ["Microsoft Virtual System Migration Service", "Microsoft Virtual Console Service",
               "Hyper-V Replica Service"]
CLUSTER_SPNS = ["MSServerClusterMgmtAPI", "MSServerCluster", "MSClusterVirtualServer"]
OPERATING_SYSTEMS = ["Windows Server 2019 Standard", "Windows Server 2022 Datacenter",
                     "Windows 10 Enterprise", "Windows 11 Enterprise", "Windows Server 2016 Standard"]

# Client-side extensions: (CSE GUID, tool GUID, Backup.xml DescName)
CSE_REGISTRY = ("{35378EAC-683F-11D2-A89A-00C04FBBCFA2}", "{D02B1F72-3407-48AE-BA88-E8213C6761F1}", "Registry")
CSE_SECURITY = ("{827D319E-6EAC-11D2-A4EA-00C04F79F83A}", "{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}", "Security")
CSE_AUDIT = ("{F3CCC681-B74C-4060-9F26-CD84525DCA2A}", "{0F3F3735-573D-9804-99E4-AB2A69BA5FD4}", "Unknown Extension")

DEFAULT_DOMAIN_POLICY = "{31B2F340-016D-11D2-945F-00C04FB984F9}"
DEFAULT_DC_POLICY = "{6AC1786C-016F-11D2-945F-00C04fB984F9}"
