"""Citations in conversation (issue #25): the message commands that quote what a message cites,
and automatic citations where moderators turn them on."""

from __future__ import annotations

from bot.application.app import KhitomerBot

from ._cog import Citations
from ._listener import AutoCitations


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Citations(bot))
    await bot.add_cog(AutoCitations(bot))
