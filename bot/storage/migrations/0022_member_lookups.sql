-- A member's data by their id (issue #24: /mydata show, export and forget, khitomer forget-user):
-- each read is an index range, never a server's whole record. A conference names a member in the
-- events they acted in, as its host, or in the event that gave them a seat (bot/storage/member_data.py).
CREATE INDEX game_events_by_actor ON game_events (actor_id);
CREATE INDEX games_by_host ON games (json_extract(state, '$.host'));
CREATE INDEX game_events_seat_given ON game_events (json_extract(data, '$.new')) WHERE kind = 'replaced';
CREATE INDEX accord_events_by_actor ON accord_events (actor_id);
CREATE INDEX accords_by_game ON accords (game_id);
CREATE INDEX lore_entries_by_author ON lore_entries (author_id);
CREATE INDEX reputation_by_user ON reputation (user_id);
CREATE INDEX pager_args_by_owner ON pager_args (owner_id);
CREATE INDEX error_reports_by_user ON error_reports (user_id);
