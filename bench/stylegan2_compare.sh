#!/usr/bin/env bash
# Generator forward, gan4j vs the official rosinality code, alternating runs on the same machine and threads.
# Usage: bench/stylegan2_compare.sh /path/to/stylegan2-pytorch-cpu [ROUNDS]   (after mvn -DskipTests package)
set -euo pipefail
ref="$1"; rounds="${2:-2}"
cd "$(dirname "$0")/.."
for r in $(seq "$rounds"); do
  for t in 1 2; do
    for cfg in "32 4 8" "64 4 4"; do
      set -- $cfg
      nice -n 19 java -XX:+UseSerialGC -cp target/gan4j.jar -Dgan4j.threads=$t bench/Stylegan2Bench.java $1 $2 $3 2 | tail -1
      nice -n 19 /usr/bin/python3 bench/stylegan2_official_bench.py "$ref" $1 $2 $3 2 $t 2>/dev/null | tail -1
    done
  done
done
