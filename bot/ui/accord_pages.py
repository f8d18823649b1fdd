"""Embeds for the accords game: the lobby, a tabled article, the draft up for signature."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from ..domain.accords import Article, GameState, Phase, Seat, clauses
from ..domain.accords.scenario import Objective
from ..domain.accords.scoring import breaking_article, objective_met, scores, winning_article
from ..domain.inert import cut
from ..domain.numerals import to_roman
from .accord_labels import ENDINGS, LEFT, named
from .accord_seats import delegations_line, holder, marked
from .embeds import ACCENT
from .text import plain

Emblems = Mapping[str, str]  # power -> its emblem (data/powers.toml, through the service)


def terms_line(article: Article) -> str:
    """An article's typed terms as players read them: "What: cloaking devices · From: …"."""
    return " · ".join(f"{clauses.term(name).label}: {plain(value)}" for name, value in article.terms)


ARTICLES_PER_PAGE = 6


def deadline_field(state: GameState) -> tuple[str, str]:
    """An article card's clock, named by the phase it belongs to: negotiation while articles are
    on the table; signing once the draft is closed, by its date (the card is not redrawn at
    the end, and a date stays true); the outcome where the end redraws it (an abandonment)."""
    if state.phase.over:
        return "Outcome", state.phase.label
    if state.phase is Phase.RATIFICATION:
        if state.deadline is None or state.paused:
            return "Signing", clock(state)
        return "Signing", f"until <t:{int(state.deadline)}:f>"
    return "Negotiation", clock(state)


def clock(state: GameState) -> str:
    """The phase's deadline as a Discord timestamp every reader sees in their own time zone."""
    if state.phase.over:
        return "over"
    if state.paused:
        return "paused: the clock is stopped"
    if state.deadline is None:
        return "no deadline"
    return f"ends <t:{int(state.deadline)}:R>"


def _answers(article: Article) -> str:
    def answer(power: str) -> str:
        if power in article.support:
            return "supports"
        return "opposes" if power in article.oppose else "not yet"

    return " · ".join(f"{power} {answer(power)}" for power in article.parties)


def _emblem(emblems: Emblems, power: str) -> str:
    return emblems.get(power, "•")


def board_embeds(state: GameState, emblems: Emblems) -> list[discord.Embed]:
    """/accord status: seats and who holds them, the phase and its deadline, and every tabled
    article with each bound party's answer, a few articles a page."""
    seats = [
        f"{_emblem(emblems, power)} {power} — {holder(_seat(state, power))}"
        + (f" ({LEFT})" if power in state.departed else "")
        for power in state.powers
    ]
    head = f"**Phase:** {state.phase.label} · {clock(state)}\n**Host:** <@{state.host}>"
    chunks = [
        state.articles[i : i + ARTICLES_PER_PAGE] for i in range(0, len(state.articles), ARTICLES_PER_PAGE)
    ]
    pages = []
    for chunk in chunks or [()]:
        embed = discord.Embed(
            title=cut(f"Conference: {plain(state.title)}", 256), description=head, colour=ACCENT
        )
        embed.add_field(name="Seats", value="\n".join(seats)[:1024], inline=False)
        for article in chunk:
            status = article_status(state, article)
            text = plain(article.text)
            terms = f"\n{terms_line(article)}" if article.terms else ""
            body = (
                f"Binds {', '.join(article.parties)}{terms}\n{cut(text, 600)}{'…' if len(text) > 600 else ''}"
            )
            embed.add_field(
                name=f"Article {article.number} ({named(article)}) — {status}",
                value=cut(f"{body}\n{_answers(article)}", 1024),
                inline=False,
            )
        if not state.articles:
            embed.add_field(name="Articles", value="None tabled yet.", inline=False)
        pages.append(embed)
    return pages


def _seat(state: GameState, power: str) -> Seat | None:
    return next((s for s in state.seats if s.power == power), None)


def article_status(state: GameState, article: Article) -> str:
    if article.retracted:
        return "withdrawn"
    if article.agreed:
        return "agreed"
    return "on the table" if state.phase is Phase.NEGOTIATION else "left out of the accord"


def lobby_embed(state: GameState, briefing: str, emblems: Emblems) -> discord.Embed:
    embed = discord.Embed(
        title=cut(f"Conference: {plain(state.title)}", 256), description=plain(briefing), colour=ACCENT
    )
    for power in state.powers:
        seat = next((s for s in state.seats if s.power == power), None)
        taken_over = seat is not None and seat.delegation and state.phase is Phase.CONVENED
        who = holder(seat) + (" (a player who sits here takes over)" if taken_over else "")
        embed.add_field(name=f"{_emblem(emblems, power)} {power}", value=who, inline=False)
    embed.add_field(name="Host", value=f"<@{state.host}>")
    embed.add_field(name="Deadline", value=clock(state))
    waiting = " · the host can start when two powers sit" if state.phase is Phase.CONVENED else ""
    ended = ENDINGS.get(state.phase)
    embed.set_footer(text=f"Over: {ended}." if ended else f"Phase: {state.phase.label}{waiting}")
    return embed


def article_embed(state: GameState, article: Article, emblems: Emblems) -> discord.Embed:
    status = article_status(state, article)
    embed = discord.Embed(
        title=cut(f"Article {article.number} ({named(article)}) — {status}", 256),
        description=plain(article.text),
        colour=ACCENT,
    )
    embed.add_field(name="Tabled by", value=f"{_emblem(emblems, article.author)} {article.author}")
    embed.add_field(name="Binds", value=", ".join(article.parties))
    embed.add_field(name="Support", value=", ".join(sorted(article.support)) or "nobody yet")
    embed.add_field(name="Oppose", value=", ".join(sorted(article.oppose)) or "nobody")
    name, value = deadline_field(state)
    embed.add_field(name=name, value=value)
    if article.terms:
        embed.add_field(name="Terms", value=cut(terms_line(article), 1024), inline=False)
    return embed


def draft_embed(state: GameState, emblems: Emblems) -> discord.Embed:
    lines = [
        f"**Article {to_roman(i)} ({named(a)})** {plain(a.text)}" for i, a in enumerate(state.agreed(), 1)
    ]
    embed = discord.Embed(
        title=cut(f"The accord of {plain(state.title)} — {state.phase.value}", 256),
        description=cut("\n\n".join(lines), 4000),
        colour=ACCENT,
    )
    bound = state.bound()
    for power in state.seated_powers():
        mark = _signing_mark(state, bound, power)
        embed.add_field(name=f"{_emblem(emblems, power)} {marked(state, power)}", value=mark)
    embed.add_field(name="Signing", value=clock(state), inline=False)
    return embed


def _signing_mark(state: GameState, bound: tuple[str, ...], power: str) -> str:
    """Where a seated power stands on the accord: only the powers it binds are asked to sign."""
    if power in bound:
        return "signed" if power in state.signed else "refused" if power in state.refused else "to answer"
    return LEFT if power in state.departed else "not a party: no article binds it"


def _outsiders(state: GameState) -> str:
    """The seated powers a ratified accord does not bind, and which of them departed."""
    bound = state.bound()
    outside = [f"{p} ({LEFT})" if p in state.departed else p for p in state.seated_powers() if p not in bound]
    return f"Not bound by it: {', '.join(outside)}." if outside else ""


def ending_text(
    state: GameState, objectives: Sequence[Objective], accord_name: str | None, reputation: dict[int, int]
) -> str:
    """The end of a conference as its channel reads it: the outcome, the signatories, each
    objective with the points it won and the article that won them, and reputation changes."""
    title = plain(state.title)
    signed = ", ".join(p for p in state.seated_powers() if p in state.signed) or "nobody"
    refused = ", ".join(p for p in state.seated_powers() if p in state.refused)
    if state.phase is Phase.RATIFIED:
        lines = [f"**{title}** is ratified. Signed by {signed}."]
        if outsiders := _outsiders(state):
            lines.append(outsiders)
        if accord_name:
            lines.append(f"It is kept as **{plain(accord_name)}**: quote it with /treaty quote.")
    elif state.phase is Phase.FAILED:
        lines = [
            f"**{title}** failed: no accord was ratified." + (f" Refused: {refused}." if refused else "")
        ]
    else:
        lines = [f"**{title}** was abandoned."]
    if held := delegations_line(state):
        lines.append(held)
    points = scores(state, objectives)
    if objectives:
        lines.append("**Secret objectives**")
    for objective in objectives:
        won = objective.points if objective_met(objective, state) else 0
        how = ""
        if (found := winning_article(objective, state)) is not None:
            number, article = found
            how = f", won by Article {to_roman(number)} ({named(article)})"
        elif (broken := breaking_article(objective, state)) is not None:
            number, article = broken
            how = f", lost to Article {to_roman(number)} ({named(article)})"
        elif won:
            how = f", no {objective.clause.value} article was ratified"
        mark = "✅" if won else "❌"
        lines.append(f"{mark} {objective.power}: {plain(objective.text)} — {won} of {objective.points}{how}")
    if points:
        lines.append("**Scores:** " + ", ".join(f"{power} {n}" for power, n in points.items()))
    changes = ", ".join(f"<@{user}> {delta:+d}" for user, delta in sorted(reputation.items()))
    lines.append(f"**Reputation:** {changes or 'unchanged'}")
    return cut("\n".join(lines), 2000)


def rematch_text(last: GameState) -> str:
    seats = "; ".join(  # a seat whose players were forgotten is named by its power already
        f"{'the bot' if seat.delegation else holder(seat)} for {seat.power}"
        if seat.players or seat.delegation
        else holder(seat)
        for seat in last.seats
    )
    return (
        f"Rematch of **{plain(last.title)}**. Last time: {seats}. Your seats are free: "
        "take them again with the buttons above (or another one)."
    )


GUIDE = (
    (
        "1. Convene and take seats",
        "Anyone may open a conference where the moderators allow it: `/accord convene scenario:…`. "
        "It gets a thread of its own. Each player presses **Sit for …** on the lobby (or types "
        "`/accord join power:romulan`; short names work). A seat may hold a delegation of several "
        "players. Short of players? The host presses **Fill the free seats with delegations** (or "
        "`/accord host delegate power:…`): the bot sits for those powers, plays their interests and "
        "says why in the channel; a player who sits down in the lobby takes the seat over. The host "
        "presses **Start** once two powers sit, or the lobby's deadline does it.",
    ),
    (
        "2. Negotiate",
        "Delegations table articles with `/accord propose clause:… text:…` (leave the text out to "
        "write a long one in a form). Every power an article binds answers **Support** or "
        "**Oppose**; it is agreed when all of them support it. `/accord amend` and `/accord retract` "
        "change your own; `/accord talks powers:…` opens a private thread; `/accord status` shows "
        "every article, every answer and the deadline; `/accord objectives` your secret aims.",
    ),
    (
        "3. Ratify and sign",
        "When the agreed articles are enough, the host runs `/accord ratify`. Each power they bind "
        "presses **Sign** or **Refuse**; a power bound by none is not asked, and may stay to watch or "
        "leave the conference with `/accord depart`. All parties sign: the accord is ratified. "
        "A refusal ends it at once "
        "(some scenarios let two or more signers keep a narrower accord). Silence at the deadline "
        "counts as refusing. Signing is worth a point of reputation; refusing an accord whose every "
        "article binding you had your support costs one.",
    ),
    (
        "4. Afterwards",
        "The end is announced with the secret objectives, the points they won and reputation. A "
        "ratified accord is quoted like any treaty: `/treaty quote`. `/accord minutes` is the record, "
        "`/accord leaderboard` the reputation, `/accord record` withdrawals and complaints, and "
        "`/accord rematch` plays the same conference again with the same players invited.",
    ),
)


def guide_embeds(title: str | None, briefing: str | None) -> list[discord.Embed]:
    """/accord guide: the steps in the order they are used, the scenario's briefing first."""
    pages = []
    if title and briefing:
        pages.append(
            discord.Embed(
                title=cut(f"Briefing: {plain(title)}", 256), description=plain(briefing), colour=ACCENT
            )
        )
    for heading, text in GUIDE:
        pages.append(
            discord.Embed(title=f"How a conference goes — {heading}", description=text, colour=ACCENT)
        )
    return pages
