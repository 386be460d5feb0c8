# Sourced by start.sh and stop.sh, not run: where the tools and the data dir
# are, and how to tell that a pid is this data dir's broker. The caller sets
# script_dir (this folder) first.

repo_root="$(cd "$script_dir/../.." && pwd)"
tools_dir="${SOFT_LANDING_TOOLS:-$repo_root/.tools}"
data_dir="${KAFKA_DATA_DIR:-$tools_dir/kafka-data}"

# A zombie still passes `kill -0`; a broker whose parent shell is gone may sit
# unreaped for a while under some process supervisors, so check the state too.
is_alive() {
  local pid="$1"
  kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]]
}

# Pids get reused; only trust a pid file if it points at *this* data dir's
# broker (start.sh puts the absolute config path on its command line), so we
# never report, or signal, an unrelated process.
is_our_broker() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  is_alive "$pid" || return 1
  local cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"kafka.Kafka $data_dir/server.properties"* ]]
}
