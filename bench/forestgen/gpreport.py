"""gpreport.xml (Get-GPOReport -ReportType Xml): UTF-16LE with BOM, CRLF, with LinksTo per link."""
import struct
from xml.sax.saxutils import escape

from . import acl, catalog
from .model import LINK_DISABLED, LINK_ENFORCED, REG_DWORD, REG_EXPAND_SZ, REG_SZ

TYPES_NS = "http://www.microsoft.com/GroupPolicy/Types"
PRINCIPAL_NAMES = dict(catalog.PRINCIPALS)
STARTUP = {2: "Automatic", 3: "Manual", 4: "Disabled"}


def _extension(prefix, namespace, xsi_type, name, body, blocked=True):
    """One <ExtensionData> block; `prefix` is the per-report qN namespace prefix."""
    out = ["    <ExtensionData>",
           '      <Extension xmlns:%s="http://www.microsoft.com/GroupPolicy/Settings/%s" xsi:type="%s:%s">'
           % (prefix, namespace, prefix, xsi_type)]
    out += body
    if blocked:
        out.append("        <%s:Blocked>false</%s:Blocked>" % (prefix, prefix))
    return out + ["      </Extension>", "      <Name>%s</Name>" % name, "    </ExtensionData>"]


def _member(sid):
    name = PRINCIPAL_NAMES.get(sid)
    lines = ['            <SID xmlns="%s">%s</SID>' % (TYPES_NS, sid)]
    if name:
        lines.append('            <Name xmlns="%s">%s</Name>' % (TYPES_NS, escape(name)))
    return ["          <q1:Member>"] + lines + ["          </q1:Member>"]


def _security_extension(t):
    out = []
    for key, value in t.system_access:
        out += ["        <q1:Account>", "          <q1:Name>%s</q1:Name>" % key]
        if value.startswith('"'):
            out.append("          <q1:SettingString>%s</q1:SettingString>" % escape(value.strip('"')))
        else:
            out.append("          <q1:SettingNumber>%d</q1:SettingNumber>" % (int(value) & 0xFFFFFFFF))
        out += ["          <q1:Type>Password</q1:Type>", "        </q1:Account>"]
    for key, value in t.event_audit:
        out += ["        <q1:Audit>", "          <q1:Name>%s</q1:Name>" % key,
                "          <q1:SuccessAttempts>%s</q1:SuccessAttempts>" % str(bool(value & 1)).lower(),
                "          <q1:FailureAttempts>%s</q1:FailureAttempts>" % str(bool(value & 2)).lower(),
                "        </q1:Audit>"]
    for right, sids in t.privilege_rights:
        out += ["        <q1:UserRightsAssignment>", "          <q1:Name>%s</q1:Name>" % right]
        for sid in sids:
            out += _member(sid)
        out.append("        </q1:UserRightsAssignment>")
    for path, reg_type, data in t.registry_values:
        out += ["        <q1:SecurityOptions>", "          <q1:KeyName>%s</q1:KeyName>" % escape(path)]
        if reg_type == 4:
            out.append("          <q1:SettingNumber>%s</q1:SettingNumber>" % data)
        elif reg_type == 7:
            out.append("          <q1:SettingStrings>")
            out += ["            <q1:Value>%s</q1:Value>" % escape(item) for item in data.split(",")]
            out.append("          </q1:SettingStrings>")
        else:
            out.append("          <q1:SettingString>%s</q1:SettingString>" % escape(data.strip('"')))
        out.append("        </q1:SecurityOptions>")
    for name, mode in t.services:
        out += ["        <q1:SystemServices>", "          <q1:Name>%s</q1:Name>" % name,
                "          <q1:StartupMode>%s</q1:StartupMode>" % STARTUP[mode], "        </q1:SystemServices>"]
    return _extension("q1", "Security", "SecuritySettings", "Security", out)


def _registry_extension(entries):
    out = []
    for e in entries:
        if e.name.startswith("**") or not e.name:
            continue
        out += ["        <q2:RegistrySetting>", "          <q2:KeyPath>%s</q2:KeyPath>" % escape(e.key),
                "          <q2:AdmSetting>false</q2:AdmSetting>", "          <q2:Value>",
                "            <q2:Name>%s</q2:Name>" % escape(e.name)]
        if e.type == REG_DWORD:
            out.append("            <q2:Number>%d</q2:Number>" % struct.unpack("<I", e.data)[0])
        elif e.type in (REG_SZ, REG_EXPAND_SZ):
            out.append("            <q2:String>%s</q2:String>" % escape(e.data.decode("utf-16-le").rstrip("\0")))
        out += ["          </q2:Value>", "        </q2:RegistrySetting>"]
    return _extension("q2", "Registry", "RegistrySettings", "Registry", out)


def _audit_extension(rows):
    out = []
    for index, value in rows:
        out += ["        <q3:AuditSetting>", "          <q3:PolicyTarget>System</q3:PolicyTarget>",
                "          <q3:SubcategoryName>Audit %s</q3:SubcategoryName>" % escape(catalog.AUDIT_SUBCATEGORIES[index]),
                "          <q3:SubcategoryGuid>%s</q3:SubcategoryGuid>" % catalog.audit_guid(index),
                "          <q3:SettingValue>%d</q3:SettingValue>" % value, "        </q3:AuditSetting>"]
    return _extension("q3", "Auditing", "AuditSettings", "Advanced Audit Configuration", out, blocked=False)


def gpreport_bytes(gpo, domain, links):
    """`links`: (SOM name, canonical path, link options) for every link to this GPO."""
    out = ['<?xml version="1.0" encoding="utf-16"?>',
           '<GPO xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.microsoft.com/GroupPolicy/Settings">',
           "  <Identifier>",
           '    <Identifier xmlns="%s">%s</Identifier>' % (TYPES_NS, gpo.guid),
           '    <Domain xmlns="%s">%s</Domain>' % (TYPES_NS, domain),
           "  </Identifier>",
           "  <Name>%s</Name>" % escape(gpo.name),
           "  <IncludeComments>true</IncludeComments>",
           "  <CreatedTime>%s</CreatedTime>" % gpo.created,
           "  <ModifiedTime>%s</ModifiedTime>" % gpo.modified,
           "  <ReadTime>%s.0000000Z</ReadTime>" % gpo.modified,
           "  <SecurityDescriptor>",
           '    <SDDL xmlns="http://www.microsoft.com/GroupPolicy/Types/Security">%s</SDDL>' % acl.sddl(gpo)]
    out += acl.permissions_lines(gpo)
    out += ["  </SecurityDescriptor>",
            "  <FilterDataAvailable>true</FilterDataAvailable>",
            "  <Computer>",
            "    <VersionDirectory>%d</VersionDirectory>" % gpo.machine_version,
            "    <VersionSysvol>%d</VersionSysvol>" % gpo.machine_version,
            "    <Enabled>%s</Enabled>" % str(not gpo.flags & 2).lower()]
    if gpo.template is not None:
        out += _security_extension(gpo.template)
    if gpo.pol is not None:
        out += _registry_extension(gpo.pol)
    if gpo.audit is not None:
        out += _audit_extension(gpo.audit)
    out += ["  </Computer>", "  <User>",
            "    <VersionDirectory>%d</VersionDirectory>" % gpo.user_version,
            "    <VersionSysvol>%d</VersionSysvol>" % gpo.user_version,
            "    <Enabled>%s</Enabled>" % str(not gpo.flags & 1).lower(), "  </User>"]
    for som_name, som_path, options in links:
        out += ["  <LinksTo>", "    <SOMName>%s</SOMName>" % escape(som_name),
                "    <SOMPath>%s</SOMPath>" % escape(som_path),
                "    <Enabled>%s</Enabled>" % str(not options & LINK_DISABLED).lower(),
                "    <NoOverride>%s</NoOverride>" % str(bool(options & LINK_ENFORCED)).lower(), "  </LinksTo>"]
    out.append("</GPO>")
    return b"\xff\xfe" + "\r\n".join(out).encode("utf-16-le")
