-- Runs once, when the postgresql service initializes an empty data volume
-- (/docker-entrypoint-initdb.d/). Temporal's auto-setup creates its own databases
-- (temporal, temporal_visibility); the event store of the api and the worker lives in its own
-- database on the same server. Its tables come from the event store migrations, which the api
-- and the worker run at start-up.
CREATE DATABASE reglife;
