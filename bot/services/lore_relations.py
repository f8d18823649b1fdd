"""The statements an answer line may come from, read for whom they speak of: a sentence naming the
question's person only as someone's relative ("Sarek, father of Spock, … died in 2368"), or
telling a deed another did ("Sarek died…" for "when did Spock die"), says nothing of them; a
relative asked for ("who was Worf's mother") must be theirs. Read by bot/services/lore_question.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from ..domain import lore_answer as rules
from ..domain import lore_kin as kin
from ..domain.lore import Kind, LoreEntry
from ..domain.lore_asking import patient_asked
from ..domain.lore_doers import DOER_NOUNS, TITLES, done_by, owned_only
from ..domain.lore_query import STOP_WORDS
from ..domain.references import normalise
from . import lore_text as text
from .lore_names import Linked, name_words
from .lore_statements import tokens
from .lore_wording import DYING, KILLING, Wording, dying

# a question naming the relative it asks for ("who was Worf's mother", "what's Martok's son called"),
# not one asking why or how of a relative ("why did Duras blame Worf's father")
_ASKS_WHO = re.compile(r"\s*(?:who|whom|whose|what|which|name)\b", re.I)
_ASKING = frozenset("when where why how".split())  # noqa: SIM905
_DID = frozenset("did does do".split())  # noqa: SIM905
# "who signed it for the Romulans", "…on the Romulan side"
_FOR_PARTY = re.compile(r"\bfor\s+(?:the\s+)?([a-z]+)\b|\bon\s+the\s+([a-z]+)\s+side\b", re.I)
_SAID_AS = {"starfleet": "federation"}  # a party as a sentence made from facts names it
_NOT_PARTIES = frozenset("the fan empire star united planets union".split())  # noqa: SIM905  # words of POWERS


def of_them(
    found: list[rules.Statement],
    query: str,
    names: Sequence[Linked],
    linked: Sequence[LoreEntry],
    question: Wording,
    people: AbstractSet[str],
) -> list[rules.Statement]:
    """The statements that speak of the people the question names, as it asks of them: of a
    relative it asks about, only those saying whose ("what's Martok's son called": not "Worf, son
    of Mogh"); else none naming its person only as someone's relative, and of how or when they
    died, only those telling their own death."""
    if relation := kin.relation_asked(query):
        owners = (
            kin.kin_owners(query) if _ASKS_WHO.match(query) and not kin.relations_chained(query) else set()
        )
        return [
            one
            for one in found
            if one.composed or not owners or kin.relation_of(one.text, relation, owners, one.subject, people)
        ]
    runs = names[0].runs if names else ()  # whom it asks of: "who was K'Ehleyr to Worf" asks of her
    found = [
        one for one in found if one.composed or not any(kin.named_only_as_kin(one.text, r) for r in runs)
    ]
    own = [e for e in linked if names and e.key == names[0].key]  # the entry of whom it asks
    if dying(question.concepts) and (runs or not names):  # "when did Worf die": not "Worf killed Duras"
        # their names: as asked, as their entry has them ("Tasha" asks of Tasha Yar), and every word
        # the question gives ("jennifer sisko", though only Benjamin Sisko has an entry; "the
        # Albino", who has none: not "Kang died…")
        whose = _words_of(runs, query, name_words(own, None))
        found = [
            one for one in found if one.composed or _their_death(tokens(one.text, question), whose, people)
        ]
    elif runs and (killing := _killing_asked(query, question)):  # "who killed Koloth": a killing of them
        # the entry's title, not its aliases ("Toral, son of Duras" would make a killing of Duras his)
        whose = _words_of(runs, rules.done_to(query), {w for e in own for w in text.words(e.title)})
        found = [  # a sentence without the killing's word is no answer (_who_said drops it): not read
            one
            for one in found
            if one.composed
            or killing not in one.words
            or _killed(tokens(one.text, question), whose, people, killing)
        ]
    if (asked := _their_deed(query, names, linked, question)) is None:
        return found
    key, deed, doers = asked  # "when did Spock die": another entry's "Sarek died…" is Sarek's
    return [
        one
        for one in found
        if one.composed
        or one.key == key
        or deed not in one.words
        or done_by(tokens(one.text, question), deed, doers)
    ]


def _words_of(runs: Sequence[tuple[str, ...]], typed: str, names: set[str]) -> set[str]:
    """The words naming whom a question asks of: its runs naming them, the words of `typed` but
    small ones, and `names`; without apostrophes, as _their_death reads a sentence's words."""
    typed_words = {w for w in text.words(typed) if w not in STOP_WORDS}
    return {word for run in runs for word in run} | {w.replace("'", "") for w in typed_words | names}


def _their_deed(
    query: str, names: Sequence[Linked], linked: Sequence[LoreEntry], question: Wording
) -> tuple[str, str, set[str]] | None:
    """For "when / where / how did <a person named> die": the person's entry, the concept of dying
    and the words naming them (another's death is told beside a name more than any other deed)."""
    words = normalise(query).split()
    if len(words) < 4 or words[0] not in _ASKING or words[1] not in _DID:
        return None
    people = {e.key for e in linked if e.kind is Kind.PERSON}
    death = question.concept(text.word_stem("die"))
    for name in names:
        run = list(name.words)
        if name.key in people and words[2 : 2 + len(run)] == run and len(words) > 2 + len(run):
            deed = question.concept(text.word_stem(words[2 + len(run)]))
            return (name.key, deed, set(run)) if deed and deed == death else None
    return None


def kin_said(
    found: list[rules.Statement], query: str, deed: str | None, predicate: Sequence[str], question: Wording
) -> list[rules.Statement]:
    """For a who-question: a deed asked of someone was not done to a relative of theirs ("who
    killed Kirk": not "Kruge killed his son David"), and whoever is asked for is named where the
    question's words are not only an owned doer's ("…asked Picard to choose his successor" names
    no successor)."""
    if deed is not None and not kin.relation_asked(query):  # only a sentence naming a relative is read
        found = [
            one
            for one in found
            if not kin.speaks_of_kin(one.text) or not kin.done_to_kin(tokens(one.text, question), deed)
        ]
    owned = set(predicate) & {question.concept(text.word_stem(word)) for word in DOER_NOUNS}
    if not owned or rules.doers_verb(query) or patient_asked(query):  # "who was K'mpec's successor",
        return found  # not "who chose his successor" nor "who did K'mpec pick to run the succession"
    return [one for one in found if one.composed or not owned_only(tokens(one.text, question), owned)]


_PRONOUNS = frozenset("him her".split())  # noqa: SIM905
_OWNERS = frozenset("his her their".split())  # noqa: SIM905
_PASSIVE = frozenset("was were been".split())  # noqa: SIM905
_NOT = frozenset("not never refused".split())  # noqa: SIM905


def _killing_asked(query: str, question: Wording) -> str:
    """The concept of a killing a who-did question asks who did ("who murdered Gorkon"), or ""."""
    verb, target = rules.doers_verb(query), rules.done_to(query)
    if not verb or text.word_stem(verb) not in KILLING or not target.strip() or _OWNED.search(target):
        return ""  # "who killed Alexander's mom" asks of someone else than Alexander
    return question.concept(text.word_stem(verb))


_OWNED = re.compile(r"\w['’]s\b|\ws['’](?!\w)")  # "Alexander's", "the sisters'"; not "K'mpec"
_BY = frozenset("by in at during".split())  # noqa: SIM905  # "murdered by Duras", "killed in the attack"


def _killed(said: Sequence[rules.Token], whose: set[str], people: AbstractSet[str], deed: str) -> bool:
    """Whether the sentence tells the killing of the one asked about: as their death is told
    (_their_death), or with them among the first names after it ("killed B'Etor and Lursa"), or
    as its subject's, named first, past a participle ("K'Ehleyr…, murdered by Duras")."""
    if _their_death(said, whose, people, deed):
        return True
    folded = [rules.fold(word).replace("'", "") for word, _ in said]
    first = _first_named(said, people)
    subject = first is not None and all(folded[i] in whose or folded[i] in TITLES for i in first)
    for at, (_, concept) in enumerate(said):
        if concept != deed or _NOT & set(folded[max(0, at - 3) : at]):
            continue
        after = [w for w in folded[at + 1 : at + 4] if w != "the" and w not in TITLES]
        if after[:1] and after[0] not in _BY and whose & set(after[:3]):
            return True
        if subject and first and after[:1] and after[0] in _BY and first[-1] < at:
            return True
    return False


def _first_named(said: Sequence[rules.Token], people: AbstractSet[str]) -> list[int] | None:
    """Where the sentence's first person is named: the capitalised words of that name."""
    start = next(
        (i for i, (word, _) in enumerate(said) if word[:1].isupper() and rules.fold(word) in people), None
    )
    if start is None:
        return None
    at = start
    while at > 0 and said[at - 1][0][:1].isupper():  # "Jadzia Dax": from its first word
        at -= 1
    end = start
    while end + 1 < len(said) and said[end + 1][0][:1].isupper():
        end += 1
    return list(range(at, end + 1))


def _their_death(
    said: Sequence[rules.Token], whose: set[str], people: AbstractSet[str], deed: str = DYING
) -> bool:
    """Whether the sentence tells the death asked of: a word of dying ("died"; not "the
    chancellor's death"), or a killing that fell on them: named right after it, or right before
    "was killed", or "him" or "her" after it when nobody else is named since them but the killer
    ("Hiren was praetor until Shinzon's coup killed him"; not "Garak planted the bomb that killed
    him" after naming Vreenak)."""
    folded = [rules.fold(word).replace("'", "") for word, _ in said]
    for at, (word, concept) in enumerate(said):
        if concept != deed:
            continue
        before = said[at - 1][0] if at else ""
        if before.endswith(("'s", "’s")) and folded[at - 1] not in whose:
            continue  # "the chancellor's death": another's
        if text.word_stem(word) not in KILLING:
            if _anothers(said, folded, at, whose):
                continue
            return True
        if _NOT & set(folded[max(0, at - 3) : at]):
            continue  # "Worf chose not to kill Toral"
        after = [w for w in folded[at + 1 : at + 4] if w != "the" and w not in TITLES]
        if after and (after[0] in whose or _among_after(after, whose)):
            return True
        if at >= 2 and folded[at - 1] in _PASSIVE and folded[at - 2] in whose:  # "Damar was killed"
            return True
        named = [i for i in range(at - 1) if folded[i] in whose]  # … not as the killer ("Worf killed him")
        if at and folded[at - 1] in whose:
            continue
        him = after and after[0] in _PRONOUNS and named and _subject(folded, named[0], people)
        if him and not _named_since(said, folded, named[-1], at, people):
            return True
    return False


def _among_after(after: list[str], whose: set[str]) -> bool:
    """Whether the words after a killing name them second ("killed Burke and Samno"), or past a
    relation ("Kruge killed his son David" for "when did David Marcus die")."""
    return len(after) >= 3 and after[2] in whose and (after[1] == "and" or after[0] in _OWNERS)


def _subject(folded: list[str], at: int, people: AbstractSet[str]) -> bool:
    """Whether the one named at `at` is the first person the sentence names, and not after "by"
    ("A bomb planted by Garak…": the bomb's)."""
    first = next((i for i, word in enumerate(folded) if word in people), at)
    return first >= at and (at == 0 or folded[at - 1] != "by")


def _named_since(
    said: Sequence[rules.Token], folded: list[str], start: int, at: int, people: AbstractSet[str]
) -> bool:
    """Whether a person other than the killer (right before the killing) is named between."""
    return any(
        folded[i] in people and not said[i][0].endswith(("'s", "’s")) and i < at - 1
        for i in range(start + 1, at)
    )


def _anothers(said: Sequence[rules.Token], folded: list[str], at: int, whose: set[str]) -> bool:
    """Whether the word of dying at `at` is another's: a name right before "died" ("Kang died",
    "his wife Jennifer, who died"), or right after "the dying" ("the dying Chancellor K'mpec")."""
    if folded[at].endswith("ing"):
        named = [i for i in range(at + 1, min(at + 3, len(said))) if folded[i] not in TITLES]
    else:
        named = [at - 2 if at >= 2 and folded[at - 1] == "who" else at - 1] if at else []
    return bool(named) and said[named[0]][0][:1].isupper() and folded[named[0]] not in whose


def not_the_party(found: list[rules.Statement], query: str) -> list[rules.Statement]:
    """For a who-question asking who acted for a power ("who signed the Khitomer Accords for the
    Klingons"), not the sentence made from an entry's facts naming that power as a party: it
    names the party, not who acted for it."""
    named = ((party.group(1) or party.group(2)).casefold() for party in _FOR_PARTY.finditer(query))
    powers = [
        _SAID_AS.get(p, p).removesuffix("s") for p in named if p in rules.POWERS and p not in _NOT_PARTIES
    ]
    if not powers:
        return found
    said = re.compile(rf"\b(?:{'|'.join(map(re.escape, powers))})", re.I)
    return [one for one in found if not (one.composed and said.search(one.text))]
