-- An entry's postings kept beside it (JSON: term -> impact), so that updating or removing it finds
-- them by its key. The index lore_postings_by_entry did that, as large as the table itself: each
-- imported page paid for it on every one of its ~150 postings (issue #21, point 4).
ALTER TABLE lore_entries ADD COLUMN postings TEXT;
UPDATE lore_entries SET postings = (
    SELECT json_group_object(term, impact) FROM lore_postings
    WHERE entry = 'server-' || lore_entries.id
);
DROP INDEX lore_postings_by_entry;
