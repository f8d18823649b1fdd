-- No data step: SQLite's moved articles out of stored states; a PostgreSQL database is created
-- by this release (or filled by `khitomer migrate-to-postgres` from an up-to-date file).
CREATE TABLE game_articles (
    game_id BIGINT NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    number  INTEGER NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (game_id, number)
);

CREATE INDEX game_events_by_kind ON game_events (game_id, kind);
