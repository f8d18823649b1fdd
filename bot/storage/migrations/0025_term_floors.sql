-- Each term's floor (bot/storage/lore_floors.py): every posting of the term at or above it is in
-- lore_postings; one under it may be left out, as no question reads past a term's best hundred.
-- 0 keeps every posting, as before; an import raises it for the terms many entries hold.
ALTER TABLE lore_terms ADD COLUMN kept_from REAL NOT NULL DEFAULT 0;
