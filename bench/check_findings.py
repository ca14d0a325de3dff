#!/usr/bin/env python3
"""Check that gpolint reported the findings a generated forest plants.

    check_findings.py EXPECTED_JSON GPOLINT_JSON

A planted finding counts as found when gpolint's JSON holds a finding object with the same rule ID
whose `som` is the planted OU (DNs compared case-insensitively, spaces around ',' and '=' ignored),
or, when the report has no `som` field, whose text names that OU. Exit 0 when every planted finding
is found, 1 when one is missing, 2 when a file cannot be read."""
import json
import re
import sys

RULE_ID = re.compile(r"^GPL\d{3}$")


def normalize_dn(dn):
    return re.sub(r"\s*([,=])\s*", r"\1", dn.strip()).lower()


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def finding_objects(node):
    """Every JSON object that carries a rule ID as one of its own values."""
    if isinstance(node, dict):
        if any(isinstance(v, str) and RULE_ID.match(v) for v in node.values()):
            yield node
        for value in node.values():
            yield from finding_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from finding_objects(value)


def matches(finding, rule, som):
    if rule not in (v for v in finding.values() if isinstance(v, str)):
        return False
    wanted = normalize_dn(som)
    if isinstance(finding.get("som"), str):
        return normalize_dn(finding["som"]) == wanted
    return any(wanted in normalize_dn(text) for text in _strings(finding))


def check(expected, report):
    """[(planted finding, found?)] in expected.json order."""
    findings = list(finding_objects(report))
    return [(p, any(matches(f, p["rule"], p["som"]) for f in findings)) for p in expected["findings"]]


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as handle:
            expected = json.load(handle)
        with open(argv[2], encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError) as error:
        print("check_findings: %s" % error, file=sys.stderr)
        return 2
    results = check(expected, report)
    for planted, found in results:
        print("%s %s at %s" % ("found  " if found else "MISSING", planted["rule"], planted["som"]))
    return 0 if all(found for _, found in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
