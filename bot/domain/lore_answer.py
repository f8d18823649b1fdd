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

from .lore_asking import TREATY_VERBS as TREATY_VERBS  # what a question asks, read through this module
from .lore_asking import asked_of as asked_of
from .lore_asking import asks_doer as asks_doer
from .lore_asking import doers_verb as doers_verb
from .lore_asking import done_to as done_to
from .lore_asking import identity_rest as identity_rest
from .lore_causes import CAUSES as CAUSES  # the words of a cause, read through this module
from .lore_causes import PURPOSES as PURPOSES
from .lore_causes import Token as Token
from .lore_causes import acts_on, adds, caused, charged, explains, explains_named, is_cause, within
from .lore_causes import fold as fold
from .lore_compose import compose as compose  # composed sentences, read through this module
from .lore_compose import compose_agents as compose_agents
from .lore_compose import compose_years as compose_years
from .lore_doers import TITLES as TITLES  # read by bot.services through this module
from .lore_doers import before_said, deed_owner, does, done_to_another, named_by, named_in_apposition, unnamed
from .lore_facts import Asked
from .lore_names_held import others_held, rarest_held

# --- what a statement carries -------------------------------------------------------------------

YEAR = re.compile(r"(?:[12][0-9]{3}s?|stardate)", re.I)
_BEFORE_PLACE = frozenset(
    "at on in near to from over above orbiting around beyond inside within aboard onto into".split()  # noqa: SIM905
)
# Capitalised words after "in" or "on" that are not places ("in Klingon space" is, but vaguely).
_NOT_PLACES = frozenset(
    """klingon klingons romulan romulans federation vulcan vulcans cardassian cardassians human humans
    starfleet january february march april may june july august september october november december
    fan the""".split()  # noqa: SIM905
)
_BY_RULE = frozenset(("whichever", "whoever"))  # who, said by a rule that picks them
# Parts of a place a where-question may be answered with, in lower case, after a word of place, "the"
# and an adjective at most ("on the upper ring").
_PARTS = frozenset(
    """ring rings deck decks wing quarter core docks bay bays bridge promenade mines surface moon
    asteroid nebula orbit outpost colony""".split()  # noqa: SIM905
)


# Words after a place's name that make it a treaty's ("the Khitomer Accords"), which says no where.
_TREATIES = frozenset("accords accord treaty pact declaration agreement".split())  # noqa: SIM905
# What happens to a place: "the explosion of Praxis" is no answer to where something was.
_HAPPENINGS = frozenset(
    """explosion destruction fall invasion occupation loss conquest annexation evacuation liberation
    defence defense siege bombardment attack raid massacre collapse death""".split()  # noqa: SIM905
)
# The great powers' words and the like: in a sentence they seldom say who did a thing.
POWERS = _NOT_PLACES | frozenset("empire star united planets union".split())  # noqa: SIM905
NEAR = 12  # words between the fact and the question's own words in a statement
NEAR_TIME = 16  # … for a year: a sentence dates the whole of what it tells


def _is_fact(asked: Asked, tokens: Sequence[Token], at: int, said: set[str], people: set[str],
             places: set[str]) -> bool:  # fmt: skip
    raw = tokens[at][0]
    word = fold(raw)
    if asked is Asked.TIME:
        return YEAR.fullmatch(raw) is not None
    if asked is Asked.REASON:
        return is_cause(tokens, at, word)
    if asked is Asked.AGENT and word in _BY_RULE:
        return True  # "would go to whichever side developed it best": who, by a rule
    if asked is Asked.PLACE and word in _PARTS:  # "docks on the upper ring": a part of a place
        return any(fold(raw) in _BEFORE_PLACE for raw, _ in tokens[max(0, at - 3) : at])
    if not raw[:1].isupper() or word in said or word.replace("'", "") in said:  # typed "kmpec": K'mpec
        return False
    before = [fold(raw) for raw, _ in tokens[max(0, at - 2) : at]]
    if asked is Asked.AGENT:
        if before_said(tokens, at, said, people):
            return False  # "Jean-Luc" in "Captain Jean-Luc Picard", for a question that named Picard
        by = (bool(before) and before[-1] == "by" and named_by(tokens, at, word, places, POWERS)) or (
            named_in_apposition(tokens, at, word, places, POWERS)
        )
        return word in people or by or (bool(before) and before[-1] in TITLES) or deed_owner(tokens, at)
    if asked is Asked.PLACE:
        if before and before[-1] == "the":
            before.pop()
        after = fold(tokens[at + 1][0]) if at + 1 < len(tokens) else ""
        alone = word in places and (not after[:1].isalpha() or after in _BEFORE_PLACE)  # "on Vulcan in 2230"
        happening = len(before) > 1 and before[-1] == "of" and before[-2] in _HAPPENINGS
        if (word in _NOT_PLACES and not alone) or happening:  # "in Vulcan space" is vague
            return False  # "the explosion of Praxis" says what happened, "the mines of Remus" where
        if word in people and word not in places:
            return False  # "born to K'Ehleyr": a person is no place
        if at + 1 < len(tokens) and fold(tokens[at + 1][0]) in _TREATIES:
            return False  # "out of the Khitomer Accords": a treaty named for a place
        return word in places or (bool(before) and before[-1] in _BEFORE_PLACE)
    return False


def carries(asked: Asked, tokens: Sequence[Token], predicate: set[str], said: set[str], people: set[str],
            places: set[str], strict: bool = False, doer: bool = False, deed: str = "",
            named: bool = False) -> bool:  # fmt: skip
    """Whether the statement holds the kind of fact asked (a year, a place, a cause, a person
    the question did not name) close to the question's own words, when it has any (`strict`:
    it must have them; `doer`: "who poisoned K'mpec" asks who did the deed, named before it or
    after "by", not whoever comes after it; `deed`: that deed's concept, whose words in the
    statement are the deed, when it holds any: "chamber" is no deed in "who left the device in
    the chamber"); `named`: a who it says must be named, not "a Klingon agent")."""
    if asked in {Asked.ANYTHING, Asked.IDENTITY, Asked.ARTICLE}:
        return True
    facts = [i for i in range(len(tokens)) if _is_fact(asked, tokens, i, said, people, places)]
    if named:  # nor "whichever side": a rule, not a name
        facts = [i for i in facts if not unnamed(tokens, i) and fold(tokens[i][0]) not in _BY_RULE]
    own = [i for i, (_, concept) in enumerate(tokens) if concept in predicate]
    if asked is Asked.REASON:  # "left" is a cause word, but in "why did they leave" the deed asked
        facts = [i for i in facts if i not in own]
    if asked is Asked.AGENT and any(charged(tokens, i, predicate) for i in own):
        return False  # it names who was accused of the deed
    if not own:  # no deed asked: for why, the cause of a clause naming what is asked
        return not strict and (explains_named(tokens, facts) if asked is Asked.REASON else bool(facts))
    if asked is Asked.REASON and any(acts_on(tokens, i, predicate) for i in own):
        return True  # "the killing moved the conference": what comes before the verb is the cause
    near = NEAR_TIME if asked is Asked.TIME else NEAR
    reason = asked is Asked.REASON
    deeds = [o for o in own if not caused(tokens, o)] if reason else own  # read once, not per cause
    if reason and any(not YEAR.fullmatch(tokens[o][0]) for o in own):  # a year says when, not what was
        deeds = [o for o in deeds if not YEAR.fullmatch(tokens[o][0])]  # done ("…in 2372 after attacking")
    if doer and deed:
        deeds = [o for o in own if tokens[o][1] == deed] or deeds
    return any(
        within(tokens, f, o, near)
        and (not reason or (explains(tokens, f, o) and adds(tokens, f, said)))
        and (
            not doer
            or fold(tokens[f][0]) in _BY_RULE
            or (does(tokens, f, o) and not done_to_another(tokens, o, said, people, POWERS))
        )
        for f in facts
        for o in deeds
    )


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
    names: frozenset[str] = frozenset()  # the question's concepts naming this entry itself
    place: bool = False  # a place's own sentence, naming it: it says where by being there
    titled: frozenset[str] = frozenset()  # the concepts of its entry's title ("explosion of Praxis")


@dataclass(frozen=True, slots=True)
class Choice:
    statement: Statement
    score: float


MIN_PREDICATE = 0.99  # share of the predicate's weight a statement must hold (all of it)
MIN_PREDICATE_LONG = 0.5  # … when the predicate has three concepts or more
MIN_PREDICATE_OWN = 0.5  # … when the statement is the named entry's own
# A statement's score: the weight of the names it holds, the cost of each rank down the results,
# and the factors for a named entry's own statement, a summary's first sentence, and a named
# entry's own date or place composed from its facts.
NAMES, RANK_COST, SUBJECT, LEAD, COMPOSED_OWN = 1.0, 0.35, 1.5, 1.15, 1.2
UNNAMED = 0.8  # the factor for a who-did's line naming no one, only "a Klingon agent"
MIN_ANYTHING = 0.7  # share of the whole question's weight, for a question with no asked kind
MIN_NAMES_ONLY = 0.5  # … of the names', for several names alone ("why did the Defiant have a cloak")


def share(concepts: Sequence[str], weights: Mapping[str, float], words: set[str]) -> float:
    total = sum(weights.get(c, 1.0) for c in concepts)
    return 1.0 if not total else sum(weights.get(c, 1.0) for c in concepts if c in words) / total


def _needed(statement: Statement, others: float) -> float:
    """The share of the predicate a statement must hold: a fact all of it (it says one thing),
    the named entry's own sentence half, another entry's `others`."""
    if statement.composed:
        return MIN_PREDICATE
    return min(others, MIN_PREDICATE_OWN) if statement.subject else others


_BETWEEN = {Asked.AGENT, Asked.TIME, Asked.REASON, Asked.PLACE}


def _names_another(
    asked: Asked,
    statement: Statement,
    deeds: set[str],
    tokens: Callable[[str], Sequence[Token]],
    known: tuple[set[str], set[str], set[str]],
) -> bool:
    """Whether a sentence composed from the facts of an entry the question does not name answers
    who did the question's deeds: it names a person the question did not ("…commanded by Captain
    Jean-Luc Picard" says nothing to "who ran the fleet before Picard came"). `known`: the words
    said, people's and places' (see `choose`)."""
    if asked is not Asked.AGENT or statement.subject or all(YEAR.fullmatch(c) for c in deeds):
        return True
    found = tokens(statement.text)
    return any(_is_fact(asked, found, i, *known) for i in range(len(found)))


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
    doer: bool = False,
    deed: str = "",
) -> Choice | None:
    """The statement that answers, or None. `predicate`: the question's concepts that are not
    names of entries it names; `named`: the concepts of those names; `said`: every word of the
    question, as typed and folded (a name in it is no answer to "who"); `people` and `places`:
    the words of people's and places' names; `subjects`: each named entry's concepts, one of
    which a statement from an entry the question does not name must hold whole; `tokens`: a
    statement's words as written, each with the question's concept it stands for (read last:
    it costs the most); `doer`: the question asks who did its deed, `deed` (see `carries`)."""
    others = MIN_PREDICATE if len(predicate) < 3 else MIN_PREDICATE_LONG
    least = MIN_PREDICATE if asked is Asked.ANYTHING else 0.0 if predicate else MIN_NAMES_ONLY
    wanted = set(predicate)
    best: Choice | None = None
    for statement in statements:
        words = set(statement.words)
        if statement.composed and asked is Asked.ANYTHING:
            continue
        held = share(predicate, weights, words)
        names = share(named, weights, words) if named else 0.0
        if asked is Asked.ANYTHING and not named:
            if share(list(predicate), weights, words) < MIN_ANYTHING:
                continue
        elif held < _needed(statement, others):
            continue
        its = words | statement.names if wanted else words  # "The ship served…" says its own name
        if len(subjects) > 1 and share(named, weights, its) < least:
            continue  # "which planets did the Federation give the Sheliak": asked of both
        held_too = words | statement.titled
        if subjects and not statement.subject and not rarest_held(subjects, held_too, weights):
            continue  # says the fact of something else the question never named, or of a great power
        if wanted and asked in _BETWEEN and not others_held(statement, subjects, words, weights):
            continue  # "when did Worf kill Duras": Worf's own sentence must name Duras too
        # a question that is only names ("when did Picard tell the Romulans about the Pegasus
        # cloak") is answered by the statement holding most of them
        held = held if predicate or not named else names
        score = (1.0 + 2.0 * held + NAMES * names) / (1.0 + RANK_COST * statement.rank)
        score *= SUBJECT if statement.subject else 1.0
        score *= LEAD if statement.lead else 1.0
        if statement.composed:  # a sentence of ours reads better than a fact, but a named entry's
            # own date or place is the answer to when or where it was
            score *= COMPOSED_OWN if statement.subject and asked in {Asked.TIME, Asked.PLACE} else 0.9
        if best is not None and score <= best.score:
            continue
        # With no predicate, the fact sits by the names of something other than the entry itself
        # ("who was the Romulan in on the Khitomer conspiracy": by "Romulan").
        near = wanted or set(named) - statement.names
        strict = bool(near) and not wanted  # … and must sit by them
        composed = (
            statement.composed
            # why a named entry came about is no answer to why it did what is asked ("why did the
            # Klingons leave the Accords": not "…because Praxis left the Empire unable…")
            and (not wanted or asked is not Asked.REASON or not statement.subject)
            and (not strict or near <= words)
            and _names_another(asked, statement, wanted, tokens, (said, people, places))
        )
        read = None if composed or (asked is Asked.PLACE and statement.place) else tokens(statement.text)
        if read is not None and not carries(asked, read, near, said, people, places, strict, doer, deed):
            continue
        if asked is Asked.AGENT and read is not None:  # "a Klingon agent poisoned…" names no one
            score *= (
                1.0 if carries(asked, read, near, said, people, places, strict, doer, deed, True) else UNNAMED
            )
            if best is not None and score <= best.score:
                continue
        best = Choice(statement, score)
    return best
