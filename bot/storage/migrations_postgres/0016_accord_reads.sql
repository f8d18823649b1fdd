-- Reads by key for /treaty and /accord, flat in a server's size and history (issue #21); see
-- SQLite's 0016 for what each table is. Names compare by code point (COLLATE "C"), as SQLite
-- does, so a prefix is one index range whatever the database's locale.
CREATE TABLE accord_names (
    guild_id  BIGINT NOT NULL,
    name      TEXT COLLATE "C" NOT NULL,
    accord_id BIGINT NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    whole     INTEGER NOT NULL,
    reversed  TEXT COLLATE "C",
    PRIMARY KEY (guild_id, whole, name, accord_id)
);

CREATE INDEX accord_names_reversed ON accord_names (guild_id, reversed) WHERE reversed IS NOT NULL;
CREATE INDEX accord_names_of_accord ON accord_names (accord_id);

CREATE TABLE accord_articles (
    accord_id BIGINT NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    title     TEXT NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (accord_id, number)
);

INSERT INTO accord_articles (accord_id, number, title, text)
SELECT accords.id, (article ->> 'number')::integer, article ->> 'title', article ->> 'text'
FROM accords, jsonb_array_elements(accords.articles::jsonb) AS article;

CREATE TABLE accord_parties (
    guild_id  BIGINT NOT NULL,
    power     TEXT COLLATE "C" NOT NULL,
    accord_id BIGINT NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    year      INTEGER,
    PRIMARY KEY (guild_id, power, accord_id)
);

CREATE INDEX accord_parties_by_year ON accord_parties (guild_id, power, year, accord_id);
CREATE INDEX accord_parties_of_accord ON accord_parties (accord_id);

INSERT INTO accord_parties (guild_id, power, accord_id, year)
SELECT accords.guild_id, party ->> 'name', accords.id, accords.year
FROM accords, jsonb_array_elements(accords.parties::jsonb) AS party
ON CONFLICT DO NOTHING;

CREATE INDEX accords_by_year ON accords (guild_id, year, id);

CREATE INDEX games_running ON games (guild_id, id)
    WHERE (state::jsonb ->> 'phase') IN ('convened', 'negotiation', 'ratification');
