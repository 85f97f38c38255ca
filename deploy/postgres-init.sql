-- Runs once, when the postgresql service initializes an empty data volume
-- (/docker-entrypoint-initdb.d/). Temporal's auto-setup creates its own databases
-- (temporal, temporal_visibility); the event store lives in its own database on the same server,
-- with two roles:
--   reglife_owner  the migration owner: owns the database and its tables, runs the migrations
--                  (the `migrate` service, DATABASE_MIGRATION_URL)
--   reglife_app    the application role of the api and the worker (DATABASE_URL): the migrations
--                  grant it SELECT and INSERT on `events`, the writes of the projections, no DDL
-- Their passwords come from the service's environment (REGLIFE_OWNER_PASSWORD, REGLIFE_APP_PASSWORD).
\getenv owner_password REGLIFE_OWNER_PASSWORD
\getenv app_password REGLIFE_APP_PASSWORD
CREATE ROLE reglife_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE reglife_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
CREATE DATABASE reglife OWNER reglife_owner;
