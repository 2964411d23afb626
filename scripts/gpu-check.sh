#!/usr/bin/env bash
# Runs on a machine with an NVIDIA GPU (see scripts/gpu-bundle.sh): says which GPU and driver, then runs
# the GPU benchmark once per FFT path of the CUDA back end, each printing every GPU task with its GUPS,
# transfers and relative L2 difference from the CPU:
#   - cuFFT (-Dvip.recon.cudaFft=cufft), where JCufft 11.8.0's libcufft.so.10 (a CUDA 11.x cuFFT) can be
#     loaded; skipped, saying so, where it cannot. No libcufft.so.10 symlink to another major version is
#     made: nothing shows that CUDA 12/13's cuFFT keeps the CUDA 11 ABI JCufft was built for, and the
#     own FFT makes the question moot.
#   - the own FFT (-Dvip.recon.cudaFft=own), always.
# Everything goes to $OUT (or target/gpu-check): gpu-check.txt, bench-cufft.txt, bench-own.txt.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
carry="$root/.gpu-carry"
out=${OUT:-$root/target/gpu-check}
mkdir -p "$out"
exec > >(tee "$out/gpu-check.txt") 2>&1
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv || echo "gpu-check: no nvidia-smi"
java="$carry/jre/bin/java"
[ -x "$java" ] || java=java
args=${BENCH_ARGS:---no-iradon}

cufft10=""
for dir in ${LD_LIBRARY_PATH//:/ }; do
  [ -e "$dir/libcufft.so.10" ] && cufft10="$dir/libcufft.so.10" && break
done
[ -n "$cufft10" ] || cufft10=$(ldconfig -p 2>/dev/null | awk '/libcufft\.so\.10 /{print $NF; exit}')
others=$(ldconfig -p 2>/dev/null | awk '/libcufft\.so\.[0-9]+ /{print $1}' | sort -u | tr '\n' ' ')

cd "$out"
if [ -n "$cufft10" ]; then
  echo "gpu-check: FFT path cuFFT: $cufft10"
  "$java" -Xmx32g -Dvip.recon.cudaFft=cufft -jar "$carry/vip-recon.jar" bench --backend cuda $args \
    2>&1 | tee "$out/bench-cufft.txt"
else
  echo "gpu-check: FFT path cuFFT: skipped, no libcufft.so.10 (CUDA 11.x cuFFT) here${others:+ (this machine has: $others)}" \
    | tee "$out/bench-cufft.txt"
fi
echo "gpu-check: FFT path own FFT"
"$java" -Xmx32g -Dvip.recon.cudaFft=own -jar "$carry/vip-recon.jar" bench --backend cuda $args \
  2>&1 | tee "$out/bench-own.txt"
