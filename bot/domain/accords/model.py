"""The values of an accords game (see ../shared/design/GAME.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# An article's typed terms as (name, value) pairs in the order clauses.TERMS declares them.
Terms = tuple[tuple[str, str], ...]


class Phase(StrEnum):
    CONVENED = "convened"
    NEGOTIATION = "negotiation"
    RATIFICATION = "ratification"
    RATIFIED = "ratified"
    FAILED = "failed"
    ABANDONED = "abandoned"

    @property
    def over(self) -> bool:
        return self in {Phase.RATIFIED, Phase.FAILED, Phase.ABANDONED}

    @property
    def label(self) -> str:
        """The phase as players read it."""
        return {
            Phase.CONVENED: "the lobby (taking seats)",
            Phase.NEGOTIATION: "negotiation",
            Phase.RATIFICATION: "signing",
            Phase.RATIFIED: "ratified",
            Phase.FAILED: "failed",
            Phase.ABANDONED: "abandoned",
        }[self]

    @property
    def when(self) -> str:
        """When an action of this phase can be taken, in words."""
        return {
            Phase.CONVENED: "in the lobby, before the conference starts",
            Phase.NEGOTIATION: "during negotiation",
            Phase.RATIFICATION: "once the accord is up for signature",
        }.get(self, "while the conference runs")


class Clause(StrEnum):
    """Article kinds (GAME.md); clauses.TERMS says which must state typed terms."""

    NON_AGGRESSION = "non-aggression"
    MUTUAL_DEFENCE = "mutual defence"
    EMBASSIES = "embassies"
    HUMANITARIAN_AID = "humanitarian aid"
    TRADE = "trade"
    TECHNOLOGY_TRANSFER = "technology transfer"
    TERRITORY = "territorial cession"
    EXTRADITION = "extradition"
    WEAPONS_BAN = "weapons ban"
    NEUTRAL_ZONE = "neutral zone"
    PRISONERS_OF_WAR = "prisoners of war"
    EVACUATION = "evacuation of civilians"
    CONFERENCE = "conflict-resolution conference"
    FREE_TEXT = "free text"


@dataclass(frozen=True, slots=True)
class Seat:
    power: str
    players: tuple[int, ...] = ()  # the first is the head of the delegation
    delegation: bool = False  # held by the bot's delegation, with no players (seating.py)


@dataclass(frozen=True, slots=True)
class Article:
    number: int  # order of tabling; the ratified text renumbers the agreed ones I, II, III…
    author: str  # the power that tabled it
    clause: Clause
    parties: tuple[str, ...]  # the powers it binds: each must support it
    text: str
    support: frozenset[str] = frozenset()
    oppose: frozenset[str] = frozenset()
    versions: int = 1
    retracted: bool = False
    terms: Terms = ()  # what is transferred, from and to whom (clauses.TERMS)

    def term(self, name: str) -> str:
        return dict(self.terms).get(name, "")

    @property
    def agreed(self) -> bool:
        return not self.retracted and set(self.parties) <= self.support


@dataclass(frozen=True, slots=True)
class GameState:
    game_id: int
    guild_id: int
    host: int
    title: str
    powers: tuple[str, ...]  # the seats the scenario offers
    phase: Phase = Phase.CONVENED
    seats: tuple[Seat, ...] = ()
    articles: tuple[Article, ...] = ()
    signed: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()
    paused: bool = False
    version: int = 0  # events applied so far: storage refuses a stale write
    scenario: str = ""  # the scenario's key in data/scenarios
    deadline: float | None = None  # when the current phase ends (UTC seconds); None while paused
    remaining: float | None = None  # seconds that were left when the conference was paused
    narrower: bool = False  # the scenario lets two or more signers keep the accord among themselves
    acted: tuple[tuple[int, float], ...] = ()  # (player, when last seen acting) for each seated player
    departed: frozenset[str] = frozenset()  # powers bound by no article that withdrew from the conference

    def seat_of(self, player: int) -> Seat | None:
        return next((s for s in self.seats if player in s.players), None)

    def last_acted(self, player: int) -> float | None:
        """When a seated player last acted (UTC seconds), or None if nobody knows (absence.py)."""
        return next((at for who, at in self.acted if who == player), None)

    def seated_powers(self) -> tuple[str, ...]:
        return tuple(s.power for s in self.seats)

    def article(self, number: int) -> Article | None:
        # articles are numbered 1, 2, 3… in the order they were tabled: a lookup is an index
        return self.articles[number - 1] if 1 <= number <= len(self.articles) else None

    def agreed(self) -> tuple[Article, ...]:
        return tuple(a for a in self.articles if a.agreed)

    def bound(self) -> tuple[str, ...]:
        """The seated powers an agreed article binds, in seat order: the accord's parties, the only
        powers asked to sign it (a power bound by nothing has no veto; it may depart instead)."""
        named = {power for article in self.agreed() for power in article.parties}
        return tuple(power for power in self.seated_powers() if power in named)
