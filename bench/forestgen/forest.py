"""Builds a whole forest from one seed: GPOs, the OU tree, links, computers, and the two planted
problems whose findings go into expected.json."""
import datetime
import random
import uuid

from . import catalog, content
from .model import (Computer, Forest, Gpo, Link, Som, Template, LINK_DISABLED, LINK_ENFORCED)

DOMAIN = "contoso.com"
DOMAIN_DN = "DC=contoso,DC=com"
MAX_DEPTH = 8
EPOCH = datetime.datetime(2024, 1, 8, 9, 0, 0)

LSA = "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\"
MIN_GPOS = 8   # the well-known and planted GPOs
MIN_OUS = 6    # the planted OUs


def _guid(rng):
    return "{%s}" % str(uuid.UUID(int=rng.getrandbits(128), version=4)).upper()


def _timestamp(rng, after=None):
    start = after or EPOCH
    return start + datetime.timedelta(seconds=rng.randint(60, 400 * 86400))


def _iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


class _Builder:
    def __init__(self, seed, gpo_count, ou_count):
        if gpo_count < MIN_GPOS:
            raise ValueError("--gpos must be at least %d (the planted GPOs)" % MIN_GPOS)
        if ou_count < MIN_OUS:
            raise ValueError("--ous must be at least %d (the planted OUs)" % MIN_OUS)
        self.rng = random.Random(seed)
        self.gpo_count = gpo_count
        self.ou_count = ou_count
        self.gpos = []
        self.by_guid = {}
        self.soms = [Som(DOMAIN_DN, DOMAIN, -1, 0, options_written=True)]
        self.computers = []
        self.planted = []
        self.used_names = {}
        self.child_names = {0: {}}   # SOM index -> lower-case child names taken

    # ---- GPOs -------------------------------------------------------------------------------------
    def _new_gpo(self, name, guid=None, flags=0):
        rng = self.rng
        created = _timestamp(rng)
        gpo = Gpo(guid=guid or _guid(rng), backup_id=_guid(rng), name=name, flags=flags,
                  machine_version=rng.randint(1, 60), user_version=rng.choice([0, 0, 1, 2, 5]),
                  created=_iso(created), modified=_iso(_timestamp(rng, created)))
        self.gpos.append(gpo)
        self.by_guid[gpo.guid] = gpo
        return gpo

    def _random_name(self):
        rng = self.rng
        while True:
            name = "%s - %s - %s" % (rng.choice(catalog.GPO_SCOPES), rng.choice(catalog.GPO_AREAS),
                                     rng.choice(catalog.GPO_FLAVOURS))
            if rng.random() < 0.02:
                name += " (" + rng.choice(catalog.OU_WORDS_NON_ASCII) + ")"
            if name in self.used_names:
                self.used_names[name] += 1
                name = "%s v%d" % (name, self.used_names[name])
            if name not in self.used_names:
                self.used_names[name] = 1
                return name

    def random_gpos(self, count):
        rng = self.rng
        for _ in range(count):
            flags = rng.choices([0, 1, 2, 3], [55, 40, 4, 1])[0]
            gpo = self._new_gpo(self._random_name(), flags=flags)
            # About 3%, taken from the GUID rather than the RNG so that everything else stays as it was.
            gpo.security_filtered = int(gpo.guid[1:9], 16) % 100 < 3
            has_inf = rng.random() < 0.6
            has_pol = rng.random() < 0.7 or not has_inf
            if has_inf:
                gpo.template = content.random_template(rng)
            if has_pol:
                gpo.pol = content.random_pol(rng)
            if rng.random() < 0.10:
                gpo.audit = content.random_audit(rng)

    def well_known_gpos(self):
        ddp = self._new_gpo("Default Domain Policy", catalog.DEFAULT_DOMAIN_POLICY)
        ddp.template = Template(
            system_access=[("MinimumPasswordAge", "1"), ("MaximumPasswordAge", "42"),
                           ("MinimumPasswordLength", "7"), ("PasswordComplexity", "1"),
                           ("PasswordHistorySize", "24"), ("LockoutBadCount", "0"),
                           ("RequireLogonToChangePassword", "0"), ("ForceLogoffWhenHourExpire", "0"),
                           ("ClearTextPassword", "0"), ("LSAAnonymousNameLookup", "0")],
            registry_values=[(LSA + "NoLMHash", 4, "1")])
        ddcp = self._new_gpo("Default Domain Controllers Policy", catalog.DEFAULT_DC_POLICY)
        ddcp.template = Template(privilege_rights=[
            ("SeNetworkLogonRight", ["S-1-1-0", "S-1-5-11", "S-1-5-32-544", "S-1-5-9"]),
            ("SeMachineAccountPrivilege", ["S-1-5-11"]),
            ("SeEnableDelegationPrivilege", ["S-1-5-32-544"]),
            ("SeBackupPrivilege", ["S-1-5-32-544", "S-1-5-32-551", "S-1-5-32-549"])],
            registry_values=[("MACHINE\\System\\CurrentControlSet\\Services\\NTDS\\Parameters\\LDAPServerIntegrity", 4, "1"),
                             ("MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature", 4, "1")])
        return ddp, ddcp

    # ---- OU tree ----------------------------------------------------------------------------------
    def _add_ou(self, name, parent, reserved=False):
        parent_som = self.soms[parent]
        som = Som("OU=%s,%s" % (name, parent_som.dn), name, parent, parent_som.depth + 1, reserved=reserved)
        self.soms.append(som)
        self.child_names[parent][name.lower()] = True
        self.child_names[len(self.soms) - 1] = {}
        return len(self.soms) - 1

    def _ou_name(self, parent):
        rng = self.rng
        taken = self.child_names[parent]
        pool = catalog.OU_WORDS_NON_ASCII if rng.random() < 0.02 else catalog.OU_WORDS
        name = rng.choice(pool)
        suffix = 2
        base = name
        while name.lower() in taken:
            name = "%s%d" % (base, suffix)
            suffix += 1
        return name

    def random_ous(self, count):
        """Most OUs hang near the top; a thin tail reaches depth 8."""
        rng = self.rng
        open_parents = [i for i, s in enumerate(self.soms) if not s.reserved]
        # One chain to the maximum depth so deep inheritance is always exercised.
        parent = 0
        for _ in range(min(MAX_DEPTH, count)):
            parent = self._add_ou(self._ou_name(parent), parent)
            if self.soms[parent].depth < MAX_DEPTH:
                open_parents.append(parent)
            count -= 1
        for _ in range(count):
            weights = [1.0 / (1 + self.soms[i].depth) ** 2 for i in open_parents]
            parent = rng.choices(open_parents, weights)[0]
            child = self._add_ou(self._ou_name(parent), parent)
            if self.soms[child].depth < MAX_DEPTH:
                open_parents.append(child)

    # ---- links ------------------------------------------------------------------------------------
    def _random_options(self):
        return self.rng.choices([0, LINK_ENFORCED, LINK_DISABLED, LINK_ENFORCED | LINK_DISABLED], [93, 3, 3.5, 0.5])[0]

    def random_links(self, pool):
        """Every random GPO gets 0-3 links (most exactly one); SOM weights are heavy-tailed so most OUs
        carry 0-3 links and a few carry ten or more."""
        rng = self.rng
        targets = [i for i, s in enumerate(self.soms) if not s.reserved]
        weights = [min(rng.paretovariate(1.3), 40.0) for _ in targets]
        for gpo in pool:
            for _ in range(rng.choices([0, 1, 2, 3], [5, 80, 10, 5])[0]):
                som = self.soms[rng.choices(targets, weights)[0]]
                if any(link.gpo_guid == gpo.guid for link in som.links):
                    continue
                som.links.append(Link(gpo.guid, self._random_options()))
        for i in targets[1:]:
            if rng.random() < 0.04:
                self.soms[i].block_inheritance = True
            self.soms[i].options_written = self.soms[i].block_inheritance or rng.random() < 0.3
        # Links to GPOs that were deleted: real domains have them.
        for _ in range(max(1, len(pool) // 200)):
            self.soms[rng.choice(targets)].links.append(Link(_guid(rng), 0))

    # ---- computers ---------------------------------------------------------------------------------
    def _computer(self, som_index, name, extra_spns, operating_system, uac=4096):
        fqdn = "%s.%s" % (name.lower(), DOMAIN)
        spns = []
        for service in extra_spns + catalog.SPN_SERVICES:
            spns += ["%s/%s" % (service, name), "%s/%s" % (service, fqdn)]
        self.computers.append(Computer("CN=%s,%s" % (name, self.soms[som_index].dn), name, fqdn, spns,
                                       operating_system, uac))

    def random_computers(self):
        rng = self.rng
        for i, som in enumerate(self.soms):
            if i == 0 or som.reserved:
                continue
            for _ in range(rng.choices([0, 1, 2, 3], [40, 30, 20, 10])[0]):
                self._computer(i, "PC%05d" % len(self.computers), [], rng.choice(catalog.OPERATING_SYSTEMS))

    # ---- planted problems --------------------------------------------------------------------------
    def plant(self, ddp, ddcp):
        """The two outages, placed so that random content cannot change their outcome:
        both culprit GPOs are enforced at the domain root and appended last to its gPLink (link order
        1 and 2 there: nothing else can beat them), random GPOs never define SeServiceLogonRight or
        LmCompatibilityLevel, and random OUs and links stay away from the planted OUs."""
        servers = self._add_ou("Servers", 0)
        dcs = self._add_ou("Domain Controllers", 0)
        virtualization = self._add_ou("Virtualization", servers)
        hyperv = self._add_ou("HyperV-Hosts", virtualization, reserved=True)
        clusters = self._add_ou("Clusters", servers)
        sql = self._add_ou("SQL-Cluster", clusters, reserved=True)
        self.soms[hyperv].block_inheritance = True
        self.soms[hyperv].options_written = True

        rights = self._new_gpo("T1 - Server Baseline - User Rights", flags=1)
        rights.template = Template(privilege_rights=[
            ("SeServiceLogonRight", ["S-1-5-80-0", "S-1-5-20", "S-1-5-19"]),
            ("SeBatchLogonRight", ["S-1-5-32-544", "S-1-5-32-551"]),
            ("SeDenyInteractiveLogonRight", ["S-1-5-32-546"])])
        hv_fix = self._new_gpo("SRV - Hyper-V Hosts - User Rights", flags=1)
        hv_fix.template = Template(privilege_rights=[
            ("SeServiceLogonRight", ["S-1-5-80-0", "S-1-5-20", "S-1-5-19", "S-1-5-83-0"]),
            ("SeCreateSymbolicLinkPrivilege", ["S-1-5-32-544", "S-1-5-83-0"])])
        lsa = self._new_gpo("T0 - Domain Hardening - LSA", flags=1)
        lsa.template = Template(registry_values=[
            (LSA + "NoLMHash", 4, "1"), (LSA + "RestrictAnonymous", 4, "1"),
            (LSA + "RestrictAnonymousSAM", 4, "1"), (LSA + "LimitBlankPasswordUse", 4, "1")])
        ntlm = self._new_gpo("SRV - Security Options - NTLM", flags=1)
        ntlm.template = Template(registry_values=[
            (LSA + "LmCompatibilityLevel", 4, "5"),
            (LSA + "MSV1_0\\NTLMMinClientSec", 4, "537395200")])
        legacy = self._new_gpo("SRV - SQL Cluster - Legacy NTLM", flags=1)
        legacy.template = Template(registry_values=[(LSA + "LmCompatibilityLevel", 4, "1")])

        domain = self.soms[0]
        domain.links = [Link(ddp.guid), Link(ntlm.guid)] + domain.links + [
            Link(rights.guid, LINK_ENFORCED), Link(lsa.guid, LINK_ENFORCED)]
        self.soms[dcs].links.insert(0, Link(ddcp.guid))
        self.soms[hyperv].links = [Link(hv_fix.guid)]
        self.soms[sql].links = [Link(legacy.guid)]

        for n in range(1, 5):
            self._computer(hyperv, "HV%02d" % n, catalog.HYPERV_SPNS, "Windows Server 2019 Datacenter")
        for n in range(1, 3):
            self._computer(sql, "SQLNODE%02d" % n, catalog.CLUSTER_SPNS, "Windows Server 2016 Standard")
        self._computer(dcs, "DC01", ["ldap", "GC", "DNS"], "Windows Server 2022 Standard", 532480)

        domain_dn = self.soms[0].dn
        self.planted.append({
            "rule": "GPL101",
            "som": self.soms[hyperv].dn,
            "setting": "privilege:SeServiceLogonRight",
            "why": "OU blocks inheritance, but an enforced domain GPO defines SeServiceLogonRight "
                   "without *S-1-5-83-0 and beats the OU's own fixed GPO",
            "gpos": [{"guid": rights.guid, "name": rights.name, "linked_at": domain_dn, "enforced": True},
                     {"guid": hv_fix.guid, "name": hv_fix.name, "linked_at": self.soms[hyperv].dn,
                      "enforced": False, "overridden": True}],
        })
        self.planted.append({
            "rule": "GPL201",
            "som": self.soms[sql].dn,
            "setting": "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash",
            "why": "NoLMHash=1 comes from one GPO, LmCompatibilityLevel=1 from another",
            "gpos": [{"guid": lsa.guid, "name": lsa.name, "linked_at": domain_dn, "enforced": True,
                      "sets": "NoLMHash=1"},
                     {"guid": legacy.guid, "name": legacy.name, "linked_at": self.soms[sql].dn,
                      "enforced": False, "sets": "LmCompatibilityLevel=1"}],
        })
        return [rights, hv_fix, lsa, ntlm, legacy]


def build_forest(seed, gpo_count, ou_count):
    b = _Builder(seed, gpo_count, ou_count)
    ddp, ddcp = b.well_known_gpos()
    planted = b.plant(ddp, ddcp)
    b.random_gpos(gpo_count - len(b.gpos))
    b.random_ous(ou_count - (len(b.soms) - 1))
    random_pool = [g for g in b.gpos if g not in planted and g not in (ddp, ddcp)]
    b.random_links(random_pool)
    # The planted domain links must stay last in the domain's gPLink (link order 1 and 2).
    domain = b.soms[0]
    tail = [l for l in domain.links if l.gpo_guid in (planted[0].guid, planted[2].guid)]
    domain.links = [l for l in domain.links if l not in tail] + tail
    b.random_computers()
    return Forest(DOMAIN, DOMAIN_DN, b.gpos, b.soms, b.computers, b.planted)
