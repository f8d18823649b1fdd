-- Servers that removed the bot, pending the purge of their data; see SQLite's 0020.
CREATE TABLE server_departures (
    guild_id BIGINT PRIMARY KEY,
    name     TEXT,
    left_at  DOUBLE PRECISION NOT NULL,
    purge_at DOUBLE PRECISION NOT NULL
);

CREATE INDEX server_departures_due ON server_departures (purge_at);
