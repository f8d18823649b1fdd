CREATE TABLE accord_events (
    accord_id BIGINT NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    actor_id  BIGINT NOT NULL,
    kind      TEXT NOT NULL,
    power     TEXT NOT NULL,
    data      TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (accord_id, seq)
);
