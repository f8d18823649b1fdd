"""Questions about a treaty's articles, answered from the treaties and the server's accords:
"What does Article II of the Khitomer Accords say", "what did the Treaty of Algeron ban". The
treaty and the article a question names are read as /treaty quote reads them
(bot/services/treaties.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from functools import lru_cache

from ..content.treaties import canon_treaties
from ..domain import lore_answer as rules
from ..domain.lore_facts import Asked
from ..domain.lore_phrases import phrased
from ..domain.lore_query import ANSWERING, YEAR
from ..domain.numerals import to_roman
from ..domain.treaties import Article, Treaty
from ..domain.treaty_asked import article_asked, named_as_a_time, names_around, treaty_named, without_ordinal
from . import lore_text as text
from .factions import faction_names
from .lore_question import GENERIC, Answer, terms_of
from .lore_search import Question
from .lore_wording import SHARED, Wording
from .treaties import no_such_article

_WHY = re.compile(r"\s*(?:why|how come)\b", re.I)
_TREATY_WORDS = re.compile(r"\b(treaty|treaties|accords?|pact|alliance|agreement|armistice|deal)\b", re.I)
# What asks for a treaty's articles by another word, or by theirs.
_TERMS = re.compile(r"\b(terms?|conditions|provisions|articles?|clauses?)\b", re.I)
# What a party may or must do under a treaty, or how ("can the Sheliak…", "is it allowed…", "how
# do you complain…", "what happens to settlers under…", "…per the treaty"): asked of its articles
# once the question names the treaty.
_MAY = re.compile(
    r"\b(can|could|may|might|must|mustn't|cannot|can't|allowed|legal|possible|entitled|"
    r"(?:have|has|had|need|needs|supposed|required|obliged|obligated|bound) to|"
    r"how (?:do|does|should)|under|per|according to)\b",
    re.IGNORECASE,
)


def _asks_articles(query: str) -> bool:
    """Whether the question names an article or a verb of what treaties do ("forbid", "say")."""
    return rules.asked_of(query) is Asked.ARTICLE or rules.TREATY_VERBS.search(query) is not None


def about_articles(query: str) -> bool:
    """A question that may be about a treaty's articles: only then are the accords read. "Can
    you use germ weapons under Khitomer II" names its treaty without the word "treaty"."""
    return (
        _asks_articles(query)
        or _TREATY_WORDS.search(query) is not None
        or treaty_named(canon_treaties(), query) is not None
    )


def article_answer(
    treaties: Sequence[Treaty], query: str, question: Question, names: Sequence[tuple[str, str]] = ()
) -> Answer | None:
    """ "What does Article II of the Khitomer Accords say", "what did the Treaty of Algeron ban":
    the article, quoted; None when the question names no treaty or no article fits, or asks why
    without asking what is allowed ("why can't the Federation use cloaks" is answered; "why did
    Pressman build one" is not). Without an article or a verb of what treaties do, an article
    must hold two of the question's words; `names`, the entries it names (key, name as typed)."""
    about, may = _asks_articles(query), _MAY.search(query) is not None
    if _WHY.match(query) and not may:
        return None  # "why was Pressman building a cloak when Algeron forbids it": no article says why
    treaty = treaty_named(treaties, query) or treaty_described(treaties, without_ordinal(query))
    if treaty is None or not treaty.articles or (not about and not may and named_as_a_time(treaty, query)):
        return None  # "…after Khitomer" says when, not what the treaty says
    question = _read_phrased(query, question)
    if around := names_around(treaty, names):  # "what was the second khitomer conference": Article
        dropped = set(text.terms(" ".join(around)))  # V's "Conference of signatories" is not asked
        question = Question.of([c for c in question.concepts if c not in dropped], ANSWERING, merged=True)
    titled = _titled(treaty, question)
    if not about and not may and not titled and _TREATY_WORDS.search(query) is None:
        return None
    number = article_asked(query)
    if number is not None:
        article = treaty.article(number)
        if article is None:  # said plainly: no quote can answer it
            return Answer(no_such_article(treaty, number), None, treaty)
    else:
        article = _best(treaty, query, question, 1 if about or may or titled else 2)
    return _line(treaty, article)


# Worlds that "change hands" are not handed over by anyone ("which planet got handed over…").
_CHANGING_HANDS = re.compile(r"\bchang(?:e|es|ed|ing) hands\b", re.I)


def _read_phrased(query: str, question: Question) -> Question:
    """The question with its phrasal verbs read as their one word too ("handed over": cede, and
    hand as an article may say it: "hands twelve D7-class battle cruisers")."""
    reading = phrased(query)
    if reading == query:
        return question
    return Question.of(list(dict.fromkeys((*terms_of(query), *terms_of(reading)))), ANSWERING, merged=True)


def unrecorded(treaties: Sequence[Treaty], query: str) -> Answer | None:
    """ "What are the terms of the Treaty of Organia": a treaty named whose articles no source
    records, said plainly; asked only when no sentence of the lore answers (its entry may tell a
    term: "disputed worlds went to whoever developed them best")."""
    treaty = treaty_named(treaties, query)
    if treaty is None or treaty.articles or not _TERMS.search(query):
        return None
    return Answer(f"No article of the {treaty.name} is recorded.", None, treaty)


def treaty_described(treaties: Sequence[Treaty], query: str) -> Treaty | None:
    """The treaty a question names by what it is ("the Romulan treaty" of Starfleet, "their
    alliance" of the Romulans and the Klingons, "the accords" of the feds and the Klingons): a word
    of treaties, then the treaty holding the greatest share of its parties (named any way: "feds",
    "Starfleet") and of its own name's words ("treaty" or "accords" tell none apart, nor a party's
    name), which must be two of its parties or a word of its name; None when two hold as much."""
    if not _TREATY_WORDS.search(query):
        return None
    years = {int(year) for year in YEAR.findall(query)}  # "the 2370 border deal": the one of 2370
    dated = [one for one in treaties if one.articles and one.year in years]
    if len(dated) == 1:
        return dated[0]
    words = text.words(query)
    runs = {" ".join(words[at : at + n]) for n in (1, 2, 3) for at in range(len(words) - n + 1)}
    names = faction_names()
    powers = {found[0] for run in runs if len(found := names.candidates(run, starts=False)) == 1}
    said = set(text.terms(query)) - {text.stem(w) for w in words if names.candidates(w, starts=False)}
    shares: list[tuple[float, Treaty]] = []
    for treaty in (one for one in treaties if one.articles):  # what it says is asked
        parties = {p.name for p in treaty.parties}
        # its own words: "Klingon–Romulan Alliance" has none but its parties'
        named = set(text.terms(treaty.name)) - _VAGUE - _KINDS - set(text.terms(" ".join(parties)))
        sides, own = len(parties & powers), len(named & said)
        if sides >= 2 or own:
            shares.append(((sides + own) / (len(parties) + len(named)), treaty))
    best = max((share for share, _ in shares), default=None)
    chosen = [treaty for share, treaty in shares if share == best]
    return chosen[0] if len(chosen) == 1 else None


def _titled(treaty: Treaty, question: Question) -> bool:
    """Whether the question holds a word of an article's title ("the Khitomer annexes"): it asks
    of that article, with no word of treaties or of what they allow."""
    titles = {w for a in treaty.articles for w in text.terms(a.title) if len(w) > 4}
    return not titles.isdisjoint(question.concepts)


def party_answer(treaties: Sequence[Treaty], query: str, question: Question) -> Answer | None:
    """ "What can the Sheliak do to settlers on their worlds": a question that names no treaty but
    the parties of one (the treaty whose parties it names most, if only one), answered by the
    article that holds two of its words; failing that, what a power may do is asked of every
    treaty whose parties it names. Asked only when no sentence of the lore answers."""
    asked = rules.asked_of(query)
    if asked is Asked.AGENT and not query.lstrip().casefold().startswith(("who ", "whom ")):
        asked = Asked.ANYTHING  # "what happened to colonists whose planets…": "whose" asks nobody
    # the canon, which every server sees, read even when the question named no treaty to fetch
    treaties = list({t.key: t for t in (*canon_treaties(), *treaties)}.values())
    if treaty_named(treaties, query) is not None or asked not in _WHAT:
        return None
    said = set(text.terms(query))
    # a party named by every treaty's (the Federation) tells none apart
    common = frozenset.intersection(*(_parties_of(t) for t in treaties)) if treaties else frozenset()
    counted = [(len(said & (_parties_of(t) - common - _VAGUE)), t) for t in treaties if t.articles]
    most = max((n for n, _ in counted), default=0)
    found = [t for n, t in counted if n == most]
    if most and len(found) == 1:
        return _line(found[0], _best(found[0], query, question, 2))
    if _MAY.search(query) is None:
        return None
    # "are the feds allowed to build their own cloak": what a power may do, of no treaty named or
    # told apart by its parties, is asked of every treaty whose parties are the powers it names
    # (none named: "can the Borg use subspace weapons" asks of no party); the one article holding
    # most of the question's words answers, two at least, when no other holds as many
    powers = [power for _stem, power in _powers(query)]
    if not powers:
        return None
    heard = {*question.table, *question.concepts}  # a treaty none of whose articles holds two: not read
    scored = [
        (held, t)
        for t in treaties
        if len(_treaty_terms(t) & heard) >= 2
        and set(powers) <= {party.name for party in t.parties}
        and (held := _scored(t, query, question))
        and _binds(held[1], powers)
    ]
    scored.sort(key=lambda one: -one[0][0])
    if not scored or scored[0][0][0] < 2 or (len(scored) > 1 and scored[1][0][0] == scored[0][0][0]):
        return None
    return _line(scored[0][1], scored[0][0][1])


def _binds(article: Article, powers: Sequence[str]) -> bool:
    """Whether an article that names powers binds the first the question names ("are the Romulans
    allowed to use cloaks": not Algeron's "The Federation will neither develop nor use…")."""
    named = {power for _stem, power in _powers(_said(article))}
    return not named or powers[0] in named


def _said(article: Article) -> str:
    """An article as the question is read against it: its title, then its text."""
    return f"{article.title}. {article.text}"


@lru_cache(maxsize=256)
def _treaty_terms(treaty: Treaty) -> frozenset[str]:
    """The terms of every article of `treaty`, titles too."""
    return frozenset(w for a in treaty.articles for w in text.sentence_terms(_said(a)))


@lru_cache(maxsize=256)
def _parties_of(treaty: Treaty) -> frozenset[str]:
    """The words of a treaty's parties' names."""
    return frozenset(w for party in treaty.parties for w in text.terms(party.name))


_TREATY_KINDS = (
    "treaty treaties accord accords alliance pact agreement armistice peace"  # no treaty's own word
)
_KINDS = {text.stem(w) for w in _TREATY_KINDS.split()}
_WHAT = {Asked.ANYTHING, Asked.ARTICLE}  # what a treaty's terms say: not when, where, who or why
_VAGUE = {
    text.stem(w)
    for w in "united planets empire star union other most powers joined later corporate".split()  # noqa: SIM905
}


def _best(treaty: Treaty, query: str, question: Question, least: int) -> Article | None:
    """The treaty's article that holds most of the question's own words, at least `least` of them
    no power's name (a power named any way counts towards the most: "Starfleet" is held by an
    article saying "the Federation"; but every article may name the parties)."""
    found = _scored(treaty, query, question)
    return found[1] if found is not None and found[0] >= least else None


def _scored(treaty: Treaty, query: str, question: Question) -> tuple[int, Article] | None:
    """The article of `_best` with how many of the question's own words (no power's) it holds."""
    own = set(text.terms(" ".join((treaty.name, *treaty.aliases))))
    # "are bioweapons allowed": the verb asks of the articles; what they must say is the rest
    asking = " ".join(m.group(0) for pattern in (_MAY, rules.TREATY_VERBS) for m in pattern.finditer(query))
    wanted = set(question.concepts) - own - GENERIC - _SIDES - set(question.mapped(text.terms(asking)))
    reading = Wording(question)
    powers = {stem: power for stem, power in _powers(query) if stem in wanted}
    plain = wanted - set(powers)
    scored = [
        (*_held(question, reading, said, wanted, _powers_held(powers, said)), -a.number, a, said)
        for a in treaty.articles
        if (said := _said(a))
    ]
    best = max(scored, key=lambda item: item[:3], default=None)
    return None if best is None else (_held(question, reading, best[4], plain)[0], best[3])


_SIDES = frozenset(text.stem(w) for w in ("side", "sides", "either"))  # "can either side…": the parties


@lru_cache(maxsize=1024)
def _powers(said: str) -> tuple[tuple[str, str], ...]:
    """The powers a text names, however ("feds", "Starfleet", "Klingons"), each with the stem
    of the word naming it."""
    named = ((word, faction_names().candidates(word, starts=False)) for word in text.words(said))
    return tuple((text.stem(word), found[0]) for word, found in named if len(found) == 1)


def _powers_held(powers: dict[str, str], said: str) -> set[str]:
    """The question's words naming a power that `said` names another way."""
    there = {power for _stem, power in _powers(said)}
    return {stem for stem, power in powers.items() if power in there}


def _line(treaty: Treaty, article: Article | None) -> Answer | None:
    if article is None:
        return None
    line = f"Article {to_roman(article.number)} ({article.title}): {article.text}"
    return Answer(line, None, treaty, article)


def _held(
    question: Question, reading: Wording, said: str, wanted: set[str], more: Set[str] = frozenset()
) -> tuple[int, int]:
    """How many of the question's words an article holds: as the answer line reads a sentence
    (synonyms, a stem starting another: "arbitration", "arbiter"), or as the parts of a word of
    the question, its end a word of the article and its start the start of another
    ("bioweapons": biogenic weapons, which holds more than "weapons" alone); and, to choose
    between articles holding as many, how many it holds as written ("settlers", not "settled")."""
    terms = text.sentence_terms(_CHANGING_HANDS.sub("transfer", said))  # an article's terms
    words, exact = set(reading.mapped(terms)) | more, set(question.mapped(terms))
    held = 0
    for c in wanted:
        if c in words:
            held += 1
        elif tails := [w for w in words if len(w) >= SHARED and c.endswith(w) and c != w]:
            head = c[: -len(tails[0])]
            held += 1 + (len(head) >= 3 and any(w.startswith(head) for w in words))
    return held, len(wanted & exact)
