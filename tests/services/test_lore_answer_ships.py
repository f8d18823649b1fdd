"""Issue #20: a question asking which ship, or how many, is answered by a line naming a ship, or
giving a number, or by none. A reviewer's questions (not the evaluation's): "what ship did Koloth
command" was answered with "Koloth's ship put in at Deep Space Station K-7…", which names no ship."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore import Kind
from bot.domain.lore_shapes import power_of_ship
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support.lore_lines import GUILD, assert_never_says, assert_says, line, server_line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("ships"), postgres_server)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("what ship did koloth command", "Koloth's ship put in"),
        ("what ship did kurn command", "he swung his ships"),
        ("what ship did martok command", "throwing away ships"),
        ("what ship was jennifer sisko on", "his wife Jennifer"),
        ("what ship did picard command", "Tomalak is a Romulan warbird commander"),
        ("what was koloth's ship called", "Koloth's ship put in"),
        ("name the ship koloth commanded", "Koloth's ship put in"),
    ],
)
def test_a_line_naming_no_ship_is_no_answer_to_which_ship(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what ship did sulu command", "USS Excelsior"),
        ("what ship did gowron use as his flagship", "IKS Bortas"),
        ("what ship did sisko command", "USS Defiant"),
    ],
)
def test_a_line_naming_the_ship_still_answers(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("how many warbirds attacked narendra iii", "In 2344 Romulan warbirds attacked"),  # no number
        ("how many people died at wolf 359", "Among the dead at Wolf 359"),  # a name's number
        ("how many borg cubes attacked earth in 2373", "Wolf 359"),  # another year's count
        ("how many vulcans go through pon farr", "every seven years"),  # how often, not how many
    ],
)
def test_a_line_with_no_count_is_no_answer_to_how_many(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


def test_a_count_still_answers_how_many(lore: LoreService) -> None:
    line_said, _ = line(lore, "how many ships were lost at wolf 359")
    assert line_said is not None and "39 ships" in line_said, line_said


def test_the_power_of_the_ship_asked_for_need_not_be_said_again(lore: LoreService) -> None:
    """The seventh set's "which klingon ship rammed the crimson maw" had no line: the sentence
    naming the IKS ship says no "Klingon" (a server's own battle here)."""
    body = "The battle turned when the IKS *Qa'vak* rammed the raiders' flagship, the *Black Hook*."
    battle = Draft("Battle of Tessik Reach", Kind.BATTLE, "A border battle of 2401.", body)
    said = server_line(lore, GUILD + 9, [battle], "which klingon ship rammed the black hook")
    assert said is not None and "Qa'vak" in said, said
    for other in ("romulan", "federation", "cardassian"):  # an IKS ship is of none of them
        wrong = server_line(lore, GUILD + 9, [], f"which {other} ship rammed the black hook")
        assert wrong is None or "Qa'vak" not in wrong, (other, wrong)
    assert power_of_ship("what romulan warbird fought the scimitar") == "romulan"
    assert power_of_ship("which planet did the klingons take") == ""
