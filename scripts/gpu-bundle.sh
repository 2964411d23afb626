#!/usr/bin/env bash
# Prepares .gpu-carry/ for the lent GPU machine, which has CUDA but no Java: a jlinked Java runtime
# (about 50 MB), vip-recon.jar, and scripts/gpu-check.sh to run there. Then, with the device tool:
#   run  command="bash scripts/gpu-check.sh"  carry=[".gpu-carry"]
# .gpu-carry/ is ignored by git (.gitignore).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/.gpu-carry"
jar="$root/vip-boutiques-gpu/target/vip-recon.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl vip-boutiques-gpu -am package)
fi
rm -rf "$out"
mkdir -p "$out"
# java.desktop: PNG previews (ImageIO); java.logging: JCuda; jdk.unsupported: JTransforms, Gson.
jlink --add-modules java.base,java.desktop,java.logging,jdk.unsupported --strip-debug --no-header-files \
  --no-man-pages --compress=2 --output "$out/jre"
cp "$jar" "$out/vip-recon.jar"
du -sh "$out"
