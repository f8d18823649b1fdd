"""A delegation's rules in negotiation, one test a rule: what it answers, what it tables, and
when it does nothing. Each move is applied through the real machine (tests/support)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.accords import Clause, GameState, Phase
from bot.domain.accords import commands as c
from bot.domain.accords.delegation import MAX_TABLED, Stance
from bot.domain.accords.scenario import Objective
from bot.domain.accords.scoring import fits
from tests.support.delegation_games import HOST, act, apply, move, opened, play, run

KE, RSE, UFP, CU = "Klingon Empire", "Romulan Star Empire", "United Federation of Planets", "Cardassian Union"
POWERS = (KE, RSE, UFP, CU)
LINES = {
    "support": ("The {power} supports Article {article} ({clause}) of the {author}.",),
    "oppose": ("The {power} opposes Article {article} ({clause}).",),
    "oppose_enemy": ("The {power} opposes Article {article}: never beside the {other}.",),
    "table": ("The {power} tables Article {article} ({clause}).",),
    "sign": ("The {power} signs.",),
    "refuse": ("The {power} refuses.",),
    "withdraw": ("The {power} withdraws: the {other} is in it.",),
}


def stance(power: str, **towards: int) -> Stance:
    names = {"ke": KE, "rse": RSE, "ufp": UFP, "cu": CU}
    return Stance(power, {names[k]: v for k, v in towards.items()}, lines=LINES)


def tabled(
    state: GameState, author: str, clause: Clause, parties: tuple[str, ...], **terms: str
) -> GameState:
    return act(state, author, c.Table(clause, f"A {clause.value} article.", parties, terms))


def test_it_supports_an_article_that_serves_an_objective_even_among_enemies() -> None:
    aid = Objective(KE, Clause.HUMANITARIAN_AID, True, 3, "Relief for Qo'noS.")
    state = tabled(opened(POWERS), RSE, Clause.HUMANITARIAN_AID, (KE, RSE))
    made = move(state, stance(KE, rse=-2), [aid])
    assert made is not None and made.command == c.Support(1)
    assert made.line == "The Klingon Empire supports Article 1 (humanitarian aid) of the Romulan Star Empire."
    assert move(state, stance(KE, rse=-2)).command == c.Oppose(1)  # type: ignore[union-attr]


def test_it_opposes_an_article_its_objectives_forbid_even_among_friends() -> None:
    no_envoys = Objective(RSE, Clause.EMBASSIES, False, 2, "No envoys on Romulus.")
    state = tabled(opened(POWERS), KE, Clause.EMBASSIES, (KE, RSE))
    made = move(state, stance(RSE, ke=2), [no_envoys])
    assert made is not None and made.command == c.Oppose(1)
    assert made.line == "The Romulan Star Empire opposes Article 1 (embassies)."
    assert move(state, stance(RSE, ke=2)).command == c.Support(1)  # type: ignore[union-attr]


def test_it_opposes_an_article_binding_it_to_a_hostile_power_and_says_which() -> None:
    state = tabled(opened(POWERS), UFP, Clause.TRADE, (UFP, RSE, KE))
    made = move(state, stance(RSE, ke=-2, ufp=1))
    assert made is not None and made.command == c.Oppose(1)
    assert made.line == "The Romulan Star Empire opposes Article 1: never beside the Klingon Empire."
    assert move(state, stance(RSE, ke=-1, ufp=1)).command == c.Support(1)  # type: ignore[union-attr]


def test_it_supports_a_harmless_article_with_powers_it_is_wary_of_or_likes() -> None:
    state = tabled(opened(POWERS), UFP, Clause.EMBASSIES, (UFP, CU))
    for feeling in (-1, 0, 1, 2):
        assert move(state, stance(CU, ufp=feeling)).command == c.Support(1)  # type: ignore[union-attr]


def test_it_gives_technology_or_territory_only_to_an_ally() -> None:
    state = opened(POWERS)
    terms = {"subject": "warp coils", "giver": CU, "receiver": UFP}
    state = tabled(state, UFP, Clause.TECHNOLOGY_TRANSFER, (UFP, CU), **terms)
    assert move(state, stance(CU, ufp=1)).command == c.Oppose(1)  # type: ignore[union-attr]
    assert move(state, stance(CU, ufp=2)).command == c.Support(1)  # type: ignore[union-attr]
    received = {"subject": "Archanis", "giver": UFP, "receiver": CU}
    state = tabled(state, UFP, Clause.TERRITORY, (UFP, CU), **received)
    state = act(state, CU, c.Oppose(1))
    assert move(state, stance(CU, ufp=-1)).command == c.Support(2)  # type: ignore[union-attr]


def test_it_answers_in_the_order_articles_were_tabled_and_never_twice() -> None:
    state = opened(POWERS)
    for clause in (Clause.TRADE, Clause.EMBASSIES, Clause.PRISONERS_OF_WAR):
        state = tabled(state, UFP, clause, (UFP, KE))
    state = tabled(state, UFP, Clause.TRADE, (UFP, CU))  # does not bind the Klingons
    mine = replace(stance(KE, ufp=1), proposes=())
    state, moves = run(state, {KE: mine})
    assert [m.command for _, m in moves] == [c.Support(1), c.Support(2), c.Support(3)]
    assert move(state, mine) is None


def test_an_amended_article_is_answered_again() -> None:
    state = tabled(opened(POWERS), UFP, Clause.TRADE, (UFP, KE))
    mine = replace(stance(KE, ufp=1), proposes=())
    state, _ = run(state, {KE: mine})
    state = act(state, UFP, c.Amend(1, "Trade, now with tariffs."))
    assert move(state, mine).command == c.Support(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("objective", "seated"),
    [
        (Objective(KE, Clause.HUMANITARIAN_AID, True, 3, "Relief."), POWERS),
        (Objective(KE, Clause.TECHNOLOGY_TRANSFER, True, 3, "Cloaks.", (("receiver", KE),)), POWERS),
        (Objective(KE, Clause.TERRITORY, True, 2, "Archanis.", (("giver", UFP), ("receiver", KE))), POWERS),
        (Objective(KE, Clause.WEAPONS_BAN, True, 3, "No subspace.", (("subject", "subspace"),)), POWERS),
        (Objective(KE, Clause.NEUTRAL_ZONE, True, 2, "A zone."), (KE, RSE)),
    ],
)
def test_it_tables_an_article_that_meets_its_objective_and_the_machine_accepts(
    objective: Objective, seated: tuple[str, ...]
) -> None:
    state = opened(POWERS, seated=seated)
    mine = stance(KE, ufp=1, rse=-2, cu=-1)
    made = move(state, mine, [objective])
    assert made is not None and isinstance(made.command, c.Table)
    assert made.line == f"The Klingon Empire tables Article 1 ({objective.clause.value})."
    state = apply(state, made, KE)  # the machine's own checks: parties seated, terms complete
    article = state.article(1)
    assert article is not None and fits(objective, article)
    assert article.text[0].isupper() and article.text == made.command.text
    assert RSE not in article.parties  # never binds itself to an enemy unasked
    assert move(state, mine, [objective]) is None  # one is on the table: nothing more to do


def test_it_binds_its_friends_to_what_it_tables() -> None:
    state = opened(POWERS)
    aid = Objective(KE, Clause.HUMANITARIAN_AID, True, 3, "Relief.")
    made = move(state, stance(KE, ufp=1, cu=2, rse=-1), [aid])
    assert made is not None and isinstance(made.command, c.Table)
    assert set(made.command.parties) == {KE, UFP, CU}


def test_it_supports_a_fitting_article_on_the_table_instead_of_tabling_its_own() -> None:
    aid = Objective(KE, Clause.HUMANITARIAN_AID, True, 3, "Relief.")
    state = tabled(opened(POWERS), UFP, Clause.HUMANITARIAN_AID, (UFP, KE))
    state, moves = run(state, {KE: stance(KE)}, [aid])
    assert [m.command for _, m in moves] == [c.Support(1)]


def test_it_tables_again_without_who_opposed_and_then_stops() -> None:
    aid = Objective(KE, Clause.HUMANITARIAN_AID, True, 3, "Relief.")
    state = opened(POWERS)
    state, _ = run(state, {KE: stance(KE, ufp=1, cu=1)}, [aid])
    assert state.article(1).parties == (KE, UFP, CU)  # type: ignore[union-attr]
    state = act(state, CU, c.Oppose(1))
    state, moves = run(state, {KE: stance(KE, ufp=1, cu=1)}, [aid])
    assert [m.command.parties for _, m in moves] == [(KE, UFP)]  # type: ignore[union-attr]
    state = act(state, UFP, c.Oppose(2))
    state, moves = run(state, {KE: stance(KE, ufp=1, cu=1)}, [aid])
    assert moves == []  # two tries for one objective


def test_it_tables_a_bounded_number_of_articles() -> None:
    wants = [Objective(KE, clause, True, 1, "Want.") for clause in list(Clause)[:-1]]
    state, moves = run(opened(POWERS), {KE: stance(KE, ufp=1)}, wants)
    assert sum(isinstance(m.command, c.Table) for _, m in moves) == MAX_TABLED <= 3
    assert sum(a.author == KE for a in state.articles) == MAX_TABLED


def test_it_tables_the_objective_worth_most_first() -> None:
    wants = [
        Objective(KE, Clause.TRADE, True, 1, "Some trade."),
        Objective(KE, Clause.MUTUAL_DEFENCE, True, 3, "Allies."),
    ]
    made = move(opened(POWERS), stance(KE, ufp=1), wants)
    assert made is not None and made.command.clause is Clause.MUTUAL_DEFENCE  # type: ignore[union-attr]


def test_with_no_objective_it_tables_one_article_it_likes_and_no_more() -> None:
    likes = replace(stance(UFP, ke=1), proposes=(Clause.EMBASSIES, Clause.TRADE))
    state, moves = run(opened(POWERS), {UFP: likes})
    assert len(moves) == 1 and isinstance(moves[0][1].command, c.Table)
    assert state.article(1).clause in {Clause.EMBASSIES, Clause.TRADE}  # type: ignore[union-attr]
    assert state.article(1).parties == (UFP, KE)  # type: ignore[union-attr]


def test_it_never_tables_what_its_own_objectives_forbid() -> None:
    no_conference = Objective(KE, Clause.CONFERENCE, False, 2, "No committees.")
    likes = replace(stance(KE, ufp=1), proposes=(Clause.CONFERENCE, Clause.MUTUAL_DEFENCE))
    for seed in range(20):
        made = move(opened(POWERS), likes, [no_conference], seed=seed)
        assert made is not None and made.command.clause is Clause.MUTUAL_DEFENCE  # type: ignore[union-attr]


def test_an_objective_naming_an_empty_seat_is_left_alone() -> None:
    cede = Objective(KE, Clause.TERRITORY, True, 2, "Archanis.", (("giver", CU), ("receiver", KE)))
    pact = Objective(KE, Clause.MUTUAL_DEFENCE, True, 2, "Allies.", binds=(KE, CU))
    state = opened(POWERS, seated=(KE, UFP))
    assert move(state, replace(stance(KE, ufp=1), proposes=()), [cede, pact]) is None


def test_it_binds_whom_its_objective_names() -> None:
    pact = Objective(KE, Clause.MUTUAL_DEFENCE, True, 2, "Allies.", binds=(KE, CU))
    made = move(opened(POWERS), stance(KE, ufp=1, cu=-1), [pact])
    assert made is not None and made.command.parties == (KE, UFP, CU)  # type: ignore[union-attr]


def test_another_powers_objectives_are_not_its_own() -> None:
    theirs = Objective(UFP, Clause.TRADE, False, 2, "No trade between them.", binds=(CU, KE))
    state = tabled(opened(POWERS), CU, Clause.TRADE, (CU, KE))
    assert move(state, stance(KE), [theirs]).command == c.Support(1)  # type: ignore[union-attr]


def test_it_does_nothing_in_the_lobby_when_paused_or_over_or_unseated() -> None:
    likes = replace(stance(KE, ufp=1), proposes=(Clause.TRADE,))
    state = opened(POWERS)
    assert move(state, likes) is not None
    lobby = replace(state, phase=Phase.CONVENED)
    assert move(lobby, likes) is None
    assert move(play(state, c.Pause(0.0), HOST), likes) is None
    for phase in (Phase.RATIFIED, Phase.FAILED, Phase.ABANDONED):
        assert move(replace(state, phase=phase), likes) is None
    assert move(opened(POWERS, seated=(UFP, RSE)), likes) is None


def test_it_never_acts_for_a_seat_a_person_holds() -> None:
    likes = replace(stance(KE, ufp=1), proposes=(Clause.TRADE,))
    assert move(opened(POWERS, people=(KE,)), likes) is None
    assert move(opened(POWERS, people=(UFP,)), likes) is not None
    state = opened(POWERS)
    taken = tuple(replace(s, players=(7,)) if s.power == KE else s for s in state.seats)
    assert move(replace(state, seats=taken), likes) is None  # a member sat down in the bot's seat
