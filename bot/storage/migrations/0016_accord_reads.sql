-- Reads by key for /treaty and /accord, flat in a server's size and history (issue #21):
-- a quote reads the accord it names and the articles it shows; lists and the map read a page.

-- An accord's names as bot/domain/references.py normalise() spells them: each name and alias
-- whole (whole = 1), and its tail from each later word (whole = 0) so "vulcan" finds "Treaty
-- of Vulcan" by prefix; whole names and tails are ranges of their own in the key, so the names
-- beside a typed one are read without stepping over tails. A whole name is also kept reversed,
-- for near spellings by their end.
-- Filled by bot/storage/accord_names.py (a Python spelling SQL cannot reproduce): on ratify,
-- and for accords stored before this migration, once at start-up.
CREATE TABLE accord_names (
    guild_id  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    accord_id INTEGER NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    whole     INTEGER NOT NULL,
    reversed  TEXT,
    PRIMARY KEY (guild_id, whole, name, accord_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX accord_names_reversed ON accord_names (guild_id, reversed) WHERE reversed IS NOT NULL;
CREATE INDEX accord_names_of_accord ON accord_names (accord_id);

-- Each article of an accord as a row of its own (the JSON in accords.articles stays the
-- document as ratified): a quote of Article II reads Article II.
CREATE TABLE accord_articles (
    accord_id INTEGER NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    number    INTEGER NOT NULL,
    title     TEXT NOT NULL,
    text      TEXT NOT NULL,
    PRIMARY KEY (accord_id, number)
) STRICT, WITHOUT ROWID;

INSERT INTO accord_articles (accord_id, number, title, text)
SELECT accords.id, json_extract(article.value, '$.number'), json_extract(article.value, '$.title'),
       json_extract(article.value, '$.text')
FROM accords, json_each(accords.articles) AS article;

-- The powers each accord binds, with its year: the map of one power reads that power's latest.
CREATE TABLE accord_parties (
    guild_id  INTEGER NOT NULL,
    power     TEXT NOT NULL,
    accord_id INTEGER NOT NULL REFERENCES accords (id) ON DELETE CASCADE,
    year      INTEGER,
    PRIMARY KEY (guild_id, power, accord_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX accord_parties_by_year ON accord_parties (guild_id, power, year, accord_id);
CREATE INDEX accord_parties_of_accord ON accord_parties (accord_id);

INSERT OR IGNORE INTO accord_parties (guild_id, power, accord_id, year)
SELECT accords.guild_id, json_extract(party.value, '$.name'), accords.id, accords.year
FROM accords, json_each(accords.parties) AS party;

-- The map of a year reads the latest accords up to it.
CREATE INDEX accords_by_year ON accords (guild_id, year, id);

-- The conferences running in a server, without reading the finished ones (the phase list is
-- bot/storage/games.py RUNNING, spelt the same: the planner matches it word for word).
CREATE INDEX games_running ON games (guild_id, id)
    WHERE json_extract(state, '$.phase') IN ('convened', 'negotiation', 'ratification');
