"""Khitomer, a Star Trek roleplay bot for Discord."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .application.app import KhitomerBot, create_bot

__all__ = ["KhitomerBot", "__version__", "create_bot"]


def __getattr__(name: str) -> Any:
    # Lazy, so `import bot.domain` (and the version lookup at build time) never imports discord.
    if name in {"create_bot", "KhitomerBot"}:
        from .application import app

        return getattr(app, name)
    raise AttributeError(f"module 'bot' has no attribute {name!r}")
