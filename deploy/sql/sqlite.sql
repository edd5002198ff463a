-- ActorCity schema for SQLite. Idempotent: safe to run on every start.
-- The providers embed this file and run it when CreateSchema is true (WAL mode is set by the
-- provider, since a PRAGMA cannot change the journal inside a transaction).

-- ETags come from one counter so a value is never reused, even after a record is cleared
-- and created again (a writer holding the old ETag must still be refused).
CREATE TABLE IF NOT EXISTS actorcity_sequence (
    name   TEXT    NOT NULL PRIMARY KEY,
    value  INTEGER NOT NULL
);
INSERT OR IGNORE INTO actorcity_sequence (name, value) VALUES ('etag', 0);

-- Grain state: payload is System.Text.Json text.
CREATE TABLE IF NOT EXISTS actorcity_grain_state (
    grain_type  TEXT    NOT NULL,
    grain_key   TEXT    NOT NULL,
    state_name  TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    etag        INTEGER NOT NULL,
    updated_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (grain_type, grain_key, state_name)
) WITHOUT ROWID;

-- Durable reminders. Times are UTC ticks (100 ns) so a reminder reads back exactly as written.
CREATE TABLE IF NOT EXISTS actorcity_reminders (
    grain_type       TEXT    NOT NULL,
    grain_key        TEXT    NOT NULL,
    reminder_name    TEXT    NOT NULL,
    start_at_ticks   INTEGER NOT NULL,
    period_ticks     INTEGER NOT NULL,
    etag             INTEGER NOT NULL,
    PRIMARY KEY (grain_type, grain_key, reminder_name)
) WITHOUT ROWID;

-- Cluster membership (used by the cluster issue; DDL only for now). A single-machine SQLite
-- deployment has one silo, but the table keeps both stores interchangeable.
CREATE TABLE IF NOT EXISTS actorcity_membership (
    cluster_id     TEXT    NOT NULL,
    silo_address   TEXT    NOT NULL,
    generation     INTEGER NOT NULL,
    silo_name      TEXT    NOT NULL DEFAULT '',
    host_name      TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL,
    started_at     TEXT    NOT NULL,
    heartbeat_at   TEXT    NOT NULL,
    suspected_by   TEXT    NULL,
    etag           INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, silo_address, generation)
);

CREATE TABLE IF NOT EXISTS actorcity_membership_version (
    cluster_id  TEXT    NOT NULL PRIMARY KEY,
    version     INTEGER NOT NULL,
    updated_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
