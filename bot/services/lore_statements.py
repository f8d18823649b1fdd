"""The statements an answer line is chosen from: every sentence of the entries that may answer
(the entries the question names and the first results), and the sentences their facts compose,
each read as the question's concepts. Read by bot/services/lore_question.py, which chooses
(bot/domain/lore_answer.py `choose`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from ..domain import lore_answer as rules
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_causes import Words
from ..domain.lore_facts import Asked
from ..domain.lore_query import sentences
from . import lore_text as text
from .lore_reading import Called, also_named, bare_title, body_sentences, dated, foreign_joined, named_for
from .lore_wording import Wording

# Words that ask how a thing began, which its facts (signed, place, cause, years) answer ("take
# place" is read as "happen": "take" alone is taking).
ORIGIN = frozenset(
    text.stem(w)
    for w in """start begin happen occur form establish create founded come arise emerge
    appear exist launch open set""".split()  # noqa: SIM905
)
# … and, for where, the words of being somewhere ("where do the Vulcans live": on Vulcan).
IMPLIED = {
    # … or where a body meets ("where does the Romulan Senate hold its sessions": on Romulus)
    Asked.PLACE: ORIGIN
    | {text.stem(w) for w in "live located based situated lie sit found fight meet hold session".split()},  # noqa: SIM905
    Asked.TIME: ORIGIN
    | {text.stem("fight"), text.stem("make")},  # a battle of 2256 was fought then, a treaty made
}

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WHEN = re.compile(r"\W*(?:when|after)\b", re.I)


def tokens(sentence: str, question: Wording) -> tuple[rules.Token, ...]:
    """Each word of the sentence with the question's concept it stands for ("" for none)."""
    written = _TOKEN.findall(sentence)
    loose = question.loose(written)
    phrased = question.phrased(written)
    found = Words(
        (word, phrased.get(i) or ("" if i in loose else question.concept(text.word_stem(word))))
        for i, word in enumerate(written)
    )
    if _WHEN.match(sentence) and "," in sentence:  # "When …, …" or "After …, …": the main clause
        found.opening = len(_TOKEN.findall(sentence[: sentence.index(",")]))
    return found


def statements(
    entries: Sequence[LoreEntry],
    subjects: Mapping[str, frozenset[str]],
    question: Wording,
    asked: Asked,
    deed: str | None = None,
    called: Sequence[Called] = (),
) -> list[rules.Statement]:
    """Every sentence of each entry's summary and body, and the sentence its facts make for what
    is asked, as candidates. `subjects`: the entries the question names, each with the concepts
    of its name as typed; `deed`: the verb a who-did question asks of; `called`: their other names."""
    out: list[rules.Statement] = []
    named = frozenset().union(*subjects.values())
    for rank, entry in enumerate(entries):
        said = sentences(entry.summary)
        body = body_sentences(entry.body)
        own = entry.key in subjects
        itself = subjects.get(entry.key, frozenset())
        # its title's words, read only when the question names entries other than this one
        titled = frozenset(question.mapped(text.terms(entry.title))) if subjects and not own else frozenset()
        before: tuple[str, tuple[str, ...]] = ("", ())
        for i, sentence in enumerate(said + body):
            if asked is Asked.AGENT and entry.kind is Kind.PERSON:  # "…she rescued": T'Sael did
                sentence = named_for(sentence, entry, lead=not i)
            words = _read(sentence, question)
            words += also_named(words, called) if called else ()
            place = asked is Asked.PLACE and not own and entry.kind is Kind.PLACE
            # names it refers back to without saying them count as its title's do (rarest_held)
            back = _referred(sentence, words, before, question, named) if named else frozenset()
            before, sentence = (sentence, words), _placed(sentence, entry) if place else sentence
            out.append(
                rules.Statement(
                    entry.key, sentence, words, rank, own, i == 0, False, itself, place, titled | back
                )
            )
        made: list[str | None] = (
            list(rules.compose_agents(entry.title, entry.kind, entry.facts))  # the deed asked picks one
            if asked is Asked.AGENT
            else [rules.compose(entry.title, entry.kind, entry.facts, asked)]
        )
        if asked is Asked.TIME:
            made.append(rules.compose_years(entry.title, entry.kind, entry.facts, *entry.years_span))
        for composed in filter(None, made):
            if asked is Asked.AGENT and _their_own_side(composed, question):
                continue
            words = tuple(question.mapped(text.sentence_terms(composed)))
            # A named entry's fact says when, where, why or by whom it began: "when was the DMZ
            # set up" is answered by the year the DMZ dates from.
            words += tuple(c for c in question.concepts if c in IMPLIED.get(asked, ORIGIN)) if own else ()
            words += dated(question.concepts, *entry.years_span)
            if asked is Asked.REASON and not own:  # the cause of what the entry is, by whom
                words += _headline(entry, question, subjects.values())
            if asked is Asked.AGENT and own and said:  # who did what the named entry is ("the fleet
                words += tuple(c for c in _read(said[0], question) if c != deed)  # that crushed…"), the
                # deed itself said by the fact ("the Scimitar was built by Shinzon" is not who blew it up)
            out.append(
                rules.Statement(entry.key, composed, words, rank, own, False, True, itself, False, titled)
            )
    return out


_FOUGHT = text.stem("fight")


def _referred(
    sentence: str,
    words: tuple[str, ...],
    before: tuple[str, tuple[str, ...]],
    question: Wording,
    named: frozenset[str],
) -> frozenset[str]:
    """The names that describe a thing the sentence before brought in ("a device left behind there
    flooded the room with thalaron radiation"), when this one refers back to it with "the" and the
    question asks of it ("Senator Tal'aura left the device in the chamber": the thalaron device).
    Only the words after "a"/"an" and the thing, to the clause's end: not who else the sentence
    before names ("a secret meeting with Sisko and was shown a recording…": not Sisko's)."""
    if not any(c in named and c not in words for c in before[1]):  # most sentences: none to borrow
        return frozenset()
    asked = set(question.concepts) - named
    referred = {
        c
        for first, then in pairwise(_TOKEN.findall(sentence))
        if first.casefold() == "the" and (c := question.concept(text.word_stem(then))) in asked
    }
    found: set[str] = set()
    for thing, described in _BROUGHT_IN.findall(before[0]) if referred else ():
        if question.concept(text.word_stem(thing)) in referred:
            said = question.mapped(text.sentence_terms(described))
            found.update(c for c in said if c in named and c not in words)
    return frozenset(found)


_BROUGHT_IN = re.compile(r"\b[Aa]n? ([^\W_]+)([^,;.]*)")  # "a device" and what the clause says of it


def _their_own_side(composed: str, question: Wording) -> bool:
    """Whether a who-fought question's doer, by an entry's facts, is named as of a side the
    question names: "who fought the Klingons at the Binary Stars" asks their enemy, not "the
    Klingon zealot T'Kuvma" (what follows ", who" says what the doer did, to whom)."""
    if not question.concept(_FOUGHT):
        return False
    doer = (composed.partition(" the work of ")[2] or composed.partition(" by ")[2]).partition(", ")[0]
    names = " ".join(word for word in doer.split() if word[:1].isupper())
    return bool(set(question.mapped(text.sentence_terms(names))) & set(question.concepts))


def _headline(entry: LoreEntry, question: Wording, named: Iterable[frozenset[str]]) -> tuple[str, ...]:
    """What an entry is (its names) and who did it, as the question's concepts, when that names
    everything the question names: "why did Lursa and B'Etor fight Gowron" asks the cause of the
    Klingon Civil War, fought "by the House of Duras under Lursa, B'Etor and Toral … against
    Gowron"; "the Tsi's'du bioweapon" is the Romulan plot on Tsi's'du, the "Romulan bioweapon plot"."""
    said = ". ".join((entry.title, *entry.aliases, str(entry.facts.get("by") or "")))
    words = tuple(question.mapped(text.sentence_terms(said)))
    return words if all(one <= set(words) for one in named) else ()


def _read(sentence: str, question: Wording) -> tuple[str, ...]:
    """The sentence's terms as the question's concepts, with the one word of each phrasal verb
    it holds ("turned on": betray), but without a head said without the question's particle
    ("turned the tide", "put forward" for "put down")."""
    terms = text.sentence_terms(foreign_joined(sentence) if "-" in sentence else sentence)
    written = _TOKEN.findall(sentence) if question.phrasal or question.particles or question.light else []
    if phrased := tuple(question.phrased(written).values()):  # beside the sentence's own terms
        terms = (*terms, *phrased)
    if (question.particles or question.light) and (loose := question.loose(written)):
        kept = {text.word_stem(w) for i, w in enumerate(written) if i not in loose}
        off = {text.word_stem(written[i]) for i in loose} - kept  # said of another deed: not read
        return tuple(question.concept(t) or t for t in terms if t not in off)
    return tuple(question.mapped(terms))


def _placed(sentence: str, entry: LoreEntry) -> str:
    """A place's sentence that does not name it, opened with its name: where, the place itself
    ("Veridian III: Kirk died in 2371…")."""
    title = bare_title(entry)
    return sentence if rules.fold(title) in rules.fold(sentence) else f"{title}: {sentence}"
