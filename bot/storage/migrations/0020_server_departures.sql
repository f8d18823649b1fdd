-- Servers that removed the bot (issue #24): their data is kept for SERVER_DATA_GRACE, then purged
-- by bot/application/departures.py; a row leaves when the purge is done or the bot is added back.
-- `name` is the server's name as last seen (NULL when it left while the bot was offline);
-- `left_at` and `purge_at` are epoch seconds on Discord's clock.
CREATE TABLE server_departures (
    guild_id INTEGER PRIMARY KEY,
    name     TEXT,
    left_at  REAL NOT NULL,
    purge_at REAL NOT NULL
) STRICT;

CREATE INDEX server_departures_due ON server_departures (purge_at);
