#!/usr/bin/env bash
# Starts a Docker engine for vip-boutiques' tests on a machine where none runs: Debian's docker.io,
# dockerd on a private socket (no iptables, no bridge, vfs storage: works in unprivileged VMs and
# CI sandboxes), and a test image imported from busybox-static (no registry is needed).
#
#   scripts/docker-up.sh          # prints: export DOCKER_HOST=unix:///run/vipb-docker/docker.sock
#   eval "$(scripts/docker-up.sh)"
#   scripts/docker-down.sh
#
# Idempotent: an engine already answering on the socket is reused.
set -euo pipefail
run_dir=${VIPB_DOCKER_DIR:-/run/vipb-docker}
sock="$run_dir/docker.sock"
image=${VIPB_TEST_IMAGE:-vipb-busybox:latest}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { echo "docker-up: $*" >&2; }

if ! command -v dockerd >/dev/null 2>&1 || ! dpkg -s busybox-static >/dev/null 2>&1; then
  log "installing docker.io and busybox-static"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq docker.io busybox-static >/dev/null
fi

export DOCKER_HOST="unix://$sock"
if ! docker info >/dev/null 2>&1; then
  as_root mkdir -p "$run_dir/data" "$run_dir/exec"
  log "starting dockerd on $sock"
  as_root sh -c "nohup dockerd --host=$DOCKER_HOST --data-root=$run_dir/data --exec-root=$run_dir/exec \
    --pidfile=$run_dir/dockerd.pid --iptables=false --ip6tables=false --bridge=none --storage-driver=vfs \
    >$run_dir/dockerd.log 2>&1 &"
  for _ in $(seq 1 120); do
    docker info >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not answer; see $run_dir/dockerd.log"; tail -20 "$run_dir/dockerd.log" >&2; exit 1; }
  as_root chmod 666 "$sock" 2>/dev/null || true
fi

if ! docker image inspect "$image" >/dev/null 2>&1; then
  log "importing $image from busybox-static"
  tmp=$(mktemp -d)
  "$(dirname "$0")/test-rootfs.sh" "$tmp/rootfs.tar"
  docker import "$tmp/rootfs.tar" "$image" >/dev/null
  rm -rf "$tmp"
fi

echo "export DOCKER_HOST=$DOCKER_HOST"
