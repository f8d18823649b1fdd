-- PostgreSQL spelling of the SQLite migration of the same number (bot/storage/migrations).
CREATE INDEX pager_args_by_time ON pager_args (created_at);
