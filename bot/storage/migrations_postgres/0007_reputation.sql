CREATE TABLE reputation (
    guild_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    points   INTEGER NOT NULL DEFAULT 0,
    accords  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, user_id)
);
