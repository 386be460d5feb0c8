#!/usr/bin/env bash
# Builds the web app (web/ → web/dist) when web/dist is missing or older than any of its sources or the contract
# types it is typed with. `npm start` and the browser tests run it; `npm run build` always builds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
built=web/dist/index.html
if [[ -f "$built" ]] && [[ -z "$(find web/src web/public web/index.html web/vite.config.ts contracts/generated contracts/webAppSettings.ts package-lock.json -newer "$built" -print -quit)" ]]; then
  exit 0
fi
echo "building the web app (web/dist is missing or older than its sources)" >&2
npm run --silent build:web >&2
