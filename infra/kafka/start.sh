#!/usr/bin/env bash
# Starts a single-node Kafka (KRaft, combined broker+controller) in the
# background for local runs and tests, and returns only once it serves clients.
#
#   KAFKA_PORT           client port (default 9092); the controller listens on
#                        KAFKA_CONTROLLER_PORT (default KAFKA_PORT+1)
#   KAFKA_DATA_DIR       data/log dir (default <tools>/kafka-data); holds
#                        kafka.pid and kafka.log
#   KAFKA_START_TIMEOUT  seconds to wait for readiness (default 60)
#   KAFKA_HEAP_OPTS      JVM heap flags (default -Xms256m -Xmx512m)
#   KAFKA_SECURITY       plaintext (default) or sasl_ssl: the client port is
#                        then a SASL_SSL listener (SCRAM-SHA-512) with a CA
#                        and broker certificate made by keytool on first start
#                        (SAN 127.0.0.1, localhost) and one SCRAM user,
#                        soft-landing, with a random password. The data dir
#                        then holds ca.pem, sasl-password and client.env (the
#                        KAFKA_SSL/KAFKA_SASL_* settings of services/shared/
#                        kafkaSettings.ts that reach it). A data dir keeps the
#                        mode it was formatted in.
#
# Last line of stdout on success: KAFKA_BROKERS=127.0.0.1:<port>, so callers
# can `eval "$(infra/kafka/start.sh | tail -n1)"` / parse it. In sasl_ssl mode
# the lines of client.env come just before it (the password as a file).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=infra/kafka/broker.sh
source "$script_dir/broker.sh"

port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
timeout_s="${KAFKA_START_TIMEOUT:-60}"
heap_opts="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
security="${KAFKA_SECURITY:-plaintext}"

die() { echo "kafka start: $*" >&2; exit 1; }

[[ "$port" =~ ^[0-9]+$ && "$controller_port" =~ ^[0-9]+$ ]] || die "KAFKA_PORT/KAFKA_CONTROLLER_PORT must be numbers"
[[ "$port" != "$controller_port" ]] || die "client and controller ports must differ ($port)"
[[ "$security" == plaintext || "$security" == sasl_ssl ]] || die "KAFKA_SECURITY must be plaintext or sasl_ssl, got '$security'"

# Cheap when already cached (no JVM, no Maven), so always run it: a fresh
# checkout or CI machine then needs nothing but this one script.
"$script_dir/provision.sh" >&2
version="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$script_dir/pom.xml" | head -n1)"
lib_dir="$tools_dir/kafka/$version/lib"

mkdir -p "$data_dir"
data_dir="$(cd "$data_dir" && pwd)"   # absolute: it ends up in configs and cmdlines
pid_file="$data_dir/kafka.pid"
log_file="$data_dir/kafka.log"
config="$data_dir/server.properties"
ports_file="$data_dir/ports"
security_file="$data_dir/security"
brokers="127.0.0.1:$port"

# A data dir formatted without SCRAM credentials cannot serve a SASL listener,
# and one with them should not quietly become a plaintext broker.
if [[ -f "$data_dir/logs/meta.properties" ]]; then
  formatted_as="$(cat "$security_file" 2>/dev/null || echo plaintext)"
  [[ "$formatted_as" == "$security" ]] \
    || die "$data_dir was formatted for KAFKA_SECURITY=$formatted_as, not $security; use another KAFKA_DATA_DIR"
fi

# --- TLS material and SCRAM credentials (sasl_ssl, first start only) ----------
tls_dir="$data_dir/tls"
ca_pem="$data_dir/ca.pem"
sasl_user="soft-landing"
sasl_password_file="$data_dir/sasl-password"
client_env="$data_dir/client.env"
if [[ "$security" == sasl_ssl ]]; then
  command -v keytool >/dev/null 2>&1 || die "keytool not found on PATH (it ships with the Java 17+ that Kafka needs)"
  if [[ ! -f "$tls_dir/broker.p12" || ! -f "$ca_pem" || ! -s "$sasl_password_file" ]]; then
    [[ ! -f "$data_dir/logs/meta.properties" ]] \
      || die "$data_dir is formatted but its TLS material or SCRAM password is gone; use another KAFKA_DATA_DIR"
    tls_start_s=$SECONDS
    rm -rf "$tls_dir"
    mkdir -p "$tls_dir"
    chmod 700 "$tls_dir"
    # Letters and digits only: both end up unquoted in --add-scram and in a JAAS line.
    random_secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }
    store_password="$(random_secret)"
    (umask 077 && random_secret >"$sasl_password_file" && echo "$store_password" >"$tls_dir/store-password")
    # Eight JVM starts: the same start-up flags as the tools below. EC keys, as
    # RSA key generation alone takes seconds on a busy machine.
    kt() {
      keytool -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -storetype PKCS12 -storepass "$store_password" "$@" \
        2>>"$tls_dir/keytool.log"
    }
    # A CA of this data dir only, and the broker's key signed by it for the
    # names clients dial (an IP needs an IP SAN: Node checks it strictly).
    kt -genkeypair -keystore "$tls_dir/ca.p12" -alias ca -dname "CN=Soft Landing test CA $(basename "$data_dir")" \
      -keyalg EC -groupname secp256r1 -validity 3650 -ext bc:c=ca:true -ext KU=keyCertSign,cRLSign >/dev/null \
      || die "keytool could not make the CA (see $tls_dir/keytool.log)"
    kt -exportcert -keystore "$tls_dir/ca.p12" -alias ca -rfc -file "$ca_pem" >/dev/null \
      || die "keytool could not export the CA (see $tls_dir/keytool.log)"
    kt -genkeypair -keystore "$tls_dir/broker.p12" -alias broker -dname "CN=localhost" \
      -keyalg EC -groupname secp256r1 -validity 3650 >/dev/null \
      || die "keytool could not make the broker key (see $tls_dir/keytool.log)"
    kt -certreq -keystore "$tls_dir/broker.p12" -alias broker -file "$tls_dir/broker.csr" \
      && kt -gencert -keystore "$tls_dir/ca.p12" -alias ca -infile "$tls_dir/broker.csr" -outfile "$tls_dir/broker.pem" \
        -rfc -validity 3650 -ext SAN=IP:127.0.0.1,DNS:localhost -ext KU=digitalSignature \
        -ext EKU=serverAuth,clientAuth \
      && kt -importcert -keystore "$tls_dir/broker.p12" -alias ca -file "$ca_pem" -noprompt >/dev/null \
      && kt -importcert -keystore "$tls_dir/broker.p12" -alias broker -file "$tls_dir/broker.pem" >/dev/null \
      && kt -importcert -keystore "$tls_dir/truststore.p12" -alias ca -file "$ca_pem" -noprompt >/dev/null \
      || die "keytool could not sign the broker certificate (see $tls_dir/keytool.log)"
    rm -f "$tls_dir/broker.csr" "$tls_dir/ca.p12"   # nothing signs for this CA again
    echo "kafka start: made a CA ($ca_pem), a broker certificate and the SCRAM password in $((SECONDS - tls_start_s))s" >&2
  fi
  store_password="$(cat "$tls_dir/store-password")"
  sasl_password="$(cat "$sasl_password_file")"
  cat >"$client_env" <<EOF
KAFKA_SSL=true
KAFKA_SSL_CA_FILE=$ca_pem
KAFKA_SASL_MECHANISM=scram-sha-512
KAFKA_SASL_USERNAME=$sasl_user
KAFKA_SASL_PASSWORD_FILE=$sasl_password_file
EOF
fi

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A log4j2 configuration of one console appender for everything:
# console_log4j <file> <SYSTEM_OUT|SYSTEM_ERR> <root level>, then any further
# lines (more loggers) from stdin.
console_log4j() {
  local file="$1" target="$2" level="$3"
  {
    echo "status = error"
    echo "appender.console.type = Console"
    echo "appender.console.name = CONSOLE"
    echo "appender.console.target = $target"
    echo "appender.console.layout.type = PatternLayout"
    echo "appender.console.layout.pattern = [%d] %p %m (%c)%n"
    echo "rootLogger.level = $level"
    echo "rootLogger.appenderRef.console.ref = CONSOLE"
    cat
  } >"$file"
}

# Tools log WARN+ to stderr only: their INFO chatter would bury our output.
tools_log4j="$data_dir/tools-log4j2.properties"
console_log4j "$tools_log4j" SYSTEM_ERR WARN </dev/null

# Short client timeouts so one readiness probe against a half-started broker
# fails fast and the loop can retry, instead of hanging for the 60 s default.
client_config="$data_dir/tools-client.properties"
cat >"$client_config" <<'EOF'
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
if [[ "$security" == sasl_ssl ]]; then
  # The probe goes through the secured listener as a client would.
  chmod 600 "$client_config"
  cat >>"$client_config" <<EOF
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$sasl_user" password="$sasl_password";
ssl.truststore.type=PKCS12
ssl.truststore.location=$tls_dir/truststore.p12
ssl.truststore.password=$store_password
EOF
fi

# JVM for short-lived CLI classes from the same jar set. TieredStopAtLevel=1
# and SerialGC cut start-up time, which dominates these runs.
tool_java=(java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$tools_log4j" -cp "$lib_dir/*")

# "Ready" means a real admin round-trip (metadata request) succeeds, not just
# an open socket: the listener binds before the broker has caught up with the
# metadata log and been unfenced.
broker_answers() {
  port_open "$port" || return 1
  timeout 30 "${tool_java[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "$brokers" \
    --command-config "$client_config" --list >/dev/null 2>"$data_dir/readiness.err"
}

# $2=kill: the broker is one we just launched, so on timeout kill it rather
# than leave a wedged JVM holding the ports for the next run (kafka.log stays).
wait_ready() {
  local pid="$1" on_timeout="${2:-keep}" deadline=$((SECONDS + timeout_s))
  rm -f "$data_dir/readiness.err"   # so a timeout never shows a stale probe error
  while ((SECONDS < deadline)); do
    if ! is_alive "$pid"; then
      echo "kafka start: broker (pid $pid) exited during start-up; last lines of $log_file:" >&2
      tail -n 60 "$log_file" >&2 || true
      rm -f "$pid_file"
      exit 1
    fi
    broker_answers && return 0
    sleep 0.5
  done
  echo "kafka start: broker (pid $pid) not answering on $brokers after ${timeout_s}s; last lines of $log_file:" >&2
  tail -n 60 "$log_file" >&2 || true
  [[ -s "$data_dir/readiness.err" ]] && { echo "--- last readiness probe:" >&2; tail -n 10 "$data_dir/readiness.err" >&2; }
  if [[ "$on_timeout" == kill ]]; then
    echo "kafka start: killing pid $pid" >&2
    KAFKA_DATA_DIR="$data_dir" "$script_dir/stop.sh" >&2 || true
  else
    echo "kafka start: broker pid $pid was already running; left as is (infra/kafka/stop.sh stops it)" >&2
  fi
  exit 1
}

# --- already running? ----------------------------------------------------
if [[ -f "$pid_file" ]]; then
  old_pid="$(cat "$pid_file" 2>/dev/null || true)"
  if is_our_broker "$old_pid"; then
    # The ports are baked into the running broker's config; silently handing
    # out a different KAFKA_BROKERS than the one it listens on would be worse
    # than failing.
    if [[ "$(cat "$ports_file" 2>/dev/null)" != "$port $controller_port" ]]; then
      die "a broker (pid $old_pid) already runs from $data_dir with ports '$(cat "$ports_file" 2>/dev/null)', not '$port $controller_port'; stop it first or use another KAFKA_DATA_DIR"
    fi
    wait_ready "$old_pid"
    echo "kafka $version: already running (pid $old_pid) from $data_dir"
    [[ "$security" == sasl_ssl ]] && cat "$client_env"
    echo "KAFKA_BROKERS=$brokers"
    exit 0
  fi
  echo "kafka start: removing stale pid file ($old_pid is not a running broker)" >&2
  rm -f "$pid_file"
fi

# Someone else on our ports (another checkout's broker, a leftover container)
# would make the readiness probe succeed against the wrong broker.
for p in "$port" "$controller_port"; do
  port_open "$p" && die "port $p on 127.0.0.1 is already in use by another process; set KAFKA_PORT (and/or KAFKA_CONTROLLER_PORT)"
done

# --- config ----------------------------------------------------------------
# Regenerated on every start so edits here take effect without wiping data.
# Test-oriented: single replica for every internal topic, auto-created topics,
# no rebalance delay so consumer groups form immediately.
if [[ "$security" == sasl_ssl ]]; then
  client_listener=SASL_SSL
else
  client_listener=PLAINTEXT
fi
cat >"$config" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=$client_listener://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=$client_listener://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=$client_listener
listener.security.protocol.map=CONTROLLER:PLAINTEXT,$client_listener:$client_listener
log.dirs=$data_dir/logs

auto.create.topics.enable=true
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# The default 50 partitions of __consumer_offsets make the first consumer-group
# join in a fresh data dir take seconds; one partition is plenty for tests.
offsets.topic.num.partitions=1
EOF
if [[ "$security" == sasl_ssl ]]; then
  # The controller listener stays plaintext on loopback: only this node uses
  # it. The broker reaches itself over SASL_SSL as the same SCRAM user.
  chmod 600 "$config"
  cat >>"$config" <<EOF
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$sasl_user" password="$sasl_password";
ssl.keystore.type=PKCS12
ssl.keystore.location=$tls_dir/broker.p12
ssl.keystore.password=$store_password
ssl.key.password=$store_password
ssl.truststore.type=PKCS12
ssl.truststore.location=$tls_dir/truststore.p12
ssl.truststore.password=$store_password
EOF
fi

broker_log4j="$data_dir/log4j2.properties"
# shutdownHook=disable: otherwise log4j's own hook races Kafka's and the
# shutdown sequence is cut off in kafka.log.
console_log4j "$broker_log4j" SYSTEM_OUT INFO <<'EOF'
shutdownHook = disable
# Per-partition state transitions and request traces: noise at INFO.
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.request.name = kafka.request.logger
logger.request.level = WARN
EOF

# --- format (first start only) -------------------------------------------------
# --standalone makes this node the sole voter of a dynamic KRaft quorum (the
# 4.x replacement for a static controller.quorum.voters list). Restarting the
# same data dir on other ports works: the node re-registers its endpoint.
if [[ ! -f "$data_dir/logs/meta.properties" ]]; then
  # Kafka cluster ids are 16 random bytes, base64url without padding. One that starts with '-' would be read
  # as an option by the format tool, so draw again until it does not.
  cluster_id="-"
  while [[ "$cluster_id" == -* ]]; do
    cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  done
  echo "kafka $version: formatting $data_dir/logs (cluster id $cluster_id)"
  # In KRaft the SCRAM users live in the metadata log; the first ones, which
  # the broker itself needs, can only be written by the format (KIP-900).
  scram=()
  [[ "$security" == sasl_ssl ]] && scram=(--add-scram "SCRAM-SHA-512=[name=$sasl_user,password=$sasl_password]")
  if ! "${tool_java[@]}" kafka.tools.StorageTool format --config "$config" \
        --cluster-id "$cluster_id" --standalone "${scram[@]}" >"$data_dir/format.log" 2>&1; then
    cat "$data_dir/format.log" >&2
    die "formatting $data_dir/logs failed"
  fi
  echo "$security" >"$security_file"
fi

# --- launch ------------------------------------------------------------------
echo "===== $(date -Is) start.sh: starting kafka $version on $brokers =====" >>"$log_file"
# Broker logs go to stdout (see log4j2.properties) and stdout+stderr to
# kafka.log, so JVM crashes and log4j output land in one file. nohup/stdin
# from /dev/null detach it from the calling terminal; `nohup java` execs, so
# $! is the JVM's own pid.
# shellcheck disable=SC2086  # heap_opts is deliberately word-split
nohup java $heap_opts -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$broker_log4j" \
  -Dkafka.logs.dir="$data_dir" \
  -cp "$lib_dir/*" kafka.Kafka "$config" \
  </dev/null >>"$log_file" 2>&1 &
pid=$!
echo "$pid" >"$pid_file"
# Lets a later start.sh tell whether the running broker matches its KAFKA_PORT.
echo "$port $controller_port" >"$ports_file"
echo "kafka $version: started pid $pid, waiting up to ${timeout_s}s for $brokers (log: $log_file)"

start_s=$SECONDS
wait_ready "$pid" kill
echo "kafka $version: ready after $((SECONDS - start_s))s"
[[ "$security" == sasl_ssl ]] && cat "$client_env"
echo "KAFKA_BROKERS=$brokers"
