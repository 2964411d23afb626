#!/usr/bin/env bash
# Stops the one-node Slurm cluster started by scripts/slurm-up.sh: its jobs first (scancel), then
# slurmd, slurmctld, slurmdbd and MariaDB (where accounting runs), and munged. The configuration and Slurm's state stay, so slurm-up.sh starts
# it again as it was.
set -uo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { echo "slurm-down: $*" >&2; }

if command -v scontrol >/dev/null 2>&1 && scontrol ping 2>/dev/null | grep -q UP; then
  jobs=$(squeue --noheader --format=%i 2>/dev/null | sort -u)
  if [ -n "$jobs" ]; then
    log "cancelling $(echo "$jobs" | wc -l) job(s)"
    # shellcheck disable=SC2086
    as_root scancel $jobs 2>/dev/null
  fi
fi

stop() { # stop NAME PIDFILE: TERM, then KILL after 5 s
  local pid
  pid=$(as_root cat "$2" 2>/dev/null) || return 0
  [ -n "$pid" ] && as_root kill -0 "$pid" 2>/dev/null || return 0
  as_root kill "$pid" 2>/dev/null
  for _ in $(seq 1 50); do as_root kill -0 "$pid" 2>/dev/null || { log "stopped $1"; return 0; }; sleep 0.1; done
  as_root kill -9 "$pid" 2>/dev/null
  log "killed $1"
}

for pid_file in /run/slurmd.pid /run/slurmd-*.pid; do
  [ -e "$pid_file" ] && stop "slurmd ($(basename "$pid_file" .pid))" "$pid_file"
done
stop slurmctld /run/slurmctld.pid
stop slurmdbd /run/slurmdbd.pid
stop mariadbd /run/mysqld/mysqld.pid
if [ "${1:-}" != --keep-munge ]; then
  stop munged /run/munge/munged.pid
fi
