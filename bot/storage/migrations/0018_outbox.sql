-- What must reach Discord after a commit (issue #22): an announcement, a reminder, a lobby
-- message whose reply was lost. Written in the transaction of the action that caused it, sent
-- by bot/outbox.py until Discord takes it, then deleted. `due` is when the next try may run
-- (epoch seconds); `body` is JSON (the text and whom it may ping, or what a kind needs).
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    game_id    INTEGER,
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    created    REAL NOT NULL,
    due        REAL NOT NULL
) STRICT;

CREATE INDEX outbox_due ON outbox (due);
CREATE INDEX outbox_of_game ON outbox (game_id) WHERE game_id IS NOT NULL;
