-- Server lore carries structured facts (role, born, signed, place…) as a JSON object, checked
-- by bot.domain.lore_facts.parse_facts, as canon entries carry them in their [facts] table.
ALTER TABLE lore_entries ADD COLUMN facts TEXT NOT NULL DEFAULT '{}';
