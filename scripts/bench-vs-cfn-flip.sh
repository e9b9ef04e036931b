#!/usr/bin/env bash
# Formwork against cfn-flip (the Python converter AWS publishes on PyPI): converts every
# template of ../shared/corpus/aws-samples to the other format, YAML to JSON and JSON
# to YAML, with both tools, and prints files converted, failures, total times and the
# speed ratio.
#
#   scripts/bench-vs-cfn-flip.sh          (SKIP_CRITERION=1 leaves out the in-process run)
#
# Three figures for Formwork:
#   - `formwork convert FILE` once per file, timed around each process (so it includes
#     starting the process, reading and writing the files);
#   - the same work in one process: the criterion benchmark `corpus/convert` in
#     crates/core/benches/template.rs (mean time of one pass over all templates);
#   - cfn-flip runs in one Python process for all files, timing only its calls to
#     cfn_flip.to_json / cfn_flip.to_yaml on text already read.
# The ratio is taken conservatively: cfn-flip's time counts only the files it converted,
# Formwork's counts every file.
#
# Needs python3 (with venv) and the corpus beside the project; a virtual environment
# with cfn-flip is made in target/bench-venv on first use (PyPI).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$root/../shared/corpus/aws-samples"
if [[ ! -d "$corpus" ]]; then
    echo "SKIP bench-vs-cfn-flip: $corpus is absent (the shared template corpus lives beside the project)"
    exit 0
fi
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$root/target/bench-venv"

if ! "$venv/bin/python" -c 'import cfn_flip' >/dev/null 2>&1; then
    echo "== creating $venv with cfn-flip"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check cfn-flip
fi

echo "== building formwork (release)"
(cd "$root" && cargo build --release --quiet -p formwork-cli)
formwork="$target/release/formwork"

estimates="$target/criterion/corpus/convert/new/estimates.json"
if [[ "${SKIP_CRITERION:-0}" != 1 ]]; then
    echo "== in-process figure: criterion corpus/convert"
    rm -f "$estimates"
    (cd "$root" && cargo bench --quiet -p formwork-core --bench template -- corpus/convert) |
        grep -E 'corpus|time:|thrpt:|SKIP' || true
fi

echo "== converting"
"$venv/bin/python" - "$corpus" "$formwork" "$estimates" <<'PY'
import json
import os
import subprocess
import sys
import time
from importlib.metadata import version

import cfn_flip

corpus, formwork, estimates = sys.argv[1:4]

files = []
for folder, _, names in os.walk(corpus):
    for name in names:
        if name.endswith((".yaml", ".yml", ".json")):
            files.append(os.path.join(folder, name))
files.sort()


def target_format(path):
    return "yaml" if path.endswith(".json") else "json"


def short(path):
    return os.path.relpath(path, corpus)


# cfn-flip: one process, only the conversion calls timed.
flip_ok, flip_failed = {}, []
flip_failed_time = 0.0
for path in files:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    convert = cfn_flip.to_yaml if target_format(path) == "yaml" else cfn_flip.to_json
    start = time.perf_counter()
    try:
        convert(text)
    except Exception as e:  # noqa: BLE001 - any failure is a failed file
        flip_failed_time += time.perf_counter() - start
        message = str(e).strip().splitlines()[0] if str(e).strip() else ""
        flip_failed.append((short(path), f"{type(e).__name__}: {message}"[:140]))
    else:
        flip_ok[path] = time.perf_counter() - start

# formwork: one process per file, timed around the process.
fw_ok, fw_failed = {}, []
for path in files:
    start = time.perf_counter()
    done = subprocess.run(
        [formwork, "convert", path, "--to", target_format(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode == 0:
        fw_ok[path] = elapsed
    else:
        lines = done.stderr.strip().splitlines()
        fw_failed.append((short(path), (lines[-1] if lines else f"exit {done.returncode}")[:140]))

# What a process start alone costs.
runs = 50
start = time.perf_counter()
for _ in range(runs):
    subprocess.run([formwork, "--version"], stdout=subprocess.DEVNULL, check=True)
spawn = (time.perf_counter() - start) / runs

in_process = None
if os.path.exists(estimates):
    with open(estimates) as f:
        in_process = json.load(f)["mean"]["point_estimate"] / 1e9

total_bytes = sum(os.path.getsize(p) for p in files)
flip_time = sum(flip_ok.values())
fw_time = sum(fw_ok.values())
both = [p for p in files if p in flip_ok and p in fw_ok]
flip_both = sum(flip_ok[p] for p in both)
fw_both = sum(fw_ok[p] for p in both)


def ms(seconds):
    return f"{seconds * 1000:9.1f} ms"


print(f"templates: {len(files)} ({total_bytes / 1e6:.2f} MB) in {corpus}")
print()
print(f"cfn-flip {version('cfn-flip')}: converted {len(flip_ok)}, failed on {len(flip_failed)}")
for name, why in flip_failed:
    print(f"    {name}: {why}")
print(f"formwork: converted {len(fw_ok)}, failed on {len(fw_failed)}")
for name, why in fw_failed:
    print(f"    {name}: {why}")
print()
print(f"cfn-flip, one Python process, conversions only:   {ms(flip_time)}"
      f"  ({len(flip_ok)} files; +{ms(flip_failed_time).strip()} spent on the failures)")
print(f"formwork convert, one process per file:          {ms(fw_time)}"
      f"  ({len(fw_ok)} files; a bare process start costs {spawn * 1000:.2f} ms)")
if in_process is not None:
    print(f"formwork in one process (criterion):             {ms(in_process)}  (every template)")
print()
print(f"speed ratio, process per file:  {flip_time / fw_time:6.1f}x"
      f"   (on the {len(both)} files both converted: {flip_both / fw_both:.1f}x)")
if in_process is not None:
    print(f"speed ratio, in process:        {flip_time / in_process:6.1f}x")
    best = flip_time / in_process
else:
    best = flip_time / fw_time
print(f"target >= 20x: {'met' if best >= 20 else 'NOT met'}")
PY
