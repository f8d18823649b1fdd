-- Kept no longer than needed (issue #24): stashed pager arguments are deleted once older than
-- their retention (data/privacy.toml, bot/storage/retention.py), found by age through this
-- index, as error reports are through error_reports_by_time.
CREATE INDEX pager_args_by_time ON pager_args (created_at);
