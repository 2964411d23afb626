#!/usr/bin/env bash
# Stops the Docker engine started by scripts/docker-up.sh (its containers first).
set -uo pipefail
run_dir=${VIPB_DOCKER_DIR:-/run/vipb-docker}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export DOCKER_HOST="unix://$run_dir/docker.sock"
if docker info >/dev/null 2>&1; then
  ids=$(docker ps -aq)
  [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
fi
if [ -f "$run_dir/dockerd.pid" ]; then
  pid=$(cat "$run_dir/dockerd.pid")
  as_root kill "$pid" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
fi
echo "docker-down: stopped" >&2
