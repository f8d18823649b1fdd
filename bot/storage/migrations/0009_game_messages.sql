-- Where a conference's messages are (lobby, each article, the draft for signature), so actions
-- taken by slash command keep those messages up to date as buttons do.
CREATE TABLE game_messages (
    game_id    INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    ref        INTEGER NOT NULL DEFAULT 0,
    channel_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (game_id, kind, ref)
) STRICT, WITHOUT ROWID;
