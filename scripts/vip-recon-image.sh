#!/bin/sh
# Builds vipboutiques/vip-recon:0.1.0 without a registry: a jlinked Java runtime, the vip-recon jar,
# busybox-static for the descriptors' /bin/sh, and the C libraries the runtime links against, as a
# root file system imported with `docker import`. CPU only: it has no CUDA libraries (the real image,
# built by vip-boutiques-gpu/Dockerfile from nvidia/cuda, has them; see docs/reconstruction.md).
#
#   scripts/vip-recon-image.sh [IMAGE]        (DOCKER_HOST as docker reads it)
#
# Needs a JDK 17 (jlink, jdeps), busybox-static (/bin/busybox) and docker. Builds the jar first
# (./mvnw -pl vip-boutiques-gpu -am package -DskipTests) when vip-boutiques-gpu/target/vip-recon.jar
# is missing.
set -eu
image=${1:-vipboutiques/vip-recon:0.1.0}
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/vip-boutiques-gpu/target/vip-recon.jar
log() { printf 'vip-recon-image: %s\n' "$*" >&2; }

if [ ! -f "$jar" ]; then
  log "building $jar"
  (cd "$root" && ./mvnw -B -q -pl vip-boutiques-gpu -am package -DskipTests)
fi
busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
  for b in /bin/busybox /usr/bin/busybox; do
    if [ -x "$b" ] && ! ldd "$b" >/dev/null 2>&1; then busybox=$b; break; fi
  done
fi
[ -n "$busybox" ] || { log "busybox-static is needed (apt-get install busybox-static)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs
mkdir -p "$rootfs/bin" "$rootfs/usr/local/bin" "$rootfs/opt/vip-recon" "$rootfs/etc" "$rootfs/tmp" "$rootfs/data"
chmod 1777 "$rootfs/tmp"

modules=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" 2>/dev/null || true)
[ -n "$modules" ] || modules=java.base,java.logging,java.desktop,jdk.unsupported
log "jlink $modules"
jlink --add-modules "$modules,jdk.zipfs" --strip-debug --no-header-files --no-man-pages \
  --output "$rootfs/opt/java"
cp "$jar" "$rootfs/opt/vip-recon/vip-recon.jar"

cp "$busybox" "$rootfs/bin/busybox"
for applet in sh ls cat echo mkdir rm cp mv env test true false sleep head tail md5sum; do
  ln -s busybox "$rootfs/bin/$applet"
done
ln -s bin "$rootfs/usr/bin" 2>/dev/null || true

# The runtime's shared libraries and the loader, at the paths they have here.
find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/java' \) | while read -r f; do
  ldd "$f" 2>/dev/null | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}'
done | sort -u | while read -r lib; do
  mkdir -p "$rootfs$(dirname "$lib")"
  cp -L "$lib" "$rootfs$lib"
  real=$(readlink -f "$lib")
  if [ "$real" != "$lib" ]; then mkdir -p "$rootfs$(dirname "$real")"; cp -L "$lib" "$rootfs$real"; fi
done

printf 'root:x:0:0:root:/root:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\n' > "$rootfs/etc/group"
printf '#!/bin/sh\nexec /opt/java/bin/java -XX:-UsePerfData ${VIP_RECON_JAVA_OPTS:-} -jar /opt/vip-recon/vip-recon.jar "$@"\n' \
  > "$rootfs/usr/local/bin/vip-recon"
chmod 755 "$rootfs/usr/local/bin/vip-recon"

log "importing $image"
tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/opt/java/bin:/bin' \
  --change 'ENV NVIDIA_VISIBLE_DEVICES=all' \
  --change 'ENV NVIDIA_DRIVER_CAPABILITIES=compute,utility' \
  --change 'WORKDIR /data' \
  --change 'LABEL org.opencontainers.image.title=vip-recon org.opencontainers.image.version=0.1.0 org.vipboutiques.build=registry-free-cpu' \
  - "$image" >/dev/null
log "built $image ($(docker image inspect -f '{{.Size}}' "$image") bytes)"
