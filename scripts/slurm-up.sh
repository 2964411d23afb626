#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine for vip-boutiques' tests and for developers:
# Debian's slurm-wlm and munge, a slurm.conf written for this host (its hostname, cores and
# memory as `slurmd -C` reports them), tuned so that jobs start within a second or two, then
# munged, slurmctld and slurmd. Returns once `sinfo` shows the node idle.
#
#   scripts/slurm-up.sh            # then: sbatch --wrap 'hostname'; squeue; sinfo
#   mvn -pl vip-boutiques-slurm test
#   scripts/slurm-down.sh
#
# Idempotent: daemons already running are left alone; the configuration is rewritten only when it
# changed (then the daemons are restarted to read it). Needs root (or sudo).
#
# Accounting is off by default: a test cluster needs no database, and the vip-boutiques executor
# works without it (it reads states from squeue/scontrol and exit codes from the job folder), so
# `sacct` answers "accounting storage is disabled". VIPB_SLURM_ACCOUNTING=1 turns it on: Debian's
# mariadb-server and slurmdbd, a local database (socket only, no network), slurmdbd, and the
# cluster registered; then `sacct` answers for every job, as on a production cluster.
#
# Environment:
#   VIPB_SLURM_CONF      where to write the configuration (default /etc/slurm/slurm.conf)
#   VIPB_SLURM_CPUS      CPUs to declare instead of the detected ones (e.g. to run more jobs at
#                        once on a small machine; Slurm then oversubscribes the real cores)
#   VIPB_SLURM_KEEP_CONF 1 to never rewrite an existing configuration (a developer's own)
#   VIPB_SLURM_ACCOUNTING 1 to keep accounting (slurmdbd + MariaDB), as above
#   VIPB_SLURM_NODES     nodes to make of this machine (default 1): with N > 1, N slurmd daemons
#                        (nodes <host>-1 ... <host>-N, each its own port, pid file and spool), so
#                        that multi-node jobs, srun across nodes and one node failing can be tried
set -euo pipefail
accounting=${VIPB_SLURM_ACCOUNTING:-0}
nodes=${VIPB_SLURM_NODES:-1}
case "$nodes" in
  [1-8]) ;;
  *) echo "slurm-up: VIPB_SLURM_NODES must be 1 to 8, not $nodes" >&2; exit 2 ;;
esac
conf=${VIPB_SLURM_CONF:-/etc/slurm/slurm.conf}
log_dir=/var/log/slurm
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { echo "slurm-up: $*" >&2; }

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
    || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  log "installing slurm-wlm and munge (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq slurm-wlm munge >/dev/null
fi
if [ "$accounting" = 1 ] && { ! command -v slurmdbd >/dev/null 2>&1 || ! command -v mariadbd >/dev/null 2>&1; }; then
  log "installing slurmdbd and mariadb-server (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >/dev/null
  as_root apt-get install -y -qq slurmdbd mariadb-server >/dev/null
fi
# Debian's packages start their services on systemd machines; here we start them ourselves, and
# a service started by systemd is reused below (its pid file is the same).

host=$(hostname -s)
# `slurmd -C` prints this node's line as slurmd will register it (CPUs, sockets, cores, threads,
# RealMemory in MiB); declaring more than it finds would mark the node invalid.
node_line=$(slurmd -C | head -1)
case "$node_line" in
  NodeName=*) ;;
  *) log "slurmd -C did not describe this node: $node_line"; exit 1 ;;
esac
if [ -n "${VIPB_SLURM_CPUS:-}" ]; then
  mem=$(echo "$node_line" | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
  node_line="NodeName=$host CPUs=$VIPB_SLURM_CPUS RealMemory=$mem"
fi
node_line="$(echo "$node_line" | sed "s/^NodeName=[^ ]*/NodeName=$host/") State=UNKNOWN"

# Jobs that say nothing of memory get this much per CPU (rather than the whole node, which would
# run them one at a time).
cpus=$(echo "$node_line" | sed -n 's/.*CPUs=\([0-9]*\).*/\1/p')
mem=$(echo "$node_line" | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p')
def_mem=$(( mem / (cpus > 0 ? cpus : 1) ))
[ "$def_mem" -gt 1024 ] && def_mem=1024

slurm_user=slurm
id slurm >/dev/null 2>&1 || slurm_user=root

# One node: this host, as slurmd -C describes it. Several: <host>-1 ... <host>-N, all on this host
# (Debian's slurmd runs one daemon per node name, `slurmd -N NAME`), sharing its memory.
node_names=$host
slurmd_pid=/run/slurmd.pid
slurmd_files="SlurmdPidFile=/run/slurmd.pid
SlurmdSpoolDir=/var/lib/slurm/slurmd"
slurmd_log=$log_dir/slurmd.log
node_lines=$node_line
if [ "$nodes" -gt 1 ]; then
  node_names=$(seq -f "$host-%g" 1 "$nodes" | tr '\n' ' ' | sed 's/ $//')
  slurmd_pid=/run/slurmd-%n.pid
  slurmd_files="SlurmdPidFile=/run/slurmd-%n.pid
SlurmdSpoolDir=/var/lib/slurm/slurmd-%n"
  slurmd_log=$log_dir/slurmd-%n.log
  node_lines=
  i=0
  for name in $node_names; do
    i=$((i + 1))
    line=$(echo "$node_line" | sed "s/^NodeName=[^ ]*/NodeName=$name NodeHostname=$host NodeAddr=127.0.0.1 Port=$((17000 + i))/; s/RealMemory=[0-9]*/RealMemory=$((mem / nodes))/")
    node_lines="$node_lines$line
"
  done
  def_mem=$(( mem / nodes / (cpus > 0 ? cpus : 1) ))
  [ "$def_mem" -gt 1024 ] && def_mem=1024
fi

if [ "$accounting" = 1 ]; then
  storage_lines="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost"
else
  storage_lines="AccountingStorageType=accounting_storage/none"
fi

new_conf=$(mktemp)
trap 'rm -f "$new_conf"' EXIT
cat >"$new_conf" <<EOF
# Written by vip-boutiques scripts/slurm-up.sh for a one-node test cluster on $host.
ClusterName=vipb
SlurmctldHost=$host
SlurmUser=$slurm_user
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
# No cgroups in containers and small VMs: processes are tracked by their parentage.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
$storage_lines
JobCompType=jobcomp/none
SlurmctldPidFile=/run/slurmctld.pid
$slurmd_files
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmctldLogFile=$log_dir/slurmctld.log
SlurmdLogFile=$slurmd_log
SlurmctldDebug=info
SlurmdDebug=info
# Schedule at once: the main scheduler runs at each submission and completion and every second,
# backfill every second, and batch jobs are not held back to be started in bulk.
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1,batch_sched_delay=0,sched_min_interval=0,bf_interval=1,default_queue_depth=1000
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$def_mem
# Ended jobs stay visible to squeue/scontrol for an hour (the default is 5 minutes); enough room
# for many benchmark runs.
MinJobAge=3600
MaxJobCount=50000
MaxArraySize=10001
# A cancelled or timed-out job gets SIGKILL 5 s after SIGTERM; no grace beyond --time.
KillWait=5
OverTimeLimit=0
# A node whose slurmd stops answering is marked DOWN after 30 s, its jobs end NODE_FAIL and are not
# requeued; it comes back by itself when slurmd registers again.
SlurmdTimeout=30
SlurmctldTimeout=30
MessageTimeout=10
JobRequeue=0
ReturnToService=2
InactiveLimit=0
$node_lines
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF

changed=0
if [ -f "$conf" ] && [ "${VIPB_SLURM_KEEP_CONF:-0}" = 1 ]; then
  log "keeping the existing $conf"
elif [ ! -f "$conf" ] || ! cmp -s "$new_conf" "$conf"; then
  log "writing $conf ($nodes node(s): $node_names)"
  as_root mkdir -p "$(dirname "$conf")"
  as_root cp "$new_conf" "$conf"
  as_root chmod 644 "$conf"
  changed=1
fi
export SLURM_CONF=$conf

as_root mkdir -p /var/lib/slurm/slurmctld /var/lib/slurm/slurmd "$log_dir" /run/munge /var/lib/munge /var/log/munge
as_root chown "$slurm_user:" /var/lib/slurm/slurmctld "$log_dir"
if id munge >/dev/null 2>&1; then
  as_root chown munge: /run/munge /var/lib/munge /var/log/munge
  as_root chmod 755 /run/munge
fi

alive() { # alive PIDFILE: whether the process it names runs
  local pid
  pid=$(as_root cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && as_root kill -0 "$pid" 2>/dev/null
}

stop_daemon() { # stop_daemon PIDFILE
  local pid
  pid=$(as_root cat "$1" 2>/dev/null) || return 0
  as_root kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do as_root kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  as_root kill -9 "$pid" 2>/dev/null || true
}

if [ ! -S /run/munge/munge.socket.2 ] || ! munge -n </dev/null >/dev/null 2>&1; then
  log "starting munged"
  if [ ! -s /etc/munge/munge.key ]; then
    as_root sh -c 'dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null'
    as_root chown munge: /etc/munge/munge.key
    as_root chmod 400 /etc/munge/munge.key
  fi
  if id munge >/dev/null 2>&1; then
    as_root runuser -u munge -- /usr/sbin/munged
  else
    as_root /usr/sbin/munged --force
  fi
  for _ in $(seq 1 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n </dev/null | unmunge >/dev/null || { log "munged does not answer"; exit 1; }
fi

if [ "$changed" = 1 ]; then
  for pid_file in /run/slurmd.pid /run/slurmd-*.pid; do [ -e "$pid_file" ] && stop_daemon "$pid_file"; done
  stop_daemon /run/slurmctld.pid
fi

if [ "$accounting" = 1 ]; then
  # MariaDB on its socket only; the accounting database and its user made once.
  if ! as_root mariadb -e 'SELECT 1' >/dev/null 2>&1; then
    log "starting mariadbd (log: /var/log/mysql/error.log)"
    [ -d /var/lib/mysql/mysql ] || as_root mariadb-install-db --user=mysql >/dev/null
    as_root mkdir -p /run/mysqld /var/log/mysql
    as_root chown mysql: /run/mysqld /var/log/mysql
    as_root runuser -u mysql -- /usr/sbin/mariadbd --skip-networking --socket=/run/mysqld/mysqld.sock \
      --pid-file=/run/mysqld/mysqld.pid --log-error=/var/log/mysql/error.log \
      --innodb-buffer-pool-size=1G --innodb-lock-wait-timeout=900 >/dev/null 2>&1 &
    for _ in $(seq 1 100); do as_root mariadb -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
    as_root mariadb -e 'SELECT 1' >/dev/null || { log "mariadbd does not answer; see /var/log/mysql/error.log"; exit 1; }
  fi
  as_root mariadb -e "CREATE DATABASE IF NOT EXISTS slurm_acct_db;
    CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY 'vipb-test';
    GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';"
  dbd_conf=$(dirname "$conf")/slurmdbd.conf
  new_dbd=$(mktemp)
  cat >"$new_dbd" <<DBD
# Written by vip-boutiques scripts/slurm-up.sh: accounting for the one-node test cluster.
AuthType=auth/munge
DbdHost=localhost
SlurmUser=$slurm_user
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=slurm
StoragePass=vipb-test
StorageLoc=slurm_acct_db
PidFile=/run/slurmdbd.pid
LogFile=$log_dir/slurmdbd.log
DebugLevel=info
DBD
  if ! as_root cmp -s "$new_dbd" "$dbd_conf"; then
    as_root cp "$new_dbd" "$dbd_conf"
    stop_daemon /run/slurmdbd.pid
  fi
  rm -f "$new_dbd"
  # slurmdbd refuses a configuration others can read (it holds the database password).
  as_root chown "$slurm_user:" "$dbd_conf"
  as_root chmod 600 "$dbd_conf"
  if ! alive /run/slurmdbd.pid; then
    log "starting slurmdbd (log: $log_dir/slurmdbd.log)"
    as_root /usr/sbin/slurmdbd
  fi
  for _ in $(seq 1 100); do sacctmgr --noheader --parsable2 show cluster >/dev/null 2>&1 && break; sleep 0.2; done
  sacctmgr --noheader --parsable2 show cluster >/dev/null \
    || { log "slurmdbd does not answer; see $log_dir/slurmdbd.log"; as_root tail -20 "$log_dir/slurmdbd.log" >&2; exit 1; }
  if ! sacctmgr --noheader --parsable2 show cluster format=cluster | grep -qx vipb; then
    as_root sacctmgr --immediate add cluster vipb >/dev/null
  fi
fi
if ! alive /run/slurmctld.pid; then
  log "starting slurmctld (log: $log_dir/slurmctld.log)"
  # -i: ignore state saved by an earlier configuration that no longer fits (a renamed node).
  as_root /usr/sbin/slurmctld -f "$conf" -i
fi
for _ in $(seq 1 100); do scontrol ping 2>/dev/null | grep -q UP && break; sleep 0.2; done
scontrol ping | grep -q UP || { log "slurmctld does not answer; see $log_dir/slurmctld.log"; as_root tail -20 "$log_dir/slurmctld.log" >&2; exit 1; }
for name in $node_names; do
  if ! alive "${slurmd_pid//%n/$name}"; then
    log "starting slurmd for $name (log: ${slurmd_log//%n/$name})"
    if [ "$nodes" -gt 1 ]; then
      as_root /usr/sbin/slurmd -f "$conf" -N "$name"
    else
      as_root /usr/sbin/slurmd -f "$conf"
    fi
  fi
done

# A node is idle once its slurmd registered; a node left DOWN by an earlier run is resumed.
for name in $node_names; do
  state=
  for _ in $(seq 1 150); do
    state=$(sinfo -h -N -n "$name" -o '%T' 2>/dev/null | head -1)
    case "$state" in
      idle|mixed|allocated|completing) break ;;
      down*|drain*|fail*) as_root scontrol update NodeName="$name" State=RESUME 2>/dev/null || true ;;
    esac
    sleep 0.2
  done
  case "$state" in
    idle|mixed|allocated|completing) ;;
    *) log "the node $name is \"$state\", not idle; see ${slurmd_log//%n/$name} and $log_dir/slurmctld.log"
       sinfo -N -l >&2 || true
       exit 1 ;;
  esac
done

cat >&2 <<EOF
slurm-up: cluster "vipb" up on $host, $nodes node(s) ($node_names): $(echo "$node_line" | sed 's/^NodeName=[^ ]* //; s/ State=UNKNOWN//')
  try:    sbatch --wrap 'hostname'; squeue; sinfo
  tests:  cd $(cd "$(dirname "$0")/.." && pwd) && mvn -pl vip-boutiques-slurm test   (VIPB_REQUIRE_SLURM=1 to fail rather than skip)
  stop:   scripts/slurm-down.sh
  config: $conf; logs: $log_dir/
  accounting: $([ "$accounting" = 1 ] && echo "slurmdbd + MariaDB (sacct answers)" || echo "off (VIPB_SLURM_ACCOUNTING=1 turns it on)")
EOF
if [ "$conf" != /etc/slurm/slurm.conf ]; then
  echo "export SLURM_CONF=$conf"
fi
