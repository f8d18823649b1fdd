"""The citation finder on roleplay messages written for it (tests/data/citations.toml): its
precision and recall, reported for the messages it was never tuned on (issue #25 asks for
precision >= 0.98 and recall >= 0.95)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.content.treaties import canon_treaties
from bot.domain.citations import find_citations
from bot.domain.treaties import Article, Treaty

CORPUS = tomllib.loads((Path(__file__).parent.parent / "data" / "citations.toml").read_text("utf-8"))


def server_accords() -> list[Treaty]:
    """The accords the corpus imagines a server signed (as players name theirs)."""
    return [
        Treaty(
            key=accord["key"],
            name=accord["name"],
            summary="",
            year=None,
            date_text="",
            place="",
            parties=(),
            articles=tuple(Article(n, f"Article {n}", "…") for n in range(1, accord["articles"] + 1)),
            guild_id=1,
        )
        for accord in CORPUS["accords"]
    ]


TREATIES = [*canon_treaties(), *server_accords()]
REPORT: list[str] = []  # printed at the end of the run (tests/conftest.py)


def cited(text: str) -> list[str]:
    return [f"{c.treaty.key}:{c.selection.compact()}" for c in find_citations(text, TREATIES)]


def scores(split: str) -> tuple[float, float, list[str]]:
    """Precision and recall over the references of one split, and the messages it got wrong."""
    found = expected = right = 0
    wrong: list[str] = []
    for message in (m for m in CORPUS["message"] if m["split"] == split):
        got, want = cited(message["text"]), list(message["cites"])
        hits = len(set(got) & set(want))
        found, expected, right = found + len(got), expected + len(want), right + hits
        if got != want:
            wrong.append(f"{message['text']!r}: found {got}, wanted {want}")
    return (right / found if found else 1.0), (right / expected if expected else 1.0), wrong


def test_the_corpus_is_big_enough_and_split_in_two() -> None:
    messages: list[dict[str, Any]] = CORPUS["message"]
    assert len(messages) >= 100
    held = [m for m in messages if m["split"] == "held"]
    assert len(held) >= 50 and sum(1 for m in held if m["cites"]) >= 25
    assert sum(1 for m in held if not m["cites"]) >= 20  # prose that must not fire


@pytest.mark.parametrize("split", ["tune", "held"])
def test_precision_and_recall(split: str) -> None:
    precision, recall, wrong = scores(split)
    REPORT.append(f"citations in messages, {split} half: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.98 and recall >= 0.95, "\n".join(wrong)
