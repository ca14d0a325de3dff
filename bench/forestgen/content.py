"""Random but realistic GPO content: security templates, registry.pol entries, audit.csv rows."""
import struct

from . import catalog
from .model import (PolEntry, Template, REG_BINARY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ, REG_NONE,
                    REG_QWORD, REG_SZ)


def _sized(rng, tiers):
    """Pick a count from weighted (weight, low, high) tiers: most files small, a tail of large ones."""
    weights = [t[0] for t in tiers]
    _, low, high = rng.choices(tiers, weights)[0]
    return rng.randint(low, high)


def _value_name(rng, taken):
    """A plausible, unique value name under one key."""
    while True:
        name = rng.choice(catalog.VALUE_STEMS) + rng.choice(catalog.VALUE_NOUNS)
        if name.lower() in taken:
            name += str(rng.randint(2, 99))
        if name.lower() not in taken:
            taken[name.lower()] = True
            return name


def _sids(rng, low, high):
    picked = rng.sample(catalog.PRINCIPALS, rng.randint(low, high))
    return [sid for sid, _ in picked]


def random_template(rng):
    t = Template()
    if rng.random() < 0.15:
        for key, choices in rng.sample(catalog.SYSTEM_ACCESS, rng.randint(3, len(catalog.SYSTEM_ACCESS))):
            t.system_access.append((key, rng.choice(choices)))
    if rng.random() < 0.10:
        for key in rng.sample(catalog.EVENT_AUDIT, rng.randint(2, len(catalog.EVENT_AUDIT))):
            t.event_audit.append((key, rng.choice([0, 1, 2, 3])))
    if rng.random() < 0.90:
        count = _sized(rng, [(60, 10, 60), (30, 60, 150), (10, 150, 300)])
        options = rng.sample(catalog.SECURITY_OPTIONS, rng.randint(0, min(count, len(catalog.SECURITY_OPTIONS))))
        t.registry_values.extend(options)
        taken = {}
        while len(t.registry_values) < count:
            key = "MACHINE\\" + rng.choice(catalog.POLICY_KEYS)
            path = key + "\\" + _value_name(rng, taken)
            kind = rng.random()
            if kind < 0.80:
                t.registry_values.append((path, 4, str(rng.choice([0, 1, 1, 2, 3, 15, 30, 900, 4096]))))
            elif kind < 0.93:
                t.registry_values.append((path, 1, '"%s"' % rng.choice(["1", "", "https://intranet.contoso.com", "O:BAG:BAD:(A;;RC;;;BA)"])))
            else:
                t.registry_values.append((path, 7, ",".join(rng.sample(catalog.OU_WORDS, rng.randint(1, 4)))))
    if rng.random() < 0.40:
        for right in rng.sample(catalog.RANDOM_RIGHTS, rng.randint(3, 30)):
            t.privilege_rights.append((right, [] if rng.random() < 0.15 else _sids(rng, 1, 4)))
    if rng.random() < 0.30:
        for service in rng.sample(catalog.SERVICES, rng.randint(1, 12)):
            t.services.append((service, rng.choice([2, 3, 4, 4])))
    if not (t.system_access or t.event_audit or t.registry_values or t.privilege_rights or t.services):
        t.registry_values.append(catalog.SECURITY_OPTIONS[0])
    return t


def utf16z(text):
    return (text + "\0").encode("utf-16-le")


def dword_entry(key, name, value):
    return PolEntry(key, name, REG_DWORD, struct.pack("<I", value))


def sz_entry(key, name, text, reg_type=REG_SZ):
    return PolEntry(key, name, reg_type, utf16z(text))


def random_pol(rng):
    """Hundreds of entries grouped by key, the way GPMC writes ADMX settings."""
    count = _sized(rng, [(60, 20, 100), (30, 100, 250), (10, 250, 500)])
    entries = []
    while len(entries) < count:
        key = rng.choice(catalog.POLICY_KEYS)
        if rng.random() < 0.05:
            # A list policy: delete every value of the key, then write the numbered items.
            key += "\\" + rng.choice(["AllowList", "BlockList", "Servers", "Sites"])
            entries.append(sz_entry(key, "**delvals.", " "))
            for i in range(1, rng.randint(2, 12)):
                entries.append(sz_entry(key, str(i), "item%d.contoso.com" % i))
            continue
        taken = {}
        for _ in range(rng.randint(1, 8)):
            name = _value_name(rng, taken)
            kind = rng.random()
            if kind < 0.03:
                entries.append(sz_entry(key, "**del." + name, " "))
            elif kind < 0.80:
                entries.append(dword_entry(key, name, rng.choice([0, 1, 1, 1, 2, 3, 10, 60, 1440])))
            elif kind < 0.90:
                entries.append(sz_entry(key, name, rng.choice(["", "1", "https://proxy.contoso.com:8080", "Contoso IT"])))
            elif kind < 0.94:
                items = rng.sample(catalog.OU_WORDS, rng.randint(1, 3))
                entries.append(PolEntry(key, name, REG_MULTI_SZ, "".join(s + "\0" for s in items).encode("utf-16-le") + b"\0\0"))
            elif kind < 0.96:
                entries.append(sz_entry(key, name, "%SystemRoot%\\System32\\" + name + ".log", REG_EXPAND_SZ))
            elif kind < 0.98:
                # Binary data that contains "]" as UTF-16 (5D 00): parsers must go by the size field.
                entries.append(PolEntry(key, name, REG_BINARY, bytes([0x5D, 0x00]) + rng.randbytes(rng.randint(2, 30))))
            elif kind < 0.99:
                entries.append(PolEntry(key, name, REG_QWORD, struct.pack("<Q", rng.getrandbits(40))))
            else:
                entries.append(PolEntry(key, "", REG_NONE, b""))
    return entries


def random_audit(rng):
    picked = sorted(rng.sample(range(len(catalog.AUDIT_SUBCATEGORIES)), rng.randint(3, 25)))
    return [(index, rng.choice([1, 2, 3, 3])) for index in picked]
