"""Errors whose message is safe to show a user as it is."""

from __future__ import annotations


class KhitomerError(Exception):
    """Base of every error the bot explains to the user in plain words.

    The message is written for players and moderators: no internals, no stack, no IDs
    they cannot act on. The command tree turns it into an ephemeral reply.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(KhitomerError):
    """What the user asked for does not exist (here)."""


class NotAllowed(KhitomerError):
    """The user may not do this, here or at all."""


class InvalidInput(KhitomerError):
    """The input cannot be understood or breaks a limit."""
