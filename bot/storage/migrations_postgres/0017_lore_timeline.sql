-- /lore timeline reads a page at a time (issue #21): see the SQLite migration of this number.
-- Titles and factions compare by code point (COLLATE "C"), as in SQLite and in Python, so the
-- server's page and canon's (merged in memory) fall into one order.
CREATE TABLE lore_timeline (
    entry_id   BIGINT NOT NULL,
    guild_id   BIGINT NOT NULL,
    faction    TEXT COLLATE "C" NOT NULL,
    year_first INTEGER,
    year_last  INTEGER,
    span       INTEGER,
    title      TEXT COLLATE "C" NOT NULL,
    UNIQUE (entry_id, faction)
);
CREATE INDEX lore_timeline_in_order
    ON lore_timeline (guild_id, faction, year_first, year_last, title, entry_id);
CREATE INDEX lore_timeline_spans ON lore_timeline (guild_id, faction, span);

INSERT INTO lore_timeline (entry_id, guild_id, faction, year_first, year_last, span, title)
    SELECT id, guild_id, '', coalesce(year_start, year_end), coalesce(year_end, year_start),
           coalesce(year_end, year_start) - coalesce(year_start, year_end), title
    FROM lore_entries
    WHERE kind <> 'source' AND coalesce(year_start, year_end) IS NOT NULL;
INSERT INTO lore_timeline (entry_id, guild_id, faction, year_first, year_last, span, title)
    SELECT e.id, e.guild_id, f.value,
           CASE WHEN e.kind <> 'source' THEN coalesce(e.year_start, e.year_end) END,
           CASE WHEN e.kind <> 'source' THEN coalesce(e.year_end, e.year_start) END,
           CASE WHEN e.kind <> 'source'
                THEN coalesce(e.year_end, e.year_start) - coalesce(e.year_start, e.year_end) END,
           e.title
    FROM lore_entries AS e, jsonb_array_elements_text(e.factions::jsonb) AS f(value)
    WHERE f.value <> ''
    ON CONFLICT DO NOTHING;
