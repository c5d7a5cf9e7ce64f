#!/usr/bin/env bash
# GANgealing congealing and training step, gan4j vs the official wpeebles/gangealing code, on the same machine,
# shapes, batch and threads, each run in its own process (so each peak RSS is that task's), the two sides in turn
# and the order swapped every round (round 1: gan4j then official, round 2: official then gan4j, ...), then a table
# of medians, ratios and peak memory. After mvn -DskipTests package:
#   [KERNELS="ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2"] \
#   [SIDE_ENV="MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296"] \
#   [ROUNDS=2] [THREADS="1 2"] [WARMUP=2] bench/gangealing_compare.sh GANGEALING_DIR [CONFIGS...]
# KERNELS and SIDE_ENV are environment settings given to both sides' processes alike (SIDE_ENV e.g. the glibc malloc
# tuning above, which keeps large blocks in the heap instead of mapping and faulting them in anew on every
# allocation: the official process spends much of its time there by default, see docs/benchmarks.md).
# GANGEALING_DIR: an export of wpeebles/gangealing with the CPU patches of
# src/test/resources/parity/gangealing/README.md (the CUDA extension loads removed, FlowHead's .cuda() dropped).
# A config is TASK:SHAPE:BATCH[:ITERS]: TASK congeal (T_ema's forward without gradient; SHAPE released = flow 128,
# input 256, output 256; official64 = flow 64, input 64, the official channel table; fast = gan4j's
# StnShape.fast(64, 1), which the official code cannot build: gan4j only) or train (one train.py step on a random
# 64-px rosinality generator at channel multiplier 1 and a flow-64 STN of the official table; SHAPE ignored, "-");
# ITERS timed iterations (5 unless given) after WARMUP.
# Both sides: the same shapes, border padding, psi 0.5 for training, LPIPS's baseline on a random VGG16 as the
# perceptual loss (see bench/gangealing_official_bench.py and bench/GangealingBench.java, which also list what
# differs and what is patched at run time). The official side needs Debian's python3-torch (1.13) and
# python3-torchvision with an optimised BLAS, as for the other benchmarks (docs/benchmarks.md).
set -euo pipefail
gg="$1"; shift 1
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  configs=(congeal:released:4:5 congeal:official64:4:5 congeal:fast:4:10 train:-:5:3)
fi
rounds="${ROUNDS:-2}"
warmup="${WARMUP:-2}"
read -r -a threadList <<<"${THREADS:-1 2}"
cd "$(dirname "$0")/.."
read -r -a kernels <<<"${KERNELS:-} ${SIDE_ENV:-}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# compiled once, not run as a source file: the source launcher compiles inside the measured JVM (+70 MB peak)
mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/GangealingBench.java
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; kernels: ${KERNELS:-native}; env: ${SIDE_ENV:-default}"
gan4j() {
  local args=("$task")
  [ "$task" = congeal ] && args+=("$shape")
  env "${kernels[@]}" MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
    -Djava.awt.headless=true -cp target/gan4j.jar:target/bench -Dgan4j.threads="$t" GangealingBench \
    "${args[@]}" "$batch" "$iters" "$warmup" | tail -1 || true
}
official() {
  if [ "$task" = congeal ] && [ "$shape" = fast ]; then
    echo "official congeal fast: not buildable (hard-coded channel table)"; return
  fi
  env "${kernels[@]}" OMP_NUM_THREADS="$t" /usr/bin/python3 bench/gangealing_official_bench.py --gangealing "$gg" \
    --task "$task" --shape "$shape" --batch "$batch" --iters "$iters" --warmup "$warmup" --threads "$t" \
    2>/dev/null | tail -1 || true
}
med() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' <<<"$1"; }
rss() { sed -n 's/.*peak RSS \([0-9]*\) MB.*/\1/p' <<<"$1"; }
for cfg in "${configs[@]}"; do
  IFS=: read -r task shape batch iters <<<"$cfg"
  iters="${iters:-5}"
  [ "$task" = train ] && shape=released  # unused by the train task
  label="$task $([ "$task" = congeal ] && echo "$shape " || true)batch $batch"
  for t in "${threadList[@]}"; do
    for r in $(seq "$rounds"); do
      echo "== $label threads $t, round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
      if [ $((r % 2)) -eq 1 ]; then
        g=$(gan4j); echo "$g"; o=$(official); echo "$o"
      else
        o=$(official); echo "$o"; g=$(gan4j); echo "$g"
      fi
      echo "$label|$t|$r|$(med "$g")|$(med "$o")|$(rss "$g")|$(rss "$o")" >>"$out"
    done
  done
done
echo
echo "| what | threads | round | gan4j ms | official ms | official / gan4j | peak RSS gan4j / official (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -F'|' '{ ratio = ($4 > 0 && $5 > 0) ? sprintf("%.2f×", $5 / $4) : ($4 > 0 ? "gan4j only" : "failed");
             printf "| %s | %s | %s | %s | %s | %s | %s / %s |\n", $1, $2, $3, ($4 == "" ? "-" : sprintf("%.0f", $4)),
                    ($5 == "" ? "-" : sprintf("%.0f", $5)), ratio, ($6 == "" ? "-" : $6), ($7 == "" ? "-" : $7) }' "$out"
