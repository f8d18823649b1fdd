"""A question read against what a server can see: the entries it names, the kind of fact it
asks, and the one line that answers it from an entry's sentences or facts, or no line at all.
The choosing is pure (bot/domain/lore_answer.py); questions about a treaty's articles are
answered by bot/services/lore_articles.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..domain import lore_answer as rules
from ..domain import lore_shapes as shapes
from ..domain.errors import InvalidInput
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_facts import Asked
from ..domain.lore_kin import kin_owners
from ..domain.lore_query import Asks, sentences
from ..domain.treaties import Article, Treaty
from . import lore_instead as instead
from . import lore_relations as relations
from . import lore_succession as succession
from . import lore_text as text
from . import lore_unknown as unknown
from .lore_names import GENERIC as GENERIC  # read by bot/services/lore_articles.py through this module
from .lore_names import Known as Known
from .lore_names import Linked as Linked
from .lore_names import link as link  # read by bot/services/lore.py through this module
from .lore_names import maybe_a_name as maybe_a_name
from .lore_names import name_words, only_names
from .lore_names import names_to_look_up as names_to_look_up
from .lore_names import shortened as shortened
from .lore_names import whole_name as whole_name
from .lore_names_alone import subject_of_names
from .lore_prose_articles import prose_article
from .lore_reading import body_sentences as body_sentences  # read by tests through this module
from .lore_reading import its_named, meaning, other_names, whole_names
from .lore_responsible import responsible_answer
from .lore_search import Hit, Question
from .lore_short_names import short_names as short_names
from .lore_statements import ORIGIN, statements
from .lore_statements import tokens as tokens  # read by tests through this module
from .lore_subject_cause import named_in, of_the_deed, subject_cause
from .lore_typed_doer import typed_doer
from .lore_who_said import LIGHT, deed_of_doer, kin_asked_said, who_said
from .lore_wording import fillers, wording

ANSWERING = 3  # the first results whose sentences may answer (5, even for why and who-did, answered
# no more on the tuned half and put a wrong line on others)
# Words that say which kind of fact is asked ("what year", "the reason"), not what it is about.
ASKED_WORDS = {
    asked: frozenset(text.stem(w) for w in words.split())
    for asked, words in {
        Asked.TIME: "year date time day century",
        Asked.PLACE: "place location planet world system city town",
        Asked.REASON: "reason cause",
        Asked.AGENT: "person one",
    }.items()
}


@dataclass(frozen=True, slots=True)
class Answer:
    sentence: str
    entry: LoreEntry | None  # the entry it comes from (None: a treaty's article, or its absence)
    treaty: Treaty | None = None  # an article's treaty
    article: Article | None = None


@dataclass(frozen=True, slots=True)
class Found:
    hits: list[Hit]
    corrected: dict[str, str]  # misspelt word -> the word searched instead
    asks: Asks
    answer: Answer | None = None  # the line that answers, when one clearly does
    exact: LoreEntry | None = None  # a name typed exactly or nearly: shown as its card
    asked: Asked = Asked.ANYTHING  # the kind of fact the question wants
    guess: str | None = None  # the question with a guessed repair: offered, not searched
    subject: LoreEntry | None = None  # the first entry the question names


def terms_of(query: str) -> list[str]:
    """A question's terms, or a refusal that says why there are none."""
    terms = text.query_terms(query)
    if not terms:
        if common := text.words(query):
            said = " ".join(dict.fromkeys(common[:6]))
            raise InvalidInput(
                f"“{said}” is only common words, which say nothing about the lore. "
                "Add a name, a place or a thing, like `Praxis`, `Kor` or `cloaking device`."
            )
        raise InvalidInput("Search for a word or two, like `Praxis` or `cloaking device`.")
    return terms


_HOW = re.compile(r"\s*how\b", re.I)
_POWERS = frozenset((Kind.FACTION, Kind.SPECIES))
_BETWEEN = frozenset((Kind.TREATY, Kind.EVENT, Kind.BATTLE))  # what passes between those it names
# A clause saying which thing is meant ("the torpedo that tracked Chang's ship"), not what was said
# or thought ("think that…", "so that…").
_RELATIVE = re.compile(
    r"\b(?!(?:think|thought|know|knew|say|said|believe|believed|claim|claimed|fear|feared|hope|hoped|"
    r"so|such|now|given)\b)\w+\s+(?:that|which)\s+(.+)$",
    re.I,
)
_AFTER = re.compile(r"\s(?:after|when|once|while)\s+(.+\s.+)$", re.I)  # a clause, of two words at least
_NAMING = re.compile(r"\s*who\s+(named|called|dubbed)\b", re.I)
_NEGATED = re.compile(
    r"n['’]t\b|\bnon-|\b(?:not|never|no|refused|declined|without|neutral|stayed out|kept out)\b", re.I
)


def _own_names(linked: Sequence[LoreEntry], places: set[str]) -> set[str]:
    """The words of the named entries' names, which answer no who or where about them; but a
    place in another's name ("Shinzon of Remus", the "Senate of Romulus") still says where."""
    own_places = [e for e in linked if e.kind is Kind.PLACE]
    return name_words(linked, None) - (places - name_words(own_places, None))


def answer(
    query: str,
    asked: Asked,
    asked_with: Question,
    weights: Mapping[str, float],
    linked: Sequence[LoreEntry],
    names: Sequence[Linked],
    ordered: Sequence[LoreEntry],
    known: Known,
) -> Answer | None:
    """The line that answers `query` (which asks for `asked`: rules.asked_of), or None when no
    statement clearly does."""
    names = whole_names(query, names)
    linked = [e for e in linked if any(one.key == e.key for one in names)]
    if asked is Asked.ARTICLE and (told := prose_article(query, linked)) is not None:
        return Answer(*told)  # a treaty of the lore telling its articles in prose
    if charged := responsible_answer(query, names, linked, [*linked, *ordered[:ANSWERING]], known.leaders):
        return Answer(*charged)  # "who was behind the Pegasus incident": its facts say
    said = _from_sentences(query, asked, asked_with, weights, linked, names, ordered, known)
    if said is None and asked is Asked.REASON and (met := known.between([e.key for e in linked])):
        # "why were the Romulans helping the Duras family": told where the two meet (the Klingon
        # Civil War), though neither entry nor the first results tell it
        said = _from_sentences(query, asked, asked_with, weights, linked, names, ordered, known, met)
    if said is not None and said.entry is not None:  # "Its first commanding officer…": whose
        said = Answer(its_named(said.sentence, said.entry), said.entry)
    return said


def _from_sentences(
    query: str,
    asked: Asked,
    asked_with: Question,
    weights: Mapping[str, float],
    linked: Sequence[LoreEntry],
    names: Sequence[Linked],
    ordered: Sequence[LoreEntry],
    known: Known,
    met: Sequence[LoreEntry] = (),
) -> Answer | None:
    """The line chosen from the statements of the named entries and the first results (and of
    `met`, where the named entries meet, whose causes count as theirs)."""
    question, weights = wording(query, asked_with, weights)
    rest = rules.identity_rest(query)
    named = {c for one in names for c in text.terms(" ".join(one.words))}
    itself = GENERIC | fillers(query) | ASKED_WORDS.get(asked, frozenset())  # "what year": the kind asked
    if asked is Asked.AGENT and (naming := _NAMING.match(query)):  # "who named Picard Arbiter": a deed
        itself -= {text.stem(naming.group(1).casefold())}
    predicate = [c for c in question.concepts if c not in named and c not in itself]
    # "start fighting": beside another verb, one of beginning only says when the other did
    predicate = [c for c in predicate if c not in ORIGIN] or predicate
    # "why did the civil war start after K'mpec died": why it began; the clause says when
    when = _AFTER.search(query) if asked is Asked.REASON and ORIGIN & set(question.concepts) else None
    if when is not None and set(predicate) <= set(question.mapped(text.terms(when.group(1)))):
        predicate = []
    verbs = [c for c in predicate if not rules.YEAR.fullmatch(c)]  # a deed is no year
    predicate = [c for c in predicate if c not in LIGHT] or predicate  # "become allies": allies
    if linked and (
        (rest is not None and only_names(rest, names))
        # names alone ask what the first named is, but "how did the Klingons get the cloak" asks how
        or (not predicate and asked is Asked.ANYTHING and not _HOW.match(query))
    ):
        asked = Asked.IDENTITY
    if linked and (meant := meaning(query, names, linked[0])) is not None:
        return Answer(meant, linked[0]) if meant else None  # no other sentence says where a name comes from
    shape = shapes.wanted(query, known.ships)  # "what ship…", "how many…": a line must hold one
    if asked is Asked.IDENTITY and shape is None:  # what the named entry is: its summary's first sentence
        # … but of a power and a pact between named alone ("what did the klingons get from the
        # kra"), the pact's, which tells what passed between them
        between = [e for e in linked if e.kind in _BETWEEN] if rest is None and len(linked) > 1 else []
        if rest is None and len(linked) > 1 and not between:  # "what did the romulans give the
            # klingons": the first result, where they meet (the alliance), not what the Romulans are
            met_in = {e.key for e in known.between([e.key for e in linked])}
            between = [e for e in ordered[:1] if e.key in met_in and e.kind in _BETWEEN]
        subject = next(iter(between), None) or subject_of_names(query, names, linked)
        return Answer(next(iter(sentences(subject.summary)), subject.summary), subject)
    if unknown.asks_of_the_unknown(query, names, weights):
        return None  # "when did the Kazon first meet Starfleet": the lore does not know what is asked about
    pool = list({e.key: e for e in [*linked, *met, *ordered[:ANSWERING]]}.values())
    # A word no entry here holds weighs as much as the rarest one: nothing can say it, so a
    # statement without it answers less than the question asked ("how tall was Gorkon").
    # A common English word ("thing", "big") says little either way.
    rarest = max(weights.values(), default=1.0) or 1.0
    least = min((w for w in weights.values() if w), default=1.0) / 2
    if asked is Asked.AGENT and unknown.deed_unsaid(predicate, weights, asked_with, known.common):
        # "who ran comms on the Enterprise": no entry says comms, so none says who did; but "which
        # admiral was dirty in the Khitomer plot" is answered by the one admiral of the first results
        one_of_kind = typed_doer(query, names, linked, ordered[:ANSWERING])
        return None if one_of_kind is None else Answer(*one_of_kind)
    weights = {c: weights.get(c) or (least if known.common(c) else rarest) for c in question.concepts}
    # "who rigged the torpedo that tracked Chang's ship": which torpedo, said in passing ("the
    # planet that the Romulans used as a trap" is what is asked). A clause of when is not weighed
    # so: "where did they meet when they signed the alliance" is answered by the signing
    if asked is Asked.AGENT and (found_clause := _RELATIVE.search(query)):
        described = set(question.mapped(text.terms(found_clause.group(1))))
        weights = {c: w / 2 if c in described else w for c, w in weights.items()}
    typed = {rules.fold(w) for w in re.findall(r"[\w'’]+", query)}
    concepts = {one.key: frozenset(question.mapped(text.terms(" ".join(one.words)))) for one in names}
    # a who-did's deed ("who took DS9": took), but a light verb says none alone ("made first contact")
    deed = next((c for c in verbs if c not in LIGHT), next(iter(verbs), None))
    called = other_names(linked, concepts, lambda name: frozenset(question.mapped(text.terms(name))))
    subjects = {e.key: concepts.get(e.key, frozenset()) for e in linked}
    said_of = relations.of_them(
        statements(pool, subjects, question, asked, deed, called),
        query,
        names,
        linked,
        question,
        known.people,
    )
    found = succession.in_order(said_of, query, names, question)  # "who was chancellor before K'mpec"
    if whole := [
        instead.as_written(one.words) for one in names if len(one.words) > 1 and len(one.words[-1]) == 1
    ]:
        # a name told apart by a letter ("Enterprise-D"): another entry's sentence speaks of it
        # only with that letter ("the Enterprise" alone is another ship)
        found = [one for one in found if one.subject or all(name.search(one.text) for name in whole)]
    posts: set[str] = set()  # the posts a who-question asks who held ("captain of the Valdore")
    # "who is Odo", of no entry (or "…on Rura Penthe"): only a line saying what he is, whoever else
    # it names; "who was Chakotay in the Maquis" is of the Maquis where none says it
    unnamed = unknown.unnamed_rest(rest, names) if rest is not None else None
    if unnamed is not None and ((defining := unknown.described(found, unnamed)) or not linked):
        found, asked = defining, Asked.IDENTITY if unknown.name_alone(unnamed) else asked
    if aside := instead.set_aside(query, names):  # "who became praetor instead of Hiren": not Hiren
        found = instead.kept(found, aside)
    if asked is Asked.REASON and _NEGATED.search(query):  # "why did the Romulans not join at first":
        found = [one for one in found if _NEGATED.search(one.text)]  # what happened is no answer
    named_first = named_in(query, names, linked, question) if asked is Asked.REASON else None
    if asked is Asked.REASON:
        found = of_the_deed(named_first, found, question)
    if asked in {Asked.PLACE, Asked.TIME, Asked.REASON}:  # a line of the relative's own entry may
        # name them by name ("Sarek died on Vulcan" for "where did Spock's father die")
        owned = {text.stem(w) for w in kin_owners(query)}
        found = kin_asked_said(query, found, {e.key for e in linked if set(text.terms(e.title)) & owned})
    if asked is Asked.AGENT:
        powers = frozenset(c for e in linked if e.kind in _POWERS for c in concepts.get(e.key, ()))
        others = frozenset(e.key for e in linked if e.kind not in _POWERS)
        found, posts = who_said(query, found, predicate, deed, question, powers, others)
    if shape is not None:  # "what ship did Koloth command": not "Koloth's ship put in at K-7"
        found = [one for one in found if shape(one.text)]
    if owner := shapes.power_of_ship(query):  # "which Klingon ship rammed…": "the IKS Hegh'mar" says it
        found = [one for one in found if shapes.ship_of(owner, one.text)]
    # "commander of DS9": held in any words ("commanded"), first with the rank ("under Commander Sisko")
    ranked = [one for one in found if posts <= set(text.sentence_terms(one.text))] if posts else []
    tries = [ranked, found] if ranked else [found]
    places = known.places | name_words(pool, Kind.PLACE)
    runs = [frozenset() if run == (owner,) else frozenset(question.mapped(text.terms(" ".join(run))))
            for one in names for run in one.runs]  # fmt: skip
    said = typed | {w for one in names for w in one.words} | _own_names(linked, places)
    people = known.people | known.groups | name_words(pool, Kind.PERSON)
    doer = asked is Asked.AGENT and rules.asks_doer(query)
    doers_deed = deed_of_doer(query, question) if asked is Asked.AGENT else ""
    met_keys = {e.key for e in met}  # their sentences answer only as a cause of the subject's deed
    for said_here in (
        [[one for one in tried if one.key not in met_keys] for tried in tries] if met_keys else tries
    ):
        choice = rules.choose(
            said_here,
            asked,
            predicate,
            sorted(named & set(question.concepts)),
            weights,
            said,
            people,
            places,
            runs,
            lambda sentence: tokens(sentence, question),
            doer,
            doers_deed,
        )
        if choice is not None:
            entry = next(e for e in pool if e.key == choice.statement.key)
            return Answer(choice.statement.text, entry)
    cause = subject_cause(named_first, found, question, predicate, weights, met_keys)
    if cause is not None:  # its deed in other words than the lore's
        return Answer(cause.text, next(e for e in pool if e.key == cause.key))
    return None
