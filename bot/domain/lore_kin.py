"""Whose relative a sentence speaks of, for an answer line: "Worf's father was Mogh, who died at
Khitomer" tells when Mogh died, not Worf; "K'Ehleyr, mother of Worf's son" is not Worf's mother.
Read by bot/services/lore_relations.py (pure: the standard library).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from .lore_causes import Token, fold

# Words that make the one named beside them someone else's relative or double; our own list.
_KIN_WORDS = """father mother son daughter brother sister wife husband child children parent parents
    mate widow widower godson goddaughter godfather grandfather grandson uncle aunt nephew niece
    cousin clone double""".split()  # noqa: SIM905
RELATIONS = frozenset([*_KIN_WORDS, *(word + "s" for word in _KIN_WORDS)])
_OWNING = frozenset("his her their its".split())  # noqa: SIM905
_BETWEEN = frozenset("the a an late elder eldest younger youngest older first firstborn only own".split())  # noqa: SIM905
_BOTH_WAYS = frozenset("brother brothers sister sisters wife husband mate cousin cousins".split())  # noqa: SIM905
_JOINING = frozenset("and or with by to from".split())  # noqa: SIM905
_WORD = re.compile(r"[\w'’]+")
_RELATION_WORD = re.compile(r"\b(?:" + "|".join(sorted(_KIN_WORDS, key=len, reverse=True)) + r")s?\b")


@lru_cache(maxsize=8192)
def speaks_of_kin(sentence: str) -> bool:
    """Whether the sentence holds a word of relation at all (most do not); remembered, as the
    same sentences are read for question after question."""
    return _RELATION_WORD.search(sentence.casefold()) is not None


@lru_cache(maxsize=4096)
def _words(sentence: str) -> tuple[str, ...]:
    """The sentence's words, folded as names are (no apostrophes, "jean luc" apart), a possessive
    keeping its "'s"."""
    folded = (word.casefold().replace("’", "'") for word in _WORD.findall(sentence))
    return tuple(w.removesuffix("'s").replace("'", "") + ("'s" if w.endswith("'s") else "") for w in folded)


# "the Duras sisters", "Kang's son", "the son of Kang": whose relative the question asks about
# (the closest relatives only: a question about a "godson" or a "clone" names its owner otherwise)
_CLOSE = "father mother son daughter brother sister wife husband child children mate".split()  # noqa: SIM905
_KIN = r"(?:" + "|".join(_CLOSE) + r")s?"
_KIN_OF = re.compile(
    rf"\b([A-Za-z][\w'’-]*?)(?:['’]s?)?\s+(?={_KIN}\b)|\b{_KIN}\s+of\s+(?:the\s+)?([A-Za-z][\w'’-]*)", re.I
)
_NO_OWNERS = frozenset(
    "a an the by some two three four several many his her their its my your whose who".split()  # noqa: SIM905
)


def kin_owners(question: str) -> set[str]:
    """The folded words (without apostrophes) of whoever the question asks about the relative of:
    a deed asked of "the Duras sisters" fell on the sisters, not on Duras."""
    owners = {fold(one or other).replace("'", "") for one, other in _KIN_OF.findall(question)}
    return owners - _NO_OWNERS


def relations_chained(question: str) -> bool:
    """Whether the question asks of a relative's relative ("the mother of Worf's son"): whose is
    not told by one name."""
    return sum(word.removesuffix("'s") in RELATIONS for word in _words(question)) > 1


def relation_asked(question: str) -> str | None:
    """The relation a question asks about ("who was Worf's mother": mother), if any."""
    return next((word for word in _words(question) if word in RELATIONS), None)


def _relation_after(words: Sequence[str], at: int) -> bool:
    """Whether a relation follows the word at `at`, past a word or two like "late" or "elder"."""
    for word in words[at + 1 : at + 4]:
        if word in RELATIONS:
            return True
        if word not in _BETWEEN:
            return False
    return False


def _relation_before(words: Sequence[str], at: int) -> bool:
    """Whether "<relation> of" comes before the name whose last word is at `at`, past up to four
    words of its title or first names ("father of Spock", "a clone of Jean-Luc Picard")."""
    for start in range(at, max(1, at - 4), -1):
        if words[start - 1] == "of":
            return words[start - 2] in RELATIONS if start >= 2 else False
        if words[start - 1] in _JOINING:
            return False
    return False


def named_only_as_kin(sentence: str, name: Iterable[str]) -> bool:
    """Whether the sentence names someone (`name`: the folded words the question calls them by)
    only as the one whose relative it speaks of: "Worf's father", "father of Spock", "a clone of
    Jean-Luc Picard". False when it does not name them at all."""
    if not speaks_of_kin(sentence):  # most sentences name no relative: not read word by word
        return False
    wanted = set(name)
    words = _words(sentence)
    mentions = [at for at, word in enumerate(words) if word.removesuffix("'s") in wanted]
    last = [at for at in mentions if at + 1 >= len(words) or words[at + 1] not in wanted]  # a name's end
    if not last:
        return False
    return all(
        (words[at].endswith("'s") and _relation_after(words, at)) or _relation_before(words, at)
        for at in last
    )


def relation_of(
    sentence: str,
    relation: str,
    owner: Iterable[str],
    own_entry: bool,
    people: AbstractSet[str] = frozenset(),
) -> bool:
    """Whether the sentence says `relation` of the owner (the folded words the question calls
    them by): "Worf's mother", "the mother of Worf" (not "the mother of Worf's son"), "his
    mother" in the owner's own entry or after their name, or, in their own entry, a sentence of
    which they are the subject naming the relation of nobody else ("Spock was the son of Sarek
    and a human mother, Amanda Grayson"); a relation both ways ("Kurn was Worf's brother") is
    the subject's too."""
    wanted = {*owner, *(name.removesuffix("s") for name in owner)}  # "spocks father", typed so
    forms = {relation, relation.removesuffix("s"), relation + "s"} & RELATIONS
    written = _WORD.findall(sentence)
    words = _words(sentence)
    subject = bool(words) and words[0] in wanted
    for at, word in enumerate(words):
        if word.removesuffix("'s") not in forms:  # "her father's place" says her father
            continue
        if subject and word in _BOTH_WAYS:  # "Kurn was Worf's younger brother": Worf is Kurn's
            return True
        before = [w for w in words[max(0, at - 3) : at] if w not in _BETWEEN]
        if before and before[-1] in _OWNING:
            if _theirs(written, words, at, wanted, own_entry, people):
                return True
            continue  # "his own son", another's
        if before and before[-1].endswith("'s"):  # "Worf's mother"; "Martok's wife" is Martok's
            if before[-1].removesuffix("'s") in wanted:
                return True
            continue
        whose = _named_after(written, words, at + 2) if words[at + 1 : at + 2] == ("of",) else None
        if whose is not None:  # "daughter of a time-displaced Tasha Yar", not "of Worf's son"
            if whose & wanted:
                return True
            continue
        if own_entry and subject:  # the owner is the sentence's subject
            return True
    return False


def _named_after(written: list[str], words: Sequence[str], start: int) -> set[str] | None:
    """The words of the names after "of" ("the son of the Klingon officer Worf and the envoy
    K'Ehleyr": worf, kehleyr), past lower-case words and a people's name before a noun; None
    for none, and an empty set when the first owns something ("the mother of Worf's son")."""
    names: set[str] = set()
    joined = True  # before the first name, or after "and"
    for at in range(start, min(start + 8, len(words))):
        if written[at][:1].isupper():
            if words[at].endswith("'s"):
                return names if names else set()
            names.add(words[at])
            joined = False
        elif words[at] in {"and", "or"}:
            joined = True
        elif not joined and words[at - 1] in names and at + 1 < len(words) and written[at + 1][:1].islower():
            break  # the names ended ("father of Worf, killed in…")
    return names or None


def done_to_kin(tokens: Sequence[Token], deed: str) -> bool:
    """Whether the deed (a concept) fell on someone's relative: "Kruge killed his son David" and
    "the Albino had murdered Kang's firstborn son" say nothing of who killed Kirk or Kang."""
    for at, (_, concept) in enumerate(tokens):
        if concept != deed or at + 1 >= len(tokens):
            continue
        owner = tokens[at + 1][0].casefold().replace("’", "'")
        if fold(owner) not in _OWNING and not owner.endswith("'s"):
            continue
        if _relation_after([fold(word) for word, _ in tokens], at + 1):
            return True
    return False


def _theirs(
    written: list[str],
    words: Sequence[str],
    at: int,
    owner: set[str],
    own_entry: bool,
    people: AbstractSet[str],
) -> bool:
    """Whether "his" or "her" before the relation at `at` is the owner's: no other person is
    named since the owner's name ("…when Sela was four, because Yar had tried to escape with her
    daughter": Yar's), or since the sentence began, in the owner's own entry. `people`: the words
    of people's names (any capitalised word, when empty: "Deep Space 9" is no person)."""
    named = [i for i in range(at) if words[i].removesuffix("'s") in owner]
    if not named and not own_entry:
        return False
    if named and named[0] and words[named[0] - 1] in _JOINING | {"under", "of"}:
        return False  # "Klingons under Kruge killed his son": the son of whoever "his" is, not Kruge's
    start = named[-1] + 1 if named else 1
    while named and start < at and written[start][:1].isupper():  # the rest of the owner's name
        start += 1
    return not any(
        word[:1].isupper() and (not people or folded.removesuffix("'s") in people)
        for word, folded in zip(written[start:at], words[start:at], strict=True)
    )
