#!/bin/sh
# Run once by docker-compose.yml's `temporal-namespace` (temporalio/admin-tools) after the server is up: a real
# Temporal server, unlike the dev server of `npm start`, has no namespace until one is registered, and the api and
# worker fail their first call without it. The app services wait for this to exit 0 (service_completed_successfully).
# Safe to run again: an existing namespace is left as it is.
set -eu

: "${TEMPORAL_ADDRESS:?set TEMPORAL_ADDRESS}"
: "${TEMPORAL_NAMESPACE:?set TEMPORAL_NAMESPACE (the namespace the app services use)}"
# How long Temporal keeps a closed journey's history: a week (168h), enough to look into one. The journey's record
# is its event stream in KurrentDB, not Temporal's history.
retention="${TEMPORAL_NAMESPACE_RETENTION:-168h}"
attempts=60

attempt=1
until temporal operator cluster health --address "$TEMPORAL_ADDRESS"; do
  [ "$attempt" -lt "$attempts" ] || { echo "temporal-namespace: no healthy server at $TEMPORAL_ADDRESS" >&2; exit 1; }
  attempt=$((attempt + 1))
  sleep 2
done

# The frontend may answer before its namespace registry does, so creating is retried too.
attempt=1
until temporal operator namespace describe --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --retention "$retention"; do
  [ "$attempt" -lt "$attempts" ] || { echo "temporal-namespace: cannot register $TEMPORAL_NAMESPACE" >&2; exit 1; }
  attempt=$((attempt + 1))
  sleep 2
done
echo "temporal-namespace: $TEMPORAL_NAMESPACE is registered"
