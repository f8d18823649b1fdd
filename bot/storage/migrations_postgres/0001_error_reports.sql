-- PostgreSQL spelling of the SQLite migration of the same number (bot/storage/migrations).
CREATE TABLE error_reports (
    reference   TEXT PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    guild_id    BIGINT,
    channel_id  BIGINT,
    user_id     BIGINT,
    command     TEXT,
    error_type  TEXT NOT NULL,
    traceback   TEXT NOT NULL
);

CREATE INDEX error_reports_by_time ON error_reports (occurred_at);
