"""The one base of every restart-proof button and menu (a discord.ui.DynamicItem).

A custom_id is all such a component keeps across restarts, and anyone can forge one, so the
base reads it as untrusted: each field is checked as it is read (ids fit a 64-bit column, page
numbers are bounded), and a forged one gets a plain refusal instead of reaching the item. On
every press the item's area must be on in that server (old messages' buttons too), then the
item acts, and whatever it raises reaches the one error handler.

It sits beside checks.py and interaction_errors.py, which it builds on: bot/ui may not import
those (tests/test_layers.py), and both the cogs and the pager in bot/ui build on this.
"""

from __future__ import annotations

import re
from typing import Any, Self, TypeVar, cast, final

import discord
from discord.ext.commands import Cog
from discord.ext.commands.bot import BotBase

from ..domain.errors import NotFound
from ..domain.ids import parse_id, parse_number
from .checks import ensure_area_enabled
from .interaction_errors import handle_interaction_error

ItemT = TypeVar("ItemT", bound=discord.ui.Item[Any])
ServiceT = TypeVar("ServiceT")
FORGED = "This {kind} is no longer valid. Run the command again."


class _Unreadable(ValueError):
    """A custom_id field out of range: the custom_id was not made by us."""


class Fields:
    """The fields of a matched custom_id, each read as untrusted."""

    def __init__(self, match: re.Match[str]) -> None:
        self._match = match

    def text(self, name: str) -> str:
        return self._match[name] or ""

    def id(self, name: str) -> int:
        """A row id or a Discord id (1 to 2**63 - 1)."""
        value = parse_id(self.text(name))
        if value is None:
            raise _Unreadable(name)
        return value

    def number(self, name: str, most: int) -> int:
        """A page number or an index, 0 to `most`."""
        value = parse_number(self.text(name), most)
        if value is None:
            raise _Unreadable(name)
        return value

    def optional_number(self, name: str, most: int) -> int | None:
        return self.number(name, most) if self._match[name] is not None else None


class RestartProof(discord.ui.DynamicItem[ItemT], template=r"(?!)"):
    """Subclasses give a template (numbers as `[0-9]+`: the fields bound them), build themselves
    from the fields in `from_fields`, name their `area` ("" for none) and act in `act`."""

    area: str = ""

    def __init__(self, item: ItemT, *, row: int | None = None) -> None:
        super().__init__(item, row=row)
        self._failure: Exception | None = None

    @classmethod
    def from_fields(cls, fields: Fields) -> Self:
        raise NotImplementedError

    async def act(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError

    @final
    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> Self:
        # discord.py only logs what fails here and the member sees "interaction failed": keep
        # the failure for the callback, which answers.
        try:
            return cls.from_fields(Fields(match))
        except Exception as error:
            kind = "menu" if isinstance(item, discord.ui.Select) else "button"
            failed = cls.__new__(cls)
            RestartProof.__init__(failed, cast(ItemT, item))  # the component as clicked; never acts
            failed._failure = NotFound(FORGED.format(kind=kind)) if isinstance(error, _Unreadable) else error
            return failed

    @final
    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            if self._failure is not None:
                raise self._failure
            await ensure_area_enabled(interaction, self.area)
            await self.act(interaction)
        except Exception as error:
            await handle_interaction_error(interaction, error)


def cog_of(client: discord.Client, name: str) -> Cog:
    """A loaded cog, or a plain refusal while it is not (being reloaded, say)."""
    cog = client.get_cog(name) if isinstance(client, BotBase) else None
    if cog is None:
        raise NotFound(f"{name} is not available right now.")
    return cog


def service_of(client: discord.Client, cog: str, kind: type[ServiceT]) -> ServiceT:
    """The service a loaded cog holds (its `service`), looked up on each press: an old
    message's button finds today's."""
    service = getattr(cog_of(client, cog), "service", None)
    if not isinstance(service, kind):
        raise NotFound(f"{cog} is not available right now.")
    return service
