#!/usr/bin/env bash
# Makes a Docker engine available for the real-Docker tests.
#
# Idempotent: an engine that already answers `docker info` is reused untouched. Otherwise Debian's docker.io
# (plus docker-compose v1 and debootstrap, which scripts/ci/base-image.sh needs) is installed when missing and
# dockerd is started in the background. Sandboxes differ in what the kernel allows, so start-up walks a short
# ladder of configurations (overlay2 → overlay2 without iptables/bridge → vfs without iptables/bridge); the
# tests only use host networking, so losing the default bridge costs nothing.
#
# Environment:
#   ZIPS_DOCKERD_LOG      dockerd's log file            (default /var/log/zips-dockerd.log)
#   ZIPS_DOCKERD_TIMEOUT  seconds to wait per attempt   (default 30)
set -euo pipefail

log_file=${ZIPS_DOCKERD_LOG:-/var/log/zips-dockerd.log}
timeout_s=${ZIPS_DOCKERD_TIMEOUT:-30}

say() { printf 'docker-engine: %s\n' "$*" >&2; }

if docker info >/dev/null 2>&1; then
  say "reusing the running engine ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo unknown))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  say "no Docker engine answers and installing one needs root; run this script as root or start Docker yourself"
  exit 1
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]} from Debian"
  apt-get update -qq
  # policy-rc.d 101 keeps the package's init script from starting dockerd with defaults we do not control.
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=120 \
    --no-install-recommends "${missing[@]}" ca-certificates iptables >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi

# Waits until `docker info` answers or the dockerd with the given pid dies; returns non-zero on failure.
wait_for_engine() {
  local pid=$1 deadline=$((SECONDS + timeout_s))
  while [ "$SECONDS" -lt "$deadline" ]; do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# A dockerd that is already starting (say, from the docker.io package's init script) gets to finish: a second
# daemon would fail on its pid file.
if [ -s /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  say "dockerd (pid $(cat /var/run/docker.pid)) is already running; waiting for it to answer"
  if wait_for_engine "$(cat /var/run/docker.pid)"; then
    say "engine ready: $(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}')"
    exit 0
  fi
  say "that dockerd does not answer; see its log, or stop it and run this script again"
  exit 1
fi

attempts=(
  "--storage-driver=overlay2"
  "--storage-driver=overlay2 --iptables=false --ip6tables=false --bridge=none"
  "--storage-driver=vfs --iptables=false --ip6tables=false --bridge=none"
)
for flags in "${attempts[@]}"; do
  say "starting dockerd $flags (log: $log_file)"
  # setsid: the daemon outlives this script and the CI step; later runs reuse it.
  # shellcheck disable=SC2086 # flags are deliberately word-split
  setsid dockerd $flags >>"$log_file" 2>&1 </dev/null &
  pid=$!
  if wait_for_engine "$pid"; then
    say "engine ready: $(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}') with $flags"
    exit 0
  fi
  say "dockerd $flags did not come up; last log lines:"
  tail -n 5 "$log_file" >&2 || true
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  rm -f /var/run/docker.pid
done

say "could not start dockerd; see $log_file"
exit 1
