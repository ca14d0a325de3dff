"""Serialisers for the files Windows writes: GptTmpl.inf, registry.pol, audit.csv. Byte-exact to the
encodings seen in real backups (UTF-16LE + BOM + CRLF for templates; CRLF UTF-8 for audit.csv)."""
import struct

from . import catalog


def gpttmpl_text(t):
    """Section order as GPMC writes it: [Version] after [Registry Values], [Privilege Rights] last."""
    lines = ["[Unicode]", "Unicode=yes"]
    if t.system_access:
        lines.append("[System Access]")
        lines += ["%s = %s" % kv for kv in t.system_access]
    if t.event_audit:
        lines.append("[Event Audit]")
        lines += ["%s = %d" % kv for kv in t.event_audit]
    if t.registry_values:
        lines.append("[Registry Values]")
        lines += ["%s=%d,%s" % v for v in t.registry_values]
    if t.services:
        lines.append("[Service General Setting]")
        lines += ['"%s",%d,""' % s for s in t.services]
    lines += ["[Version]", 'signature="$CHICAGO$"', "Revision=1"]
    if t.privilege_rights:
        lines.append("[Privilege Rights]")
        for right, sids in t.privilege_rights:
            lines.append("%s = %s" % (right, ",".join("*" + sid for sid in sids)) if sids else right + " =")
    return "\r\n".join(lines) + "\r\n"


def gpttmpl_bytes(t):
    return b"\xff\xfe" + gpttmpl_text(t).encode("utf-16-le")


_OPEN, _SEP, _CLOSE = "[".encode("utf-16-le"), ";".encode("utf-16-le"), "]".encode("utf-16-le")


def registry_pol_bytes(entries):
    out = [b"PReg", struct.pack("<I", 1)]
    for e in entries:
        out += [_OPEN, (e.key + "\0").encode("utf-16-le"), _SEP, (e.name + "\0").encode("utf-16-le"), _SEP,
                struct.pack("<I", e.type), _SEP, struct.pack("<I", len(e.data)), _SEP, e.data, _CLOSE]
    return b"".join(out)


AUDIT_HEADER = "Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value"


def audit_csv_bytes(rows):
    lines = [AUDIT_HEADER]
    for index, value in rows:
        lines.append(",System,Audit %s,%s,%s,,%d" % (catalog.AUDIT_SUBCATEGORIES[index], catalog.audit_guid(index),
                                                      catalog.AUDIT_SETTING_TEXT[value], value))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
