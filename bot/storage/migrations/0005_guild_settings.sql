-- Per-server settings; scope 0 is server-wide, otherwise the channel a value applies in.
CREATE TABLE guild_settings (
    guild_id INTEGER NOT NULL,
    name     TEXT NOT NULL,
    scope    INTEGER NOT NULL DEFAULT 0,
    value    TEXT NOT NULL,
    PRIMARY KEY (guild_id, name, scope)
) STRICT, WITHOUT ROWID;

-- Areas (lore, treaties, accords) a server's moderators turned off.
CREATE TABLE guild_disabled_areas (
    guild_id INTEGER NOT NULL,
    area     TEXT NOT NULL,
    PRIMARY KEY (guild_id, area)
) STRICT, WITHOUT ROWID;
