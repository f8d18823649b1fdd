"""/lore search's pages: the service's answer drawn for this server (its source tiers), the
treaty articles it may quote, and a "Did you mean …?" button when a repair is only a guess."""

from __future__ import annotations

import discord

from bot.application.checks import config_of
from bot.domain.lore import as_shown
from bot.services.lore import LoreService
from bot.services.lore_articles import about_articles
from bot.services.treaties import TreatyService, quote_for_question
from bot.ui import lore_pages, lore_search_pages
from bot.ui.pager import Paged, PagerButton, shorten
from bot.ui.text import plain

SOURCE = "lore_search"


async def search_pages(service: LoreService, interaction: discord.Interaction, query: str) -> Paged:
    # the canon and the accords the question names (an index lookup), not every accord of the server
    named_in = TreatyService(service.db).named_in
    treaties = await named_in(interaction.guild_id, query) if about_articles(query) else []
    found = await service.search(interaction.guild_id, query, treaties)
    tiers = (await config_of(interaction)).allowed_tiers()
    shown = [
        lore_pages.Shown(entry, hit.marked)  # marked when its page is drawn
        for hit in found.hits
        if (entry := as_shown(hit.entry, tiers)) is not None
    ]
    line = None
    if (answer := found.answer) is not None:
        if answer.treaty is not None and answer.article is not None:
            line = lore_search_pages.article_line(answer.treaty, answer.article)
        elif answer.treaty is not None:  # the treaty has no such article
            line = f"**Answer:** {plain(answer.sentence)}"
        elif answer.entry is not None and (entry := as_shown(answer.entry, tiers)) is not None:
            line = lore_search_pages.answer_line(answer.sentence, entry, found.asked)
    subject = as_shown(found.subject, tiers) if found.subject is not None else None
    pages = lore_search_pages.search_pages(
        query,
        shown,
        found.corrected,
        asks=found.asks,
        asked=found.asked,
        answer=line,
        subject=subject,
        card=as_shown(found.exact, tiers) if found.exact is not None else None,
        quote=quote_for_question(treaties, query) if treaties else None,
        guess=found.guess,
    )
    extras = []
    if found.guess is not None:
        arg = await shorten(interaction, found.guess)
        label = f"Search for “{found.guess}”"
        extras.append(PagerButton("next", SOURCE, interaction.user.id, 0, arg, disabled=False, label=label))
    return Paged(pages, extras)
