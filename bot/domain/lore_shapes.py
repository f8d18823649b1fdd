"""The shape of the fact some questions ask, which an answer line must hold: which ship (a ship
named, not one fought or met: "the IKS Rotarran", "a Bird-of-Prey", not "his ships"), how many (a
number that is no year and no part of a name, in the year the question gives), how long (a
length, not "a year later"), and the power a question gives the ship it asks of ("which Klingon
ship"). Read by
bot/services/lore_question.py, and lore_names.py for the words of ships' names (pure: the
standard library)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

_SHIPS = r"(?:ship|starship|vessel|warship|flagship|warbird|cruiser|bird-of-prey)"
_ASKED = re.compile(
    rf"\b(?:what|which)\s+(?:\w+\s+)?{_SHIPS}s?\b|\bname\s+(?:of\s+)?(?:\S+\s+){{0,3}}?{_SHIPS}\b"
    rf"|\b{_SHIPS}\b.*\bcalled\b",
    re.I,
)
_PREFIXED = re.compile(r"\b(?:USS|IKS|IRW|RRW|ISS|ECS|HMS)\s+\*?[A-Z]")
_TYPES = re.compile(r"\bBird-of-Prey\b", re.I)
_WORD = re.compile(r"[A-Z][\w'’]*")
# Words of ships' entries' names that name no one ship ("Klingon Bird-of-Prey", "Galaxy class").
GENERIC = frozenset(
    """attack battle bird prey bop class cruiser one original starship warbird warship tal hms rrw uss iks
    irw ncc""".split()  # noqa: SIM905
)


def ship_asked(question: str) -> bool:
    """Whether the question asks which ship ("what ship did Martok command")."""
    return _ASKED.search(question) is not None


def ship_words(words: Iterable[str]) -> set[str]:
    """Of the words of ships' names, those that name a ship ("rotarran", not "class")."""
    return {w for w in words if w.replace("'", "").isalpha() and not w.endswith("'s") and w not in GENERIC}


# Words before a ship that make it another's, met or fought ("when he confronted the Excelsior").
_AGAINST = frozenset(
    """against attacked confronted destroyed fired rammed struck hit fought disabled crippled chased
    pursued ambushed hunted met boarded""".split()  # noqa: SIM905
)


def names_a_ship(sentence: str, ships: set[str]) -> bool:
    """Whether the sentence names a ship, not as one met or fought: after a prefix ("USS
    Excelsior"), by a word of a known ship's name written as a name ("the Rotarran"), or by its
    type ("a Bird-of-Prey")."""
    found = [*_PREFIXED.finditer(sentence), *_TYPES.finditer(sentence)]
    found += [one for one in _WORD.finditer(sentence) if _folded(one.group()) in ships]
    return any(not _met(sentence[: one.start()]) for one in found)


def _folded(word: str) -> str:
    return word.casefold().replace("’", "'").removesuffix("'s")


def _met(before: str) -> bool:
    """Whether the words before a ship's name make it one met or fought ("confronted the")."""
    words = [
        w for w in re.findall(r"[\w'’-]+", before.casefold())[-3:] if w not in {"the", "a", "uss", "iks"}
    ]
    return bool(words) and words[-1] in _AGAINST


_YEAR = re.compile(r"\b[12]\d{3}\b")
_UNITS = r"(?:years?|months?|days?|weeks?|hours?|decades?|centuries|century)"
_TIME = re.compile(rf"\b{_UNITS}\b", re.I)  # a question asking a span of time
_UNIT = re.compile(rf"\s*(?:or\s+so\s+)?{_UNITS}\b", re.I)
_LATER = re.compile(
    rf"\s*{_UNITS}\s+(?:later|earlier|ago|after|before|afterwards)\b", re.I
)  # "two years later"
_COUNT_ASKED = re.compile(r"\bhow\s+(?:many|much)\b", re.I)
_LENGTH_ASKED = re.compile(r"\bhow\s+long\b", re.I)
_NUMBER_WORDS = """two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions billion billions dozen dozens""".split()  # noqa: SIM905
# a number of things, not a year ("some four thousand", "800 million", "12"; not "in 2344")
_COUNT = re.compile(  # number words in lower case: "Deep Space Nine" is a name
    r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b|\b\d{1,3}(?:,\d{3})+\b|\b\d{1,3}\b(?![-–]\d)"
)


# how long something took or lasted: "nearly a minute", "three years", "decades-long", "2369 to 2375"
_LENGTH = re.compile(
    rf"\b(?:an?|one|half|several|few|many|some|\d+|{'|'.join(_NUMBER_WORDS)})\s+(?:\w+\s+)?"
    rf"(?:{_UNITS}|minutes?|seconds?)\b(?!\s+(?:later|earlier|ago|after|before|afterwards)\b)"
    rf"|\b(?:decades|years|centuries|months)-long\b|\b[12]\d{{3}}\s*(?:to|–|-)\s*[12]\d{{3}}\b",
    re.I,
)


def holds_length(sentence: str) -> bool:
    """Whether the sentence says how long something took or lasted."""
    return _LENGTH.search(sentence) is not None


def holds_count(sentence: str, times: bool = False) -> bool:
    """Whether the sentence gives a number of things: a number word, or a number that is no year
    and no part of a name ("Wolf 359", "Camp 371", "K-7"), nor, unless `times`, a span of time
    ("two years later") or how often ("every seven years")."""
    return any(_a_count(sentence, found, times) for found in _COUNT.finditer(sentence))


def _a_count(sentence: str, found: re.Match[str], times: bool) -> bool:
    before, after = (
        sentence[: found.start()],
        re.sub(r"^(?:-\w+)+", "", sentence[found.end() :]),
    )  # "seventy-eight"
    if not found.group()[:1].isalpha() and (
        re.search(r"\b[A-Z][\w'’-]*\s+$", before) or before.endswith("-")
    ):
        return False  # a name's number
    if re.search(r"\bevery\s+$", before, re.I) and _UNIT.match(after):
        return times  # "every seven years" is how often, not how many
    return times or _LATER.match(after) is None  # "fifty years of breathable air" is an amount


def wanted(question: str, ships: set[str]) -> Callable[[str], bool] | None:
    """What a sentence must hold to answer the question: a ship's name for "what ship…", a length
    for "how long…", a count for "how many…"; None when it asks none of them."""
    if ship_asked(question):
        return lambda sentence: names_a_ship(sentence, ships)
    if _LENGTH_ASKED.search(question):
        return holds_length
    if _COUNT_ASKED.search(question):
        years = _YEAR.findall(question)  # "how many cubes attacked Earth in 2373": that year's
        times = _TIME.search(question) is not None  # "how many years did K'mpec rule"
        return lambda sentence: holds_count(sentence, times) and all(year in sentence for year in years)
    return None


# The powers a question may name as a word before what it asks of ("which Klingon ship", "the
# Romulan side"): read here and by bot/services/lore_wording.py.
POWER_WORDS = "klingon|romulan|federation|starfleet|cardassian|dominion|vulcan|bajoran"
_OF_A_POWER = re.compile(rf"\b({POWER_WORDS})\s+(?:ship|vessel|warship|warbird|starship)\b", re.I)


# The prefixes of a power's ships' names: "the IKS Hegh'mar" is a Klingon ship, said or not.
_PREFIXES = {"klingon": "IKS", "romulan": "IRW|RRW", "federation": "USS", "starfleet": "USS"}


def power_of_ship(query: str) -> str:
    """The power a question gives the ship it asks about ("which Klingon ship rammed the Crimson
    Maw": "klingon"), "" for none."""
    found = _OF_A_POWER.search(query)
    return found.group(1).casefold() if found else ""


@lru_cache(maxsize=16)
def _ship_of(power: str) -> re.Pattern[str]:
    prefix = _PREFIXES.get(power)
    return re.compile(rf"\b(?:{power}|(?:{prefix})\b)" if prefix else rf"\b{power}", re.I)


def ship_of(power: str, sentence: str) -> bool:
    """Whether a sentence says a ship of `power`: by its name ("Klingon") or by the prefix of its
    ships' names ("the IKS Hegh'mar rammed…" for "which Klingon ship rammed…")."""
    return _ship_of(power).search(sentence) is not None
