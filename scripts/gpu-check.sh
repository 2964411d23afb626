#!/usr/bin/env bash
# Runs on a machine with an NVIDIA GPU (see scripts/gpu-bundle.sh): says which GPU and driver, then runs
# the GPU benchmark once per FFT path of the CUDA back end, each printing every GPU task with its GUPS,
# transfers and relative L2 difference from the CPU:
#   - cuFFT (-Dvip.recon.cudaFft=cufft), where JCufft 11.8.0's libcufft.so.10 (a CUDA 11.x cuFFT) can be
#     loaded; skipped, saying so, where it cannot. No libcufft.so.10 symlink to another major version is
#     made: nothing shows that CUDA 12/13's cuFFT keeps the CUDA 11 ABI JCufft was built for, and the
#     own FFT makes the question moot.
#   - the own FFT (-Dvip.recon.cudaFft=own), always.
# Then the ramp filter's two methods (-Dvip.recon.rampFilter=fft|direct, the figures behind auto): the
# filter alone for row lengths 128..2048 and 256..65536 rows, what auto measures per length, and FBP
# (512^2/720 x 8 slices, 2048^2/1800) and FDK (256^3, 512^3 from 360 views) with each method, by
# org.vipboutiques.recon.cuda.RampBench, once per FFT path as above.
# Everything goes to $OUT (or target/gpu-check): gpu-check.txt, bench-cufft.txt, bench-own.txt,
# ramp-cufft.txt, ramp-own.txt. RAMP_ONLY=1 runs the ramp figures alone (a few minutes less device time);
# RAMP_ARGS=--quick gives RampBench small sizes (a smoke test on the emulator).
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
ramp() {
  echo "gpu-check: ramp filter, FFT path $1"
  "$java" -Xmx32g -Dvip.recon.cudaFft="$1" -cp "$carry/vip-recon.jar" org.vipboutiques.recon.cuda.RampBench ${RAMP_ARGS:-} \
    2>&1 | tee "$out/ramp-$1.txt"
}
[ -n "$cufft10" ] && ramp cufft
ramp own
[ "${RAMP_ONLY:-0}" = 1 ] && exit 0

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
