#!/usr/bin/env bash
# Stops the broker started by start.sh (found via <data dir>/kafka.pid).
# Safe to run when nothing is running. KAFKA_DATA_DIR / SOFT_LANDING_TOOLS must
# match what start.sh used; KAFKA_STOP_TIMEOUT (default 30 s) bounds the
# graceful shutdown before SIGKILL.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=infra/kafka/broker.sh
source "$script_dir/broker.sh"
timeout_s="${KAFKA_STOP_TIMEOUT:-30}"
# start.sh records the absolute path in the broker's command line; match it.
[[ -d "$data_dir" ]] && data_dir="$(cd "$data_dir" && pwd)"
pid_file="$data_dir/kafka.pid"

if [[ ! -f "$pid_file" ]]; then
  echo "kafka: not running (no $pid_file)"
  exit 0
fi
pid="$(cat "$pid_file" 2>/dev/null || true)"

if ! is_our_broker "$pid"; then
  echo "kafka: not running (stale pid file, pid '$pid'); removed it"
  rm -f "$pid_file"
  exit 0
fi

# TERM first: Kafka then does a controlled shutdown and flushes its logs, so
# the next start does not need log recovery.
kill -TERM "$pid" 2>/dev/null || true
start_s=$SECONDS
while is_alive "$pid" && ((SECONDS - start_s < timeout_s)); do
  sleep 0.2
done
if is_alive "$pid"; then
  echo "kafka: pid $pid still alive after ${timeout_s}s, sending KILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do is_alive "$pid" || break; sleep 0.1; done
  if is_alive "$pid"; then
    echo "kafka: could not kill pid $pid" >&2
    exit 1
  fi
fi
rm -f "$pid_file"
echo "kafka: stopped pid $pid after $((SECONDS - start_s))s"
