#!/usr/bin/python3
"""Parse security templates and registry.pol files with Samba's own Python parsers: the reference
point for gpolint's parse-only speed.

    samba_parse.py --inf-list FILE --pol-list FILE

Each list holds one path per line. Needs Debian's python3-samba (run with /usr/bin/python3). Prints
how many files parsed and how many failed; exits 1 when any failed."""
import argparse
import sys

from samba.gp_parse.gp_inf import GptTmplInfParser
from samba.gp_parse.gp_pol import GPPolParser


def _paths(list_file):
    if not list_file:
        return []
    with open(list_file, encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip()]


def _parse_all(paths, make_parser):
    failed = 0
    for path in paths:
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            make_parser().parse(data)
        except Exception as error:  # a failure is counted and reported, not fatal: keep measuring
            failed += 1
            print("%s: %s" % (path, error), file=sys.stderr)
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inf-list", help="file listing GptTmpl.inf paths")
    parser.add_argument("--pol-list", help="file listing registry.pol paths")
    args = parser.parse_args()
    infs, pols = _paths(args.inf_list), _paths(args.pol_list)
    failed = _parse_all(infs, GptTmplInfParser) + _parse_all(pols, GPPolParser)
    print("samba: %d templates, %d registry.pol, %d failed" % (len(infs), len(pols), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
