#!/bin/sh
# Runs once, when the postgres image initialises an empty data volume (docker-entrypoint-initdb.d),
# as POSTGRES_USER, the image's superuser, which the app never uses. Creates the two roles of
# the service (README, "Database roles") and the database, owned by the owner role:
#   remiss_owner  owns the schema: runs migrations and loads reference data (MIGRATION_DATABASE_URL)
#   remiss_app    the app's connections (DATABASE_URL); the owner grants it what it needs at start
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner_password="$REMISS_OWNER_PASSWORD" -v app_password="$REMISS_APP_PASSWORD" <<'SQL'
CREATE ROLE remiss_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE remiss_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE remiss OWNER remiss_owner;
SQL
