-- Where a conference's lobby message is, so slash-command joins keep it up to date.
ALTER TABLE games ADD COLUMN lobby_channel INTEGER;
ALTER TABLE games ADD COLUMN lobby_message INTEGER;
