-- What happens to a ratified accord afterwards: withdrawals, reinstatements, complaints and
-- the signatories' votes on them. Append-only; an accord's status is derived from it.
CREATE TABLE accord_events (
    accord_id INTEGER NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    at        TEXT NOT NULL,
    actor_id  INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    power     TEXT NOT NULL,
    data      TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (accord_id, seq)
) STRICT, WITHOUT ROWID;
