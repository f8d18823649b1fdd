-- A stored pager argument (a long search query, say) belongs to the server and member it was
-- made for: a forged button elsewhere finds nothing. Old buttons lose their stored argument
-- and say the menu is no longer available.
DROP TABLE pager_args;

CREATE TABLE pager_args (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    owner_id   INTEGER NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (guild_id, owner_id, value)
) STRICT;
