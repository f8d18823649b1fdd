-- Lore search without FTS5: each entry's terms with their precomputed impact (BM25F before
-- rarity), per scope (0 for canon, else the server's id). A question reads, for each of its
-- terms, how many entries of the asking server (and canon) hold it and the best few: an index
-- range each, so a common word costs the same in a server of ten entries among a million.
DROP TABLE lore_search;
DELETE FROM content_versions WHERE name = 'lore_search';

CREATE TABLE lore_postings (
    scope  INTEGER NOT NULL,
    term   TEXT NOT NULL,
    impact REAL NOT NULL,
    entry  TEXT NOT NULL,
    PRIMARY KEY (scope, term, impact, entry)
) STRICT, WITHOUT ROWID;

CREATE INDEX lore_postings_by_entry ON lore_postings (entry);

-- The words of a scope's entries, for typo repair that offers only what that server can see.
CREATE TABLE lore_words (
    scope INTEGER NOT NULL,
    word  TEXT NOT NULL,
    PRIMARY KEY (scope, word)
) STRICT, WITHOUT ROWID;
