#!/usr/bin/env bash
# OroJaR's dSprites GAN, one training iteration (WGAN-GP critic step, then the generator step with the regulariser
# on the conv outputs of G's blocks 0-3), gan4j vs the official csyxwei/OroJaR simplegan_experiments code, on the
# same machine, widths, batch and 1 thread, each run in its own process under /usr/bin/time -v (peak RSS = its
# "Maximum resident set size"), the two sides in turn and the order swapped every round (round 1: gan4j then
# official, round 2: official then gan4j, ...), then a table of medians, ratios, the regulariser's overhead and
# peak memory. After mvn -DskipTests package:
#   [ROUNDS=3] bench/orojar_compare.sh SIMPLEGAN_DIR [CONFIGS...]
# SIMPLEGAN_DIR: an export of simplegan_experiments (git archive HEAD simplegan_experiments), run unchanged.
# A config is PRESET:REG:ITERS:WARMUP, PRESET fast (w 16, batch 32) or paper (the official w 64, batch 128), REG
# none, orojar or hessian (the official 'hp'). Real images: a preloaded pool on both sides (see bench/OrojarBench.java
# and bench/orojar_official_bench.py); the cost of gan4j drawing a batch procedurally (what `gan4j orojar train`
# does on builtin:dsprites) and of the official DSpritesDataset + collate path are timed once, apart.
# The official side needs Debian's python3-torch (1.13) with an optimised BLAS (docs/benchmarks.md).
set -euo pipefail
sg="$1"; shift 1
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  configs=(fast:none:10:3 fast:orojar:10:3 fast:hessian:10:3 paper:none:2:1 paper:orojar:2:1 paper:hessian:2:1)
fi
rounds="${ROUNDS:-3}"
cd "$(dirname "$0")/.."
out="$(mktemp)"; tv="$(mktemp)"
trap 'rm -f "$out" "$tv"' EXIT
# compiled once, not run as a source file: the source launcher compiles inside the measured JVM
mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/OrojarBench.java
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
# the project's launcher flags (./gan4j): 2 malloc arenas, SerialGC, small young generation, no JavaCPP cap
gan4j() {
  /usr/bin/time -v -o "$tv" env MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m \
    -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -Djava.awt.headless=true -cp target/gan4j.jar:target/bench \
    -Dgan4j.threads=1 OrojarBench "$@" | tail -1 || true
}
official() {
  /usr/bin/time -v -o "$tv" env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 \
    bench/orojar_official_bench.py --simplegan "$sg" --threads 1 "$@" 2>/dev/null | tail -1 || true
}
maxrss() { awk -F': ' '/Maximum resident/ { printf "%d", $2 / 1024 }' "$tv"; }
med() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' <<<"$1"; }
echo "== data cost per batch (not in the step times below)"
for p in fast paper; do
  gan4j draw "$p" 10
  official --preset "$p" --data-cost
done
for cfg in "${configs[@]}"; do
  IFS=: read -r preset reg iters warmup <<<"$cfg"
  label="$preset $reg"
  for r in $(seq "$rounds"); do
    echo "== $label, round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
    for side in $([ $((r % 2)) -eq 1 ] && echo "gan4j official" || echo "official gan4j"); do
      if [ "$side" = gan4j ]; then
        g=$(gan4j train "$preset" "$reg" "$iters" "$warmup" pool); echo "$g"; grss=$(maxrss)
      else
        o=$(official --preset "$preset" --reg "$reg" --iters "$iters" --warmup "$warmup"); echo "$o"; orss=$(maxrss)
      fi
    done
    echo "$preset|$reg|$r|$(med "$g")|$(med "$o")|$grss|$orss" >>"$out"
  done
done
echo
echo "| config | round | gan4j ms | official ms | official / gan4j | peak RSS gan4j / official (MB) |"
echo "| --- | --- | --- | --- | --- | --- |"
awk -F'|' '{ ratio = ($4 > 0 && $5 > 0) ? sprintf("%.2f×", $5 / $4) : "failed";
             printf "| %s %s | %s | %.0f | %.0f | %s | %s / %s |\n", $1, $2, $3, $4, $5, ratio, $6, $7 }' "$out"
echo
echo "Summary: median of the rounds' medians [range]; regulariser overhead = (reg - none) / none, from the medians."
echo
echo "| config | gan4j ms | official ms | official / gan4j | reg overhead gan4j | reg overhead official | peak RSS gan4j / official (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -F'|' '
  function med(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
      if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function lo(s,   a, n, i, m) { n = split(s, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 < m + 0) m = a[i]; return m }
  function hi(s,   a, n, i, m) { n = split(s, a, " "); m = a[1]; for (i = 2; i <= n; i++) if (a[i] + 0 > m + 0) m = a[i]; return m }
  { k = $1 "|" $2; if (!(k in G)) order[++n] = k; G[k] = G[k] " " $4; O[k] = O[k] " " $5; R[k] = R[k] " " ($5 / $4)
    GR[k] = GR[k] " " $6; OR[k] = OR[k] " " $7 }
  END { for (i = 1; i <= n; i++) { k = order[i]; split(k, p, "|"); none = p[1] "|none"
      gm = med(G[k]); om = med(O[k])
      go = (none in G && p[2] != "none") ? sprintf("%+.0f%%", 100 * (gm / med(G[none]) - 1)) : "-"
      oo = (none in O && p[2] != "none") ? sprintf("%+.0f%%", 100 * (om / med(O[none]) - 1)) : "-"
      printf "| %s %s | %.0f [%.0f-%.0f] | %.0f [%.0f-%.0f] | %.2f× [%.2f-%.2f] | %s | %s | %s / %s |\n", p[1], p[2],
        gm, lo(G[k]), hi(G[k]), om, lo(O[k]), hi(O[k]), med(R[k]), lo(R[k]), hi(R[k]), go, oo, hi(GR[k]), hi(OR[k]) } }' "$out"
