"""/treaty: list, quote, show and search the canon treaties and this server's accords."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import config_of, requires
from bot.domain.errors import KhitomerError
from bot.domain.numerals import to_roman
from bot.domain.references import parse_articles, select_articles
from bot.domain.treaties import Treaty
from bot.services.accords import any_power_named, power_names
from bot.services.pictures import map_plan
from bot.services.treaties import TreatyService
from bot.ui import treaty_pages
from bot.ui.pager import send_pages
from cogs import _keyset
from cogs._keyset import CursorButton, Window, fitting, parse_cursor, send_window
from cogs._pictures import map_png, send_pictures

MAX_CHOICES = 25


@requires(area="treaties")
class Treaties(
    commands.GroupCog, group_name="treaty", group_description="Quote and search treaties and accords."
):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        self.service = TreatyService(bot.db)
        super().__init__()

    async def cog_load(self) -> None:
        await self.service.start()
        self.bot.add_dynamic_items(CursorButton)
        _keyset.register(self.bot, "treaty_list", self._list_window)
        sources = self.bot.page_sources
        sources.register("treaty_quote", self._quote_pages)
        sources.register("treaty_show", self._show_pages)
        sources.register("treaty_search", self._search_pages)

    # -- page sources: rebuild any page from the button's argument ---------------------------

    async def _list_window(self, interaction: discord.Interaction, cursor: str) -> Window:
        """One page of /treaty list: the canon and the server's first accords, then its accords
        a page at a time, after ("a<id>") or before ("b<id>") the accord a button names."""
        guild, canon, per_page = interaction.guild_id, self.service.canon, treaty_pages.LIST_LINES
        opening = max(0, per_page - len(canon))  # accords beside the canon on the first page
        kind, key = parse_cursor(cursor)
        if kind == "b":
            rows = await self.service.listed(guild, before=key, limit=per_page + 1)
            earlier, rows = len(rows) > per_page, rows[-per_page:]
            if rows and (earlier or len(rows) > opening):  # else: these are the first page's
                shown = rows[len(rows) - _fit(rows[::-1]) :]
                return _accords_page(shown, f"b{_id(shown[0])}", f"a{_id(shown[-1])}")
        elif kind == "a":
            rows = await self.service.listed(guild, after=key, limit=per_page + 1)
            shown = rows[: _fit(rows[:per_page])]
            if shown:
                return _accords_page(
                    shown, f"b{_id(shown[0])}", f"a{_id(shown[-1])}" if len(rows) > len(shown) else None
                )
        rows = await self.service.listed(guild, limit=opening + 1)
        lines = [
            *(treaty_pages.list_line(t) for t in canon),
            *(treaty_pages.list_line(t, n) for t, n in rows[:opening]),
        ]
        fit = fitting(lines, max_chars=treaty_pages.PAGE_CHARS, max_lines=per_page)
        shown = rows[: max(0, fit - len(canon))]
        after = f"a{_id(shown[-1]) if shown else 0}" if len(rows) > len(shown) else None
        return Window(treaty_pages.list_page(lines[: len(canon) + len(shown)]), None, after)

    async def _quote_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        key, _, spec = arg.partition(".")
        # by key: the accord's head and the articles quoted, nothing else of the server
        quote = await self.service.quote_key(interaction.guild_id, key, spec or "all")
        if quote is None:
            raise KhitomerError("That treaty is not available here any more.")
        return treaty_pages.quote_pages(quote)

    async def _show_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        found = await self.service.by_key(interaction.guild_id, arg)
        if found is None:
            raise KhitomerError("That treaty is not available here any more.")
        return treaty_pages.show_pages(found)

    async def _search_pages(self, interaction: discord.Interaction, arg: str) -> list[discord.Embed]:
        return treaty_pages.search_pages(arg, await self.service.search(interaction.guild_id, arg))

    @staticmethod
    async def _private(interaction: discord.Interaction) -> bool:
        return (await config_of(interaction)).private_answers(interaction.channel_id)

    # -- commands ---------------------------------------------------------------------------

    @app_commands.command(name="list", description="The canon treaties and this server's ratified accords.")
    async def list_(self, interaction: discord.Interaction) -> None:
        await send_window(
            interaction,
            "treaty_list",
            await self._list_window(interaction, ""),
            ephemeral=await self._private(interaction),
        )

    @app_commands.command(name="quote", description="Quote treaty articles: Khitomer Accords, Article III.")
    @app_commands.describe(
        treaty="The treaty or accord (a whole reference like 'Khitomer, Art. III' works too).",
        article="Which articles: III, 2-4, I, III, V-VI or all. Leave empty for all.",
    )
    async def quote(
        self,
        interaction: discord.Interaction,
        treaty: app_commands.Range[str, 1, 200],
        article: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        quote = await self.service.quote(interaction.guild_id, treaty, article)
        arg = f"{quote.treaty.key}.{quote.selection.compact()}"
        await send_pages(
            interaction,
            "treaty_quote",
            treaty_pages.quote_pages(quote),
            arg=arg,
            ephemeral=await self._private(interaction),
        )

    @app_commands.command(name="show", description="A treaty's whole text, signatories, history and sources.")
    @app_commands.describe(treaty="The treaty or accord.")
    async def show(self, interaction: discord.Interaction, treaty: app_commands.Range[str, 1, 200]) -> None:
        found = await self.service.find(interaction.guild_id, treaty)
        await send_pages(
            interaction,
            "treaty_show",
            treaty_pages.show_pages(found),
            arg=found.key,
            ephemeral=await self._private(interaction),
        )

    @app_commands.command(name="search", description="Search the text of every article.")
    @app_commands.describe(query="Words to look for, like 'embassy' or 'cloaking technology'.")
    async def search(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 200]) -> None:
        hits = await self.service.search(interaction.guild_id, query)
        pages = treaty_pages.search_pages(query, hits)
        await send_pages(
            interaction, "treaty_search", pages, arg=query, ephemeral=await self._private(interaction)
        )

    @app_commands.command(name="map", description="A picture of the treaties and accords between the powers.")
    @app_commands.describe(
        year="The web as it stood at the end of that year (default: today)",
        power="Only the treaties of this power (autocompletes; 'klingons', 'feds' or 'rom' work too)",
    )
    async def map(
        self,
        interaction: discord.Interaction,
        year: app_commands.Range[int, -10000, 10000] | None = None,
        power: app_commands.Range[str, 1, 60] | None = None,
    ) -> None:
        chosen = any_power_named(power) if power else None
        plan = await map_plan(self.bot.db, interaction.guild_id, year, chosen)
        count = len(plan.links)
        if not count:  # nothing to draw: say so, without an empty picture
            when = f" in {year}" if year is not None else ""
            await interaction.response.send_message(
                f"No treaty or accord{f' of the {chosen}' if chosen else ''} is recorded{when}.",
                ephemeral=True,
            )
            return
        text = f"**{plan.title}** — {count} {'treaty' if count == 1 else 'treaties and accords'}."
        await send_pictures(
            interaction,
            text,
            [(plan, plan.alt)],
            map_png,
            "diplomatic-map",
            ephemeral=await self._private(interaction),
        )

    @map.autocomplete("power")
    async def power_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=p, value=p) for p in power_names().suggest(current, MAX_CHOICES)]

    # -- autocomplete -----------------------------------------------------------------------

    @quote.autocomplete("treaty")
    @show.autocomplete("treaty")
    async def treaty_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [
            app_commands.Choice(name=_choice_name(t), value=t.key)
            for t in await self.service.suggest(interaction.guild_id, current, MAX_CHOICES)
        ]

    @quote.autocomplete("article")
    async def article_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        chosen = getattr(interaction.namespace, "treaty", None)
        if not isinstance(chosen, str) or not chosen.strip():
            return []
        try:
            treaty = await self.service.contents(interaction.guild_id, chosen)
        except KhitomerError:
            return []
        if not treaty.articles:
            return []
        choices: list[app_commands.Choice[str]] = []
        typed = current.strip()
        if typed:
            try:  # what they typed, if it names real articles, comes first
                selection = parse_articles(typed)
                select_articles(treaty, selection)
                choices.append(app_commands.Choice(name=f"{typed} — as typed"[:100], value=typed[:100]))
            except KhitomerError:
                pass
        choices.append(app_commands.Choice(name=f"All ({treaty.article_span})", value="all"))
        needle = typed.casefold()
        for article in treaty.articles:
            roman = to_roman(article.number)
            label = f"Article {roman} — {article.title}"
            if not needle or needle in label.casefold() or needle == str(article.number):
                choices.append(app_commands.Choice(name=label[:100], value=roman))
        return choices[:MAX_CHOICES]


def _id(row: tuple[Treaty, int]) -> int:
    return int(row[0].key.rpartition("-")[2])  # "accord-<id>"


def _fit(rows: list[tuple[Treaty, int]]) -> int:
    """How many of these accords, from the first, one page of the list holds."""
    lines = [treaty_pages.list_line(t, n) for t, n in rows]
    return fitting(lines, max_chars=treaty_pages.PAGE_CHARS, max_lines=treaty_pages.LIST_LINES)


def _accords_page(shown: list[tuple[Treaty, int]], back: str, forward: str | None) -> Window:
    return Window(treaty_pages.list_page([treaty_pages.list_line(t, n) for t, n in shown]), back, forward)


def _choice_name(treaty: Treaty) -> str:
    suffix = " — server accord" if treaty.is_accord else f" ({treaty.year})" if treaty.year else ""
    return f"{treaty.name[: 100 - len(suffix)]}{suffix}"


async def setup(bot: KhitomerBot) -> None:
    await bot.add_cog(Treaties(bot))
