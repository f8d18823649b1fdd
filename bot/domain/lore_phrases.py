"""Phrasal verbs and slang a question or a lore sentence may use for one word ("fall apart":
collapse), read when answering only (bot/services/lore_wording.py). Pure: the standard library."""

from __future__ import annotations

import re
from functools import lru_cache

# our own short list
PHRASES = {
    phrase: word
    for words, word in {
        "fall apart|fell apart|break up|broke up": "collapse", "blow up|blew up": "explode",
        "set up": "establish", "grow up|grew up": "raised", "come back|came back": "return",
        "sign back up|signed back up|sign back on|signed back on": "rejoin",
        "show up|showed up|turn up|turned up": "appear", "take over|took over": "seize",
        "find out|found out": "discover", "give up|gave up|stand down|stood down": "surrender",
        "pull out|pulled out|back out|backed out": "withdraw", "take place|took place": "happen",
        "wipe out|wiped out": "destroy", "hand over|handed over": "cede",
        "turn on|turned on|double-cross|double-crossed|sell out|sold out": "betray",
        "switch sides|switched sides|change sides|changed sides": "betray",
        "make peace|made peace": "peace", "team up|teamed up": "ally", "break out|broke out": "start",
        "kick off|kicked off": "start", "go to war|went to war": "war", "get rid of|got rid of": "remove",
        "offed|bumped off|knocked off|finished off": "kill",
        "flip on|flipped on|turn against|turned against|rise against|rose against|rise up|rose up": "betray",
        "take up arms|took up arms": "fight", "stood up for|stand up for": "defend",
        "walk out|walked out|walk away|walked away|storm out|stormed out": "withdraw",
        "lock up|locked up|locked away|lock away": "imprisoned",
        "served time|serving time|did time|doing time": "imprisoned",  # not "did he serve time": whose?
        "go boom|went boom|goes boom": "explode", "dead set against|set against": "oppose",
        "go along with|went along with": "join",
        "pass away|passed away|kick the bucket|kicked the bucket|bite the dust|bit the dust": "die",
        "go kaboom|went kaboom|goes kaboom|go bang|went bang": "explode", "unmask|unmasked": "expose",
        "whack|whacked": "kill", "ditch|ditched": "withdraw",
        "figure out|figured out|work out|worked out": "discover",
        "came to power after|come to power after|took over after|take over after": "succeed",
        "took over from|take over from": "succeed",
        "rat out|ratted out|rat on|ratted on|snitch on|snitched on": "expose",
        "blow the whistle on|blew the whistle on": "expose",
        "hammer out|hammered out|hash out|hashed out": "negotiate",
        "pull the trigger on|pulled the trigger on": "shot",
        "cook up|cooked up|whip up|whipped up": "devise",
        "captured soldiers|captured troops|captured warriors|captured crews|captured officers": "prisoners",
        "commandeer|commandeered|commandeers": "seize",  # its stem is command's: said as the word it means
    }.items()
    for phrase in words.split("|")
}  # fmt: skip
_PHRASE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, PHRASES), key=len, reverse=True)) + r")\b", re.I)


# Phrasal verbs a question may split around their object ("pull the Klingons out of the Accords").
_SEPARABLE = {
    verb: (particle, word)
    for verbs, particle, word in (
        ("pull pulled pulls", "out", "withdraw"), ("wipe wiped wipes", "out", "destroy"),
        ("hand handed hands", "over", "cede"), ("blow blew blows", "up", "explode"),
        ("lock locked locks", "up", "imprisoned"), ("sell sold sells", "out", "betray"),
        ("finish finished", "off", "kill"), ("knock knocked", "off", "kill"), ("bump bumped", "off", "kill"),
        ("stop stopped stops", "from", "forbid"), ("keep kept keeps", "from", "forbid"),
        ("prevent prevented prevents", "from", "forbid"),
        ("kick kicked kicks boot booted boots", "off", "remove"),
    )
    for verb in verbs.split()
}  # fmt: skip
_SPLIT = re.compile(
    r"\b(" + "|".join(_SEPARABLE) + r")((?:\s+[\w'’-]+){1,3}?)\s+(out|over|up|off|from)\b", re.I
)


# What a power pulls out of a treaty or a war ("pull the Klingons out"), or is stopped from doing
# (a treaty forbids it); a person pulled out of rubble was rescued, not withdrawn.
_WITHDRAWN = frozenset(
    """klingons romulans cardassians federation empire union fleet fleets forces troops ships army
    armies""".split()  # noqa: SIM905
)


_OF_POWERS = frozenset(("withdraw", "forbid"))  # said so only of a power
_WHAT = re.compile(r"\s*(?:what|which)\b", re.I)  # "what does Algeron stop the Federation from doing"


def _joined(found: re.Match[str]) -> str:
    particle, word = _SEPARABLE[found.group(1).casefold()]
    pulled = found.group(2).split()[-1].casefold()
    if found.group(3).casefold() != particle or (word in _OF_POWERS and pulled not in _WITHDRAWN):
        return found.group(0)
    if word == "forbid" and not _WHAT.match(found.string):  # "who stopped the Klingons from…" asks who did
        return found.group(0)
    return f"{word}{found.group(2)}" + (" from" if particle == "from" else "")  # "barred … from" says it


def phrased(question: str) -> str:
    """The question with each phrasal verb written as its one word ("why did it fall apart" ->
    "why did it collapse", "pull the Klingons out" -> "withdraw the Klingons")."""
    return _SPLIT.sub(_joined, _PHRASE.sub(lambda found: PHRASES[found.group(1).casefold()], question))


ONE_WORDS = frozenset(PHRASES.values())  # what the phrases say
_LONGEST = max(len(phrase.split()) for phrase in PHRASES)
_OPENING = frozenset(phrase.split()[0] for phrase in PHRASES)


@lru_cache(maxsize=2048)
def phrase_heads(written: tuple[str, ...]) -> dict[int, str]:
    """The places in a sentence's words (as written) that open a phrasal verb, each with its one
    word ("Donatra turned on Shinzon": 1 -> betray), so that a sentence says what a question asks
    in other words ("why did Donatra double-cross Shinzon")."""
    found: dict[int, str] = {}
    folded = [word.casefold() for word in written]
    at = 0
    while at < len(folded):
        length = 1
        if folded[at] in _OPENING:  # most words open no phrase
            length = next((n for n in range(_LONGEST, 0, -1) if " ".join(folded[at : at + n]) in PHRASES), 1)
            if (word := PHRASES.get(" ".join(folded[at : at + length]))) is not None:
                found[at] = word
        at += length  # a phrase's own words open none ("dead set against": not "set against" again)
    return found


def phrases_in(question: str) -> list[tuple[str, str]]:
    """The phrasal verbs of a question, each with its one word: [("took over", "seize")], split
    ones too ("took the station over")."""
    found = [(one.casefold(), PHRASES[one.casefold()]) for one in _PHRASE.findall(question)]
    split = (one for one in _SPLIT.finditer(question) if _joined(one) != one.group(0))
    return found + [
        (f"{one.group(1)} {one.group(3)}".casefold(), _SEPARABLE[one.group(1).casefold()][1]) for one in split
    ]
