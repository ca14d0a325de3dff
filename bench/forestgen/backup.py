"""The XML side of a Backup-GPO folder: Backup.xml, bkupInfo.xml, manifest.xml and gpreport.xml,
shaped like GPMC's output (see FORMATS.md §3 and the corpus)."""
from xml.sax.saxutils import escape

from . import acl, catalog

MANIFEST_NS = "http://www.microsoft.com/GroupPolicy/GPOOperations/Manifest"
DOMAIN_GUID = "{5f0c2a8e-3b1d-4c6e-9a7f-2d4b6c8e0a13}"
DC_NAME = "DC01.contoso.com"
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
                 _cdata(gpo.guid), _cdata(domain), acl.descriptor_hex(gpo), _cdata(gpo.name), _cdata(str(gpo.flags)),
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
