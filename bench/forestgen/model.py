"""The generated forest as plain data: what the writers serialise and what expected.json describes."""
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

# PReg value types used by the generator.
REG_NONE, REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 0, 1, 2, 3, 4, 7, 11

LINK_DISABLED = 0x1
LINK_ENFORCED = 0x2


@dataclass
class Template:
    """One GptTmpl.inf; each list keeps file order."""
    system_access: List[Tuple[str, str]] = field(default_factory=list)
    event_audit: List[Tuple[str, int]] = field(default_factory=list)
    registry_values: List[Tuple[str, int, str]] = field(default_factory=list)   # path, type, data text
    privilege_rights: List[Tuple[str, List[str]]] = field(default_factory=list)  # right, SIDs
    services: List[Tuple[str, int]] = field(default_factory=list)               # name, startup mode


@dataclass
class PolEntry:
    key: str
    name: str
    type: int
    data: bytes


@dataclass
class Gpo:
    guid: str
    backup_id: str
    name: str
    flags: int = 0                 # bit 1: user part disabled, bit 2: computer part disabled
    machine_version: int = 1
    user_version: int = 0
    created: str = ""
    modified: str = ""
    template: Optional[Template] = None
    pol: Optional[List[PolEntry]] = None
    audit: Optional[List[Tuple[int, int]]] = None   # (subcategory index, setting value)
    security_filtered: bool = False  # Apply Group Policy granted to a domain group, not Authenticated Users


@dataclass
class Link:
    gpo_guid: str
    options: int = 0


@dataclass
class Som:
    dn: str
    name: str                      # RDN value ("Servers"); the domain's DNS name for the root
    parent: int                    # -1 for the domain
    depth: int                     # 0 for the domain
    links: List[Link] = field(default_factory=list)   # gPLink string order: last = link order 1
    block_inheritance: bool = False
    options_written: bool = False  # ldifde prints gPOptions only once it was ever set
    reserved: bool = False         # planted OU: random OUs and links stay away from it


@dataclass
class Computer:
    dn: str
    name: str
    dns_host_name: str
    spns: List[str]
    operating_system: str
    user_account_control: int = 4096


@dataclass
class Forest:
    domain: str                    # contoso.com
    domain_dn: str                 # DC=contoso,DC=com
    gpos: List[Gpo]
    soms: List[Som]                # soms[0] is the domain; parents before children
    computers: List[Computer]
    planted: List[dict]            # expected findings for expected.json

    def canonical_name(self, som_index):
        parts = []
        while som_index > 0:
            parts.append(self.soms[som_index].name)
            som_index = self.soms[som_index].parent
        return "/".join([self.domain] + list(reversed(parts)))
