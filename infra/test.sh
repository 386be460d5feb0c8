#!/usr/bin/env bash
# `npm test`: installs what is missing, type-checks, lints, then runs every test against real services.
# Services come from the environment, Docker, or the local binaries provisioned here; a test whose service
# cannot be had fails the run, unless SOFT_LANDING_ALLOW_SKIP names it (default: esdb); then it is skipped loudly.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source infra/node/use-supported.sh   # Node 24 LTS when the machine's is older
bash infra/ensure-node-modules.sh
if [[ -z "${TEMPORAL_ADDRESS:-}" || -z "${KAFKA_BROKERS:-}" ]]; then
  bash infra/provision.sh >/dev/null || echo "WARNING: provisioning local Temporal/Kafka/Schemathesis failed; tests that need them will say so" >&2
fi
node_modules/.bin/tsc --noEmit -p .
node_modules/.bin/tsc --noEmit -p web   # the web app has its own settings (DOM, JSX, bundler resolution)
node_modules/.bin/biome check --error-on-warnings .   # biome.jsonc: lint rules, formatting and the layering (which folder may import which)
exec node_modules/.bin/jest "$@"
