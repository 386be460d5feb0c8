#!/usr/bin/env bash
# Installs Helm (test/infra/helmChart.test.ts lints and renders infra/helm/soft-landing with it), built from source
# through the Go module proxy, pinned. Needs Go. Idempotent: a version already built is reused.
# Prints `HELM_PATH=…`.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="${SOFT_LANDING_TOOLS:-$repo/.tools}"
version="3.22.0"
target="$tools/helm/helm-$version"

if [[ -x "$target/helm" ]] && "$target/helm" version --short >/dev/null 2>&1; then
  echo "helm: $version already at $target" >&2
else
  command -v go >/dev/null || { echo "helm: Go is needed to build helm $version" >&2; exit 1; }
  echo "helm: building helm.sh/helm/v3/cmd/helm@v$version into $target (a few minutes)" >&2
  scratch="$target.partial.$$"
  rm -rf "$scratch" && mkdir -p "$scratch"
  if ! GOBIN="$scratch" GOFLAGS=-mod=mod go install "helm.sh/helm/v3/cmd/helm@v$version" >&2; then
    rm -rf "$scratch"
    echo "helm: cannot build helm $version" >&2; exit 1
  fi
  rm -rf "$target" && mv "$scratch" "$target"
fi
echo "HELM_PATH=$target/helm"
