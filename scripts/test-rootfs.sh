#!/usr/bin/env bash
# Writes the root file system of the test image vipb-busybox (busybox-static, its applets as links,
# /etc/passwd and /etc/group for root, a /tmp) as a tar file: what scripts/docker-up.sh and
# scripts/podman-up.sh import into their engine, so both run tests in the same image.
#
#   scripts/test-rootfs.sh OUT.tar
set -euo pipefail
out=${1:?usage: test-rootfs.sh OUT.tar}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/bin" "$tmp/root/tmp" "$tmp/root/etc"
cp /bin/busybox "$tmp/root/bin/busybox"
for applet in $("$tmp/root/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$tmp/root/bin/$applet"
done
echo "root:x:0:0:root:/root:/bin/sh" > "$tmp/root/etc/passwd"
echo "root:x:0:" > "$tmp/root/etc/group"
chmod 1777 "$tmp/root/tmp"
tar -C "$tmp/root" -cf "$out" .
