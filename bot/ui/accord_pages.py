"""Embeds for the accords game: the lobby, a tabled article, the draft up for signature."""

from __future__ import annotations

import discord

from ..content.scenarios import canon_powers
from ..domain.accords import Article, GameState
from ..domain.numerals import to_roman
from .embeds import ACCENT
from .text import plain


def _emblem(power: str) -> str:
    found = canon_powers().get(power)
    return found.emblem if found else "•"


def lobby_embed(state: GameState, briefing: str) -> discord.Embed:
    embed = discord.Embed(
        title=f"Conference: {plain(state.title)}"[:256], description=plain(briefing), colour=ACCENT
    )
    for power in state.powers:
        seat = next((s for s in state.seats if s.power == power), None)
        who = ", ".join(f"<@{p}>" for p in seat.players) if seat else "*free seat*"
        embed.add_field(name=f"{_emblem(power)} {power}", value=who, inline=False)
    embed.set_footer(text=f"Phase: {state.phase.value} · host <@{state.host}> can start when two powers sit")
    return embed


def article_embed(state: GameState, article: Article) -> discord.Embed:
    status = "retracted" if article.retracted else "agreed" if article.agreed else "on the table"
    embed = discord.Embed(
        title=f"Article {article.number} ({article.clause.value}) — {status}",
        description=plain(article.text),
        colour=ACCENT,
    )
    embed.add_field(name="Tabled by", value=f"{_emblem(article.author)} {article.author}")
    embed.add_field(name="Binds", value=", ".join(article.parties))
    embed.add_field(name="Support", value=", ".join(sorted(article.support)) or "nobody yet")
    embed.add_field(name="Oppose", value=", ".join(sorted(article.oppose)) or "nobody")
    if article.subject:
        terms = plain(article.subject)
        if article.giver and article.receiver:
            terms += f" — from {article.giver} to {article.receiver}"
        embed.add_field(name="Terms", value=terms[:1024], inline=False)
    return embed


def draft_embed(state: GameState) -> discord.Embed:
    lines = [
        f"**Article {to_roman(i)} ({a.clause.value})** {plain(a.text)}"
        for i, a in enumerate(state.agreed(), 1)
    ]
    embed = discord.Embed(
        title=f"The accord of {plain(state.title)} — {state.phase.value}"[:256],
        description="\n\n".join(lines)[:4000],
        colour=ACCENT,
    )
    for power in state.seated_powers():
        mark = "signed" if power in state.signed else "refused" if power in state.refused else "to answer"
        embed.add_field(name=f"{_emblem(power)} {power}", value=mark)
    return embed
