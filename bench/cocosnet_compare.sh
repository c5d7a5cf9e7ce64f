#!/usr/bin/env bash
# CoCosNet training step and translation, gan4j vs the official microsoft/CoCosNet code, on the same machine,
# sizes, widths, batch and threads, each run in its own process (so each peak RSS is that task's), the two sides in
# turn and the order swapped every round (round 1: gan4j then official, round 2: official then gan4j, ...), then a
# table of medians, ratios and peak memory. After mvn -DskipTests package:
#   [KERNELS="ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2"] \
#   [ROUNDS=2] [THREADS="1 2"] [WARMUP=3] bench/cocosnet_compare.sh COCOSNET_DIR SYNC_BN_DIR [CONFIGS...]
# COCOSNET_DIR: an export of microsoft/CoCosNet (its .py files and util/color150.mat), SYNC_BN_DIR:
# vacancy/Synchronized-BatchNorm-PyTorch (see src/test/resources/parity/cocosnet/make_fixtures.py for how to get
# both). A config is MODE:SIZE:BATCH:NGF:NDF[:ITERS] with MODE train or translate, NGF the translation network's
# width (the correspondence runs at 64 on both sides, the official code's only width), NDF the discriminator's
# (default: the list below; WARMUP warm-up iterations, ITERS timed, 20 unless given).
# Both sides: the released ade20k recipe's networks and losses (--use_attention --maskmix --warp_mask_losstype
# direct --weight_mask 100 --PONO --PONO_C --vgg_normal_correct) on 10 one-hot classes, the VGG19 of the losses with
# random weights (gan4j's fixed-seed one; for the official side a random vgg19_conv.pth written once into a
# temporary directory, removed at the end), the official discriminator with its self-attention as gan4j's (see
# bench/cocosnet_official_bench.py, which also lists what it patches at run time for CPU). The official side needs
# Debian's python3-torch (1.13), python3-torchvision, python3-scipy, python3-matplotlib and an optimised BLAS
# (libopenblas0), as for the other benchmarks (docs/benchmarks.md).
set -euo pipefail
cocos="$1"; syncbn="$2"; shift 2
configs=("$@")
if [ ${#configs[@]} -eq 0 ]; then
  configs=(translate:64:1:64:64:20 translate:128:1:64:64:10 translate:64:1:16:32:20 translate:128:1:16:32:10
           train:64:4:16:32:10 train:128:4:16:32:5 train:64:4:64:64:5 train:128:4:64:64:3)
fi
rounds="${ROUNDS:-2}"
warmup="${WARMUP:-3}"
read -r -a threadList <<<"${THREADS:-1 2}"
cd "$(dirname "$0")/.."
read -r -a kernels <<<"${KERNELS:-}"
out="$(mktemp)"
vggdir="$(mktemp -d)"
trap 'rm -rf "$out" "$vggdir"' EXIT
# compiled once, not run as a source file: the source launcher compiles inside the measured JVM (+70 MB peak)
mkdir -p target/bench && javac -cp target/gan4j.jar -d target/bench bench/CocosBench.java
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; kernels: ${KERNELS:-native}"
gan4j() {
  env "${kernels[@]}" MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC -Xmn32m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 \
    -Djava.awt.headless=true -cp target/gan4j.jar:target/bench -Dgan4j.threads="$t" CocosBench \
    "$mode" "$size" "$batch" "$ngf" "$ndf" "$iters" "$warmup" | tail -1 || true
}
official() {
  env "${kernels[@]}" OMP_NUM_THREADS="$t" /usr/bin/python3 bench/cocosnet_official_bench.py --cocosnet "$cocos" \
    --sync-bn "$syncbn" --vgg "$vggdir/vgg19_conv.pth" --mode "$mode" --size "$size" --batch "$batch" \
    --ngf "$ngf" --ndf "$ndf" --iters "$iters" --warmup "$warmup" --threads "$t" 2>/dev/null | tail -1 || true
}
med() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' <<<"$1"; }
rss() { sed -n 's/.*peak RSS \([0-9]*\) MB.*/\1/p' <<<"$1"; }
for cfg in "${configs[@]}"; do
  IFS=: read -r mode size batch ngf ndf iters <<<"$cfg"
  iters="${iters:-20}"
  for t in "${threadList[@]}"; do
    for r in $(seq "$rounds"); do
      echo "== $mode ${size}px batch $batch ngf $ngf ndf $ndf threads $t, round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
      if [ $((r % 2)) -eq 1 ]; then
        g=$(gan4j); echo "$g"; o=$(official); echo "$o"
      else
        o=$(official); echo "$o"; g=$(gan4j); echo "$g"
      fi
      echo "$mode ${size}px b$batch ngf$ngf/ndf$ndf|$t|$r|$(med "$g")|$(med "$o")|$(rss "$g")|$(rss "$o")" >>"$out"
    done
  done
done
echo
echo "| what | threads | round | gan4j ms | official ms | official / gan4j | peak RSS gan4j / official (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
awk -F'|' '{ ratio = ($4 > 0 && $5 > 0) ? sprintf("%.2f×", $5 / $4) : "failed";
             printf "| %s | %s | %s | %s | %s | %s | %s / %s |\n", $1, $2, $3, ($4 == "" ? "-" : sprintf("%.0f", $4)),
                    ($5 == "" ? "-" : sprintf("%.0f", $5)), ratio, ($6 == "" ? "-" : $6), ($7 == "" ? "-" : $7) }' "$out"
