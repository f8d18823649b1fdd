-- PostgreSQL spelling of the SQLite migration of the same number (bot/storage/migrations): a
-- member's data by their id. A JSON field is read as text here, as the queries compare it.
CREATE INDEX game_events_by_actor ON game_events (actor_id);
CREATE INDEX games_by_host ON games (((state::jsonb ->> 'host')));
CREATE INDEX game_events_seat_given ON game_events (((data::jsonb ->> 'new'))) WHERE kind = 'replaced';
CREATE INDEX accord_events_by_actor ON accord_events (actor_id);
CREATE INDEX accords_by_game ON accords (game_id);
CREATE INDEX lore_entries_by_author ON lore_entries (author_id);
CREATE INDEX reputation_by_user ON reputation (user_id);
CREATE INDEX pager_args_by_owner ON pager_args (owner_id);
CREATE INDEX error_reports_by_user ON error_reports (user_id);
