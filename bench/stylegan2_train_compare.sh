#!/usr/bin/env bash
# One StyleGAN2 training step (a whole 16-iteration cycle: D, G, lazy R1, lazy path length, EMA), gan4j vs the
# official rosinality train.py loop, run alternately (gan4j, official, gan4j, official, ...) on the same machine,
# architecture, batch and threads. After mvn -DskipTests package:
#   [KERNELS="ATEN_CPU_CAPABILITY=avx2 OPENBLAS_CORETYPE=Haswell ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2"] \
#   bench/stylegan2_train_compare.sh OFFICIAL_REPO CPU_COPY [ROUNDS] [THREADS] [CONFIGS...]
# A config is SIZE:BATCH:PRESET (default: 32:8:fast 64:8:fast). OFFICIAL_REPO is rosinality/stylegan2-pytorch,
# CPU_COPY a copy whose op/ does not compile CUDA extensions (see src/test/resources/parity/stylegan2/README.md).
# KERNELS (optional) is applied to both sides: it caps the CPU kernels, e.g. to AVX2 on an AVX-512 machine.
# The official side needs Debian's python3-torch, python3-torchvision and python3-tqdm, and an optimised BLAS
# (libopenblas0-openmp): without one, Debian's torch falls back to the reference BLAS and runs 20-30% slower,
# which would flatter gan4j (docs/benchmarks.md).
set -euo pipefail
official="$1"; cpu="$2"; rounds="${3:-2}"; threads="${4:-1}"
shift $(( $# < 4 ? $# : 4 ))
configs=("$@"); [ ${#configs[@]} -eq 0 ] && configs=(32:8:fast 64:8:fast)
cd "$(dirname "$0")/.."
read -r -a kernels <<<"${KERNELS:-}"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); kernels: ${KERNELS:-native}"
for cfg in "${configs[@]}"; do
  IFS=: read -r size batch preset <<<"$cfg"
  for r in $(seq "$rounds"); do
    echo "round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
    env "${kernels[@]}" nice -n 19 java -XX:+UseSerialGC -cp target/gan4j.jar -Dgan4j.threads="$threads" \
      bench/Stylegan2TrainBench.java "$size" "$batch" 3 "$preset" | tail -1
    env "${kernels[@]}" nice -n 19 /usr/bin/python3 bench/stylegan2_official_train_bench.py "$official" "$cpu" \
      "$size" "$batch" 3 "$threads" "$preset" 2>/dev/null | tail -1
  done
done
