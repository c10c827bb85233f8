-- Runs once, when the postgres container initialises its (empty) data volume, as the superuser postgres. The services
-- never connect as postgres: each has its own role that owns its database and, through it, its schema (Flyway creates
-- the tables as that role).
--
-- order_service: LOGIN and REPLICATION (the relay's logical replication connection and slot); as owner of the
-- database it may create the relay's publication. notification_service: LOGIN only.
-- The passwords here and in compose.yaml (SPRING_DATASOURCE_PASSWORD) go together: change both, then recreate the
-- volume (docker compose -f infra/compose.yaml down -v) or run ALTER ROLE ... PASSWORD by hand.
CREATE ROLE order_service LOGIN REPLICATION PASSWORD 'compose-orders-3Vq8';
CREATE ROLE notification_service LOGIN PASSWORD 'compose-notifications-9Kd2';

-- the orders database is created by POSTGRES_DB; the public schema belongs to the database's owner (pg_database_owner)
ALTER DATABASE orders OWNER TO order_service;
CREATE DATABASE notifications OWNER notification_service;
REVOKE ALL ON DATABASE orders FROM PUBLIC;
REVOKE ALL ON DATABASE notifications FROM PUBLIC;
