#!/usr/bin/env bash
# SPADE training step and synthesis, gan4j vs the official NVlabs/SPADE code, run alternately (gan4j, official,
# gan4j, official, ...) on the same machine, sizes, widths, batch and threads, each run in its own process (so
# each peak RSS is that task's), then a table of medians, ratios and peak memory. After mvn -DskipTests package:
#   [KERNELS="ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2"] \
#   [ROUNDS=2] [THREADS="1 2"] bench/spade_compare.sh SPADE_DIR SYNC_BN_DIR [CONFIGS...]
# SPADE_DIR: an export of NVlabs/SPADE (its .py files), SYNC_BN_DIR: vacancy/Synchronized-BatchNorm-PyTorch (see
# src/test/resources/parity/spade/make_fixtures.py for how to get both). A config is MODE:SIZE:BATCH:NGF:NDF[:ITERS]
# with MODE train or synth (default: the list below; 3 warm-up iterations, ITERS timed, 20 unless given).
# Medians and lower quartiles (p25) of each run: this host alternates, every few seconds, between a fast state and
# one ~1.5x slower for both programs alike, so a round's median ratio depends on which state each side met; the
# p25 of a long run (ITERS 200) is the fast state's time on both sides.
# Both sides run without the VGG perceptual term (official --no_vgg_loss, gan4j Perceptual.NONE): the official
# VGGLoss needs CUDA and downloads VGG19. The official side needs Debian's python3-torch (1.13) and an optimised
# BLAS (libopenblas0), as for the other benchmarks (docs/benchmarks.md).
set -euo pipefail
spade="$1"; syncbn="$2"; shift 2
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  configs=(train:64:4:16:32 train:128:4:16:32 train:64:4:64:64:10 synth:64:1:16:32:40 synth:128:1:16:32:40 synth:64:1:64:64:40)
fi
rounds="${ROUNDS:-2}"
read -r -a threadList <<<"${THREADS:-1 2}"
cd "$(dirname "$0")/.."
read -r -a kernels <<<"${KERNELS:-}"
out="$(mktemp)"
# compiled once, not run as a source file: the source launcher compiles inside the measured JVM (+70 MB peak)
mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/SpadeBench.java
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; kernels: ${KERNELS:-native}"
for cfg in "${configs[@]}"; do
  IFS=: read -r mode size batch ngf ndf iters <<<"$cfg"
  iters="${iters:-20}"
  for t in "${threadList[@]}"; do
    for r in $(seq "$rounds"); do
      echo "== $mode ${size}px batch $batch ngf $ngf ndf $ndf threads $t, round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
      g=$(env "${kernels[@]}" MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
        -Djava.awt.headless=true -cp target/gan4j.jar:target/bench -Dgan4j.threads="$t" SpadeBench \
        "$mode" "$size" "$batch" "$ngf" "$ndf" "$iters" 3 | tail -1)
      echo "$g"
      o=$(env "${kernels[@]}" OMP_NUM_THREADS="$t" /usr/bin/python3 bench/spade_official_bench.py --spade "$spade" \
        --sync-bn "$syncbn" --mode "$mode" --size "$size" --batch "$batch" --ngf "$ngf" --ndf "$ndf" \
        --iters "$iters" --warmup 3 --threads "$t" 2>/dev/null | tail -1)
      echo "$o"
      med() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' <<<"$1"; }
      p25() { sed -n 's/.*(p25 \([0-9.]*\),.*/\1/p' <<<"$1"; }
      rss() { sed -n 's/.*peak RSS \([0-9]*\) MB.*/\1/p' <<<"$1"; }
      echo "$mode ${size}px b$batch ngf$ngf/ndf$ndf|$t|$r|$(med "$g")|$(med "$o")|$(rss "$g")|$(rss "$o")|$(p25 "$g")|$(p25 "$o")" >>"$out"
    done
  done
done
echo
echo "| what | threads | round | gan4j ms | official ms | official / gan4j | p25 gan4j / official ms | p25 ratio | peak RSS gan4j / official (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
awk -F'|' '{ printf "| %s | %s | %s | %.0f | %.0f | %.2f× | %.0f / %.0f | %.2f× | %s / %s |\n", $1, $2, $3, $4, $5, $5 / $4, $8, $9, $9 / $8, $6, $7 }' "$out"
rm -f "$out"
