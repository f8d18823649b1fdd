-- Accords ratified in a server's diplomacy game: stored whole, as the document it became.
-- parties, articles, aliases and history are JSON arrays (see bot/storage/accords.py).
CREATE TABLE accords (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    game_id     INTEGER,
    name        TEXT NOT NULL,
    aliases     TEXT NOT NULL DEFAULT '[]',
    summary     TEXT NOT NULL,
    year        INTEGER,
    date_text   TEXT NOT NULL,
    place       TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'in force',
    parties     TEXT NOT NULL,
    articles    TEXT NOT NULL,
    history     TEXT NOT NULL DEFAULT '[]',
    ratified_at TEXT NOT NULL,
    UNIQUE (guild_id, name COLLATE NOCASE)
) STRICT;

CREATE INDEX accords_by_guild ON accords (guild_id, id);

-- Full-text index over every article: canon treaties (guild_id 0) and accords (their guild).
CREATE VIRTUAL TABLE treaty_search USING fts5(
    treaty_key UNINDEXED,
    guild_id UNINDEXED,
    number UNINDEXED,
    treaty_name,
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Hash of the content each index was built from, so start-up rebuilds only after a change.
CREATE TABLE content_versions (
    name TEXT PRIMARY KEY,
    hash TEXT NOT NULL
) STRICT;
