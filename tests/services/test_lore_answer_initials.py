"""Issue #20, point 7 (names typed any reasonable way): a canon name of three words or more is
also named by its initials ("rnz", "khc"), where they name nothing else and are no word canon
uses (read on the event loop, before the English word list is loaded); and a question naming a
power and a pact between it and another, and nothing more, is answered by the pact's summary
("what did the klingons get from the kra": what each paid), as is one naming two powers alone by
the first result where they meet ("what did the romulans give the klingons"). Of other names alone,
the one named first is asked of ("was vreenak tal shiar"), not one qualifying another."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.content.lore import canon_lore
from bot.services.lore import LoreService
from bot.services.lore_short_names import short_names
from bot.services.name_index import NameIndex
from tests.support.lore_lines import assert_never_says, assert_says, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("initials"), postgres_server)


def test_initials_name_one_entry_each() -> None:
    canon = canon_lore()
    taken = NameIndex()
    taken.add_many((e.key, e.title, e.aliases) for e in canon)
    names = short_names(canon, taken)
    assert names.exact("rnz") == "romulan-neutral-zone"
    assert names.exact("knz") == "klingon-neutral-zone"
    assert names.exact("khc") == "klingon-high-council"
    assert names.exact("kra") is None and taken.exact("kra") == "klingon-romulan-alliance"  # an alias already
    assert names.exact("kcw") is None  # the Klingon Civil War and the Klingon–Cardassian War
    assert names.exact("fkw") is None  # a title told apart by its years is one of its kind


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("when was the kra signed", "signed at Nimbus III in 2267"),  # "KRA" is its alias
        ("what is the rnz", "The Romulan Neutral Zone is"),
        ("tell me about the khc", "Klingon High Council"),
        ("what did the klingons get from the kra deal", "the Romulans paid in cloaking technology"),
    ],
)
def test_a_name_by_its_initials_is_answered(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


def test_a_power_named_alone_is_still_asked_of_itself(lore: LoreService) -> None:
    assert_says(lore, "what are the klingons", "Klingon")
    assert_never_says(
        lore, "what did the klingons get from the kra deal", "interstellar state of the Klingon"
    )


@pytest.mark.parametrize(
    "question", ["what did the romulans give the klingons", "what did the klingons get from the romulans"]
)
def test_two_powers_named_alone_are_answered_where_they_meet_first(lore: LoreService, question: str) -> None:
    # no pact named: the first result, the alliance, where both meet; not what the first power is
    assert_says(lore, question, "the Romulans paid in cloaking technology")
    assert_never_says(lore, question, "secretive interstellar state")


def test_a_people_and_the_power_it_serves_are_not_two_parties(lore: LoreService) -> None:
    assert_says(lore, "jem hadar whats their job in the dominion", "soldier")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("where did the klingons sign the accords", "signed at Camp Khitomer"),  # "the Accords": the first
        ("when were the accords signed", "signed in 2293"),
        ("what did the second accords ban", "banning subspace weapons"),  # the second is named so
    ],
)
def test_the_accords_are_the_khitomer_accords(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # names alone ask what the one named first is, though the other's name is longer; of the one
        # whose first sentence names the others, if any ("a Romulan senator and Tal Shiar…")
        ("was vreenak tal shiar", "Vreenak was a Romulan senator and Tal Shiar vice-chairman"),
        ("is kurn house of mogh", "The House of Mogh is the Klingon noble family of Worf and Kurn"),
        ("kirk veridian iii", "Veridian III is the planet"),
        ("kirk enterprise-a", "The USS Enterprise-A (NCC-1701-A) was"),  # Kirk's names the first Enterprise
        ("2nd khitomer conference", "The Second Khitomer Conference was"),  # not the 2293 one
        ("what is the klingon empire's praxis", "Praxis was a moon of Qo'noS"),
        # … not of a name qualifying another: an owner, a great power, a name after "of"
        ("picard's enterprise-d", "The USS Enterprise-D (NCC-1701-D) was"),
        ("cardassian obsidian order what were they", "The Obsidian Order was the Cardassian Union's"),
        ("vulcan spock", "Spock was a half-Vulcan"),
        ("tal shiar romulans", "The Tal Shiar is the Romulan Star Empire's"),
        ("who is worf of the house of mogh", "Worf, son of Mogh, is a Klingon Starfleet officer"),
        ("what was the pegasus thing with riker", "The USS Pegasus was a Starfleet ship"),
        ("cardassia's obsidian order", "The Obsidian Order was the Cardassian Union's"),
    ],
)
def test_names_alone_ask_of_the_one_named_first(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)
