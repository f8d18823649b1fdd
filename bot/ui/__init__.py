"""Discord rendering shared by cogs: embeds, the restart-proof pager, confirmations."""
