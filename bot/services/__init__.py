"""Use cases the cogs call: domain rules plus storage, with no Discord in them."""
