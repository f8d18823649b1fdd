"""The words, numbers and marks of a message, and the article designations among them.

The citation finder (citations.py) reads prose, not a command option: "Article 2, I think" cites
Article 2 only, "article five" is Article 5, "an article of clothing" cites nothing. A
designation is a keyword (`Article`, `Arts.`, `§`, a one-letter slip such as `Artcle`) and the
numbers after it; a bare span (`II–IV`, `II, IV`) counts only where a treaty's name anchors it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import from_roman
from .references import MAX_ARTICLE, normalise

_TOKEN = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’ʼ][^\W\d_]+)*)|(?P<number>\d+)|(?P<mark>§+|\.\.|\S)", re.UNICODE
)
_POSSESSIVE = re.compile(r"(?i)['’ʼ]s$")
KEYWORDS = {"article", "articles", "art", "arts"}
_RANGE_WORDS = {"to", "through", "thru"}
_RANGE_MARKS = {"-", "–", "—", "−", ".."}
_LIST_WORDS = {"and", "or"}
_LIST_MARKS = {",", ";", "&"}
_CARDINALS = {
    word: n
    for n, word in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
        start=1,
    )
}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # word, number or mark
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        """A word as names are compared (normalised); a mark or number as typed."""
        return normalise(self.text) if self.kind == "word" else self.text


def tokens(text: str) -> list[Token]:
    """Words (with their inner apostrophes: Qo'noS), numbers and single marks; a possessive
    `'s` is a mark of its own, so "Algeron's" is the name Algeron."""
    found: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "mark"
        word, start = match.group(), match.start()
        possessive = _POSSESSIVE.search(word) if kind == "word" and len(word) > 2 else None
        if possessive is not None:
            found.append(Token("word", word[: possessive.start()], start, start + possessive.start()))
            found.append(Token("mark", "'s", start + possessive.start(), match.end()))
        else:
            found.append(Token(kind, word, start, match.end()))
    return found


def keyword_at(words: list[Token], i: int) -> int | None:
    """Where the numbers start if a designation keyword is at `i` (`Art.` takes its dot)."""
    if i >= len(words):
        return None
    token = words[i]
    if token.kind == "mark" and token.text.startswith("§"):
        return i + 1
    if token.kind != "word":
        return None
    word = token.text.casefold()
    if word not in KEYWORDS and not _slip_of_article(word):
        return None
    if word in {"art", "arts"} and i + 1 < len(words) and words[i + 1].text == ".":
        return i + 2
    return i + 1


def _slip_of_article(word: str) -> bool:
    """`artcle`, `artilce`, `aritcle`: one letter missing, doubled or swapped in "article(s)"."""
    if not word.startswith("ar") or not 6 <= len(word) <= 9:
        return False
    return any(_one_slip(word, target) for target in ("article", "articles"))


def _one_slip(word: str, target: str) -> bool:
    if abs(len(word) - len(target)) > 1 or word == target:
        return False
    if len(word) == len(target):
        diffs = [k for k in range(len(word)) if word[k] != target[k]]
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and word[diffs[0]] == target[diffs[1]]
    short, long = sorted((word, target), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def number_at(words: list[Token], i: int, *, spelled: bool) -> int | None:
    """An article number at `i`: Arabic, Roman (any case), or a spelled cardinal if allowed."""
    if i >= len(words):
        return None
    token = words[i]
    if token.kind == "number":
        value = int(token.text) if len(token.text) <= 4 else 0
        return value if 1 <= value <= MAX_ARTICLE else None
    if token.kind != "word":
        return None
    if spelled and token.text.casefold() in _CARDINALS:
        return _CARDINALS[token.text.casefold()]
    roman = from_roman(token.text)
    return roman if roman is not None and roman <= MAX_ARTICLE else None


def _is_range(token: Token) -> bool:
    return token.text in _RANGE_MARKS or (token.kind == "word" and token.text.casefold() in _RANGE_WORDS)


def is_list(token: Token) -> bool:
    return token.text in _LIST_MARKS or (token.kind == "word" and token.text.casefold() in _LIST_WORDS)


def _lone_letter_in_prose(words: list[Token], i: int) -> bool:
    """A one-letter numeral followed by a word ("2, I think"): the pronoun, not Article I."""
    token = words[i]
    return (
        token.kind == "word"
        and len(token.text) == 1
        and i + 1 < len(words)
        and words[i + 1].kind == "word"
        and keyword_at(words, i + 1) is None
    )


def span_at(words: list[Token], i: int, *, anchored: bool) -> tuple[tuple[int, ...], int] | None:
    """The numbers of a span starting at `i` (`II–IV`, `2, 5 and 7`, `1 to 3`) and where it ends;
    `anchored`: right after a keyword, where a lone Roman letter and a spelled number count."""
    first = number_at(words, i, spelled=anchored)
    if first is None or (not anchored and _lone_letter_in_prose(words, i)):
        return None
    numbers, i = [first], i + 1
    while i < len(words):
        if _is_range(words[i]) and (end := number_at(words, i + 1, spelled=anchored)) is not None:
            low, high = sorted((numbers[-1], end))
            numbers[-1:] = range(low, high + 1)
            i += 2
        elif (
            is_list(words[i])
            and (more := number_at(words, i + 1, spelled=anchored)) is not None
            and not _lone_letter_in_prose(words, i + 1)
        ):
            numbers.append(more)
            i += 2
        else:
            break
    return tuple(dict.fromkeys(numbers)), i


def designation_at(words: list[Token], i: int) -> tuple[tuple[int, ...], int] | None:
    """A keyword and its span at `i` ("Article II", "arts. 2-4", "§3"), or None."""
    after = keyword_at(words, i)
    return None if after is None else span_at(words, after, anchored=True)
