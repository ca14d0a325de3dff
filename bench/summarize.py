#!/usr/bin/env python3
"""Turn bench/run's raw results (hyperfine JSON, peak RSS, findings checks) into the results table:
printed to stdout and written to RESULTS.md with a description of the machine."""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess

MIB = 1048576.0


def _median_seconds(results, name):
    try:
        with open(os.path.join(results, name + ".json"), encoding="utf-8") as handle:
            runs = json.load(handle)["results"]
    except (OSError, ValueError, KeyError):
        return None
    return runs[0]["median"] if runs else None


def _peak_rss_bytes(results, name):
    try:
        with open(os.path.join(results, name + ".rss"), encoding="utf-8") as handle:
            values = [int(line) for line in handle if line.strip().isdigit()]
    except OSError:
        return None
    return statistics.median(values) * 1024 if values else None


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    except OSError:
        return None


def _seconds(value):
    if value is None:
        return "n/a"
    return "%.1f ms" % (value * 1000) if value < 1 else "%.2f s" % value


def _command_output(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def machine_description(gpolint, pinned):
    cpu = "unknown"
    memory = "unknown"
    for line in (_read("/proc/cpuinfo") or "").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    for line in (_read("/proc/meminfo") or "").splitlines():
        if line.startswith("MemTotal"):
            memory = "%.1f GiB" % (int(line.split()[1]) / MIB)
    samba = _command_output(["/usr/bin/python3", "-c", "import samba; print(samba.version)"])
    return [
        ("date (UTC)", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")),
        ("cores (nproc)", str(os.cpu_count())),
        ("pinned to", pinned),
        ("CPU", cpu),
        ("memory", memory),
        ("kernel", platform.release()),
        ("gpolint", _command_output([gpolint, "--version"])),
        ("compiler", _command_output(["c++", "--version"])),
        ("hyperfine", _command_output(["hyperfine", "--version"])),
        ("python", _command_output(["/usr/bin/python3", "--version"])),
        ("samba", samba),
    ]


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, measured, target, verdict):
        self.rows.append((what, measured, target, verdict))

    def markdown(self):
        lines = ["| measurement | result | target | verdict |", "|---|---|---|---|"]
        lines += ["| %s | %s | %s | %s |" % row for row in self.rows]
        return "\n".join(lines)


def _verdict(ok, miss_text):
    if ok is None:
        return "not measured"
    return "met" if ok else "MISSED: " + miss_text


def build_table(results, sizes):
    t = Table()
    first, last = sizes[0], sizes[-1]
    parse_command = _read(os.path.join(results, "parse-command.txt")) or "gpolint check --parse-only"
    parse_label = "parse only" if "--parse-only" in parse_command else "parse only (`%s`)" % parse_command
    for n in sizes:
        size = float(_read(os.path.join(results, "input-%d.bytes" % n)) or 0)
        cat, check = _median_seconds(results, "cat-%d" % n), _median_seconds(results, "check-%d" % n)
        parse, samba = _median_seconds(results, "parse-%d" % n), _median_seconds(results, "samba-%d" % n)
        t.add("cat floor, %d GPOs (%.0f MiB)" % (n, size / MIB), _seconds(cat), "", "reference")
        t.add("Samba parsers, %d GPOs" % n, _seconds(samba), "", "reference")
        if check is not None and cat:
            ratio = check / cat
            t.add("full check, %d GPOs" % n, "%s = %.2f× cat" % (_seconds(check), ratio), "≤ 2× cat",
                  _verdict(ratio <= 2, "%.2f× over" % (ratio / 2)) if n == last else "(judged at %d)" % last)
        else:
            t.add("full check, %d GPOs" % n, "n/a", "≤ 2× cat", "not measured (gpolint check not available)")
        if parse is not None:
            t.add("%s, whole forest, %d GPOs" % (parse_label, n),
                  "%s = %.2f× cat" % (_seconds(parse), parse / cat) if cat else _seconds(parse), "",
                  "reference (every input: XML and LDIF too)")
        same, same_cat = _median_seconds(results, "parse-samba-files-%d" % n), _median_seconds(results, "cat-samba-files-%d" % n)
        if same_cat is not None:
            t.add("cat floor, Samba's files only, %d GPOs" % n, _seconds(same_cat), "", "reference")
        if same is not None and samba:
            speedup = samba / same
            t.add("parse only, Samba's files (`--files-from`), %d GPOs" % n,
                  "%s; Samba ÷ gpolint = %.2f" % (_seconds(same), speedup), "≥ 10× faster than Samba",
                  _verdict(speedup >= 10, "%.1f× short" % (10 / speedup)))
        else:
            t.add("parse only, Samba's files, %d GPOs" % n, "n/a", "≥ 10× faster than Samba",
                  "not measured (no --parse-only --files-from in this gpolint)")
        count = _read(os.path.join(results, "findings-count-%d.txt" % n))
        if count:
            t.add("findings reported, %d GPOs" % n, "{:,}".format(int(count)), "", "reference (what the check writes)")
        found = _read(os.path.join(results, "findings-%d.txt" % n))
        if found is None:
            t.add("planted findings, %d GPOs" % n, "n/a", "GPL101 + GPL201 reported", "not measured")
        else:
            ok = found.endswith("ok")
            summary = "; ".join(line for line in found.splitlines() if line != "ok")
            t.add("planted findings, %d GPOs" % n, summary, "GPL101 + GPL201 reported",
                  "met" if ok else "MISSED")
    small, big = _median_seconds(results, "check-%d" % first), _median_seconds(results, "check-%d" % last)
    allowed = 1.1 * last / first
    if small and big and last > first:
        ratio = big / small
        t.add("scaling %d → %d GPOs" % (first, last), "%.2f× the time for %.0f× the GPOs" % (ratio, last / first),
              "≤ %.1f×" % allowed, _verdict(ratio <= allowed, "%.2f× over" % (ratio / allowed)))
    else:
        t.add("scaling %d → %d GPOs" % (first, last), "n/a", "≤ %.1f×" % allowed, "not measured")
    rss = _peak_rss_bytes(results, "check-%d" % last)
    size = float(_read(os.path.join(results, "input-%d.bytes" % last)) or 0)
    if rss is not None:
        limit = size + 64 * MIB
        t.add("peak RSS, full check of %d GPOs" % last, "%.0f MiB (input %.0f MiB)" % (rss / MIB, size / MIB),
              "≤ input + 64 MiB = %.0f MiB" % (limit / MIB), _verdict(rss <= limit, "by %.0f MiB" % ((rss - limit) / MIB)))
    else:
        t.add("peak RSS, full check of %d GPOs" % last, "n/a", "≤ input + 64 MiB", "not measured")
    one, version = _median_seconds(results, "one-template"), _median_seconds(results, "version")
    if one is not None and version is not None:
        extra = one - version
        t.add("one template vs --version", "%s vs %s (+%.1f ms)" % (_seconds(one), _seconds(version), extra * 1000),
              "within 10 ms", _verdict(extra <= 0.010, "by %.1f ms" % (extra * 1000 - 10)))
    else:
        t.add("one template vs --version", "n/a", "within 10 ms", "not measured")
    return t


def _phase_medians(results, n):
    """Median wall time of each GPOLINT_TIMINGS stage over the runs of size n, in stage order."""
    order, times = [], {}
    for k in (1, 2, 3):
        for line in (_read(os.path.join(results, "phases-%d.%d.txt" % (n, k))) or "").splitlines():
            if not line.startswith("gpolint: timing: ") or not line.endswith(" ms"):
                continue
            name, _, value = line[len("gpolint: timing: "):-3].rstrip().rpartition(" ")
            name = name.strip()
            try:
                ms = float(value)
            except ValueError:
                continue
            if name not in times:
                order.append(name)
                times[name] = []
            times[name].append(ms)
    return [(name, statistics.median(times[name])) for name in order]


def phase_table(results, sizes):
    """Per-stage medians at the smallest and largest size, and their ratio: what scales how."""
    first, last = sizes[0], sizes[-1]
    small, big = dict(_phase_medians(results, first)), _phase_medians(results, last)
    if not big:
        return None
    lines = ["| stage (`GPOLINT_TIMINGS=1`, median of 3) | %d GPOs | %d GPOs | ratio |" % (first, last), "|---|---|---|---|"]
    for name, ms in big:
        before = small.get(name)
        ratio = "%.1f×" % (ms / before) if before and before >= 0.5 else ""
        lines.append("| %s | %s | %.1f ms | %s |" % (name, "%.1f ms" % before if before is not None else "n/a", ms, ratio))
    return "\n".join(lines)


def _number(results, name):
    text = _read(os.path.join(results, name))
    try:
        return float(text) if text else None
    except ValueError:
        return None


def bounds_section(results, sizes):
    """What bounds each missed target, from this run's own measurements."""
    first, last = sizes[0], sizes[-1]
    lines = []
    cat, check = _median_seconds(results, "cat-%d" % last), _median_seconds(results, "check-%d" % last)
    phases = _phase_medians(results, last)
    if cat and check and check > 2 * cat:
        folders = _number(results, "folders-%d.count" % last)
        report, size = _number(results, "report-%d.bytes" % last), _number(results, "input-%d.bytes" % last)
        findings = _number(results, "findings-count-%d.txt" % last)
        shares = ", ".join("%s %.0f ms" % (name, ms) for name, ms in phases if ms >= 1)
        text = "- **Full check %.2f× the cat floor at %d GPOs.** Stages: %s." % (check / cat, last, shares or "n/a")
        if folders:
            text += (" `cat` reads a precomputed list of files; gpolint walks the %d folders to find them "
                     "(case-insensitively), which is the discover stage." % folders)
        if findings and report and size:
            text += (" The stages after resolution (finish, sort, write) are proportional to the %d findings, "
                     "whose JSON is %.0f MiB (%.0f%% of the input)." % (findings, report / MIB, 100 * report / size))
        lines.append(text)
    small, big = _median_seconds(results, "check-%d" % first), _median_seconds(results, "check-%d" % last)
    if small and big and last > first and big / small > 1.1 * last / first:
        f_small, f_big = _number(results, "findings-count-%d.txt" % first), _number(results, "findings-count-%d.txt" % last)
        before = dict(_phase_medians(results, first))
        ratios = ", ".join("%s %.1f×" % (name, ms / before[name]) for name, ms in phases
                           if before.get(name) and before[name] >= 0.5)
        text = "- **Scaling %.2f× for %.0f× the GPOs.**" % (big / small, last / first)
        if f_small and f_big:
            text += (" The forests keep the same OUs, so more GPOs put more links on every OU and the findings "
                     "grow with pairs of links: %d → %d (%.1f×)." % (f_small, f_big, f_big / f_small))
        if ratios:
            text += " Stage by stage: %s." % ratios
        lines.append(text)
    samba, same = _median_seconds(results, "samba-%d" % last), _median_seconds(results, "parse-samba-files-%d" % last)
    floor = _median_seconds(results, "cat-samba-files-%d" % last)
    if samba and same and samba / same < 10:
        text = "- **Parsing %.2f× faster than Samba, not 10×.**" % (samba / same)
        if floor:
            text += (" `cat` of the very files Samba parses takes %s, Samba %s: 10× Samba (%s) would be %.1f× "
                     "faster than reading the bytes. gpolint's parse of them is %.1f× their cat floor." % (
                         _seconds(floor), _seconds(samba), _seconds(samba / 10), floor / (samba / 10), same / floor))
        lines.append(text)
    if not lines:
        return None
    return "\n".join(lines + ["", "bench/README.md (\"What bounds the targets\") has the profile behind these."])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", required=True)
    parser.add_argument("--sizes", required=True)
    parser.add_argument("--ous", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--gpolint", required=True)
    parser.add_argument("--pinned", default="no")
    parser.add_argument("--results-md", required=True)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    table = build_table(args.results, sizes).markdown()
    print(table)
    machine = machine_description(args.gpolint, args.pinned)
    text = ["# gpolint benchmark results", "",
            "Written by `bench/run --sizes %s --ous %d --seed %d`; medians of several runs (hyperfine), "
            "warm page cache. See bench/README.md for what each row measures." % (args.sizes, args.ous, args.seed),
            "", "## Machine", "", "| | |", "|---|---|"]
    text += ["| %s | %s |" % item for item in machine]
    text += ["", "## Results", "", table, ""]
    phases = phase_table(args.results, sizes)
    if phases:
        print(phases)
        text += ["## Where the time goes", "",
                 "Wall time of each stage of the full check as gpolint measures it (stages on the thread pool "
                 "overlap nothing else; process start and exit are not in a stage).", "", phases, ""]
    bounds = bounds_section(args.results, sizes)
    if bounds:
        print(bounds)
        text += ["## What bounds the missed targets", "", bounds, ""]
    with open(args.results_md, "w", encoding="utf-8") as handle:
        handle.write("\n".join(text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
