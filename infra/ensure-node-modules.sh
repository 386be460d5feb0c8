#!/usr/bin/env bash
# Installs node_modules when they are missing or older than package-lock.json, so that `npm start` and
# `npm test` are the only commands a newcomer needs. Checks that the native SQLite binding really built:
# npm 11 skips install scripts that package.json's allowScripts does not name.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "npm ci: installing dependencies" >&2
  npm ci --no-audit --no-fund >&2
fi
if ! node -e "require('better-sqlite3')(':memory:').close()" 2>/dev/null; then
  echo "better-sqlite3's native binding is missing; rebuilding it" >&2
  npm rebuild better-sqlite3 >&2
  node -e "require('better-sqlite3')(':memory:').close()"
fi
