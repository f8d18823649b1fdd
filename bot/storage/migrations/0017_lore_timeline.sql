-- /lore timeline reads a page at a time (issue #21): a server's entries in timeline order, once
-- for the whole timeline (faction '') and once under each faction they are filed under, so a page
-- of either is one index range, whatever the server's size. year_first and year_last are where
-- an entry starts and ends (the one year it has, if it has one); span is their distance, whose
-- maximum tells how far before `from_year` an entry that reaches into it can start. An undated
-- entry or a source (a year of publication is not an event) has no years: it is here only under
-- its factions, for the list of the factions a server's entries name.
CREATE TABLE lore_timeline (
    entry_id   INTEGER NOT NULL,
    guild_id   INTEGER NOT NULL,
    faction    TEXT NOT NULL,
    year_first INTEGER,
    year_last  INTEGER,
    span       INTEGER,
    title      TEXT NOT NULL,
    UNIQUE (entry_id, faction)
) STRICT;
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
    FROM lore_entries AS e, json_each(e.factions) AS f
    WHERE f.type = 'text' AND f.value <> ''
    ON CONFLICT DO NOTHING;
