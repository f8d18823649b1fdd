-- Arguments too long for a button's custom_id (a search query, say). The button carries
-- "@<id>" instead, so paged answers still rebuild after a restart.
CREATE TABLE pager_args (
    id         INTEGER PRIMARY KEY,
    value      TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
) STRICT;
