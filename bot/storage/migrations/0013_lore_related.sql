-- Server lore can link to other entries (canon or its own), as imported wiki links do.
ALTER TABLE lore_entries ADD COLUMN related TEXT NOT NULL DEFAULT '[]';
