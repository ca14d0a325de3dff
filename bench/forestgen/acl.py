"""The GPO's ACL, written three ways that must agree: the binary self-relative security descriptor of
Backup.xml (hex), the SDDL and the <Permissions> list of gpreport.xml. Shaped like GPMC's default GPO
ACL in the corpus; a security-filtered GPO grants Apply Group Policy to a domain group instead of
Authenticated Users (which keep Read), like HardenAD's _APPLY groups."""
import struct
from xml.sax.saxutils import escape

from . import catalog

AUTHENTICATED_USERS = "S-1-5-11"
DOMAIN_ADMINS = catalog.DOMAIN_SID + "-512"
ENTERPRISE_ADMINS = catalog.DOMAIN_SID + "-519"
ENTERPRISE_DCS = "S-1-5-9"
SYSTEM = "S-1-5-18"
CREATOR_OWNER = "S-1-3-0"
APPLY_GROUP_POLICY = "edacfd8f-ffb3-11d1-b41d-00a0c968f939"

CONTROL_ACCESS = 0x100    # CR: extended rights, here Apply Group Policy
EDIT = 0x000F00FF         # CCDCLCSWRPWPDTLOSDRCWDWO: GPMC's "Edit settings, delete, modify security"
READ = 0x00020094         # LCRPLORC
CONTAINER_INHERIT, INHERIT_ONLY = 0x02, 0x08
SDDL_RIGHTS = {CONTROL_ACCESS: "CR", EDIT: "CCDCLCSWRPWPDTLOSDRCWDWO", READ: "LCRPLORC"}
SDDL_FLAGS = {CONTAINER_INHERIT: "CI", CONTAINER_INHERIT | INHERIT_ONLY: "CIIO"}
SDDL_ALIASES = {AUTHENTICATED_USERS: "AU", DOMAIN_ADMINS: "DA", ENTERPRISE_ADMINS: "EA", ENTERPRISE_DCS: "ED",
                SYSTEM: "SY", CREATOR_OWNER: "CO"}
REPORT_NAMES = dict(catalog.PRINCIPALS, **{SYSTEM: "NT AUTHORITY\\SYSTEM"})
# GPMC's grouped names for the masks above; the object ACE on Apply makes READ into "Apply Group Policy".
REPORT_ACCESS = {EDIT: "Edit, delete, modify security", READ: "Read"}


def apply_group_sid(gpo):
    """The group a filtered GPO applies to: a domain group numbered from the GPO GUID."""
    return "%s-%d" % (catalog.DOMAIN_SID, 1100 + int(gpo.guid[10:14], 16) % 8000)


def _aces(gpo):
    """(object type or None, flags, mask, SID) in GPMC's order: the Apply grant first."""
    applies_to = apply_group_sid(gpo) if gpo.security_filtered else AUTHENTICATED_USERS
    aces = [(APPLY_GROUP_POLICY, CONTAINER_INHERIT, CONTROL_ACCESS, applies_to)]
    if gpo.security_filtered:
        aces.append((None, CONTAINER_INHERIT, READ, applies_to))
    return aces + [(None, CONTAINER_INHERIT, EDIT, DOMAIN_ADMINS), (None, CONTAINER_INHERIT, EDIT, ENTERPRISE_ADMINS),
                   (None, CONTAINER_INHERIT, READ, ENTERPRISE_DCS), (None, CONTAINER_INHERIT, READ, AUTHENTICATED_USERS),
                   (None, CONTAINER_INHERIT, EDIT, SYSTEM), (None, CONTAINER_INHERIT | INHERIT_ONLY, EDIT, CREATOR_OWNER)]


def _sid_bytes(sid):
    parts = [int(p) for p in sid.split("-")[2:]]
    return struct.pack("<BB", 1, len(parts) - 1) + parts[0].to_bytes(6, "big") + struct.pack("<%dI" % (len(parts) - 1), *parts[1:])


def _guid_bytes(text):
    fields = text.split("-")
    return (struct.pack("<IHH", int(fields[0], 16), int(fields[1], 16), int(fields[2], 16)) +
            bytes.fromhex(fields[3] + fields[4]))


def _ace_bytes(object_type, flags, mask, sid):
    if object_type:  # ACCESS_ALLOWED_OBJECT_ACE with ACE_OBJECT_TYPE_PRESENT
        body = struct.pack("<II", mask, 1) + _guid_bytes(object_type) + _sid_bytes(sid)
        ace_type = 0x05
    else:            # ACCESS_ALLOWED_ACE
        body = struct.pack("<I", mask) + _sid_bytes(sid)
        ace_type = 0x00
    return struct.pack("<BBH", ace_type, flags, 4 + len(body)) + body


def descriptor_hex(gpo):
    """Self-relative SECURITY_DESCRIPTOR: header, owner, group (Domain Admins), then the DACL, as
    GPMC's Backup.xml writes it: lower-case hex bytes separated by spaces."""
    aces = b"".join(_ace_bytes(*ace) for ace in _aces(gpo))
    dacl = struct.pack("<BBHHH", 4, 0, 8 + len(aces), len(_aces(gpo)), 0) + aces
    owner = _sid_bytes(DOMAIN_ADMINS)
    control = 0x8000 | 0x1000 | 0x0800 | 0x0400 | 0x0004   # self-relative, DACL protected/auto-inherited, present
    header = struct.pack("<BBHIIII", 1, 0, control, 20, 20 + len(owner), 0, 20 + 2 * len(owner))
    return " ".join("%02x" % b for b in header + owner + owner + dacl)


def sddl(gpo):
    def trustee(sid):
        return SDDL_ALIASES.get(sid, sid)
    out = "O:DAG:DAD:PAI"
    for object_type, flags, mask, sid in _aces(gpo):
        kind = "OA" if object_type else "A"
        out += "(%s;%s;%s;%s;;%s)" % (kind, SDDL_FLAGS[flags], SDDL_RIGHTS[mask], object_type or "", trustee(sid))
    return out


def _grouped_access(gpo):
    """Trustee -> GPMC's GPOGroupedAccessEnum, in the order of the report (inherit-only ACEs are not listed)."""
    access = {}
    for object_type, flags, mask, sid in _aces(gpo):
        if flags & INHERIT_ONLY or object_type:
            continue
        access[sid] = REPORT_ACCESS[mask]
    for object_type, _, _, sid in _aces(gpo):
        if object_type == APPLY_GROUP_POLICY:
            access[sid] = "Apply Group Policy"
    return access


def permissions_lines(gpo):
    """<PermissionsPresent> and <Permissions> of gpreport.xml's <SecurityDescriptor>."""
    ns = 'xmlns="http://www.microsoft.com/GroupPolicy/Types/Security"'
    types = 'xmlns="http://www.microsoft.com/GroupPolicy/Types"'
    out = ["    <PermissionsPresent %s>true</PermissionsPresent>" % ns, "    <Permissions %s>" % ns,
           "      <InheritsFromParent>false</InheritsFromParent>"]
    for sid, access in _grouped_access(gpo).items():
        name = REPORT_NAMES.get(sid, "CONTOSO\\GPO-Apply-%s" % sid.rsplit("-", 1)[1])
        out += ["      <TrusteePermissions>", "        <Trustee>",
                "          <SID %s>%s</SID>" % (types, sid), "          <Name %s>%s</Name>" % (types, escape(name)),
                "        </Trustee>", '        <Type xsi:type="PermissionType">',
                "          <PermissionType>Allow</PermissionType>", "        </Type>",
                "        <Inherited>false</Inherited>", "        <Standard>",
                "          <GPOGroupedAccessEnum>%s</GPOGroupedAccessEnum>" % access, "        </Standard>",
                "        <AccessMask>0</AccessMask>", "      </TrusteePermissions>"]
    return out + ["    </Permissions>"]
