-- A channel's conference by index (issue #21, point 5): /accord join and propose look it up on
-- every use (bot/storage/games.py OF_CHANNEL): the games run in the channel, and those whose
-- lobby it holds while they run in a thread of it. Without these, every server's lobbies were read.
CREATE INDEX games_by_channel ON games (channel_id);
CREATE INDEX game_messages_lobbies ON game_messages (channel_id) WHERE kind = 'lobby';
