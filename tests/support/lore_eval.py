"""The lore answer evaluation (tests/services/lore_answers.tsv): each question asked through the
lore service as a member of a server with the invented server lore of lore_answers_server.toml,
its answer line checked for the expected fact. Precision: right lines / lines shown; coverage:
questions with a line / questions that have an answer (type "none" questions want no line).

The figures before issue #20 (a58e857, its code and data) were taken with the same rows and
scoring: precision 47% (held half 48%), a line for every question.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parents[1] / "services"
QUESTIONS = HERE / "lore_answers.tsv"
SECOND = HERE / "lore_answers_second.tsv"  # written later, by a reader of data/ alone: tune-2 and held-2
THIRD = HERE / "lore_answers_third.tsv"  # later again, every kind but server lore: tune-3 and held-3
FOURTH = HERE / "lore_answers_fourth.tsv"  # a fourth, with questions the lore cannot answer: tune-4, held-4
FIFTH = HERE / "lore_answers_fifth.tsv"  # a fifth, of when, where, who and why: tune-5, held-5
SIXTH = HERE / "lore_answers_sixth.tsv"  # a sixth, mostly why and who did it: tune-6, held-6
SEVENTH = HERE / "lore_answers_seventh.tsv"  # a seventh, articles, why, who did, server lore: tune-7, held-7
EIGHTH = HERE / "lore_answers_eighth.tsv"  # an eighth, of every kind: tune-8, held-8
NINTH = HERE / "lore_answers_ninth.tsv"  # a ninth, of every kind, weighted to why: tune-9, held-9
TENTH = HERE / "lore_answers_tenth.tsv"  # a tenth, of articles, who did it and why: tune-10, held-10
ELEVENTH = HERE / "lore_answers_eleventh.tsv"  # an eleventh, of every kind: tune-11, held-11
TWELFTH = HERE / "lore_answers_twelfth.tsv"  # a twelfth, of facts the others leave: tune-12, held-12
THIRTEENTH = HERE / "lore_answers_thirteenth.tsv"  # a thirteenth, likewise: tune-13, held-13
SETS = (
    QUESTIONS,
    SECOND,
    THIRD,
    FOURTH,
    FIFTH,
    SIXTH,
    SEVENTH,
    EIGHTH,
    NINTH,
    TENTH,
    ELEVENTH,
    TWELFTH,
    THIRTEENTH,
)  # as written
SERVER_LORE = HERE / "lore_answers_server.toml"
GUILD = 4242
AUTHOR = 7


@dataclass(frozen=True, slots=True)
class Row:
    half: str
    type: str
    question: str
    expect: tuple[str, ...]  # any of these in the line; () for "none": no line wanted
    entries: str


@dataclass(frozen=True, slots=True)
class Result:
    row: Row
    line: str | None

    @property
    def right(self) -> bool:
        if self.line is None:
            return False
        if not self.row.expect:
            return False  # a line where none should be
        said = folded(self.line)
        return any(folded(alt) in said for alt in self.row.expect)


def folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "").replace("'", "")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def rows(path: Path = QUESTIONS) -> list[Row]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        half, kind, question, expect, entries = line.split("\t")
        wanted = () if expect.strip() == "-" else tuple(a.strip() for a in expect.split("|") if a.strip())
        out.append(Row(half, kind, question, wanted, entries))
    return out


def server_entries() -> list[dict[str, object]]:
    return list(tomllib.loads(SERVER_LORE.read_text(encoding="utf-8"))["entries"])


Ask = Callable[[Row], Awaitable[str | None]]


async def evaluate(ask: Ask, questions: list[Row] | None = None) -> list[Result]:
    return [Result(row, await ask(row)) for row in (questions if questions is not None else rows())]


@dataclass(frozen=True, slots=True)
class Score:
    asked: int
    shown: int  # lines shown
    right: int  # lines holding the fact
    wrong_on_none: int  # lines shown for questions the lore cannot answer
    nones: int  # such questions

    @property
    def precision(self) -> float:
        return self.right / self.shown if self.shown else 1.0

    @property
    def coverage(self) -> float:
        answerable = self.asked - self.nones
        return (self.shown - self.wrong_on_none) / answerable if answerable else 1.0


def score(results: list[Result]) -> Score:
    nones = sum(1 for r in results if not r.row.expect)
    wrong_on_none = sum(1 for r in results if not r.row.expect and r.line is not None)
    return Score(
        asked=len(results),
        shown=sum(1 for r in results if r.line is not None),
        right=sum(1 for r in results if r.right),
        wrong_on_none=wrong_on_none,
        nones=nones,
    )


def table(results: list[Result]) -> str:
    """Precision and coverage by half and by type, as printed at the end of the run."""
    lines = [f"{'':10} {'half':6} {'asked':>5} {'shown':>5} {'right':>5} {'precision':>9} {'coverage':>8}"]
    groups: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for result in results:
        later = result.row.half.partition("-")[2]  # "both" is the first set's two halves
        for half in (result.row.half, f"both-{later}" if later else "both"):
            groups[(result.row.type, half)].append(result)
            groups[("all", half)].append(result)
    for (kind, half), found in sorted(groups.items(), key=lambda item: (item[0][0] == "all", item[0])):
        s = score(found)
        lines.append(
            f"{kind:10} {half:6} {s.asked:5} {s.shown:5} {s.right:5} {s.precision:9.0%} {s.coverage:8.0%}"
        )
    return "\n".join(lines)


def misses(results: list[Result], half: str | None = None) -> list[str]:
    return [
        f"[{r.row.half} {r.row.type}] {r.row.question!r} wants {'|'.join(r.row.expect) or 'no line'}: "
        f"{r.line!r}"
        for r in results
        if (half is None or r.row.half == half) and (r.line is not None or r.row.expect) and not r.right
        and not (not r.row.expect and r.line is None)
    ]  # fmt: skip
