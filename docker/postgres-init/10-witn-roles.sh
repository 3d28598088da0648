#!/bin/bash
# Runs once, when the postgres container initialises an empty data volume (/docker-entrypoint-initdb.d): creates the
# owner role that applies the migrations, the runtime role the silos work as, and the database, owned by the owner.
# The runtime role's rights come from the migrations themselves. See docs/operations.md.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v owner_password="$WITN_OWNER_PASSWORD" -v runtime_password="$WITN_RUNTIME_PASSWORD" <<'SQL'
CREATE ROLE witn_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE witn_runtime LOGIN PASSWORD :'runtime_password';
CREATE DATABASE witn OWNER witn_owner;
SQL
