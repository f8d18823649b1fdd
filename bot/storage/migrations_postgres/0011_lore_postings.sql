-- Terms and words compare by code point (COLLATE "C"), as SQLite does, whatever the database's
-- locale: typo repair reads the words of a first letter as one index range.
DELETE FROM content_versions WHERE name = 'lore_search';

CREATE TABLE lore_postings (
    scope  BIGINT NOT NULL,
    term   TEXT COLLATE "C" NOT NULL,
    impact DOUBLE PRECISION NOT NULL,
    entry  TEXT NOT NULL,
    PRIMARY KEY (scope, term, impact, entry)
);

CREATE INDEX lore_postings_by_entry ON lore_postings (entry);

CREATE TABLE lore_words (
    scope BIGINT NOT NULL,
    word  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (scope, word)
);
