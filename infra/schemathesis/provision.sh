#!/usr/bin/env bash
# Installs Schemathesis (the property-based API fuzzer test/e2e/apiFuzzing.e2e.test.ts runs against the real
# API and contracts/openapi.yaml) from PyPI into its own directory, pinned. Needs python3 ≥ 3.9 with pip.
# Idempotent: a version already installed is reused. Prints `SCHEMATHESIS_PATH=…`, a launcher to run it with.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="${SOFT_LANDING_TOOLS:-$repo/.tools}"
version="4.32.5"
target="$tools/schemathesis/schemathesis-$version"
launcher="$target/schemathesis"

if [[ -x "$launcher" ]] && "$launcher" --version >/dev/null 2>&1; then
  echo "schemathesis: $version already at $target" >&2
else
  echo "schemathesis: installing schemathesis==$version from PyPI into $target" >&2
  scratch="$target.partial.$$"
  rm -rf "$scratch"
  if ! PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check --no-input --target "$scratch/lib" "schemathesis==$version" >&2; then
    rm -rf "$scratch"
    echo "schemathesis: cannot install schemathesis==$version from PyPI" >&2; exit 1
  fi
  # A launcher that needs no PATH or virtualenv: the packages sit next to it, for this python3 only.
  cat >"$scratch/schemathesis" <<LAUNCHER
#!/usr/bin/env bash
export PYTHONPATH="$target/lib\${PYTHONPATH:+:\$PYTHONPATH}"
exec "$(command -v python3)" -c 'import sys; from schemathesis.cli import schemathesis; sys.argv[0] = "schemathesis"; sys.exit(schemathesis())' "\$@"
LAUNCHER
  chmod 755 "$scratch/schemathesis"
  rm -rf "$target"
  mv "$scratch" "$target"
fi
"$launcher" --version >&2
echo "SCHEMATHESIS_PATH=$launcher"
