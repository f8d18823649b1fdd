"""Issue #20: who came before or after someone is answered by a line telling the succession that
way, or by none. A fresh set of fan questions (not the evaluation's) had "who was klingon
chancellor before kmpec" answered with "Gowron succeeded K'mpec" (his successor) and "who became
chancellor after martok" with "Worf made Martok chancellor"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services.lore import LoreService
from tests.support.lore_lines import assert_never_says, assert_says, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("succession"), postgres_server)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("who was klingon chancellor before kmpec", "Gowron succeeded K'mpec"),  # his successor
        ("who became chancellor after martok", "Worf made Martok chancellor"),  # Martok's own rise
        ("who was chancellor before gowron", "making Martok chancellor"),
        ("who was praetor before hiren", "Hiren was the praetor"),  # no predecessor named
    ],
)
def test_a_succession_the_other_way_is_no_answer(lore: LoreService, question: str, not_said: str) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who was chancellor before martok", "Martok succeeded Gowron"),  # he succeeded someone
        ("who was chancellor after kmpec", "Gowron succeeded K'mpec"),  # someone succeeded him
        ("who succeeded kmpec", "Gowron succeeded K'mpec"),  # not asked with before or after
        ("who raised worf's kid after kehleyr was killed", "Rozhenko"),  # after a deed, not a person
    ],
)
def test_a_succession_that_way_still_answers(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)
