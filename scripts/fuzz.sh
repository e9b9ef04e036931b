#!/usr/bin/env bash
# Fuzzes the template parser (fuzz/fuzz_targets/parse.rs) with cargo-fuzz / libFuzzer.
#
#   scripts/fuzz.sh [SECONDS] [LIBFUZZER_ARGS...]     (default 60 seconds)
#
# Installs cargo-fuzz when missing. The toolchain is stable Rust, so the nightly-only
# flags that libFuzzer needs are allowed with RUSTC_BOOTSTRAP=1. The seed corpus is the
# project's own template fixtures (crates/core/tests/fixtures/template), copied into
# fuzz/corpus/parse on every run; what the fuzzer adds there, and any crash it finds in
# fuzz/artifacts/parse, stays out of git (fuzz/.gitignore).
#
# Environment:
#   FUZZ_SANITIZER  address | none (default none: the engine forbids unsafe code, and
#                   without AddressSanitizer the fuzzer runs about twice as fast)
#   FUZZ_JOBS       parallel fuzzing processes (default 1); with more than one, or with
#                   FUZZ_KEEP_GOING=1, libFuzzer runs in fork mode and goes on after a
#                   crash or time-out, saving each one in fuzz/artifacts/parse
#   CARGO_TARGET_DIR  when set, the fuzz build goes to $CARGO_TARGET_DIR/fuzz
#
# A crash is saved as fuzz/artifacts/parse/crash-<sha1>; to replay and shrink it:
#   RUSTC_BOOTSTRAP=1 cargo fuzz run parse fuzz/artifacts/parse/crash-<sha1>    (in fuzz/)
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin parse fuzz/artifacts/parse/crash-<sha1>
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
sanitizer="${FUZZ_SANITIZER:-none}"
jobs="${FUZZ_JOBS:-1}"

export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz"
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

corpus="$root/fuzz/corpus/parse"
mkdir -p "$corpus"
seeds=0
while IFS= read -r -d '' file; do
    rel="${file#"$root/crates/core/tests/fixtures/template/"}"
    cp "$file" "$corpus/fixture-${rel//\//-}"
    seeds=$((seeds + 1))
done < <(find "$root/crates/core/tests/fixtures/template" -type f \
    \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print0)
echo "fuzz.sh: $seeds seed templates from crates/core/tests/fixtures/template; corpus now $(find "$corpus" -type f | wc -l) files"

build_args=(--sanitizer "$sanitizer" --debug-assertions)
if [[ -n "${CARGO_TARGET_DIR:-}" ]]; then
    build_args+=(--target-dir "$CARGO_TARGET_DIR/fuzz")
fi

fuzzer_args=(
    -max_total_time="$seconds"
    -dict="$root/fuzz/parse.dict"
    -timeout=10
    -rss_limit_mb=4096
    -print_final_stats=1
)
if [[ "$jobs" -gt 1 || "${FUZZ_KEEP_GOING:-0}" == 1 ]]; then
    fuzzer_args+=(-fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

cd "$root/fuzz"
exec cargo fuzz run "${build_args[@]}" parse "$corpus" -- "${fuzzer_args[@]}" "$@"
