"""What was done to a person, asked in a player's words and read as the lore says it: "who took
out Gorkon" (killed him), "who was Kang's killer" (who killed Kang), "who took over when Gorkon
died" (who succeeded him). Each is read so only when the name is a person's (`person`, see
bot/domain/lore_asking.py). Pure: the standard library."""

from __future__ import annotations

import re
from collections.abc import Callable

from .lore_doers import TITLES

# "Took out Gorkon" is a killing; "took out the shields", "took the Klingons out of the Accords"
# are not, and a ship "taken out" is destroyed: read as killed only before a person's name (a
# rank between: "took out General Chang"). So too "ended Duras", "put down Duras", "offed Kang".
_TAKEN_OUT = re.compile(
    r"\b(take|takes|took|taken|taking|end|ends|ended|put|puts|putting|offed)\s+(out\s+|down\s+)?"
    rf"((?:(?:{'|'.join(sorted(TITLES))})\s+)?)([\w'’-]+)",
    re.I,
)
_KILLED = {"take": "kill", "takes": "kills", "took": "killed", "taken": "killed", "taking": "killing",
           "end": "kill", "ends": "kills", "ended": "killed", "put": "killed", "puts": "kills",
           "putting": "killing", "offed": "killed"}  # fmt: skip
_PARTICLE = {"take": "out", "takes": "out", "took": "out", "taken": "out", "taking": "out", "put": "down",
             "puts": "down", "putting": "down"}  # fmt: skip


def killed_asked(question: str, person: Callable[[str], bool]) -> str:
    """ "Who took out Gorkon" as "who killed Gorkon" when `person` takes the word after "out"
    (lower case) for a word of a person's name; else the question as typed."""

    def read(found: re.Match[str]) -> str:
        verb, particle, rank, named = found.groups()
        wanted = _PARTICLE.get(verb.lower())
        if (particle or "").strip().lower() != (wanted or "") or not person(named.casefold()):
            return found.group(0)
        return f"{_KILLED[verb.lower()]} {rank}{named}"

    return _TAKEN_OUT.sub(read, question)


# "who was Kang's killer", "who was the murderer of K'mpec": who killed them
_KILLER = re.compile(
    r"^\s*who\s+(?:was|is|were)\s+(?:(?P<owner>[\w'’ -]+?)(?:['’]s?|s)?\s+(?:killer|murderer|assassin)"
    r"|the\s+(?:killer|murderer|assassin)\s+of\s+(?P<of>[\w'’ -]+?))\s*(?P<end>[?.!]*)\s*$",
    re.I,
)


def killer_asked(question: str, person: Callable[[str], bool]) -> str:
    """ "Who was Kang's killer" as "who killed Kang" when `person` takes each word of the name for
    a word of a person's name (the doer's noun reads as the deed); else the question as typed."""
    found = _KILLER.match(question)
    if not found:
        return question
    typed = found["owner"] or found["of"]
    for named in (typed, f"{typed}s"):  # "kangs killer", "duras killer"
        if all(person(word) for word in named.casefold().split()):
            return f"who killed {named}{found['end']}"
    return question


# "who took over when Gorkon died": who succeeded him (the death says when, not what is asked)
_TOOK_OVER = re.compile(
    r"\b(?:took|take|takes|stepped in|step in|stepped up|step up) (?:over )?(?:when|once|after) "
    r"([\w'’ -]+?) (?:died|was killed|got killed|was murdered|got murdered|was assassinated|got assassinated"
    r"|was shot|got shot|was overthrown|got overthrown|fell|stepped down|passed away)\b",
    re.I,
)


def successor_asked(question: str, person: Callable[[str], bool]) -> str:
    """ "Who took over when Gorkon died" as "who succeeded Gorkon" when `person` takes each word
    of the name (a rank aside) for a word of a person's name: "when the praetor died" names no one
    to succeed."""

    def read(found: re.Match[str]) -> str:
        words = [w for w in re.split(r"[\s-]+", found.group(1).casefold()) if w and w not in TITLES]
        return f"succeeded {found.group(1)}" if words and all(map(person, words)) else found.group(0)

    return _TOOK_OVER.sub(read, question)


# "Who murdered Worf's mate K'Ehleyr": the relative is named; the owner only says who she was to
# him ("mate" is no deed the lore could hold).
_KIN_NAMED = re.compile(
    r"\b[\w'’-]+['’]s\s+(?:ex|mate|wife|husband|girlfriend|boyfriend|lover|partner|son|daughter|brother|"
    r"sister|father|mother|kid|dad|mom|mum|uncle|aunt|cousin)\s+(?=([\w'’-]+))",
    re.I,
)


def kin_named(question: str, person: Callable[[str], bool]) -> str:
    """ "Worf's mate K'Ehleyr" as "K'Ehleyr" when `person` takes the word after the relation for a
    word of a person's name; else the question as typed."""
    return _KIN_NAMED.sub(lambda found: "" if person(found.group(1).casefold()) else found.group(0), question)
