#!/bin/sh
# Run once by docker-compose.yml's `temporal-schema` (temporalio/admin-tools) before the Temporal server starts:
# creates Temporal's two databases on `temporal-postgres` and brings their schemas to the version this admin-tools
# image ships, which is the version of the server beside it (the compose file pins both to one tag).
# Safe to run on every `docker compose up`: `create` leaves an existing database alone, `setup-schema -v 0.0` only
# records 0.0 on a database that has no version yet, and `update-schema` applies only the versions not applied.
# So upgrading Temporal is: raise both tags, `docker compose up`.
set -eu

: "${POSTGRES_SEEDS:?set POSTGRES_SEEDS (the PostgreSQL host)}"
: "${POSTGRES_USER:?set POSTGRES_USER}"
: "${SQL_PASSWORD:?set SQL_PASSWORD (temporal-sql-tool reads the password from it)}"
port="${DB_PORT:-5432}"
schemas=/etc/temporal/schema/postgresql/v12 # postgres12: the plugin for PostgreSQL 12 and later

setup() { # <database> <folder of its versioned schema>
  echo "temporal-schema: $1"
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" --db "$1" create
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" --db "$1" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$port" -u "$POSTGRES_USER" --db "$1" update-schema -d "$2"
}
setup temporal "$schemas/temporal/versioned"
setup temporal_visibility "$schemas/visibility/versioned"
echo 'temporal-schema: up to date'
