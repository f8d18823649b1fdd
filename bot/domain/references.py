"""What players type to name treaty articles: one grammar for commands, autocomplete and pages.

    Khitomer Accords, Article III      khitomer ii art. 2–4      KRA § I, III, IV-V
    Khitomer                           second khitomer all       Treaty of Organia

Names match exactly, by unique prefix, or fuzzily (one typo or so); articles are Roman or
Arabic numerals, single, ranged (`II-IV`, `2–4`, `2 to 4`) or listed (`I, III, V-VI`),
with or without `Art.`, `Article`, `§`. Anything else raises a BadReference whose
message tells the player what does exist.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .errors import InvalidInput, NotFound
from .inert import inert, quoted
from .numerals import from_roman, number_span, to_roman
from .treaties import Article, Treaty

MAX_ARTICLE = 999
MAX_INPUT = 200
_TOKEN = re.compile(r"\s*(§+|\.\.|[-–—−]|[,;&:]|[0-9]+|[^\W\d_]+(?:\.(?!\.))?)", re.UNICODE)
_PREFIXES = {"article", "articles", "art", "art.", "arts", "arts.", "§", "§§", "no", "no.", "nr", "nr."}
_RANGE = {"-", "–", "—", "−", "..", "to", "through", "thru"}
_LIST = {",", ";", "&", "and"}
_FILLER = {"the"}
_APOSTROPHES = str.maketrans("", "", "'’`ʼ")
_NON_WORD = re.compile(r"[\W_]+")


class BadReference(InvalidInput):
    """A reference that does not name existing articles; the message says what does."""


@dataclass(frozen=True, slots=True)
class Selection:
    """Which articles: every one, or these numbers in the order asked (no repeats)."""

    numbers: tuple[int, ...] = ()
    everything: bool = False

    @classmethod
    def all(cls) -> Selection:
        return cls(everything=True)

    def compact(self) -> str:
        """A short, parseable form: `all`, `1-3,5` — used in button custom_ids."""
        if self.everything:
            return "all"
        runs: list[list[int]] = []
        for n in self.numbers:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        return ",".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


@lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """Case-, accent- and punctuation-blind form of a name: `Qo'noS` -> `qonos`.

    Runs for every title and alias at start-up, so the common ASCII case skips Unicode work; and
    for every treaty's names each time a question is read for the treaty it names (remembered).
    """
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NON_WORD.sub(" ", name.casefold().translate(_APOSTROPHES)).split()
    return " ".join(w for w in words if w not in _FILLER)


def _number(token: str) -> int | None:
    if token.isascii() and token.isdigit():
        value = int(token)
        return value if 1 <= value <= MAX_ARTICLE else None
    return from_roman(token)


def parse_articles(text: str) -> Selection:
    """`II-IV`, `Art. 2, 5`, `§ III`, `all` -> a Selection; anything else -> BadReference."""
    spec = text.strip()
    if len(spec) > MAX_INPUT:
        raise BadReference("That article reference is too long. Try something like `II-IV` or `I, III`.")
    tokens = _tokens(spec)
    words = [t for t in tokens if t.casefold() not in _PREFIXES]
    if not words:
        raise BadReference("Name the articles: a number like `III` or `3`, a range like `II-IV`, or `all`.")
    if len(words) == 1 and words[0].casefold() in {"all", "*", "whole", "everything"}:
        return Selection.all()
    numbers: list[int] = []
    i = 0
    while i < len(words):
        start = _expect_number(words[i], spec)
        if i + 2 < len(words) and words[i + 1].casefold() in _RANGE:
            end = _expect_number(words[i + 2], spec)
            low, high = sorted((start, end))
            numbers.extend(range(low, high + 1))
            i += 3
        else:
            numbers.append(start)
            i += 1
        if i < len(words):
            if words[i].casefold() not in _LIST:
                raise BadReference(
                    f"I couldn't read {quoted(spec)}: separate articles with commas, like `I, III`."
                )
            i += 1
            if i == len(words):
                raise BadReference(f"{quoted(spec)} ends with a separator; which article comes after it?")
    return Selection(tuple(dict.fromkeys(numbers)))


def _tokens(spec: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    while position < len(spec):
        match = _TOKEN.match(spec, position)
        if match is None or not match.group(1):
            if spec[position:].strip() == "":
                break
            raise BadReference(
                f"I couldn't read {quoted(spec)} as article numbers: try `III`, `2-4` or `all`."
            )
        tokens.append(match.group(1))
        position = match.end()
    return [t for t in tokens if t != ":"]


def _expect_number(token: str, spec: str) -> int:
    value = _number(token)
    if value is None:
        raise BadReference(
            f"{quoted(token)} in {quoted(spec)} is not an article number: "
            "use Roman (`III`) or Arabic (`3`) numerals."
        )
    return value


# --- treaty names ------------------------------------------------------------------------


def _names(treaty: Treaty) -> list[str]:
    return [normalise(treaty.name), *(normalise(alias) for alias in treaty.aliases)]


def resolve_treaty(text: str, treaties: Sequence[Treaty]) -> Treaty:
    """The treaty a player means: by key, exact name or alias, unique prefix, or near spelling."""
    found = _match_treaty(text, treaties, fuzzy=True)
    if found is None:
        known = ", ".join(inert(t.name) for t in treaties[:10]) or "none"
        raise NotFound(f"I know no treaty called {quoted(text.strip())}. Treaties here: {known}.")
    return found


def _match_treaty(text: str, treaties: Sequence[Treaty], *, fuzzy: bool) -> Treaty | None:
    raw = text.strip()
    if not raw or len(raw) > MAX_INPUT:
        return None
    for treaty in treaties:
        if raw == treaty.key:
            return treaty
    wanted = normalise(raw)
    if not wanted:
        return None
    exact = [t for t in treaties if wanted in _names(t)]
    if exact:
        return exact[0]
    if not fuzzy:
        return None
    prefixed = {
        t.key: t for t in treaties for name in _names(t) if len(wanted) >= 3 and name.startswith(wanted)
    }
    if len(prefixed) == 1:
        return next(iter(prefixed.values()))
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, wanted, name).ratio(), i)
            for i, t in enumerate(treaties)
            for name in _names(t)
        ),
        reverse=True,
    )
    if scored and scored[0][0] >= 0.8:
        return treaties[scored[0][1]]
    return None


# --- whole references ----------------------------------------------------------------------


def parse_reference(text: str, treaties: Sequence[Treaty]) -> tuple[Treaty, Selection]:
    """`Khitomer Accords, Article III` -> (that treaty, Selection((3,))); a bare name means all."""
    raw = text.strip()
    if not raw:
        raise BadReference("Name a treaty, and articles if you like: `Khitomer Accords, Article III`.")
    if len(raw) > MAX_INPUT:
        raise BadReference("That reference is too long. Try `Khitomer Accords, Article III`.")
    for name, spec in _explicit_split(raw):
        return resolve_treaty(name, treaties), parse_articles(spec)
    whole = _match_treaty(raw, treaties, fuzzy=False)
    if whole is not None:
        return whole, Selection.all()
    candidates = list(_word_splits(raw))
    for name, selection in candidates:  # an exact name with articles after it
        exact = _match_treaty(name, treaties, fuzzy=False)
        if exact is not None:
            return exact, selection
    for name, selection in candidates:  # a near name with articles after it
        near = _match_treaty(name, treaties, fuzzy=True)
        if near is not None:
            return near, selection
    return resolve_treaty(raw, treaties), Selection.all()


def _explicit_split(raw: str) -> Iterable[tuple[str, str]]:
    """Split before the first `Art.`/`Article`/`§`, or at the first comma or colon whose
    tail reads as articles ("Khitomer Accords, Article I, III": the list's commas stay)."""
    keyword = re.search(r"(?i)(?:^|\s)(articles?\b|arts?\b\.?|§)", raw)
    if keyword is not None and keyword.start(1) > 0:
        yield raw[: keyword.start(1)].rstrip(" ,:"), raw[keyword.start(1) :]
        return
    for separator in re.finditer(r"[,:]", raw):
        head, tail = raw[: separator.start()].strip(), raw[separator.end() :]
        if head and parses_as_articles(tail):
            yield head, tail
            return


def parses_as_articles(spec: str) -> bool:
    """Whether `spec` reads as a selection of articles ("II", "2-4", "art. 3")."""
    try:
        parse_articles(spec)
    except BadReference:
        return False
    return True


def _word_splits(raw: str) -> Iterable[tuple[str, Selection]]:
    """(name, articles) for every split at a space whose tail parses, longest tail first."""
    spaces = [m.start() for m in re.finditer(r"\s+", raw)]
    for cut in spaces:
        try:
            yield raw[:cut], parse_articles(raw[cut:])
        except BadReference:
            continue


# --- looking articles up ------------------------------------------------------------------


def select_articles(treaty: Treaty, selection: Selection) -> tuple[Article, ...]:
    """The articles asked for, or a BadReference that says which articles there are."""
    if not treaty.articles:
        raise BadReference(f"The sources record no articles of the {inert(treaty.name)}.")
    if selection.everything:
        return treaty.articles
    missing = [n for n in selection.numbers if treaty.article(n) is None]
    if missing:
        what = "Article" if len(missing) == 1 else "Articles"
        verb = "have" if treaty.name.endswith("s") else "has"
        raise BadReference(
            f"The {inert(treaty.name)} {verb} {treaty.article_span}; "
            f"there is no {what} {number_span(missing)}."
        )
    return tuple(a for n in selection.numbers if (a := treaty.article(n)) is not None)


def describe(selection: Selection, treaty: Treaty) -> str:
    """`Articles II–IV` / `Article III` / `all articles` for a heading."""
    if selection.everything:
        return treaty.article_span
    noun = "Article" if len(selection.numbers) == 1 else "Articles"
    if list(selection.numbers) == sorted(selection.numbers):
        return f"{noun} {number_span(list(selection.numbers))}"
    return f"{noun} {', '.join(to_roman(n) for n in selection.numbers)}"
