#!/usr/bin/env bash
# Stops the Podman service started by scripts/podman-up.sh (its containers first).
set -uo pipefail
run_dir=${VIPB_PODMAN_DIR:-/run/vipb-podman}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
sock="$run_dir/podman.sock"
if [ -S "$sock" ]; then
  ids=$(podman --url "unix://$sock" ps -aq 2>/dev/null)
  [ -n "$ids" ] && podman --url "unix://$sock" rm -f $ids >/dev/null 2>&1
fi
if [ -f "$run_dir/service.pid" ]; then
  pid=$(cat "$run_dir/service.pid")
  as_root kill "$pid" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  as_root rm -f "$run_dir/service.pid" "$sock"
fi
echo "podman-down: stopped" >&2
