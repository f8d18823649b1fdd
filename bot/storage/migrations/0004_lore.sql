-- Server lore: entries a server's moderators add, visible only in that server.
CREATE TABLE lore_entries (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    title      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    aliases    TEXT NOT NULL DEFAULT '[]',
    year_start INTEGER,
    year_end   INTEGER,
    factions   TEXT NOT NULL DEFAULT '[]',
    summary    TEXT NOT NULL,
    body       TEXT NOT NULL,
    author_id  INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (guild_id, title COLLATE NOCASE)
) STRICT;

-- Full-text index over canon lore (guild 0) and server lore (its guild). `names` holds the
-- title and aliases with apostrophes dropped, so "Klach Dkel Brakt" finds "Klach D'kel Brakt".
CREATE VIRTUAL TABLE lore_search USING fts5(
    key UNINDEXED,
    guild_id UNINDEXED,
    title,
    names,
    summary,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
