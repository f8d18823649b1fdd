-- Unexpected errors, by the short reference the user was shown, so an operator can
-- find the traceback a player reports ("reference 3f9a1c2e").
CREATE TABLE error_reports (
    reference   TEXT PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    guild_id    INTEGER,
    channel_id  INTEGER,
    user_id     INTEGER,
    command     TEXT,
    error_type  TEXT NOT NULL,
    traceback   TEXT NOT NULL
) STRICT;

CREATE INDEX error_reports_by_time ON error_reports (occurred_at);
