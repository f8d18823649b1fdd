"""The Discord application cogs plug into: the bot, its command tree and checks, the one
error handler, the base of restart-proof components, the outbox, command sync."""
