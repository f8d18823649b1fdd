"""Typed terms are declared once (clauses.TERMS): a new one is a line there, and the rules,
storage, scoring, scenario files, embeds and slash options all take it up."""

from __future__ import annotations

import pytest
from discord import app_commands

from bot.content.scenarios import load_powers, parse_scenario
from bot.domain.accords import Clause, GameState, clauses, decide, evolve, new_game
from bot.domain.accords import commands as c
from bot.domain.accords.clauses import Term, TermKind
from bot.domain.accords.scoring import objective_met
from bot.domain.errors import InvalidInput
from bot.storage import game_codec as codec
from bot.ui.accord_pages import terms_line

KE, RSE = "Klingon Empire", "Romulan Star Empire"
HOST, KOR, TOMALAK = 1, 2, 3


def negotiating() -> GameState:
    state = new_game(1, 10, HOST, "Test", (KE, RSE))
    for command, actor in ((c.Join(KE), KOR), (c.Join(RSE), TOMALAK), (c.Start(), HOST)):
        for event in decide(state, command, actor):
            state = evolve(state, event)
    return state


@pytest.fixture
def with_duration(monkeypatch: pytest.MonkeyPatch) -> None:
    duration = Term("duration", "For", "How long it holds", TermKind.TEXT, (Clause.TRADE,), 40)
    monkeypatch.setattr(clauses, "TERMS", (*clauses.TERMS, duration))


def test_a_new_term_is_one_line_in_the_table(with_duration: None) -> None:
    state = negotiating()
    with pytest.raises(InvalidInput, match=r"must say how long it holds \(the duration option\)"):
        decide(state, c.Table(Clause.TRADE, "Ore."), KOR)
    (tabled,) = decide(state, c.Table(Clause.TRADE, "Ore.", terms={"duration": "  ten   years "}), KOR)
    state = evolve(state, tabled)
    article = state.article(1)
    assert article is not None and article.term("duration") == "ten years"
    # stored and read back
    assert codec.load_article(codec.dump_article(article)) == article
    assert codec.load_event(tabled.kind, KOR, codec.dump_event(tabled)) == tabled
    # shown to players
    assert terms_line(article) == "For: ten years"
    # scenario files may ask for it, and scoring reads it
    powers = load_powers()
    scenario = {
        "key": "t", "title": "T", "place": "P", "briefing": "B", "powers": [KE, RSE],
        "objectives": [{"power": KE, "clause": "trade", "points": 2, "text": "Long", "duration": "ten"}],
    }  # fmt: skip
    (objective,) = parse_scenario(scenario, "t.toml", powers).objectives
    assert objective.terms == (("duration", "ten"),)
    from dataclasses import replace

    from bot.domain.accords import Phase

    ratified = replace(state, phase=Phase.RATIFIED, signed=frozenset({KE, RSE}))
    ratified = replace(ratified, articles=(replace(article, support=frozenset({KE, RSE})),))
    assert objective_met(objective, ratified)
    # and the slash command grows an option for it
    from cogs.accords._table import with_term_options

    async def propose(interaction: object, clause: str, **terms: str | None) -> None: ...

    command = app_commands.Command(name="p", description="p", callback=with_term_options(propose))  # type: ignore[arg-type]
    options = {p.name: p for p in command.parameters}
    assert options["duration"].max_value == 40 and not options["duration"].required
    assert options["duration"].description == "How long it holds (trade)"


def test_a_misspelt_term_in_a_scenario_file_is_named() -> None:
    scenario = {
        "key": "t", "title": "T", "place": "P", "briefing": "B", "powers": [KE, RSE],
        "objectives": [{"power": KE, "clause": "trade", "points": 2, "text": "x", "subjet": "ore"}],
    }  # fmt: skip
    with pytest.raises(Exception, match=r"objective fields \['subjet'\] mean nothing"):
        parse_scenario(scenario, "t.toml", load_powers())


def test_power_terms_are_parties_and_differ() -> None:
    state = negotiating()
    cede = Clause.TERRITORY
    with pytest.raises(InvalidInput, match="cannot give to itself"):
        decide(state, c.Table(cede, "x", terms={"subject": "Nimbus", "giver": KE, "receiver": KE}), KOR)
    with pytest.raises(InvalidInput, match="giver must be one of the article's parties"):
        decide(state, c.Table(cede, "x", (KE,), {"subject": "Nimbus", "giver": RSE, "receiver": KE}), KOR)


def test_a_clause_takes_only_its_own_terms_and_a_transfer_binds_its_two_powers() -> None:
    state = negotiating()
    with pytest.raises(InvalidInput, match="A free text article takes no terms: leave out subject, giver"):
        decide(state, c.Table(Clause.FREE_TEXT, "x", terms={"subject": "ore", "giver": KE}), KOR)
    terms = {"subject": "cloaks", "giver": RSE, "receiver": KE}
    (tabled,) = decide(state, c.Table(Clause.TECHNOLOGY_TRANSFER, "Cloaks.", terms=terms), KOR)
    assert tabled.parties == (RSE, KE)  # no parties given: the giver and the receiver, not everyone
