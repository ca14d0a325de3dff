#!/usr/bin/env python3
"""Generate a synthetic Group Policy forest for benchmarks and tests.

    generate.py --gpos N --ous M --seed S --out DIR [--force]

Writes DIR/{BACKUP-ID}/... (Backup-GPO layout), DIR/manifest.xml, DIR/topology.ldf (ldifde style) and
DIR/expected.json (the planted findings and the forest's statistics). The same seed and sizes give
byte-identical output. Python 3 standard library only."""
import argparse
import os
import shutil
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from forestgen.forest import build_forest  # noqa: E402
from forestgen.write import write_forest  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gpos", type=int, required=True, help="number of GPOs (at least 8)")
    parser.add_argument("--ous", type=int, required=True, help="number of OUs (at least 6)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", required=True, help="output folder (must be empty unless --force)")
    parser.add_argument("--force", action="store_true", help="delete DIR first if it exists")
    args = parser.parse_args(argv)

    if os.path.exists(args.out) and os.listdir(args.out):
        if not args.force:
            parser.error("%s is not empty (use --force to replace it)" % args.out)
        shutil.rmtree(args.out)
    try:
        forest = build_forest(args.seed, args.gpos, args.ous)
    except ValueError as error:
        parser.error(str(error))
    os.makedirs(args.out, exist_ok=True)
    expected = write_forest(forest, args.out, {"gpos": args.gpos, "ous": args.ous, "seed": args.seed})
    stats = expected["stats"]
    print("%s: %d GPOs, %d OUs (depth %d), %d links, %d files, %.1f MiB" % (
        args.out, stats["gpos"], stats["ous"], stats["max_depth"], stats["links"], stats["files"],
        stats["bytes"] / 1048576.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
