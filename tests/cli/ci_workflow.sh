#!/usr/bin/env bash
# The CI examples end to end: a user's repository laid out as examples/github-actions.yml lays it out
# (the user's GPOs at the root, gpolint's checkout with its own examples and tests in .gpolint-src), the
# workflow's lint steps run as written, and the SARIF must hold only the user's findings, with URIs
# relative to the repository root. The workflow's setup (permissions, git, build without tests) is
# checked as text. examples/gitlab-ci.yml's script runs the same way with gpolint outside the checkout.
# Usage: ci_workflow.sh GPOLINT_BINARY REPO_DIR BUILD_DIR   (exit 77 = skipped, with the reason)
set -uo pipefail
gpolint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") repo=$2 build=$3
. "$repo/tests/cli/lib/common.sh"
fresh_work ci-workflow-test
python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3-yaml is not installed (apt-get install python3-yaml)"; exit 77; }

# step_commands WORKFLOW NAME: the `run:` of the GitHub step called NAME.
step_commands() {
  python3 - "$1" "$2" <<'PY'
import sys, yaml
workflow = yaml.safe_load(open(sys.argv[1]))
for job in workflow["jobs"].values():
    for step in job["steps"]:
        if step.get("name") == sys.argv[2]:
            print(step["run"])
PY
}

# user_repo DIR: the user's GPOs (examples/cluster-outage: GPL201 and GPL202 across two GPOs).
user_repo() {
  mkdir -p "$1"
  cp -r "$repo/examples/cluster-outage/." "$1/"
}

# check_sarif FILE: only the user's findings, URIs relative to the repository root.
check_sarif() {
  python3 - "$1" <<'PY' || exit 1
import json, sys
sarif = json.load(open(sys.argv[1]))
results = [r for run in sarif["runs"] for r in run["results"]]
uris = set()
for r in results:
    for loc in r.get("locations", []):
        uris.add((loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["artifactLocation"].get("uriBaseId")))
rules = sorted({r["ruleId"] for r in results})
bad = [u for u in uris if u[0].startswith(("/", "file:", "..")) or u[1] is None or not (u[0].startswith("policies/") or u[0] == "domain.topology")]
if bad or rules != ["GPL201", "GPL202"]:
    print("FAIL: SARIF results", len(results), "rules", rules, "unexpected URIs", sorted(bad)[:10])
    sys.exit(1)
print("ok: SARIF holds", len(results), "results of", rules, "with URIs relative to the root:", ", ".join(sorted(u[0][:40] for u in uris)))
PY
}

workflow="$repo/examples/github-actions.yml"
python3 - "$workflow" <<'PY' || exit 1
import sys, yaml
w = yaml.safe_load(open(sys.argv[1]))
perms = w["permissions"]
problems = []
if perms.get("actions") != "read": problems.append("permissions lack actions: read")
if perms.get("security-events") != "write": problems.append("permissions lack security-events: write")
steps = w["jobs"]["gpolint"]["steps"]
first_checkout = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/checkout"))
if not any("install" in s.get("run", "") and " git" in s.get("run", "") for s in steps[:first_checkout]):
    problems.append("git is not installed before the first checkout")
if not any("-DGPOLINT_BUILD_TESTS=OFF" in s.get("run", "") for s in steps):
    problems.append("the build step builds the tests")
if problems: print("FAIL:", "; ".join(problems)); sys.exit(1)
print("ok: the workflow installs git, builds without tests and grants actions: read, security-events: write")
PY

# GitHub: gpolint's checkout in .gpolint-src inside the workspace, its build output standing for the
# "Build gpolint" step (the binary under test).
gh="$work/github/workspace"
user_repo "$gh"
mkdir -p "$gh/.gpolint-src/build" "$gh/.gpolint-src/tests"
cp -r "$repo/examples" "$gh/.gpolint-src/"
cp -r "$repo/tests/rules" "$gh/.gpolint-src/tests/"
ln -s "$gpolint" "$gh/.gpolint-src/build/gpolint"
(cd "$gh" && bash -euo pipefail -c "$(step_commands "$workflow" "Lint to SARIF")") >"$work/github-sarif.log" 2>&1 ||
  { cat "$work/github-sarif.log"; fail "the 'Lint to SARIF' step failed"; }
check_sarif "$gh/gpolint.sarif"
(cd "$gh" && bash -euo pipefail -c "$(step_commands "$workflow" "Annotate and fail on findings")") >"$work/github-annotate.log" 2>&1
status=$?
[ "$status" -eq 1 ] || { cat "$work/github-annotate.log"; fail "the annotate step exits $status, expected 1 (findings)"; }
grep -q "^::error file=policies/" "$work/github-annotate.log" || { cat "$work/github-annotate.log"; fail "no annotation on the user's file"; }
grep -q "gpolint-src" "$work/github-annotate.log" && fail "annotations name gpolint's own files"
echo "ok: the annotate step fails the job with annotations on the user's files only"

# GitLab: gpolint outside the checkout ($GPOLINT_SRC), the job's script as written.
gl="$work/gitlab/project"
user_repo "$gl"
mkdir -p "$work/gitlab/gpolint/build"
ln -s "$gpolint" "$work/gitlab/gpolint/build/gpolint"
script=$(python3 -c 'import sys, yaml; print("\n".join(yaml.safe_load(open(sys.argv[1]))["gpolint"]["script"]))' "$repo/examples/gitlab-ci.yml")
(cd "$gl" && GPOLINT_SRC="$work/gitlab/gpolint" bash -eo pipefail -c "$script") >"$work/gitlab.log" 2>&1
status=$?
[ "$status" -eq 1 ] || { cat "$work/gitlab.log"; fail "the GitLab script exits $status, expected 1 (findings)"; }
check_sarif "$gl/gpolint.sarif"
echo "ok: the GitLab job keeps the SARIF of the user's findings and fails on them"
