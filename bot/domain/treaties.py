"""Treaties and accords as plain, frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .numerals import number_span, to_roman


class SourceTier(StrEnum):
    CANON = "canon"  # an episode or film
    LICENSED = "licensed"  # games, sourcebooks, novels
    FAN = "fan"  # fan wikis and fan fiction
    SERVER = "server"  # made by this server's players

    @property
    def label(self) -> str:
        return {
            "canon": "Canon (episode/film)",
            "licensed": "Licensed work",
            "fan": "Fan wiki",
            "server": "This server",
        }[self.value]


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    tier: SourceTier
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    number: int
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    signed_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    year: int | None
    kind: str  # signed, withdrawn, reinstated, anniversary, dissolved, complaint, note
    text: str
    party: str = ""  # who withdrew or was reinstated


@dataclass(frozen=True, slots=True)
class Treaty:
    key: str  # canon: a slug from data/; accords: "accord-<id>"
    name: str
    summary: str
    year: int | None
    date_text: str  # how the date is known ("2293", "early 2267, on the station's founding day")
    place: str
    parties: tuple[Party, ...]
    articles: tuple[Article, ...]
    aliases: tuple[str, ...] = ()
    history: tuple[HistoryEvent, ...] = ()
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()  # limits, disputed points, where the sources are thin
    lore: str | None = None  # the lore entry this treaty links to
    guild_id: int | None = None  # None: canon, shown everywhere; else only in that server
    status: str = "in force"
    numbers: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "numbers", tuple(article.number for article in self.articles))

    @property
    def is_accord(self) -> bool:
        return self.guild_id is not None

    @property
    def article_span(self) -> str:
        if not self.articles:
            return "no recorded articles"
        noun = "Article" if len(self.articles) == 1 else "Articles"
        return f"{noun} {number_span(self.numbers)}"

    def article(self, number: int) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)


def quote_command(treaty: Treaty, number: int) -> str:
    """The /treaty quote that shows one article, as a member can type it (a player's accord name
    stays inside its code span)."""
    name = treaty.name.replace("`", "'").replace('"', "'")
    return f'/treaty quote treaty:"{name}" article:{to_roman(number)}'
