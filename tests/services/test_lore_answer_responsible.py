"""Issue #20: "who was behind…", "who ran…" and the like answered from the entries' facts (a
thing's `by`; the one person whose `leader_of` names a body), in canon and in a server's lore.
Before, each of these questions got no line ("behind" was read as a deed no sentence holds), or
a wrong one ("who led the tal shiar": a sentence about the Dominion's leaders). And "which
<rank>…" answered by the one person of that rank of what the question names, when no sentence
says the deed in its words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.domain.lore import Kind
from bot.domain.lore_facts import parse_facts
from bot.services.lore import LoreService
from bot.storage.lore import Draft
from tests.support.lore_lines import assert_never_says, assert_says, line, server_line, started


@pytest.fixture(scope="module")
def lore(tmp_path_factory: pytest.TempPathFactory, postgres_server: str | None) -> Iterator[LoreService]:
    yield from started(tmp_path_factory.mktemp("responsible"), postgres_server)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("who was behind the pegasus incident", "the work of Captain Erik Pressman"),
        ("who was responsible for the khitomer massacre", "the work of the Romulan Star Empire"),
        ("who masterminded the khitomer conspiracy", "led by General Chang"),
        ("who was really behind gorkon's assassination", "led by General Chang"),
        ("who was behind gorkons assassination", "led by General Chang"),
        ("who carried out the pegasus incident", "Erik Pressman"),
        ("who was in charge of the tal shiar", "Koval led the Tal Shiar."),
        ("who led the tal shiar", "Koval led the Tal Shiar."),
        ("who was the leader of the obsidian order", "Enabran Tain led the Obsidian Order"),
    ],
)
def test_whose_doing_is_answered_from_the_facts(lore: LoreService, question: str, said: str) -> None:
    assert_says(lore, question, said)


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        ("who led the klingon empire", " led the Klingon Empire."),  # many did: no one of them by the facts
        ("who was behind kor", "the work of"),  # a person is nobody's work
        ("who was responsible for the enterprise-d", "the work of Starfleet"),  # its builder or captain?
    ],
)
def test_a_fact_that_does_not_settle_it_says_nothing(lore: LoreService, question: str, not_said: str) -> None:
    assert_never_says(lore, question, not_said)


def test_a_servers_own_leader_answers_and_a_second_one_makes_it_unsure(lore: LoreService) -> None:
    guild = 91
    order = Draft(
        "Kethra Watch", Kind.FACTION, "A border militia of the Kethra Drift.", "It keeps the Drift's lanes."
    )
    head = Draft(
        "Tovan Rell", Kind.PERSON, "Tovan Rell is a former smuggler.", "He keeps the Kethra Watch's books.",
        facts=parse_facts({"role": "a former smuggler", "leader_of": "the Kethra Watch, from 2399"}),
    )  # fmt: skip
    assert server_line(lore, guild, [order, head], "who ran the kethra watch") == (
        "Tovan Rell led the Kethra Watch, from 2399."
    )
    second = Draft(
        "Ilsa Varn", Kind.PERSON, "Ilsa Varn is a pilot.", "She flies for the Kethra Watch.",
        facts=parse_facts({"role": "a pilot", "leader_of": "the Kethra Watch, after 2401"}),
    )  # fmt: skip
    said = server_line(lore, guild, [second], "who ran the kethra watch")
    assert said is None or " led the Kethra Watch, " not in said


def test_a_which_question_of_a_rank_names_the_one_of_that_kind(lore: LoreService) -> None:
    # no entry says "dirty": the one Starfleet admiral of the first results, of the Khitomer plot
    assert_says(
        lore, "which starfleet admiral was dirty in the khitomer plot", "Cartwright was a Starfleet admiral"
    )


@pytest.mark.parametrize(
    ("question", "not_said"),
    [
        # no rank ("guy"), or only powers named ("Cardassian ships"): Picard and Dax are of the
        # kind and of what is named, but nothing says they did it
        ("which starfleet guy dug baby worf out of the khitomer rubble", "Jadzia Dax"),
        ("which starfleet captain went rogue and shot up cardassian ships in 2367", "Jean-Luc Picard"),
        # a deed the lore has words for, said of nobody of that rank: no one of the rank is guessed
        ("which starfleet captain died at wolf 359", "Sisko"),
        ("which klingon ambassador defended kirk", "Kamarag"),
        ("which klingon chancellor started the war with cardassia", "Martok"),
        ("which romulan commander killed tasha yar", "Sela"),
        ("which starfleet captain lost the enterprise-d", "Garrett"),
        ("which klingon general lost at klach d'kel brakt", "Kor"),
    ],
)
def test_a_which_question_with_little_to_tell_names_no_one(
    lore: LoreService, question: str, not_said: str
) -> None:
    assert_never_says(lore, question, not_said)


def test_where_a_body_meets_is_where_it_is(lore: LoreService) -> None:
    assert_says(lore, "where does the romulan senate hold its sessions", "on Romulus")


def test_a_line_opening_with_its_names_the_thing(lore: LoreService) -> None:
    # a line is read alone: "Its agent Luther Sloan…" says whose only beside the entry's title
    assert_says(lore, "who tried to recruit bashir for section 31", "Section 31's agent Luther Sloan tried")
    assert_says(
        lore, "why did the federation council condemn the klingons", "The Federation Council's condemnation"
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what's the great link", "The Great Link is the Changelings' living ocean"),
        ("where is the great link", "The Great Link is on the Founders' homeworld"),
        ("why did odo go back to the great link", "to cure his people|he wanted to heal his people"),
    ],
)
def test_the_great_link_has_an_entry_of_its_own(lore: LoreService, question: str, said: str) -> None:
    found = line(lore, question)
    assert found[0] is not None and any(one in found[0] for one in said.split("|")), found
    assert found[1] == "great-link"
