#!/bin/sh
# vip-boutiques job wrapper for DIRAC worker nodes (POSIX sh).
# Usage: vipb-wrapper.sh JOB_KEY   (run in the DIRAC job folder, beside the input sandbox)
# Fetches the job's grid inputs, runs the tool (in its container when the node has a runtime),
# uploads its outputs, and writes vipb-summary.json. Exit codes:
#   0 success, 70 setup, 71 input download, 72 tool, 73 output upload, 74 container runtime.
# Inputs land only in the run folder (vipb-run); the wrapper's own files (the command script
# included) stay outside it, where no input can replace them. Lists are one record a line with
# tab-separated fields, none of them empty ("-" stands for "none"): tab is IFS white space, so
# `read` would merge an empty field with the next one. Runs under dash, bash and busybox sh,
# with GNU or busybox tar.
KEY=$1
TOP=$(pwd)
LOG="$TOP/vipb-wrapper.log"
SUMMARY="$TOP/vipb-summary.json"
OUTTAR="$TOP/vipb-outputs.tar"
RUN="$TOP/vipb-run"
TAB=$(printf '\t')
NL='
'
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
TOOL_STARTED=
TOOL_EXIT=
TIMED_OUT=false
RUNTIME=host
MESSAGE=
INPUTS_JSON=
OUTPUTS_JSON=

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >>"$LOG"; }

# A JSON string; line breaks and tabs become spaces.
json() { printf '"%s"' "$(printf '%s' "$1" | tr '\n\r\t' '   ' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"; }

jsonOrNull() { if [ -n "$1" ]; then json "$1"; else printf 'null'; fi; }

finish() {
  code=$1
  class=$2
  [ -n "$3" ] && MESSAGE=$3
  if [ ! -f "$OUTTAR" ]; then
    mkdir -p "$TOP/.vipb-empty" && tar cf "$OUTTAR" -C "$TOP/.vipb-empty" . 2>>"$LOG"
  fi
  printf '{"key": %s, "class": %s, "wrapperExit": %s, "toolExit": %s, "timedOut": %s, "runtime": %s, "host": %s, "startedAt": %s, "toolStartedAt": %s, "finishedAt": %s, "message": %s, "inputs": [%s], "outputs": [%s]}\n' \
    "$(json "$KEY")" "$(json "$class")" "$code" "${TOOL_EXIT:-null}" "$TIMED_OUT" "$(json "$RUNTIME")" \
    "$(json "$(uname -n 2>/dev/null)")" "$(json "$STARTED")" "$(jsonOrNull "$TOOL_STARTED")" \
    "$(json "$(date -u +%Y-%m-%dT%H:%M:%SZ)")" "$(json "$MESSAGE")" "$INPUTS_JSON" "$OUTPUTS_JSON" >"$SUMMARY"
  log "exit $code ($class) $MESSAGE"
  exit "$code"
}

# --- setup ---------------------------------------------------------------------------------
[ -n "$KEY" ] || finish 70 setup "no job key given (usage: vipb-wrapper.sh JOB_KEY)"
case $KEY in *[!A-Za-z0-9_-]*) finish 70 setup "malformed job key";; esac
log "job $KEY on $(uname -n 2>/dev/null) in $TOP"
if [ ! -d "$TOP/vipb/$KEY" ]; then
  [ -f "$TOP/vipb-jobs.tar" ] || finish 70 setup "vipb-jobs.tar is missing from the input sandbox"
  # busybox tar extracts a folder's members too but exits 1 (no entry of that exact name): judge by the result.
  tar xf "$TOP/vipb-jobs.tar" "vipb/$KEY" >>"$LOG" 2>&1 || log "tar exited $? extracting vipb/$KEY"
  [ -d "$TOP/vipb/$KEY" ] || finish 70 setup "job $KEY is not in vipb-jobs.tar"
fi
JOB="$TOP/vipb/$KEY"
[ -f "$JOB/job.conf" ] || finish 70 setup "job.conf is missing for $KEY"
. "$JOB/job.conf"
rm -rf "$RUN" && mkdir -p "$RUN" || finish 70 setup "cannot create $RUN"
if [ -d "$JOB/files" ]; then
  cp -R "$JOB/files/." "$RUN/" || finish 70 setup "cannot copy the configuration files"
fi
[ -f "$JOB/command.sh" ] || finish 70 setup "command.sh is missing for $KEY"

# --- inputs: local files shipped in the sandbox, once per content (vipb/inputs/SHA256) ---------
if [ -s "$JOB/shipped.lst" ]; then
  while IFS="$TAB" read -r sha local; do
    [ -n "$local" ] || continue
    case $local in /*|../*|*/../*) finish 70 setup "shipped input path $local leaves the run folder";; esac
    if [ "$sha" = - ]; then
      mkdir -p "$RUN/$local" || finish 70 setup "cannot create the shipped folder $local"
      continue
    fi
    if [ ! -f "$TOP/vipb/inputs/$sha" ]; then
      tar xf "$TOP/vipb-jobs.tar" "vipb/inputs/$sha" >>"$LOG" 2>&1 \
        || finish 70 setup "the shipped input $local is not in vipb-jobs.tar"
    fi
    # Named by its SHA-256: a damaged sandbox is caught here, not in the tool's results.
    if command -v sha256sum >/dev/null 2>&1; then
      got=$(sha256sum <"$TOP/vipb/inputs/$sha" | cut -d' ' -f1)
      [ "$got" = "$sha" ] || finish 70 setup "the shipped input $local arrived damaged (SHA-256 $got, not $sha)"
    fi
    mkdir -p "$(dirname "$RUN/$local")"
    cp "$TOP/vipb/inputs/$sha" "$RUN/$local" || finish 70 setup "cannot copy the shipped input $local"
    log "shipped input $local"
  done <"$JOB/shipped.lst"
fi

# --- inputs: grid files ----------------------------------------------------------------------
if [ -s "$JOB/inputs.lst" ]; then
  while IFS="$TAB" read -r lfn local; do
    [ -n "$lfn" ] || continue
    base=${lfn##*/}
    dest="$RUN/$local"
    mkdir -p "$(dirname "$dest")"
    if [ -f "$TOP/$base" ]; then
      # DIRAC's input data resolution already put it here.
      cp "$TOP/$base" "$dest" || finish 71 download "cannot copy $base"
    else
      rm -rf "$TOP/.vipb-dl" && mkdir -p "$TOP/.vipb-dl"
      log "dirac-dms-get-file $lfn"
      if (cd "$TOP/.vipb-dl" && dirac-dms-get-file "$lfn") </dev/null >>"$LOG" 2>&1 && [ -f "$TOP/.vipb-dl/$base" ]; then
        mv "$TOP/.vipb-dl/$base" "$dest" || finish 71 download "cannot move $base"
      else
        finish 71 download "cannot download $lfn (dirac-dms-get-file failed; see vipb-wrapper.log)"
      fi
    fi
    INPUTS_JSON="$INPUTS_JSON${INPUTS_JSON:+, }{\"lfn\": $(json "$lfn"), \"local\": $(json "$local")}"
  done <"$JOB/inputs.lst"
fi

# --- the tool ------------------------------------------------------------------------------
gpuWanted() {
  [ "$VIPB_GPU" = required ] && return 0
  [ "$VIPB_GPU" = preferred ] && command -v nvidia-smi >/dev/null 2>&1
}

RUNTIME=host
if [ -n "$VIPB_IMAGE" ] && [ "$VIPB_CONTAINER" != none ]; then
  if { [ "$VIPB_CONTAINER" = auto ] || [ "$VIPB_CONTAINER" = docker ]; } && [ "$VIPB_IMAGE_TYPE" = docker ] \
      && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    RUNTIME=docker
  else
    for c in apptainer singularity; do
      if { [ "$VIPB_CONTAINER" = auto ] || [ "$VIPB_CONTAINER" = "$c" ]; } && command -v "$c" >/dev/null 2>&1; then
        RUNTIME=$c
        break
      fi
    done
  fi
  if [ "$RUNTIME" = host ]; then
    [ "$VIPB_CONTAINER" = auto ] || finish 74 container "$VIPB_CONTAINER is not available on $(uname -n 2>/dev/null)"
    log "no container runtime on this node: running on the host"
  fi
fi

# The container options are one word a line (job.conf): split at line breaks only, never globbed.
set -f
case $RUNTIME in
  docker)
    if ! docker image inspect "$VIPB_IMAGE" >/dev/null 2>&1; then
      docker pull "$VIPB_IMAGE" >>"$LOG" 2>&1 || finish 74 container "cannot pull $VIPB_IMAGE"
    fi
    set -- docker run --rm -v "$RUN:$RUN" -v "$JOB:$JOB:ro" -w "$RUN" --user "$(id -u):$(id -g)"
    if gpuWanted; then set -- "$@" --gpus "$VIPB_GPU_COUNT"; fi
    IFS=$NL
    set -- "$@" $VIPB_DOCKER_OPTS --entrypoint "$VIPB_SHELL" "$VIPB_IMAGE" "$JOB/command.sh"
    ;;
  apptainer|singularity)
    case $VIPB_IMAGE in
      *://*|/*|*.sif|*.simg) ref=$VIPB_IMAGE ;;
      *) if [ "$VIPB_IMAGE_TYPE" = docker ] || [ -z "$VIPB_IMAGE_INDEX" ]; then ref="docker://$VIPB_IMAGE"; else ref="$VIPB_IMAGE_INDEX$VIPB_IMAGE"; fi ;;
    esac
    set -- "$RUNTIME" exec --bind "$RUN" --bind "$JOB" --pwd "$RUN"
    if gpuWanted; then set -- "$@" --nv; fi
    IFS=$NL
    set -- "$@" $VIPB_APPTAINER_OPTS "$ref" "$VIPB_SHELL" "$JOB/command.sh"
    ;;
  *)
    set -- "$VIPB_SHELL" "$JOB/command.sh"
    ;;
esac
set +f
IFS=" $TAB$NL"
if [ -n "$VIPB_TIMEOUT" ] && command -v timeout >/dev/null 2>&1; then
  set -- timeout "$VIPB_TIMEOUT" "$@"
fi
log "running ($RUNTIME): $*"
TOOL_STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
(cd "$RUN" && exec "$@") </dev/null
TOOL_EXIT=$?
log "the tool exited with code $TOOL_EXIT"
if [ "$RUNTIME" = docker ] && [ "$TOOL_EXIT" = 125 ]; then
  finish 74 container "docker could not run the container (exit 125)"
fi
if [ "$TOOL_EXIT" = 124 ] && [ -n "$VIPB_TIMEOUT" ]; then
  TIMED_OUT=true
fi

# --- outputs -------------------------------------------------------------------------------
FOUND="$TOP/.vipb-found"
: >"$FOUND"
UPLOAD_FAILED=
TOTAL=0
if [ -s "$JOB/outputs.lst" ]; then
  while IFS="$TAB" read -r id optional pattern; do
    [ -n "$id" ] || continue
    cd "$RUN" || break
    IFS=$NL
    for f in $pattern; do
      IFS=$NL
      [ -e "$f" ] || continue
      rel=${f#./}
      # Only paths under the run folder, never the folder itself: "", ".", "..", "a/../b" are skipped.
      case /$rel/ in //|*/./*|*/../*) log "output $id: skipped the path \"$rel\" (not under the run folder)"; continue;; esac
      case $rel in *"$TAB"*|*"$NL"*) log "output $id: skipped a path with a tab or line break"; continue;; esac
      if [ -d "$f" ]; then
        size=$(du -sk "$f" | cut -f1)
        size=$((size * 1024))
      else
        size=$(wc -c <"$f" | tr -d ' ')
      fi
      TOTAL=$((TOTAL + size))
      lfn=
      if [ -n "$VIPB_OUTPUT_SE" ] && [ "$TOOL_EXIT" = 0 ]; then
        lfn="$VIPB_OUTPUT_PATH/$KEY/$rel"
        file="$RUN/$rel"
        if [ -d "$f" ]; then
          lfn="$lfn.tar"
          file="$TOP/.vipb-upload.tar"
          tar cf "$file" -C "$RUN" "./$rel" 2>>"$LOG"
        fi
        log "dirac-dms-add-file $lfn $VIPB_OUTPUT_SE"
        if ! dirac-dms-add-file "$lfn" "$file" "$VIPB_OUTPUT_SE" </dev/null >>"$LOG" 2>&1; then
          UPLOAD_FAILED="$UPLOAD_FAILED $rel"
          lfn=
        fi
      fi
      printf '%s\t%s\t%s\t%s\n' "$id" "$size" "${lfn:--}" "$rel" >>"$FOUND"
    done
    IFS=" $TAB$NL"
    cd "$TOP" || break
  done <"$JOB/outputs.lst"
fi

INSANDBOX=true
if [ -n "$VIPB_OUTPUT_SE" ] && [ "$TOTAL" -gt "${VIPB_SANDBOX_LIMIT:-0}" ]; then
  INSANDBOX=false
fi
# Each path once, and none inside another one packed: GNU tar would store a repeat as a hard link.
set --
PACKED=
while IFS="$TAB" read -r id size lfn rel; do
  [ -n "$id" ] && [ -n "$rel" ] || continue
  [ "$lfn" = - ] && lfn=
  if [ "$INSANDBOX" = true ]; then
    covered=
    set -f
    IFS=$NL
    for p in $PACKED; do
      case $rel in "$p"|"$p"/*) covered=yes; break;; esac
    done
    IFS=" $TAB$NL"
    set +f
    if [ -z "$covered" ]; then
      set -- "$@" "./$rel"
      PACKED="$PACKED$rel$NL"
    fi
  fi
  OUTPUTS_JSON="$OUTPUTS_JSON${OUTPUTS_JSON:+, }{\"id\": $(json "$id"), \"path\": $(json "$rel"), \"size\": $size, \"lfn\": $(jsonOrNull "$lfn"), \"inSandbox\": $INSANDBOX}"
done <"$FOUND"
if [ $# -gt 0 ]; then
  tar cf "$OUTTAR" -C "$RUN" "$@" 2>>"$LOG" || log "cannot pack the outputs for the output sandbox"
fi

if [ "$TOOL_EXIT" != 0 ]; then
  if [ "$TIMED_OUT" = true ]; then
    finish 72 tool "the tool timed out after ${VIPB_TIMEOUT}s"
  fi
  finish 72 tool "the tool exited with code $TOOL_EXIT"
fi
if [ -n "$UPLOAD_FAILED" ]; then
  finish 73 upload "cannot upload to $VIPB_OUTPUT_SE:$UPLOAD_FAILED (dirac-dms-add-file failed; see vipb-wrapper.log)"
fi
finish 0 ok ""
