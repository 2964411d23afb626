#!/usr/bin/env bash
# Starts Podman's Docker-compatible API service for vip-boutiques' tests: Debian's podman, run as
# root with a private configuration (vfs storage, no network, ulimits within this host's hard
# limits, cgroupfs), `podman system service` on a private socket, and a test image imported from
# busybox-static (no registry is needed).
#
#   scripts/podman-up.sh          # prints: export CONTAINER_HOST=unix:///run/vipb-podman/podman.sock
#   eval "$(scripts/podman-up.sh)"
#   scripts/podman-down.sh
#
# Idempotent: a service already answering on the socket is reused. The private configuration is in
# $VIPB_PODMAN_DIR (containers.conf, storage.conf); `podman` commands that should see the same
# containers and images need CONTAINERS_CONF and CONTAINERS_STORAGE_CONF set to those files (the
# script prints them too).
set -euo pipefail
run_dir=${VIPB_PODMAN_DIR:-/run/vipb-podman}
sock="$run_dir/podman.sock"
image=${VIPB_TEST_IMAGE:-vipb-busybox:latest}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { echo "podman-up: $*" >&2; }

if ! command -v podman >/dev/null 2>&1 || ! dpkg -s busybox-static >/dev/null 2>&1; then
  log "installing podman and busybox-static"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq podman busybox-static >/dev/null
fi

as_root mkdir -p "$run_dir/storage" "$run_dir/runroot" "$run_dir/tmp"
# runc sets every container's rlimits from default_ulimits (else podman's own, 1048576 and 4194304);
# above the hard limits of the podman process it fails ("error setting rlimit"). Those are this
# host's hard limits, except nproc, which podman 4.3 lowers to 32768 for itself at start (seen in
# /proc/PID/limits of `podman info`).
nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
[ "$nofile" = unlimited ] && nofile=1048576
{ [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ]; } && nproc=32768
as_root tee "$run_dir/containers.conf" >/dev/null <<CONF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]
netns = "none"
log_driver = "k8s-file"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$run_dir/tmp"
runtime = "runc"
CONF
as_root tee "$run_dir/storage.conf" >/dev/null <<CONF
[storage]
driver = "vfs"
runroot = "$run_dir/runroot"
graphroot = "$run_dir/storage"
CONF
export CONTAINERS_CONF="$run_dir/containers.conf" CONTAINERS_STORAGE_CONF="$run_dir/storage.conf"
export CONTAINER_HOST="unix://$sock"

answers() { [ -S "$sock" ] && as_root podman --url "$CONTAINER_HOST" version >/dev/null 2>&1; }
if ! answers; then
  log "starting podman system service on $sock"
  # Not with CONTAINER_HOST in its environment: podman reads it as an extra argument there.
  as_root env -u CONTAINER_HOST CONTAINERS_CONF="$CONTAINERS_CONF" CONTAINERS_STORAGE_CONF="$CONTAINERS_STORAGE_CONF" \
    sh -c "nohup podman system service --time=0 $CONTAINER_HOST >$run_dir/service.log 2>&1 & echo \$! >$run_dir/service.pid"
  for _ in $(seq 1 120); do
    answers && break
    kill -0 "$(cat "$run_dir/service.pid")" 2>/dev/null || break
    sleep 0.5
  done
  answers || { log "podman did not answer; see $run_dir/service.log"; tail -20 "$run_dir/service.log" >&2; exit 1; }
  as_root chmod 666 "$sock" 2>/dev/null || true
fi

if ! podman --url "$CONTAINER_HOST" image exists "$image" 2>/dev/null; then
  log "importing $image from busybox-static"
  tmp=$(mktemp -d)
  "$(dirname "$0")/test-rootfs.sh" "$tmp/rootfs.tar"
  podman --url "$CONTAINER_HOST" import "$tmp/rootfs.tar" "$image" >/dev/null
  rm -rf "$tmp"
fi

echo "export CONTAINER_HOST=$CONTAINER_HOST CONTAINERS_CONF=$CONTAINERS_CONF CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF"
