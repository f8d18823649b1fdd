-- A server's conferences by title (issue #23): a rematch, or the same scenario convened again,
-- is numbered "Khitomer, 2293 (2)" after the titles already taken, read as a range of this index
-- (bot/storage/game_lists.py titles_from) instead of every game of the server.
CREATE INDEX games_by_title ON games (guild_id, json_extract(state, '$.title'));
