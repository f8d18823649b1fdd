"""What the bot holds about one member, and what is left of them once they asked to be forgotten
(issue #24): counts by kind, the records of an export, the report of a forget, and the words that
stand in for a forgotten member in the shared record.

A forgotten member's actions stay in the server's record (minutes, accords' records) under the
actor FORMER; their signature on an accord becomes "a former delegate of the Klingon Empire".
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMER = -2  # the actor a forgotten member's actions are kept under (CLOCK is 0, BOT -1)
NO_SERVER = 0  # what was held outside any server (a direct message)
FORMER_MEMBER = "a former member"


def member(user_id: int, *, start: bool = False) -> str:
    """A member as the minutes and boards name them: their mention, or "a former member"."""
    if user_id == FORMER:
        return FORMER_MEMBER.capitalize() if start else FORMER_MEMBER
    return f"<@{user_id}>"


def former_delegate(power: str) -> str:
    """The name a forgotten member's signature keeps: "a former delegate of the Klingon Empire"."""
    named = power if power.casefold().startswith("the ") else f"the {power}"
    return f"a former delegate of {named}"


@dataclass(frozen=True, slots=True)
class Held:
    """How much the bot holds about a member in one server (NO_SERVER: outside any)."""

    guild_id: int
    lore_entries: int = 0
    conferences: int = 0
    signatures: int = 0
    accord_actions: int = 0  # complaints, votes, withdrawals and reinstatements
    reputation: tuple[int, int] | None = None  # (points, accords honoured)
    saved_pages: int = 0
    error_reports: int = 0

    @property
    def anything(self) -> bool:
        counts = (self.lore_entries, self.conferences, self.signatures, self.accord_actions)
        return any(counts) or self.reputation is not None or bool(self.saved_pages or self.error_reports)


@dataclass(frozen=True, slots=True)
class Blocker:
    """A conference still running in which the member holds a seat or is the host."""

    guild_id: int
    game_id: int
    title: str
    channel_id: int
    phase: str  # as players read it
    power: str | None  # the seat they hold, if any
    hosting: bool
    lobby: bool  # not started: a seat is given up with /accord leave


@dataclass(slots=True)
class Forgotten:
    """What a forget deleted (the member's alone) and anonymised (the servers' shared record)."""

    servers: set[int] = field(default_factory=set)
    reputation: int = 0  # deleted: servers where they had a standing
    saved_pages: int = 0  # deleted
    error_reports: int = 0  # deleted
    signatures: int = 0  # anonymised: "a former delegate of …"
    minutes: int = 0  # anonymised: actions in conferences' minutes
    conferences: int = 0  # anonymised: conferences they hosted or sat in
    accord_actions: int = 0  # anonymised: complaints, votes, withdrawals
    lore_entries: int = 0  # anonymised: kept by their server, the author cleared
    queued_messages: int = 0  # anonymised: messages still waiting to be posted

    def deleted(self) -> list[tuple[int, str, str]]:
        """(count, singular, plural) of each kind deleted."""
        return [
            (self.reputation, "reputation in one server", "reputation in {n} servers"),
            (self.saved_pages, "saved search for page buttons", "saved searches for page buttons"),
            (self.error_reports, "error report", "error reports"),
        ]

    def anonymised(self) -> list[tuple[int, str, str]]:
        return [
            (self.signatures, "signature on an accord", "signatures on accords"),
            (self.minutes, "action in the minutes", "actions in the minutes"),
            (self.conferences, "conference", "conferences"),
            (self.accord_actions, "complaint, vote or withdrawal", "complaints, votes and withdrawals"),
            (self.lore_entries, "lore entry", "lore entries"),
            (self.queued_messages, "message waiting to be posted", "messages waiting to be posted"),
        ]

    @property
    def anything(self) -> bool:
        return any(n for n, _, _ in (*self.deleted(), *self.anonymised()))


def counted(count: int, singular: str, plural: str) -> str:
    """ "1 error report", "3 error reports", "reputation in 2 servers"."""
    if "{n}" in plural and count != 1:
        return plural.format(n=count)
    if "{n}" in plural:
        return singular
    return f"{count} {singular if count == 1 else plural}"


# What each kind of conference event says a member did, for an export (bot/domain/accords/events.py).
ACTIONS = {
    "joined": "took a seat",
    "left": "left the table",
    "started": "opened negotiations",
    "tabled": "tabled an article",
    "supported": "supported an article",
    "opposed": "opposed an article",
    "amended": "amended an article",
    "retracted": "withdrew an article",
    "draft_closed": "put the draft up for signature",
    "signed": "signed the accord",
    "refused": "refused to sign",
    "ratified": "completed the ratification",
    "failed": "ended the conference without an accord",
    "paused": "paused the conference",
    "resumed": "resumed the conference",
    "deadline_set": "extended the deadline",
    "extended_paused": "gave the paused conference more time",
    "replaced": "gave a seat to another member",
    "abandoned": "abandoned the conference",
    "departed": "withdrew a delegation from the conference",
    "delegated": "seated the bot's delegation",
    # after ratification (bot/domain/accords/after_events.py)
    "withdrawn": "withdrew from the accord",
    "reinstated": "returned to the accord",
    "complaint": "filed a complaint",
    "vote": "voted on a complaint",
    "decided": "cast the vote that decided a complaint",
}


def action(kind: str) -> str:
    """A stored kind of event in words (an unknown one, spelt out)."""
    return ACTIONS.get(kind, kind.replace("_", " "))
