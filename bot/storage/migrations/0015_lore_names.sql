-- Big servers (issue #21): nothing a question reads grows with the server's size.
-- lore_terms: how many entries of a scope hold each term, kept as entries are written, so a
-- question reads a term's frequency as one row instead of counting its postings. The term ''
-- holds the number of entries of a server.
CREATE TABLE lore_terms (
    scope   INTEGER NOT NULL,
    term    TEXT NOT NULL,
    entries INTEGER NOT NULL,
    PRIMARY KEY (scope, term)
) STRICT, WITHOUT ROWID;

INSERT INTO lore_terms (scope, term, entries)
    SELECT scope, term, count(*) FROM lore_postings GROUP BY scope, term;
INSERT INTO lore_terms (scope, term, entries)
    SELECT guild_id, '', count(*) FROM lore_entries GROUP BY guild_id;

-- A server's names (titles and aliases, normalised): exact and prefix lookups are index ranges.
CREATE TABLE lore_names (
    id    INTEGER PRIMARY KEY,
    scope INTEGER NOT NULL,
    name  TEXT NOT NULL,
    title TEXT NOT NULL,
    entry TEXT NOT NULL
) STRICT;
CREATE INDEX lore_names_by_name ON lore_names (scope, name);
CREATE INDEX lore_names_by_entry ON lore_names (entry);

-- Each name's keys (bot/domain/name_grams.py: its words, and each word with a letter dropped),
-- so a misspelt name finds the names holding its words, or words a letter off them, by exact
-- lookups instead of a comparison with every name. Filled at the first start after this
-- migration, in the background (normalising is Python's work, not SQL's).
CREATE TABLE lore_name_grams (
    scope  INTEGER NOT NULL,
    gram   TEXT NOT NULL,
    length INTEGER NOT NULL,
    name   INTEGER NOT NULL,
    PRIMARY KEY (scope, gram, length, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX lore_name_grams_by_name ON lore_name_grams (name);

-- A server's entries in id order: a random entry, and entries read a batch at a time.
CREATE INDEX lore_entries_by_guild ON lore_entries (guild_id, id);

-- The words typo repair may offer, by first letter and length: a misspelt word reads the words
-- of its first letter and of a length within reach, not every word of that letter.
CREATE TABLE lore_words_shaped (
    scope  INTEGER NOT NULL,
    first  TEXT NOT NULL,
    length INTEGER NOT NULL,
    word   TEXT NOT NULL,
    PRIMARY KEY (scope, first, length, word)
) STRICT, WITHOUT ROWID;
INSERT INTO lore_words_shaped (scope, first, length, word)
    SELECT scope, substr(word, 1, 1), length(word), word FROM lore_words;
DROP TABLE lore_words;
ALTER TABLE lore_words_shaped RENAME TO lore_words;
