#!/usr/bin/env bash
# Regenerates the PTX kernels of vip-boutiques-gpu from their CUDA sources:
#   vip-boutiques-gpu/src/main/cuda/NAME.cu -> vip-boutiques-gpu/src/main/resources/org/vipboutiques/recon/cuda/NAME.ptx
#
# nvcc (CUDA 12 or 13) compiles for the virtual architecture compute_75 (Turing, the oldest that
# CUDA 13 still targets) and writes its own PTX ISA version (9.0 with CUDA 13), which only drivers of
# CUDA 13 and newer can load. The kernels use nothing beyond PTX ISA 6.3 (sm_75's first version), so the
# .version line is lowered to PTX_VERSION (default 7.0: drivers >= 450, the oldest that run the CUDA 11
# cuFFT that JCufft 11.8.0 needs) and ptxas, when present, checks that the lowered file still assembles.
# Commit the regenerated .ptx files: the build does not need nvcc.
#
# Usage: scripts/build-ptx.sh            (PTX_VERSION=7.0 by default; NVCC, PTXAS to override tools;
#                                        PTX_OUT=DIR writes there instead, as PtxKernelsTest does)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/vip-boutiques-gpu/src/main/cuda"
out=${PTX_OUT:-$root/vip-boutiques-gpu/src/main/resources/org/vipboutiques/recon/cuda}
ptx_version=${PTX_VERSION:-7.0}
arch=${CUDA_ARCH:-compute_75}
nvcc=${NVCC:-nvcc}
ptxas=${PTXAS:-$(command -v ptxas || true)}

command -v "$nvcc" >/dev/null || { echo "build-ptx: $nvcc not found (install the CUDA toolkit or set NVCC)" >&2; exit 1; }
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for cu in "$src"/*.cu; do
  name=$(basename "$cu" .cu)
  "$nvcc" -ptx -arch="$arch" -O3 -o "$tmp/$name.ptx" "$cu"
  # Keep the generated file byte-stable: no build paths, one fixed ISA version.
  sed -e "s/^\.version .*/.version $ptx_version/" "$tmp/$name.ptx" > "$tmp/$name.lowered.ptx"
  if [ -n "$ptxas" ]; then
    "$ptxas" -arch="sm_${arch#compute_}" -o "$tmp/$name.cubin" "$tmp/$name.lowered.ptx"
  else
    echo "build-ptx: ptxas not found, $name.ptx is not checked at .version $ptx_version" >&2
  fi
  mv "$tmp/$name.lowered.ptx" "$out/$name.ptx"
  echo "build-ptx: $out/$name.ptx (.version $ptx_version, $arch)"
done
