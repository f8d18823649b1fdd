-- Each tabled article gets a row of its own, so an action rewrites only the articles it touches
-- and the game's head (seats, phase, signatures), never the whole table of articles.
CREATE TABLE game_articles (
    game_id INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    number  INTEGER NOT NULL,
    data    TEXT NOT NULL,
    PRIMARY KEY (game_id, number)
) STRICT, WITHOUT ROWID;

INSERT INTO game_articles (game_id, number, data)
SELECT games.id, json_extract(article.value, '$.number'), article.value
FROM games, json_each(games.state, '$.articles') AS article;

UPDATE games SET state = json_remove(state, '$.articles');

-- Who signed is read by kind when an accord is stored: not a scan of the game's whole record.
CREATE INDEX game_events_by_kind ON game_events (game_id, kind);
