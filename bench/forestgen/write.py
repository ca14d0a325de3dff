"""Writes a Forest to disk in Backup-GPO layout and returns what expected.json records."""
import json
import os

from . import backup, gpreport, ldif, render

INF_PATH = ("DomainSysvol", "GPO", "Machine", "microsoft", "windows nt", "SecEdit", "GptTmpl.inf")
POL_PATH = ("DomainSysvol", "GPO", "Machine", "registry.pol")
AUDIT_PATH = ("DomainSysvol", "GPO", "Machine", "microsoft", "windows nt", "Audit", "audit.csv")


class _Out:
    def __init__(self, root):
        self.root = root
        self.files = 0
        self.bytes = 0

    def put(self, parts, data):
        path = os.path.join(self.root, *parts)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        self.files += 1
        self.bytes += len(data)


def _links_by_gpo(forest):
    links = {}
    for index, som in enumerate(forest.soms):
        name = som.name if index else forest.domain
        for link in som.links:
            links.setdefault(link.gpo_guid, []).append((name, forest.canonical_name(index), link.options))
    return links


def _stats(forest, out):
    per_som = [len(s.links) for s in forest.soms[1:]]
    all_links = [l for s in forest.soms for l in s.links]
    return {
        "gpos": len(forest.gpos),
        "ous": len(forest.soms) - 1,
        "max_depth": max(s.depth for s in forest.soms),
        "links": len(all_links),
        "enforced_links": sum(1 for l in all_links if l.options & 2),
        "disabled_links": sum(1 for l in all_links if l.options & 1),
        "ous_with_0_to_3_links": sum(1 for n in per_som if n <= 3),
        "ous_with_10_or_more_links": sum(1 for n in per_som if n >= 10),
        "max_links_on_one_som": max(len(s.links) for s in forest.soms),
        "blocking_ous": sum(1 for s in forest.soms if s.block_inheritance),
        "computers": len(forest.computers),
        "templates": sum(1 for g in forest.gpos if g.template is not None),
        "registry_pol_files": sum(1 for g in forest.gpos if g.pol is not None),
        "registry_pol_entries": sum(len(g.pol) for g in forest.gpos if g.pol is not None),
        "audit_csv_files": sum(1 for g in forest.gpos if g.audit is not None),
        "files": out.files,
        "bytes": out.bytes,
    }


def write_forest(forest, root, generator_args):
    out = _Out(root)
    links = _links_by_gpo(forest)
    for gpo in forest.gpos:
        folder = gpo.backup_id
        out.put((folder, "Backup.xml"), backup.backup_xml_bytes(gpo, forest.domain))
        out.put((folder, "bkupInfo.xml"), backup.bkupinfo_bytes(gpo, forest.domain))
        out.put((folder, "gpreport.xml"), gpreport.gpreport_bytes(gpo, forest.domain, links.get(gpo.guid, [])))
        if gpo.template is not None:
            out.put((folder,) + INF_PATH, render.gpttmpl_bytes(gpo.template))
        if gpo.pol is not None:
            out.put((folder,) + POL_PATH, render.registry_pol_bytes(gpo.pol))
        if gpo.audit is not None:
            out.put((folder,) + AUDIT_PATH, render.audit_csv_bytes(gpo.audit))
    out.put(("manifest.xml",), backup.manifest_bytes(forest.gpos, forest.domain))
    out.put(("topology.ldf",), ldif.ldif_bytes(forest))
    expected = {"generator": generator_args, "domain": forest.domain, "findings": forest.planted,
                "stats": _stats(forest, out)}
    text = json.dumps(expected, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    with open(os.path.join(root, "expected.json"), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return expected
