#!/usr/bin/env bash
# A private Docker daemon (Debian's docker.io) for the docker test, next to anything else on
# the machine: its own data root, exec root, socket and pid file, no bridge and no iptables
# rules (the test's containers use the host's network), its own containerd namespaces.
#
#   .ci/dockerd.sh start   # starts it unless it already answers; prints the DOCKER_HOST to use
#   .ci/dockerd.sh stop    # stops it (and the containerd it supervises)
#   .ci/dockerd.sh status  # prints running or stopped
#
# The data root stays after stop: it caches the test's base images and Maven repository
# between runs on the same machine.
set -euo pipefail

DATA_ROOT=/var/lib/taskneurons-ci/docker
EXEC_ROOT=/run/taskneurons-ci/docker
SOCKET=/run/taskneurons-ci/docker.sock
PIDFILE=/run/taskneurons-ci/dockerd.pid
LOG=/var/lib/taskneurons-ci/dockerd.log
export DOCKER_HOST="unix://$SOCKET"

answers() {
  /usr/bin/docker version >/dev/null 2>&1
}

running_pid() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && cat "$PIDFILE"
}

case "${1:-}" in
  start)
    if ! answers; then
      mkdir -p "$DATA_ROOT" "$EXEC_ROOT"
      # A daemon of ours that stopped answering (or a stale pid file) is replaced.
      if pid=$(running_pid); then
        kill "$pid"
        while kill -0 "$pid" 2>/dev/null; do sleep 1; done
      fi
      setsid /usr/sbin/dockerd --data-root "$DATA_ROOT" --exec-root "$EXEC_ROOT" --host "$DOCKER_HOST" \
        --pidfile "$PIDFILE" --bridge=none --iptables=false --ip-masq=false \
        --containerd-namespace taskneurons-ci --containerd-plugins-namespace taskneurons-ci-plugins \
        --log-level warn </dev/null >>"$LOG" 2>&1 &
      tries=0
      until answers; do
        tries=$((tries + 1))
        if [ "$tries" -ge 60 ]; then
          echo "dockerd.sh: dockerd did not answer at $DOCKER_HOST within 60 s; its log:" >&2
          tail -n 30 "$LOG" >&2
          exit 1
        fi
        sleep 1
      done
    fi
    echo "$DOCKER_HOST"
    ;;
  stop)
    if pid=$(running_pid); then
      kill "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 1; done
    fi
    ;;
  status)
    if answers; then echo running; else echo stopped; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
