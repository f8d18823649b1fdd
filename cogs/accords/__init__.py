"""/accord: convene a conference, take seats, table and answer articles, sign the accord.

Every action a button offers is also a slash command. The commands live by phase in _lobby,
_table, _host and _record on the foundation in _core; buttons and drawing in _views.
"""

from __future__ import annotations

from bot.application.app import KhitomerBot

from ._cog import Accords


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Accords(bot))
