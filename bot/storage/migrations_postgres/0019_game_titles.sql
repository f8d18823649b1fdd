-- A server's conferences by title; see SQLite's 0019. Compared byte by byte ("C"), so a range
-- of titles sharing a beginning is one range of the index whatever the database's locale.
CREATE INDEX games_by_title ON games (guild_id, ((state::jsonb ->> 'title')) COLLATE "C");
