"""Lore and treaty text is our own writing: no run of 10 words from a source document."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
RUN = 10


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents absent at {SEEDS}")
def test_no_run_of_ten_words_is_copied_from_the_sources() -> None:
    seeds: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        seeds |= runs(seed.read_text(errors="ignore"))
    files = [p for p in DATA_DIR.rglob("*") if p.suffix in {".md", ".toml"}]
    assert len(files) >= 70
    copied = [f"{p.relative_to(DATA_DIR)}: {' '.join(r)}" for p in files for r in runs(p.read_text()) & seeds]
    assert not copied, copied[:5]


def test_the_check_would_see_a_copied_sentence() -> None:
    sentence = "the quick brown fox jumps over the lazy dog again and again"
    assert runs(sentence) & runs(f"Intro. {sentence.title()}! Outro.")
