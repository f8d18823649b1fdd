"""Which statements may say who, for a who-question: holding the rank it gives whoever answers,
saying the deed asked, done by the one it names when it asks whom they did it to, naming the
relative it asks for. Read by bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Collection

from ..domain import lore_answer as rules
from ..domain.lore_asking import patient_asked
from ..domain.lore_doers import done_by, falls_on
from ..domain.lore_kin import kin_owners
from ..domain.lore_query import STOP_WORDS
from . import lore_relations as relations
from . import lore_text as text
from .lore_statements import tokens
from .lore_wording import LIGHT_VERBS, Wording

LIGHT = frozenset(text.stem(w) for w in LIGHT_VERBS)
# Deeds two do to each other: whoever is named first, both did it ("she married Worf")
_BOTH_WAYS = frozenset(text.stem(w) for w in "marry married wed meet met fight fought duel ally".split())  # noqa: SIM905
_FIRST_PHRASE = re.compile(r"\s(?:into|in|at|on|to|from|with|during|for|after|before|over|by)\s", re.I)
_KIN_ASKED = re.compile(r"\b(father|mother|son|daughter|brother|sister|wife|husband)\b(?!['’]s)", re.I)


def deed_of_doer(query: str, question: Wording) -> str:
    """The concept of a who-did question's verb ("left" in "who left the device in the chamber"),
    whose words in a sentence are the deed; "" when it asks none, or a light verb ("who took…")."""
    verb = rules.doers_verb(query)
    concept = question.concept(text.word_stem(verb)) if verb else ""
    return "" if not concept or concept in LIGHT else concept


def _ranks_typed(query: str) -> tuple[set[str], set[str]]:
    """The ranks a who-question gives whoever answers ("who was the Starfleet admiral…"), and
    the posts it asks who held ("who was captain of the Valdore"), which any words may say."""
    typed = text.words(query)
    ranks = [(text.stem(w), after == "of") for w, after in zip(typed, [*typed[1:], ""], strict=True)
             if w.removesuffix("s") in rules.TITLES]  # fmt: skip
    return {rank for rank, post in ranks if not post}, {rank for rank, post in ranks if post}


def who_said(
    query: str,
    found: list[rules.Statement],
    predicate: list[str],
    deed: str | None,
    question: Wording,
    powers: frozenset[str] = frozenset(),
    others: frozenset[str] = frozenset(),
) -> tuple[list[rules.Statement], set[str]]:
    """The statements that may say who, for a who-question, and the posts it asks who held: one
    holding the rank it gives whoever answers ("who was the Starfleet admiral…"), saying the deed
    asked ("who betrayed the outpost", not its setting), done by the one it names when it asks
    whom they did it to ("who did Shinzon kill"), naming the relative it asks for ("who was
    Spock's father"). `powers`: the concepts of the peoples and powers it names; `others`: the
    keys of the other entries it names."""
    victims = set(text.terms(rules.done_to(query)))  # "who kidnapped the ambassadors": not them
    typed_ranks, posts = _ranks_typed(query)
    ranks = {c for c in predicate if c in typed_ranks and c not in victims}  # "commanded" is none
    found = [one for one in found if ranks <= set(text.sentence_terms(one.text))]  # as said, not a like
    if deed is not None:
        found = [one for one in found if deed in one.words]
        # "who brought the Romulans into the war": in the war's own lines, a people or power the
        # deed was done to is said (not "its Founders meant to bring the Alpha Quadrant…"); its own
        # lines may call it "them", and another's ("Vreenak's murder…") may name it otherwise
        done_to = set(question.mapped(text.terms(_FIRST_PHRASE.split(rules.done_to(query))[0])))
        if done_to and done_to <= powers:
            found = [
                one for one in found if one.composed or one.key not in others or done_to & set(one.words)
            ]
        if (owners := kin_owners(query)) and deed == deed_of_doer(query, question):  # "who killed the
            # Duras sisters": not "…killed Duras in 2367"
            found = [one for one in found if not falls_on(tokens(one.text, question), deed, owners)]
    if (patient := patient_asked(query)) is not None:  # "Picard killed Shinzon" is the other way round
        doers, verb = patient
        done = question.concept(text.word_stem(verb))
        doer_words = [rules.fold(w).replace("'", "") for w in text.words(doers) if w not in STOP_WORDS]
        named_doers = {*doer_words, *(w.removesuffix("s") for w in doer_words)}  # "the Romulans"
        if done and done not in _BOTH_WAYS:
            found = [one for one in found if done_by(tokens(one.text, question), done, named_doers)]
    found = kin_asked_said(query, found)
    return relations.not_the_party(relations.kin_said(found, query, deed, predicate, question), query), posts


def kin_asked_said(
    query: str, found: list[rules.Statement], owners: Collection[str] | None = None
) -> list[rules.Statement]:
    """The statements naming the relative a question asks of ("who was Spock's father", "where
    was Kirk's son killed": not a line of Kirk's own), not "at his father's request"; of
    `owners`' entries only, when given (Sarek's own "Sarek died on Vulcan" needs no "father")."""
    if kin := _KIN_ASKED.search(query):
        # "her father's place as soon as he was murdered" speaks of him; "at his father's request" not
        said_kin = re.compile(
            rf"\b{kin.group(1)}\b(?:(?!['’]s)|['’]s\b.{{0,40}}\b(?:he|she)\s+(?:was|died)\b)", re.I
        )
        found = [
            one
            for one in found
            if one.composed or (owners is not None and one.key not in owners) or said_kin.search(one.text)
        ]
    return found
