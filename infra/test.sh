#!/usr/bin/env bash
# `npm test`: installs what is missing, type-checks, then runs every test against real services.
# Services come from the environment, Docker, or the local binaries provisioned here; a test whose service
# cannot be had is skipped with a loud reason (or fails, where SOFT_LANDING_REQUIRE names the service).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash infra/ensure-node-modules.sh
if [[ -z "${TEMPORAL_ADDRESS:-}" || -z "${KAFKA_BROKERS:-}" ]]; then
  bash infra/provision.sh >/dev/null || echo "WARNING: provisioning local Temporal/Kafka/Schemathesis failed; tests that need them will say so" >&2
fi
node_modules/.bin/tsc --noEmit -p .
node_modules/.bin/tsc --noEmit -p web   # the web app has its own settings (DOM, JSX, bundler resolution)
exec node_modules/.bin/jest "$@"
