-- ActorCity schema for PostgreSQL 15+. Idempotent: safe to run on every start.
-- The providers embed this file and run it when CreateSchema is true; operators may run it
-- by hand instead: psql "$ACTORCITY_POSTGRES" -f deploy/sql/postgresql.sql

-- ETags come from one sequence so a value is never reused, even after a record is cleared
-- and created again (a writer holding the old ETag must still be refused).
CREATE SEQUENCE IF NOT EXISTS actorcity_etag_seq;

-- Grain state. payload is json, not jsonb: json keeps the text as written (property order,
-- so System.Text.Json's "$type" metadata stays first, and every escape it emits).
CREATE TABLE IF NOT EXISTS actorcity_grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    payload     json        NOT NULL,
    etag        bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);

-- Durable reminders. Times are UTC ticks (100 ns) so a reminder reads back exactly as written.
CREATE TABLE IF NOT EXISTS actorcity_reminders (
    grain_type       text   NOT NULL,
    grain_key        text   NOT NULL,
    reminder_name    text   NOT NULL,
    start_at_ticks   bigint NOT NULL,
    period_ticks     bigint NOT NULL,
    etag             bigint NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
);

-- Cluster membership (used by the cluster issue; DDL only for now).
-- One row per silo incarnation: a restarted silo on the same address gets a new generation.
CREATE TABLE IF NOT EXISTS actorcity_membership (
    cluster_id     text        NOT NULL,
    silo_address   text        NOT NULL,
    generation     bigint      NOT NULL,
    silo_name      text        NOT NULL DEFAULT '',
    host_name      text        NOT NULL DEFAULT '',
    status         text        NOT NULL,
    started_at     timestamptz NOT NULL,
    heartbeat_at   timestamptz NOT NULL,
    suspected_by   text        NULL,
    etag           bigint      NOT NULL,
    PRIMARY KEY (cluster_id, silo_address, generation)
);

-- The membership table version, bumped on every membership change (optimistic concurrency).
CREATE TABLE IF NOT EXISTS actorcity_membership_version (
    cluster_id  text        NOT NULL PRIMARY KEY,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
