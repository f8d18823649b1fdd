"""/mydata in words: what is held about a member, the question before a forget, what a forget
did, and why it has to wait. Server names come from the cog (`name_of`); no id is ever shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import discord

from ..domain.member_data import Blocker, Forgotten, Held, counted
from .embeds import info_embed
from .text import plain

SHOWN_CHARS = 3500  # of an embed's 4,096: the rest names the servers left out
NameOf = Callable[[int], str]


def _held_lines(held: Held) -> list[str]:
    lines = [
        (held.lore_entries, "Lore entries you wrote"),
        (held.conferences, "Conferences you hosted or sat in"),
        (held.signatures, "Signatures on accords"),
        (held.accord_actions, "Complaints, votes and withdrawals on accords"),
        (held.saved_pages, "Searches kept for page buttons"),
        (held.error_reports, "Error reports naming you"),
    ]
    shown = [f"{label}: {count}" for count, label in lines if count]
    if held.reputation is not None:
        points, accords = held.reputation
        shown.insert(
            0,
            f"Reputation: {points} {'point' if abs(points) == 1 else 'points'}, "
            f"{accords} {'accord' if accords == 1 else 'accords'} honoured",
        )
    return shown


def held_embed(held: Sequence[Held], here: int | None, name_of: NameOf) -> discord.Embed:
    """Counts by kind, this server first, then the others by name."""
    title = "What Khitomer holds about you"
    if not held:
        return info_embed(title, "Khitomer holds nothing about you, in this server or any other.")
    ordered = sorted(held, key=lambda h: h.guild_id != here)
    blocks: list[str] = []
    left_out = 0
    for item in ordered:
        name = f"**{plain(name_of(item.guild_id))}**" + (" (this server)" if item.guild_id == here else "")
        block = "\n".join([name, *_held_lines(item)])
        if sum(len(b) + 2 for b in blocks) + len(block) > SHOWN_CHARS:
            left_out += 1
            continue
        blocks.append(block)
    if left_out:
        blocks.append(
            f"… and {counted(left_out, 'more server', 'more servers')}: /mydata export lists them all."
        )
    if not any(h.guild_id == here for h in held) and here is not None:
        blocks.insert(0, "Nothing in this server.")
    blocks.append(
        "`/mydata export` sends you a copy of all of it. `/mydata forget` deletes what is yours alone "
        "and takes your name off what your servers keep."
    )
    return info_embed(title, "\n\n".join(blocks))


FORGET_QUESTION = (
    "Forget you in every server where Khitomer knows you? This cannot be undone.\n"
    "**Deleted**, as yours alone: your reputation, the searches kept for your page buttons and "
    "the error reports that name you.\n"
    "**Kept without your name**, as your servers' shared record: your signatures read “a former "
    "delegate of …”, the minutes keep your actions without your name, your complaints and votes "
    "still count, lore you wrote stays with its server. Nothing another member owns is lost.\n"
    "These buttons work for {minutes} minutes."
)


def forget_question(minutes: int) -> str:
    return FORGET_QUESTION.format(minutes=minutes)


def _listed(items: list[tuple[int, str, str]]) -> str:
    return ", ".join(counted(n, one, many) for n, one, many in items if n)


def forgotten_text(done: Forgotten) -> str:
    """What a forget did, in counts: deleted, and kept without the member's name."""
    if not done.anything:
        return "Khitomer held nothing about you: nothing was changed."
    lines = [f"Done: Khitomer has forgotten you in {counted(len(done.servers), 'server', 'servers')}."]
    if deleted := _listed(done.deleted()):
        lines.append(f"**Deleted**: {deleted}.")
    if kept := _listed(done.anonymised()):
        lines.append(f"**Kept without your name**: {kept}.")
    if done.signatures:
        lines.append(
            "Each signature of yours now reads “a former delegate of” and the power it was made for."
        )
    lines.append(
        "Nothing another member owns was removed. Messages already posted in channels are not edited."
    )
    return "\n".join(lines)


def still_seated_text(running: Sequence[Blocker], here: int | None, name_of: NameOf) -> str:
    """Why a forget waits: each running conference that holds the member, and what ends it."""
    lines = [
        "You cannot be forgotten while a conference you play in is still running: its seats are "
        "part of a game others are playing. Nothing was changed."
    ]
    for game in running:
        where = f"in <#{game.channel_id}>" if game.guild_id == here else f"in {plain(name_of(game.guild_id))}"
        if game.power and game.lobby:
            said = f"you sit for {game.power}; leave the table with /accord leave"
        elif game.power:
            said = f"you sit for {game.power}; it ends at its deadline, or when its host ends it"
        else:
            said = "you host it; it ends at its deadline, or end it with /accord host abandon"
        lines.append(f"• **{plain(game.title)}** {where} ({game.phase}): {said}.")
    lines.append("Ask again once you are out of them.")
    return "\n".join(lines)
