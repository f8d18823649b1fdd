"""How the answer line reads words in a question and a sentence beyond their stems: a year the
question gives that an entry's years hold, and a hyphenated word of another tongue ("Sto-vo-kor")
that holds no name ("Kor"), a sentence that says what a name means, and the sentences of a body
with a list. Read by bot/services/lore_question.py."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

from ..domain.lore import Kind, LoreEntry
from ..domain.lore_compose import called
from ..domain.lore_doers import TITLES
from ..domain.lore_query import paragraphs, sentences
from . import english
from . import lore_text as text
from .lore_names import Linked, only_names

_YEAR = re.compile(r"([12][0-9]{3})(s?)")


def dated(concepts: Sequence[str], start: int | None, end: int | None) -> tuple[str, ...]:
    """The years (or decades: "2360s") the question gives that fall within an entry's years: a
    sentence composed from its facts tells of that time ("why did the Borg come in 2373")."""
    if start is None:
        return ()
    out = []
    for concept in concepts:
        if found := _YEAR.fullmatch(concept):
            year, decade = int(found.group(1)), bool(found.group(2))
            last = year + 9 if decade else year
            if year <= (end if end is not None else start) and start <= last:
                out.append(concept)
    return tuple(out)


_PART = r"[^\W_]+(?:['’][^\W_]+)*"  # "K't'inga" is one part of "K't'inga-class"
_COMPOUND = re.compile(rf"{_PART}(?:-{_PART})+")


def _foreign(parts: Sequence[str], named: set[str]) -> bool:
    """Whether a hyphenated word is one word of another tongue ("Sto-vo-kor"), not English
    words or names joined ("half-human", "Klingon-Romulan")."""
    return any(part not in named and not english.is_english(part) for part in parts)


@lru_cache(maxsize=4096)
def foreign_joined(sentence: str) -> str:
    """The sentence with each hyphenated word of another tongue written as one ("Stovokor"
    holds no Kor): a part in small letters that is no English word says it is one. An English
    word of four letters or more that ends it is still said ("ketracel-white" is white; "kor" is
    too short to tell from a name)."""

    def joined(found: re.Match[str]) -> str:
        parts = found.group(0).split("-")
        if not any(p[:1].islower() and not english.is_english(p) for p in parts):
            return found.group(0)
        last = parts[-1]
        plain = len(last) >= 4 and last[:1].islower() and english.is_english(last)
        return f"{''.join(parts)} {last}" if plain else "".join(parts)

    return _COMPOUND.sub(joined, sentence)


def whole_names(query: str, names: Sequence[Linked]) -> list[Linked]:
    """The names the question gives as whole words: "kor" inside "Sto-vo-kor" (a word whose other
    parts are neither names nor English) names no Kor; "Klingon-Romulan" names both."""
    named = {w for one in names for w in one.words}
    foreign: set[str] = set()
    for compound in _COMPOUND.findall(query):
        if _foreign(parts := text.words(compound), named):
            foreign.update(parts)
    if not foreign:
        return list(names)
    alone = set(text.words(_COMPOUND.sub(" ", query)))
    return [one for one in names if not set(one.words) <= foreign - alone]


_MEANING = re.compile(
    r"^\s*(?:what\s+(?:does|do|did)\s+(?P<named>.+?)\s+mean|(?:the\s+)?meaning\s+of\s+(?P<of>.+?)|"
    r"what\s+(?:do|does|did)\s+[\w' ]{1,30}?\s+call\s+(?P<called>.+?)|(?:the\s+)?nickname\s+(?:of|for)\s+"
    r"(?P<nick>.+?)|"
    # where a name comes from: "why is Section 31 called that", "why is it called Section 31",
    # "where does X get its name", "what is X named after", "where does the name X come from"
    r"why\s+(?:is|was|are|were)\s+(?:(?:it|they|he|she)\s+(?:called|named)\s+(?P<it>.+?)|(?P<why>.+?)\s+"
    r"(?:called|named)(?:\s+(?:that|so|this))?)|(?:where|how)\s+(?:does|do|did)\s+(?P<get>.+?)\s+get\s+"
    r"(?:its|their|his|her)\s+name(?:\s+from)?|what\s+(?:is|was|are|were)\s+(?P<after>.+?)\s+named\s+"
    r"(?:after|for)|where\s+(?:does|did)\s+the\s+name\s+(?P<from>.+?)\s+come\s+from)[\s?.!]*$",
    re.I,
)
_ORIGINS = ("it", "why", "get", "after", "from")  # _MEANING's groups asking where a name comes from
# what a name means ("its name means a good death"), not what someone meant to do; what others
# call someone ("Klingon officers call her the quiet captain")
_MEANS = re.compile(
    r"\b(?:(?:name|word|title)\b[^.;]{0,20}\b(?:means?|meant)|meaning (?:of|is)|translat\w* (?:as|to)|"
    r"named (?:for|after)|calls? (?:him|her|it|them)|called (?:him|her|it|them)|known as|nicknamed|"
    r"(?:takes|took) (?:its|their|his|her) name from|name (?:comes|came) from|namesake)\b",
    re.I,
)


def meaning(query: str, names: Sequence[Linked], entry: LoreEntry) -> str | None:
    """ "What does Hegh'mar mean", "what do Klingons call Okonkwo-Hale", "why is Section 31 called
    that": the named entry's sentence that says what its name means, where it comes from or what
    others call it, when the question asks that of it ("" when none says where the name comes from)."""
    found = _MEANING.match(query)
    asked = found and next(filter(None, found.group("named", "of", "called", "nick", *_ORIGINS)), None)
    if not asked or not only_names(asked, names):
        return None
    said = next((one for one in entry_sentences(entry) if _MEANS.search(one)), None)
    # where a name comes from is said there or nowhere; "what does Kor mean" may ask who he is
    origin = found is not None and any(found.group(group) for group in _ORIGINS)
    return "" if said is None and origin else said


def entry_sentences(entry: LoreEntry) -> list[str]:
    """Every sentence of an entry: its summary's, then its body's."""
    return [*sentences(entry.summary), *body_sentences(entry.body)]


_ITEM = re.compile(r"(?:^|\s)(?:[-*•]|[0-9]{1,2}[.)])\s+")  # a list's item marker: "- ", "* ", "2. "


def body_sentences(body: str) -> list[str]:
    """The sentences of an entry's body, each item of a list one of its own ("- Subspace weapons
    are banned." is no part of the next item)."""
    return [
        one
        for paragraph in paragraphs(body)
        for item in (_ITEM.split(paragraph) if _ITEM.match(paragraph) else [paragraph])
        for one in sentences(item)
    ]


_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she)\b", re.I)
_DESCRIBED = re.compile(r"(?:An?|The) [a-z]|(?:An?) [A-Z]")  # "A Klingon general…", "The son of…"
_QUALIFIER = re.compile(r"\s*\(.*?\)")
# Words opening a clause whose "he" is the sentence's own subject; after "and" it is often another
_SUBORDINATING = frozenset("that because until when after before while if since once though".split())  # noqa: SIM905


def bare_title(entry: LoreEntry) -> str:
    """The entry's title without what tells it apart from a namesake: "Organia (planet)": Organia."""
    return _QUALIFIER.sub("", entry.title)


def named_for(sentence: str, entry: LoreEntry, lead: bool = False) -> str:
    """A person's sentence that tells what "he" or "she" did without naming them, with its first
    such word written as the person's name: "…she rescued Veshari caught in the blackout" answers
    who did it only once it says who she is; not in a clause under a sentence opening with
    another's name ("Shinzon arranged it so that he could…"). A summary's first sentence that
    only describes them (`lead`: "A Klingon general … who won the Battle of the Kethra Drift") is
    given their name before it."""
    title = bare_title(entry)
    names = [word for word in title.split() if len(word) > 2 and word.casefold() not in TITLES]
    if any(word.casefold() in sentence.casefold() for word in names):  # "general" names nobody
        return sentence
    if lead:
        return (
            f"{entry.title}: {sentence[0].lower()}{sentence[1:]}" if _DESCRIBED.match(sentence) else sentence
        )
    pronoun = _SUBJECT_PRONOUN.search(sentence)
    if pronoun is None:
        return sentence
    first, before = sentence.split(maxsplit=1)[0].strip(","), set(sentence[: pronoun.start()].split()[-1:])
    if first[:1].isupper() and not english.is_english(first.casefold()) and before & _SUBORDINATING:
        return sentence  # "Shinzon arranged it so that he could…": he is the one the sentence opens with
    return f"{sentence[: pronoun.start()]}{title}{sentence[pronoun.end() :]}"


def its_named(sentence: str, entry: LoreEntry) -> str:
    """A sentence of a thing's entry opening with "Its" ("Its first commanding officer was…"), with
    the thing named instead, as a line read alone must: "Vantrel Gate Station's first commanding
    officer was…"; a ship's "The ship served…" likewise. A person's "his" or "her" may be another's:
    left as written."""
    if entry.kind is Kind.SHIP and sentence.startswith("The ship "):  # "The ship served…": which?
        name = called(entry.title, entry.kind, entry.facts)
        return f"{name[0].upper()}{name[1:]} {sentence[9:]}"
    if entry.kind is Kind.PERSON or not sentence.startswith("Its "):
        return sentence
    name = called(entry.title, entry.kind, entry.facts)
    owner = f"{name}'" if name.endswith("s") else f"{name}'s"
    return f"{owner[0].upper()}{owner[1:]} {sentence[4:]}"


Called = tuple[frozenset[str], frozenset[str]]  # a named entry's other name, and its name as typed


def other_names(
    linked: Sequence[LoreEntry], typed: Mapping[str, frozenset[str]], read: Callable[[str], frozenset[str]]
) -> list[Called]:
    """Each entry the question names, by every other name it has (`read`: a name's concepts), with
    the concepts of the name the question typed: a sentence saying "the House of Duras" names the
    "Duras family" asked about."""
    return [
        (other, typed[entry.key])
        for entry in linked
        if entry.key in typed
        for name in (entry.title, *entry.aliases)
        if len(other := read(name)) > 1 and not other <= typed[entry.key]  # "the Empire" is many
    ]


def also_named(words: Sequence[str], called: Sequence[Called]) -> tuple[str, ...]:
    """The concepts of the names as typed of the named entries a sentence of `words` calls by
    another of their names."""
    held = set(words)
    return tuple(c for other, typed in called if other <= held for c in typed if c not in held)
