#!/usr/bin/env bash
# Fetches the Kafka broker + CLI jars (version pinned in pom.xml next to this
# script) from Maven Central into
#   ${SOFT_LANDING_TOOLS:-<repo>/.tools}/kafka/<version>/lib
# We go through Maven rather than the Apache binary tarball because Maven
# Central is the only Kafka source reachable from dev machines and CI, and no
# Docker is available.
#
# Cache-friendly: a marker written only after a complete fetch lets later runs
# return immediately without starting Maven (or the JVM at all).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
tools_dir="${SOFT_LANDING_TOOLS:-$repo_root/.tools}"
pom="$script_dir/pom.xml"

die() { echo "kafka provision: $*" >&2; exit 1; }

# pom.xml is the single source of truth for the version; parsed with sed so the
# cached path needs no Maven start-up.
version="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$pom" | head -n1)"
[[ -n "$version" ]] || die "could not read <kafka.version> from $pom"

kafka_home="$tools_dir/kafka/$version"
lib_dir="$kafka_home/lib"
marker="$kafka_home/.provisioned"
# The marker stores the pom's hash: editing the dependency list without bumping
# the version must still trigger a refetch.
pom_hash="$(sha256sum "$pom" | cut -d' ' -f1)"

if [[ -f "$marker" && "$(cat "$marker")" == "$pom_hash" && -d "$lib_dir" ]]; then
  echo "kafka $version: already provisioned in $lib_dir ($(find "$lib_dir" -name '*.jar' | wc -l) jars)"
  exit 0
fi

command -v java >/dev/null 2>&1 || die "java not found on PATH (Kafka 4.x needs Java 17+)"
command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH (needed once to fetch the Kafka jars)"
# Kafka 4 brokers are compiled for Java 17; an older JVM would only fail later
# with an obscure UnsupportedClassVersionError in the broker log.
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)"
[[ "${java_major:-0}" -ge 17 ]] 2>/dev/null || die "Java 17+ required, found '${java_major:-unknown}'"

mkdir -p "$kafka_home"
# Serialise concurrent provisions (parallel CI jobs, a test runner and a dev
# shell) so they don't fight over the same lib dir.
exec 9>"$kafka_home/.lock"
flock 9

# Another process may have finished the fetch while we waited for the lock.
if [[ -f "$marker" && "$(cat "$marker")" == "$pom_hash" && -d "$lib_dir" ]]; then
  echo "kafka $version: already provisioned in $lib_dir (by a concurrent run)"
  exit 0
fi

echo "kafka $version: fetching jars from Maven Central into $lib_dir ..."
start_s=$SECONDS
# Fetch into a scratch dir and swap it in, so an interrupted or failed fetch
# never leaves a half-filled lib dir that looks usable.
staging="$(mktemp -d "$kafka_home/.lib.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
mvn_log="$staging.mvn.log"
if ! mvn -B -q -Dstyle.color=never -f "$pom" \
      dependency:copy-dependencies \
      -DincludeScope=runtime \
      -DoutputDirectory="$staging" >"$mvn_log" 2>&1; then
  tail -n 40 "$mvn_log" >&2 || true
  rm -f "$mvn_log"
  die "Maven could not fetch org.apache.kafka:kafka_2.13:$version and its dependencies (log above)"
fi
rm -f "$mvn_log"
ls "$staging"/kafka_2.13-"$version".jar >/dev/null 2>&1 \
  || die "fetch finished but kafka_2.13-$version.jar is missing from the result"

# mktemp creates the dir 0700; other users (e.g. a CI runner user) need to read it.
chmod 755 "$staging"
rm -rf "$lib_dir" "$marker"
mv "$staging" "$lib_dir"
trap - EXIT
echo "$pom_hash" >"$marker"

echo "kafka $version: fetched $(find "$lib_dir" -name '*.jar' | wc -l) jars ($(du -sh "$lib_dir" | cut -f1)) in $((SECONDS - start_s))s"
