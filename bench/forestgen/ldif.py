"""topology.ldf in the style of `ldifde -f`: CRLF, a leading blank line, long lines folded at 79
columns with a one-space continuation, non-ASCII values base64-encoded (`attr:: …`)."""
import base64

from .backup import machine_extensions

FOLD = 79
WHEN_CREATED = "20240108090000.0Z"


def _line(attr, value):
    if value and (not value.isascii() or value[0] in " :<"):
        text = "%s:: %s" % (attr, base64.b64encode(value.encode("utf-8")).decode("ascii"))
    else:
        text = "%s: %s" % (attr, value)
    if len(text) <= FOLD:
        return [text]
    lines = [text[:FOLD]]
    for start in range(FOLD, len(text), FOLD - 1):
        lines.append(" " + text[start:start + FOLD - 1])
    return lines


def _record(pairs):
    lines = []
    for attr, value in pairs:
        lines += _line(attr, value)
    return lines + [""]


def _gplink(forest, links):
    return "".join("[LDAP://cn=%s,cn=policies,cn=system,%s;%d]" % (link.gpo_guid, forest.domain_dn, link.options)
                   for link in links)


def _som_record(forest, som, created):
    if som.parent < 0:
        pairs = [("dn", som.dn), ("changetype", "add"), ("objectClass", "top"), ("objectClass", "domain"),
                 ("objectClass", "domainDNS"), ("distinguishedName", som.dn), ("instanceType", "5"),
                 ("whenCreated", created), ("name", forest.domain.split(".")[0]), ("dc", forest.domain.split(".")[0])]
    else:
        pairs = [("dn", som.dn), ("changetype", "add"), ("objectClass", "top"),
                 ("objectClass", "organizationalUnit"), ("ou", som.name), ("distinguishedName", som.dn),
                 ("instanceType", "4"), ("whenCreated", created), ("name", som.name)]
    if som.links:
        pairs.append(("gPLink", _gplink(forest, som.links)))
    if som.options_written:
        pairs.append(("gPOptions", "1" if som.block_inheritance else "0"))
    return _record(pairs)


def _gpo_record(forest, gpo):
    dn = "CN=%s,CN=Policies,CN=System,%s" % (gpo.guid, forest.domain_dn)
    pairs = [("dn", dn), ("changetype", "add"), ("objectClass", "top"), ("objectClass", "container"),
             ("objectClass", "groupPolicyContainer"), ("cn", gpo.guid), ("distinguishedName", dn),
             ("displayName", gpo.name), ("flags", str(gpo.flags)),
             ("versionNumber", str((gpo.user_version << 16) | gpo.machine_version)),
             ("gPCFunctionalityVersion", "2"),
             ("gPCFileSysPath", "\\\\%s\\SysVol\\%s\\Policies\\%s" % (forest.domain, forest.domain, gpo.guid))]
    extensions = machine_extensions(gpo)
    if extensions:
        pairs.append(("gPCMachineExtensionNames", extensions))
    return _record(pairs)


def _computer_record(computer):
    pairs = [("dn", computer.dn), ("changetype", "add"), ("objectClass", "top"), ("objectClass", "person"),
             ("objectClass", "organizationalPerson"), ("objectClass", "user"), ("objectClass", "computer"),
             ("cn", computer.name), ("userAccountControl", str(computer.user_account_control)),
             ("dNSHostName", computer.dns_host_name),
             ("operatingSystem", computer.operating_system)]
    pairs += [("servicePrincipalName", spn) for spn in computer.spns]
    return _record(pairs)


def ldif_bytes(forest):
    lines = [""]
    for som in forest.soms:
        lines += _som_record(forest, som, WHEN_CREATED)
    for gpo in forest.gpos:
        lines += _gpo_record(forest, gpo)
    for computer in forest.computers:
        lines += _computer_record(computer)
    return "\r\n".join(lines).encode("utf-8")
