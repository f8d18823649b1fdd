"""Discord extensions, one per area; the bot loads every module here not starting with _."""
