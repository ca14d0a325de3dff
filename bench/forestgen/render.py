"""Serialisers for the files Windows writes: GptTmpl.inf, registry.pol, audit.csv. Byte-exact to the
encodings seen in real backups (UTF-16LE + BOM + CRLF for templates; CRLF UTF-8 for audit.csv)."""
import struct

from . import catalog


def _section(lines, name, body):
    if body:
        lines.append("[%s]" % name)
        lines.extend(body)


def gpttmpl_text(t):
    """Section order as GPMC writes it: [Version] after [Registry Values], [Privilege Rights] last."""
    lines = ["[Unicode]", "Unicode=yes"]
    _section(lines, "System Access", ["%s = %s" % kv for kv in t.system_access])
    _section(lines, "Event Audit", ["%s = %d" % kv for kv in t.event_audit])
    _section(lines, "Registry Values", ["%s=%d,%s" % v for v in t.registry_values])
    _section(lines, "Service General Setting", ['"%s",%d,""' % s for s in t.services])
    lines += ["[Version]", 'signature="$CHICAGO$"', "Revision=1"]
    _section(lines, "Privilege Rights",
             ["%s = %s" % (right, ",".join("*" + sid for sid in sids)) if sids else right + " ="
              for right, sids in t.privilege_rights])
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
