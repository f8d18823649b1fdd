CREATE TABLE guild_settings (
    guild_id BIGINT NOT NULL,
    name     TEXT NOT NULL,
    scope    BIGINT NOT NULL DEFAULT 0,
    value    TEXT NOT NULL,
    PRIMARY KEY (guild_id, name, scope)
);

CREATE TABLE guild_disabled_areas (
    guild_id BIGINT NOT NULL,
    area     TEXT NOT NULL,
    PRIMARY KEY (guild_id, area)
);
