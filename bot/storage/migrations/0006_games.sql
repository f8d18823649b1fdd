-- Accords games: the append-only event log, and each game's current state beside it.
-- Both are written in one transaction whose version check refuses a stale action.
CREATE TABLE games (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    state      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE INDEX games_by_guild ON games (guild_id, id);

CREATE TABLE game_events (
    game_id  INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    at       TEXT NOT NULL,
    actor_id INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    data     TEXT NOT NULL,
    PRIMARY KEY (game_id, seq)
) STRICT, WITHOUT ROWID;
