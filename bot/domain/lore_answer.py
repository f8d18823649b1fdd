"""What a question asks for, and which one statement answers it, or none.

A question is read as a kind of fact wanted (who or what something is, when, where, why, who did
it, what an article says) about the entries it names, plus its other words (the predicate:
"killed" in "who killed Gorkon"). Each candidate statement (a sentence of an entry, or a sentence
composed from its facts) is checked for the kind of fact it carries (a year for "when", a name for
"who did") and for the predicate's words; the best that carries both answers. When none does,
there is no answer line: a wrong line is worse than none.

Words come in analysed (stemmed, synonyms written as the concept) by bot.services: pure here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .lore import Kind
from .lore_facts import Asked, Facts

_ARTICLE = re.compile(r"\b(?:art(?:icle)?s?\.?\s*(?:[0-9]{1,3}|[ivxlc]{1,6})\b|articles?\b|clauses?\b)", re.I)
TREATY_VERBS = re.compile(
    r"\b(forbid|forbade|forbidden|ban|banned|bans|prohibit\w*|require\w*|allow\w*|permit\w*|oblige\w*|"
    r"promise\w*|guarantee\w*|say|says|said|state|states|set up|establish\w*|provide\w*|demand\w*)\b",
    re.I,
)
_REASON = re.compile(r"\b(why|how come|what (?:caused|led to|made|drove|prompted|triggered)|cause of|"
                     r"reason)\b", re.I)  # fmt: skip
_TIME = re.compile(r"\b(when|what year|which year|what date|how long ago|year (?:did|was|were))\b", re.I)
_PLACE = re.compile(r"\b(where|what planet|which planet|what world|which world|what system|"
                    r"which system|location of)\b", re.I)  # fmt: skip
_WHO = re.compile(r"\b(who|whom|whose)\b", re.I)
_IDENTITY = re.compile(
    r"^\s*(?:(?:who|what)\s*(?:'s|’s|s|is|was|are|were)|tell me about|describe|explain)\s+"
    r"(?P<rest>.+?)[\s?.!]*$",
    re.I,
)


def asked_of(question: str) -> Asked:
    """The kind of fact `question` wants, from its question words (identity is decided with the
    names it holds: see `is_only_a_name`)."""
    if _ARTICLE.search(question):
        return Asked.ARTICLE
    kinds = ((_REASON, Asked.REASON), (_TIME, Asked.TIME), (_PLACE, Asked.PLACE), (_WHO, Asked.AGENT))
    found = [(match.start(), asked) for pattern, asked in kinds if (match := pattern.search(question))]
    return min(found, key=lambda item: item[0])[1] if found else Asked.ANYTHING  # the first asks


def identity_rest(question: str) -> str | None:
    """What follows "who was", "what is", "tell me about": the thing whose identity is asked."""
    found = _IDENTITY.match(question)
    return found.group("rest") if found else None


# --- what a statement carries -------------------------------------------------------------------

YEAR = re.compile(r"(?:[12][0-9]{3}s?|stardate)", re.I)
# Words that give a cause ("because", "drove", "after"): our own short list.
CAUSES = frozenset(
    """because after since drove driven forced force led caused cause sparked provoked response result
    due fear feared fearing seeking sought hoping blamed blaming prompted triggered left so order
    punish avenge revenge protect prevent save""".split()  # noqa: SIM905
)
_BEFORE_PLACE = frozenset("at on in near to from over above orbiting around beyond inside within".split())  # noqa: SIM905
# Before a name, a title says it is a person's ("Captain Okonkwo", "General Chang").
TITLES = frozenset(
    """captain admiral general chancellor commander colonel gul legate ambassador senator praetor
    doctor lieutenant ensign emperor empress proconsul chairman subcommander""".split()  # noqa: SIM905
)
# Capitalised words after "in" or "on" that are not places ("in Klingon space" is, but vaguely).
_NOT_PLACES = frozenset(
    """klingon klingons romulan romulans federation vulcan vulcans cardassian cardassians human humans
    starfleet january february march april may june july august september october november december
    fan the""".split()  # noqa: SIM905
)
NEAR = 12  # words between the fact and the question's own words in a statement


def fold(word: str) -> str:
    return word.casefold().replace("’", "'").removesuffix("'s")


Token = tuple[str, str]  # a word as written, and the question's concept it stands for ("" if none)


def _is_fact(asked: Asked, tokens: Sequence[Token], at: int, said: set[str], people: set[str],
             places: set[str]) -> bool:  # fmt: skip
    raw = tokens[at][0]
    word = fold(raw)
    if asked is Asked.TIME:
        return YEAR.fullmatch(raw) is not None
    if asked is Asked.REASON:
        return word in CAUSES
    if not raw[:1].isupper() or word in said:
        return False
    before = [fold(raw) for raw, _ in tokens[max(0, at - 2) : at]]
    if asked is Asked.AGENT:
        return word in people or (bool(before) and before[-1] in TITLES)
    if asked is Asked.PLACE:
        if before and before[-1] == "the":
            before.pop()
        return word not in _NOT_PLACES and (word in places or (bool(before) and before[-1] in _BEFORE_PLACE))
    return False


def carries(asked: Asked, tokens: Sequence[Token], predicate: set[str], said: set[str], people: set[str],
            places: set[str]) -> bool:  # fmt: skip
    """Whether the statement holds the kind of fact asked (a year, a place, a cause, a person
    the question did not name) close to the question's own words, when it has any."""
    if asked in {Asked.ANYTHING, Asked.IDENTITY, Asked.ARTICLE}:
        return True
    facts = [i for i in range(len(tokens)) if _is_fact(asked, tokens, i, said, people, places)]
    own = [i for i, (_, concept) in enumerate(tokens) if concept in predicate]
    if not own:
        return bool(facts)
    return any(abs(f - o) <= NEAR for f in facts for o in own)


# --- choosing the statement ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Statement:
    key: str  # the entry it comes from
    text: str  # as shown
    words: tuple[str, ...]  # analysed, synonyms written as their concept
    rank: int  # the entry's place in the results (0: first)
    subject: bool  # the entry is one the question names
    lead: bool  # the first sentence of the entry's summary
    composed: bool = False  # made from the entry's facts


@dataclass(frozen=True, slots=True)
class Choice:
    statement: Statement
    score: float


MIN_PREDICATE = 0.99  # share of the predicate's weight a statement must hold (all of it)
MIN_PREDICATE_LONG = 0.5  # … when the predicate has three concepts or more
MIN_PREDICATE_OWN = 0.5  # … when the statement is the named entry's own
MIN_ANYTHING = 0.7  # share of the whole question's weight, for a question with no asked kind


def _share(concepts: Sequence[str], weights: Mapping[str, float], words: set[str]) -> float:
    total = sum(weights.get(c, 1.0) for c in concepts)
    return 1.0 if not total else sum(weights.get(c, 1.0) for c in concepts if c in words) / total


def _needed(statement: Statement, others: float) -> float:
    """The share of the predicate a statement must hold: a fact all of it (it says one thing),
    the named entry's own sentence half, another entry's `others`."""
    if statement.composed:
        return MIN_PREDICATE
    return min(others, MIN_PREDICATE_OWN) if statement.subject else others


def choose(
    statements: Sequence[Statement],
    asked: Asked,
    predicate: Sequence[str],
    named: Sequence[str],
    weights: Mapping[str, float],
    said: set[str],
    people: set[str],
    places: set[str],
    subjects: Sequence[frozenset[str]],
    tokens: Callable[[str], Sequence[Token]],
) -> Choice | None:
    """The statement that answers, or None. `predicate`: the question's concepts that are not
    names of entries it names; `named`: the concepts of those names; `said`: every word of the
    question, as typed and folded (a name in it is no answer to "who"); `people` and `places`:
    the words of people's and places' names; `subjects`: each named entry's concepts, one of
    which a statement from an entry the question does not name must hold whole; `tokens`: a
    statement's words as written, each with the question's concept it stands for (read last:
    it costs the most)."""
    others = MIN_PREDICATE if len(predicate) < 3 else MIN_PREDICATE_LONG
    wanted = set(predicate)
    best: Choice | None = None
    for statement in statements:
        words = set(statement.words)
        if statement.composed and asked is Asked.ANYTHING:
            continue
        held = _share(predicate, weights, words)
        names = _share(named, weights, words) if named else 0.0
        if asked is Asked.ANYTHING and not named:
            if _share(list(predicate), weights, words) < MIN_ANYTHING:
                continue
        elif held < _needed(statement, others):
            continue
        if subjects and not statement.subject and not any(one <= words for one in subjects):
            continue  # says the fact of something else the question never named
        score = (1.0 + 2.0 * held + names) / (1.0 + 0.35 * statement.rank)
        score *= 1.5 if statement.subject else 1.0
        score *= 1.15 if statement.lead else 1.0
        score *= 0.9 if statement.composed else 1.0  # a sentence of ours reads better than a fact
        if best is not None and score <= best.score:
            continue
        if statement.composed or carries(asked, tokens(statement.text), wanted, said, people, places):
            best = Choice(statement, score)
    return best


# --- a sentence from facts ----------------------------------------------------------------------
_THE_KINDS = {Kind.EVENT, Kind.TREATY, Kind.BATTLE, Kind.FACTION}
_PRESENT_KINDS = {Kind.PLACE, Kind.SPECIES, Kind.FACTION, Kind.TECHNOLOGY}


def called(title: str, kind: Kind, facts: Facts) -> str:
    """How a sentence names the entry: its `called` fact, else "the" before an event, treaty,
    battle or faction ("the Dominion War"), else its title."""
    if (name := facts.get("called")) is not None:
        return str(name)
    if kind in _THE_KINDS and not title.lower().startswith(("the ", "operation ")):
        return "the " + title
    return title


def plural(title: str) -> bool:
    """ "Khitomer Accords", "Remans": plural; "Praxis", "Remus", "Qo'noS": not."""
    last = title.split()[-1] if title.split() else ""
    return last.endswith("s") and not last.lower().endswith(("ss", "us", "is", "os", "'s"))


def _list(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def compose(title: str, kind: Kind, facts: Facts, wanted: Asked) -> str | None:
    """One sentence from the facts that answer `wanted`, or None when none does."""
    name = called(title, kind, facts)
    many = plural(title)
    be = ("are" if many else "is") if kind in _PRESENT_KINDS else ("were" if many else "was")
    was = "were" if many else "was"
    get = facts.get
    said: str | None = None
    if wanted is Asked.IDENTITY and get("role"):
        said = f"{name} {be} {get('role')}" + (f", leader of {get('leader_of')}" if get("leader_of") else "")
    elif wanted is Asked.TIME:
        if get("signed") is not None:
            said = f"{name} {was} signed in {get('signed')}" + (f" at {get('place')}" if get("place") else "")
        elif get("born") is not None and get("died") is not None:
            said = f"{name} was born in {get('born')} and died in {get('died')}"
        elif get("born") is not None:
            said = f"{name} was born in {get('born')}"
        elif get("died") is not None:
            said = f"{name} died in {get('died')}"
    elif wanted is Asked.PLACE:
        if get("location"):
            said = f"{name} {be} {get('location')}"
        elif get("place"):
            verb = f"{was} signed" if kind is Kind.TREATY else "took place"
            said = f"{name} {verb} at {get('place')}"
    elif wanted is Asked.AGENT:
        if get("by"):
            said = f"{name} {was} the work of {get('by')}"
        elif get("signatories"):
            said = f"{name} {was} signed by {_list(get('signatories'))}"
        elif get("commander"):
            said = f"{name} {was} commanded by {get('commander')}"
    elif wanted is Asked.REASON and get("cause"):
        said = f"{name} came about because {get('cause')}"
    if said is None:
        return None
    said = said.rstrip(".")
    return said[0].upper() + said[1:] + "."


def compose_years(title: str, kind: Kind, facts: Facts, start: int | None, end: int | None) -> str | None:
    """When an event, battle, war or treaty happened, from the entry's own years."""
    if kind not in {Kind.EVENT, Kind.BATTLE, Kind.TREATY} or start is None:
        return None
    name = called(title, kind, facts)
    if end is None or end == start:
        said = f"{name} {'dates' if kind is Kind.TREATY else 'took place'} from {start}"
        said = said.replace("took place from", "took place in")
    else:
        said = f"{name} began in {start} and ended in {end}"
    return said[0].upper() + said[1:] + "."
