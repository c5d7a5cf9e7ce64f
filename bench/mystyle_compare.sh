#!/usr/bin/env bash
# MyStyle: one generator-tuning step and one alpha-projection step, gan4j vs the official google/mystyle code, on the
# same machine, generator shape and threads, each run in its own process (so each peak RSS is that task's), the two
# sides in turn and the order swapped every round, then a table of means, ratios and peak memory.
# After mvn -DskipTests package:
#   [SIZE=64] [PRESET=fast] [THREADS="1 2"] [ROUNDS=2] [ITERS=20] [WARMUP=3] [ANCHORS=8] \
#   [KERNELS="..."] [SIDE_ENV="..."] bench/mystyle_compare.sh MYSTYLE_DIR ADA_DIR [CONFIGS...]
# MYSTYLE_DIR: a checkout of google/mystyle; ADA_DIR: a checkout of NVlabs/stylegan2-ada-pytorch (its
# training/networks.py builds the official generator; see bench/mystyle_official_bench.py).
# A config is TASK:SIZE:PRESET:DIST[:GRAD]: TASK tune (one Adam update of every synthesis weight on one album
# picture) or project (one step of the alpha projector, ANCHORS anchors); PRESET fast (style 128, 64 channels up to
# 32 px: the shipped builtin:faces generator at 64 px) or paper (config F); DIST the distance, vgg (both sides
# LPIPS's unweighted VGG16 baseline = gan4j's PerceptualDistance, random weights), alex (both sides LPIPS on AlexNet
# with its linear layers, the official loss; random weights), pyramid (both sides gan4j's
# PyramidLoss: generator + Adam only), or GAN4J/OFFICIAL for different distances per side, e.g. pyramid/alex = each
# side as it runs without downloaded weights (gan4j's default PyramidLoss; the official AlexNet LPIPS, random
# weights); GRAD (project only) official (default: as project.py runs on the tuned model, backward also computes
# every generator weight's gradient) or frozen (the generator's requires_grad off: alpha and delta only, as gan4j).
# Without CONFIGS: tune and project at SIZE/PRESET with vgg, pyramid and pyramid/alex, and project vgg frozen.
# KERNELS and SIDE_ENV are environment settings given to both sides alike (as in bench/gangealing_compare.sh).
set -euo pipefail
ms="$1"; ada="$2"; shift 2
size="${SIZE:-64}"; preset="${PRESET:-fast}"
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  configs=("tune:$size:$preset:vgg" "project:$size:$preset:vgg" "project:$size:$preset:vgg:frozen"
           "tune:$size:$preset:pyramid" "project:$size:$preset:pyramid"
           "tune:$size:$preset:pyramid/alex" "project:$size:$preset:pyramid/alex")
fi
rounds="${ROUNDS:-2}"; iters="${ITERS:-20}"; warmup="${WARMUP:-3}"; anchors="${ANCHORS:-8}"
read -r -a threadList <<<"${THREADS:-1 2}"
cd "$(dirname "$0")/.."
read -r -a kernels <<<"${KERNELS:-} ${SIDE_ENV:-}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
# compiled once, not run as a source file: the source launcher compiles inside the measured JVM (higher peak RSS)
mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/MystyleBench.java
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; kernels: ${KERNELS:-native}; env: ${SIDE_ENV:-default}"
gan4j() {
  env "${kernels[@]}" MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
    -Djava.awt.headless=true -cp target/gan4j.jar:target/bench -Dgan4j.threads="$t" MystyleBench \
    "$task" "$sz" "$pre" "$gdist" "$iters" "$warmup" "$anchors" 2>/dev/null | tail -1 || true
}
official() {
  env "${kernels[@]}" OMP_NUM_THREADS="$t" /usr/bin/python3 bench/mystyle_official_bench.py --mystyle "$ms" --ada "$ada" \
    --task "$task" --size "$sz" --preset "$pre" --distance "$odist" --iters "$iters" --warmup "$warmup" \
    --threads "$t" --anchors "$anchors" --proj-grad "$grad" 2>/dev/null | tail -1 || true
}
mean() { sed -n 's/.*: mean \([0-9.]*\) ms.*/\1/p' <<<"$1"; }
rss() { sed -n 's/.*peak RSS \([0-9]*\) MB.*/\1/p' <<<"$1"; }
for cfg in "${configs[@]}"; do
  IFS=: read -r task sz pre dist grad <<<"$cfg"
  grad="${grad:-official}"
  gdist="${dist%%/*}"; odist="${dist##*/}"
  label="$task ${sz}px $pre $([ "$gdist" = "$odist" ] && echo "$dist" || echo "gan4j $gdist / official $odist")"
  [ "$task" = project ] && label="$label, official G grads $grad"
  for t in "${threadList[@]}"; do
    for r in $(seq "$rounds"); do
      echo "== $label threads $t, round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
      if [ $((r % 2)) -eq 1 ]; then
        g=$(gan4j); echo "$g"; o=$(official); echo "$o"
      else
        o=$(official); echo "$o"; g=$(gan4j); echo "$g"
      fi
      echo "$label|$t|$r|$(mean "$g")|$(mean "$o")|$(rss "$g")|$(rss "$o")" >>"$out"
    done
  done
done
echo
echo "| what | threads | round | gan4j ms/step | official ms/step | official / gan4j | peak RSS gan4j / official (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -F'|' '{ ratio = ($4 > 0 && $5 > 0) ? sprintf("%.2f×", $5 / $4) : "failed";
             printf "| %s | %s | %s | %s | %s | %s | %s / %s |\n", $1, $2, $3, ($4 == "" ? "-" : sprintf("%.1f", $4)),
                    ($5 == "" ? "-" : sprintf("%.1f", $5)), ratio, ($6 == "" ? "-" : $6), ($7 == "" ? "-" : $7) }' "$out"
