#!/usr/bin/env bash
# Formwork's validator against cfn-lint, the reference CloudFormation linter: runs both
# on the same templates and prints, for every rule both have, how many findings each
# reports, how many agree (same file, same rule, same line), and the precision and
# recall of Formwork taking cfn-lint as the truth; then the wall time of each tool over
# all the templates and the speed ratio (target: Formwork at least 100x faster).
#
#   scripts/agreement.sh                 the corpus, ../shared/corpus/aws-samples
#   scripts/agreement.sh DIR|FILE...     other templates (folders are searched for
#                                        *.yaml, *.yml and *.json)
#   DETAILS=1 scripts/agreement.sh       also list every finding only one tool reports
#
# Needs python3 (with venv); cfn-lint 1.58.0 is installed from PyPI into
# target/lint-venv on first use. Formwork is built in release mode.
#
# Rule mapping, cfn-lint -> Formwork (a cfn-lint rule not listed is one Formwork does
# not share, such as W3005 or E3031, and is left out of the table):
#   E1020 'X is not one of [...]' (Ref to an undefined name)        -> E1012
#         (E1020's other findings, a Ref of the wrong type, are not shared)
#   E3006 (resource type does not exist)                            -> E3001
#   E3724 (Globals without the serverless transform)                -> E1001
#   W1101 (a YAML alias)                                            -> FW0002
#   E6101 'X is not one of [...]' (an output's Value naming an undefined resource;
#         cfn-lint reports it under the output rule, Formwork under the function's):
#         with GetAtt on its line (or up to 3 lines above) -> E1010, with Sub
#         -> E1019, else -> E1012
#   E6101 (any other message: the Value is not a string)            -> E6101
#   E3015, E6005, E1028, E8004, E8005, E8006 'X is not one of [...]' (an undefined
#         condition named by a resource, an output, an Fn::If or a condition
#         function; Formwork reports every undefined condition as E8002)  -> E8002
#   every id in SAME below                                          -> the same id
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -eq 0 ]]; then
    corpus="$root/../shared/corpus/aws-samples"
    if [[ ! -d "$corpus" ]]; then
        echo "SKIP agreement: $corpus is absent (the shared template corpus lives beside the project)"
        exit 0
    fi
    set -- "$corpus"
fi
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$root/target/lint-venv"
version="1.58.0"

if [[ "$("$venv/bin/cfn-lint" --version 2>/dev/null || true)" != "cfn-lint $version" ]]; then
    echo "== creating $venv with cfn-lint $version"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "cfn-lint==$version"
fi

echo "== building formwork (release)"
(cd "$root" && cargo build --release --quiet -p formwork-cli)
formwork="$target/release/formwork"

python3 - "$venv/bin/cfn-lint" "$formwork" "${DETAILS:-0}" "$@" <<'PY'
import json
import os
import re
import statistics
import subprocess
import sys
import time

cfn_lint, formwork, details = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
inputs = sys.argv[4:]

# Rules with the same id and meaning in both tools: the validator's core rules and the
# architecture rules Formwork took cfn-lint's ids for.
SAME = """
E0000 E1001 E1003 E1004 E1010 E1011 E1012 E1019
E2001 E2002 E2015 W2001
E3001 E3002 E3003 E3004 E3005 E3012 E3030 E3032 E3033 E3034 E3035 E3036
E3059 E3060 E3680 E3706
E6001 E6002 E6010 E6101 E6102
E8001 E8002 E8003 E8004 E8005 E8006 W8001
""".split()
RENAMED = {"E3006": "E3001", "E3724": "E1001", "W1101": "FW0002"}
UNDEFINED_CONDITION = {"E3015", "E6005", "E1028", "E8004", "E8005", "E8006"}
SHARED = set(SAME) | set(RENAMED.values())

files = []
for item in inputs:
    if os.path.isdir(item):
        for folder, _, names in os.walk(item):
            files += [os.path.join(folder, n) for n in names if n.endswith((".yaml", ".yml", ".json"))]
    else:
        files.append(item)
files = sorted(os.path.normpath(f) for f in files)
if not files:
    sys.exit("agreement: no templates found")

lines_of = {}


def source_line(path, line):
    if path not in lines_of:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines_of[path] = f.read().splitlines()
    text = lines_of[path]
    return text[line - 1] if 0 < line <= len(text) else ""


def to_formwork(rule, path, line, message):
    """cfn-lint's rule id as the Formwork rule for the same finding, or None."""
    if rule == "E1020":
        # Only a Ref to an undefined name; E1020 also reports a Ref of the wrong type.
        return "E1012" if " is not one of " in message else None
    if rule == "E6101" and " is not one of " in message:
        # The function is on the line, or a few lines above for a list written out.
        for back in range(4):
            text = source_line(path, line - back)
            for token, mapped in ((r"(Fn::|!)GetAtt\b", "E1010"), (r"(Fn::|!)Sub\b", "E1019"),
                                  (r"(\bRef\b|!Ref\b)", "E1012")):
                if re.search(token, text):
                    return mapped
        return "E1012"
    if rule in UNDEFINED_CONDITION and " is not one of " in message:
        return "E8002"
    rule = RENAMED.get(rule, rule)
    return rule if rule in SHARED else None


def timed(command):
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    return time.perf_counter() - start, done


# cfn-lint: one process over every template, as one would run it in CI.
cfn_time, done = timed([cfn_lint, "--format", "parseable", "--", *files])
# cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational findings.
if not 0 <= done.returncode <= 14 or (not done.stdout and done.stderr):
    sys.exit(f"cfn-lint failed ({done.returncode}): {done.stderr[-2000:]}")
parseable = re.compile(r"^(.*):(\d+):(\d+):(\d+):(\d+):([EWI]\d+):(.*)$")
cfn = []
for row in done.stdout.splitlines():
    m = parseable.match(row)
    if not m:
        continue
    path, line, rule, message = os.path.normpath(m[1]), int(m[2]), m[6], m[7]
    mapped = to_formwork(rule, path, line, message)
    if mapped:
        cfn.append((path, mapped, line, f"{rule} {message}"))

# formwork: one process over every template; the best of five runs (it is quick, and
# the machine may be busy), the first run's findings.
fw_times = []
fw_out = None
for _ in range(5):
    elapsed, done = timed([formwork, "validate", "--format", "json", *files])
    if done.returncode not in (0, 2, 4):
        sys.exit(f"formwork failed ({done.returncode}): {done.stderr[-2000:]}")
    fw_times.append(elapsed)
    fw_out = fw_out or done.stdout
fw = []
for f in json.loads(fw_out):
    if f["rule"] in SHARED:
        fw.append((os.path.normpath(f["file"]), f["rule"], f["line"] or 0, f["message"]))


def counts(findings):
    out = {}
    for path, rule, line, _ in findings:
        out[(path, rule, line)] = out.get((path, rule, line), 0) + 1
    return out


cfn_keys, fw_keys = counts(cfn), counts(fw)
rules = sorted({r for _, r, _, _ in cfn} | {r for _, r, _, _ in fw})
print(f"templates: {len(files)}")
print()
print(f"{'rule':<6} {'cfn-lint':>8} {'formwork':>8} {'matched':>8} {'precision':>9} {'recall':>7}")
total = [0, 0, 0]


def ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


for rule in rules:
    c = sum(n for (_, r, _), n in cfn_keys.items() if r == rule)
    w = sum(n for (_, r, _), n in fw_keys.items() if r == rule)
    m = sum(min(n, fw_keys.get(k, 0)) for k, n in cfn_keys.items() if k[1] == rule)
    total = [total[0] + c, total[1] + w, total[2] + m]
    print(f"{rule:<6} {c:>8} {w:>8} {m:>8} {ratio(m, w):>9} {ratio(m, c):>7}")
c, w, m = total
print(f"{'all':<6} {c:>8} {w:>8} {m:>8} {ratio(m, w):>9} {ratio(m, c):>7}")

if details:
    base = inputs[0] if len(inputs) == 1 and os.path.isdir(inputs[0]) else "."

    def unmatched(findings, theirs, who):
        seen = {}
        for path, rule, line, message in findings:
            k = (path, rule, line)
            seen[k] = seen.get(k, 0) + 1
            if seen[k] > theirs.get(k, 0):
                print(f"  {who} only: {os.path.relpath(path, base)}:{line}: {rule}: {message[:160]}")

    print()
    unmatched(cfn, fw_keys, "cfn-lint")
    unmatched(fw, cfn_keys, "formwork")

fw_best = min(fw_times)
print()
print(f"cfn-lint wall time: {cfn_time:8.2f} s  (one process, {len(files)} templates)")
print(f"formwork wall time: {fw_best:8.3f} s  (one process, best of {len(fw_times)};"
      f" median {statistics.median(fw_times):.3f} s)")
speed = cfn_time / fw_best
print(f"speed ratio: {speed:.0f}x  (target >= 100x: {'met' if speed >= 100 else 'NOT met'})")
PY
