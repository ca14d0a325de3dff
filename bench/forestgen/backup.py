"""The XML side of a Backup-GPO folder: Backup.xml, bkupInfo.xml, manifest.xml and gpreport.xml,
shaped like GPMC's output (see FORMATS.md §3 and the corpus)."""
from xml.sax.saxutils import escape

from . import catalog

MANIFEST_NS = "http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest"
DOMAIN_GUID = "{5f0c2a8e-3b1d-4c6e-9a7f-2d4b6c8e0a13}"
DC_NAME = "DC01.contoso.com"
# The self-relative security descriptor GPMC stores in Backup.xml (the default GPO ACL).
SECURITY_DESCRIPTOR = (
    "01 00 04 9c 00 00 00 00 00 00 00 00 00 00 00 00 14 00 00 00 04 00 ec 00 08 00 00 00 05 02 28 00 "
    "00 01 00 00 01 00 00 00 8f fd ac ed b3 ff d1 11 b4 1d 00 a0 c9 68 f9 39 01 01 00 00 00 00 00 05 "
    "0b 00 00 00 00 00 24 00 ff 00 0f 00 01 05 00 00 00 00 00 05 15 00 00 00 aa 43 d2 32 7d 6f 6b 91 "
    "02 02 a9 9d 00 02 00 00 00 02 14 00 94 00 02 00 01 01 00 00 00 00 00 05 09 00 00 00 00 02 14 00 "
    "94 00 02 00 01 01 00 00 00 00 00 05 0b 00 00 00 00 02 14 00 ff 00 0f 00 01 01 00 00 00 00 00 05 "
    "12 00 00 00")
SDDL = ("O:DAG:DAD:PAI(OA;CI;CR;edacfd8f-ffb3-11d1-b41d-00a0c968f939;;AU)(A;;CCDCLCSWRPWPDTLOSDRCWDWO;;;DA)"
        "(A;CI;CCDCLCSWRPWPDTLOSDRCWDWO;;;EA)(A;CI;LCRPLORC;;;ED)(A;CI;LCRPLORC;;;AU)"
        "(A;CI;CCDCLCSWRPWPDTLOSDRCWDWO;;;SY)(A;CIIO;CCDCLCSWRPWPDTLOSDRCWDWO;;;CO)")
INF_LOCATION = "DomainSysvol\\GPO\\Machine\\microsoft\\windows nt\\SecEdit\\GptTmpl.inf"
POL_LOCATION = "DomainSysvol\\GPO\\Machine\\registry.pol"
AUDIT_LOCATION = "DomainSysvol\\GPO\\Machine\\microsoft\\windows nt\\Audit\\audit.csv"


def _cdata(text):
    return "<![CDATA[%s]]>" % text


def machine_extensions(gpo):
    cses = []
    if gpo.pol is not None:
        cses.append(catalog.CSE_REGISTRY)
    if gpo.template is not None:
        cses.append(catalog.CSE_SECURITY)
    if gpo.audit is not None:
        cses.append(catalog.CSE_AUDIT)
    cses.sort(key=lambda c: c[0].upper())
    return "".join("[%s%s]" % (cse, tool) for cse, tool, _ in cses)


def _version(value):
    return (value << 16) | value


def _backup_inst(gpo, domain, root_element):
    ns = ' xmlns="%s"' % MANIFEST_NS if root_element else ""
    return ("<BackupInst%s><GPOGuid>%s</GPOGuid><GPODomain>%s</GPODomain><GPODomainGuid>%s</GPODomainGuid>"
            "<GPODomainController>%s</GPODomainController><BackupTime>%s</BackupTime><ID>%s</ID>"
            "<Comment>%s</Comment><GPODisplayName>%s</GPODisplayName></BackupInst>") % (
        ns, _cdata(gpo.guid), _cdata(domain), _cdata(DOMAIN_GUID), _cdata(DC_NAME), _cdata(gpo.modified),
        _cdata(gpo.backup_id), _cdata(""), _cdata(gpo.name))


def bkupinfo_bytes(gpo, domain):
    return (_backup_inst(gpo, domain, True) + "\r\n").encode("utf-8")


def manifest_bytes(gpos, domain):
    body = "".join(_backup_inst(g, domain, False) for g in gpos)
    return ('<Backups xmlns="%s" xmlns:mfst="%s" mfst:version="1.0">%s</Backups>' % (
        MANIFEST_NS, MANIFEST_NS, body)).encode("utf-8")


def _fs_file(gpo, domain, path, location, extra=""):
    source = "\\\\%s\\sysvol\\%s\\Policies\\%s\\Machine\\%s" % (DC_NAME, domain, gpo.guid, path)
    return ('            <FSObjectFile bkp:Path="%%GPO_MACH_FSPATH%%\\%s" bkp:SourceExpandedPath="%s"%s '
            'bkp:Location="%s"/>\r\n') % (escape(path), escape(source), extra, escape(location))


def backup_xml_bytes(gpo, domain):
    parts = ['<?xml version="1.0" encoding="utf-8"?><!-- Copyright (c) Microsoft Corporation.  All rights reserved. -->'
             '<GroupPolicyBackupScheme bkp:version="2.0" bkp:type="GroupPolicyBackupTemplate" '
             'xmlns:bkp="http://www.microsoft.com/GroupPolicy/GPOOperations" '
             'xmlns="http://www.microsoft.com/GroupPolicy/GPOOperations">\r\n    <GroupPolicyObject>',
             "<SecurityGroups><Group bkp:Source=\"FromDACL\"><Sid>%s</Sid><SamAccountName>%s</SamAccountName>"
             "<Type>%s</Type><NetBIOSDomainName>%s</NetBIOSDomainName><DnsDomainName>%s</DnsDomainName>"
             "<UPN>%s</UPN></Group></SecurityGroups><FilePaths/>" % (
                 _cdata(catalog.DOMAIN_SID + "-512"), _cdata("Domain Admins"), _cdata("GlobalGroup"),
                 _cdata("CONTOSO"), _cdata(domain), _cdata("Domain Admins@" + domain)),
             "<GroupPolicyCoreSettings><ID>%s</ID><Domain>%s</Domain><SecurityDescriptor>%s</SecurityDescriptor>"
             "<DisplayName>%s</DisplayName><Options>%s</Options><UserVersionNumber>%s</UserVersionNumber>"
             "<MachineVersionNumber>%s</MachineVersionNumber><MachineExtensionGuids>%s</MachineExtensionGuids>"
             "<UserExtensionGuids/><WMIFilter/></GroupPolicyCoreSettings>\r\n" % (
                 _cdata(gpo.guid), _cdata(domain), SECURITY_DESCRIPTOR, _cdata(gpo.name), _cdata(str(gpo.flags)),
                 _cdata(str(_version(gpo.user_version))), _cdata(str(_version(gpo.machine_version))),
                 _cdata(machine_extensions(gpo)))]
    if gpo.pol is not None:
        cse, _, desc = catalog.CSE_REGISTRY
        parts.append('        <GroupPolicyExtension bkp:ID="%s" bkp:DescName="%s">\r\n' % (cse, desc))
        parts.append(_fs_file(gpo, domain, "registry.pol", POL_LOCATION))
        parts.append("        </GroupPolicyExtension>\r\n")
    if gpo.template is not None:
        cse, _, desc = catalog.CSE_SECURITY
        parts.append('        <GroupPolicyExtension bkp:ID="%s" bkp:DescName="%s">\r\n' % (cse, desc))
        parts.append(_fs_file(gpo, domain, "microsoft\\windows nt\\SecEdit\\GptTmpl.inf", INF_LOCATION,
                              ' bkp:ReEvaluateFunction="SecurityValidateSettings"'))
        parts.append("        </GroupPolicyExtension>\r\n")
    if gpo.audit is not None:
        cse, _, desc = catalog.CSE_AUDIT
        parts.append('        <GroupPolicyExtension bkp:ID="%s" bkp:DescName="%s">\r\n' % (cse, desc))
        parts.append(_fs_file(gpo, domain, "microsoft\\windows nt\\Audit\\audit.csv", AUDIT_LOCATION))
        parts.append("        </GroupPolicyExtension>\r\n")
    parts.append("    </GroupPolicyObject>\r\n</GroupPolicyBackupScheme>")
    return "".join(parts).encode("utf-8")
