#!/usr/bin/env bash
# Runs on a machine with an NVIDIA GPU (see scripts/gpu-bundle.sh): says which GPU and driver, makes
# JCufft 11.8.0's libcufft.so.10 resolvable (a CUDA 11 cuFFT if there is one, else the lead of
# reconstruction.md: a libcufft.so.10 symlink to the newer libcufft.so.12, which the probe's FFT
# self-test then accepts or refuses), and runs the benchmark: every GPU task with its GUPS, transfers
# and relative L2 difference from the CPU. Everything goes to $OUT (or target/gpu-check) as well.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
carry="$root/.gpu-carry"
out=${OUT:-$root/target/gpu-check}
mkdir -p "$out"
exec > >(tee "$out/gpu-check.txt") 2>&1
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv || echo "gpu-check: no nvidia-smi"
if ! ldconfig -p | grep -q 'libcufft.so.10 '; then
  cufft=$( (ldconfig -p | awk '/libcufft.so.1[1-9] /{print $NF}'; \
    find / -xdev -name 'libcufft.so.1[1-9]' 2>/dev/null) | head -n 1)
  if [ -n "$cufft" ]; then
    mkdir -p "$out/cufft" && ln -sf "$cufft" "$out/cufft/libcufft.so.10"
    export LD_LIBRARY_PATH="$out/cufft${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "gpu-check: libcufft.so.10 -> $cufft (untested lead)"
  else
    echo "gpu-check: no cuFFT found; the GPU suite will be skipped"
  fi
fi
java="$carry/jre/bin/java"
[ -x "$java" ] || java=java
cd "$out"
"$java" -Xmx32g -jar "$carry/vip-recon.jar" bench ${BENCH_ARGS:---no-iradon}
