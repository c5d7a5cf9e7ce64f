#!/usr/bin/env bash
# --amp (bfloat16 autocast) against float32: seconds per training iteration of each trainer from the CLI, the two
# alternated (fp32, amp, fp32, amp, ...) on the same machine and settings. After mvn -DskipTests package:
#   bench/amp_compare.sh [ROUNDS] [ITERS]
# Seconds per iteration = (time at the last iteration - time at iteration ITERS/2) / (ITERS/2 - 1), from
# metrics.csv, so start-up and the first (slow) iterations are left out. docs/benchmarks.md, "Mixed precision".
set -euo pipefail
rounds="${1:-2}"; iters="${2:-20}"
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); bf16 in hardware: $(grep -qw avx512_bf16 /proc/cpuinfo && echo avx512_bf16 || echo no)"
run() { # name, then the command's arguments
  local name="$1"; shift
  for r in $(seq "$rounds"); do
    for amp in "" "--amp"; do
      local dir="$out/$name-$r${amp:+-amp}"
      java -XX:+UseSerialGC -jar target/gan4j.jar "$@" --out "$dir" $amp >/dev/null 2>&1
      awk -F, -v n="$iters" -v what="$name ${amp:-fp32}" 'NR > 1 { t[$2] = $3 } END {
        h = int(n / 2); printf "%-24s %.3f s/iter\n", what, (t[n - 1] - t[h]) / (n - 1 - h) }' "$dir/metrics.csv"
    done
  done
}
run "stylegan2 64px fast" stylegan2 train --data builtin:faces --preset fast --size 64 --kimg "$(echo "$iters * 8 / 1000" | bc -l)"
run "spade 64px fast" spade train --labels builtin:scenes --preset fast --size 64 --iters "$iters"
run "gangealing fast" gangealing train --model builtin:faces --preset fast --iters "$iters"
run "orojar fast" orojar train --preset fast --iters "$iters"
