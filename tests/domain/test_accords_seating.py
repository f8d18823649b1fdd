"""The bot's delegations in the pure machine: who may seat one, where, and how its actions are
checked as its power's own (bot/domain/accords/seating.py)."""

from __future__ import annotations

import pytest

from bot.domain.accords import Clause, GameState, Phase, Seat, decide, evolve, new_game, replay
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.domain.accords.commands import Command
from bot.domain.accords.machine import CLOCK
from bot.domain.accords.seating import BOT, delegations
from bot.domain.errors import KhitomerError, NotAllowed, NotFound

HOST, KOR, SPOCK, MOD, OUTSIDER = 1, 2, 3, 4, 99
POWERS = ("Klingon Empire", "Romulan Star Empire", "United Federation of Planets")
DAY = 86_400.0
DURATIONS = {Phase.NEGOTIATION: DAY, Phase.RATIFICATION: DAY}


def play(state: GameState, command: Command, actor: int, *, staff: bool = False, now: float | None = None):  # type: ignore[no-untyped-def]
    for event in decide(state, command, actor, staff=staff, now=now):
        state = evolve(state, event)
    return state


def lobby() -> GameState:
    return play(new_game(7, 100, HOST, "Nimbus III", POWERS), c.Join("Klingon Empire"), KOR)


def test_the_host_or_a_moderator_seats_a_delegation_in_a_free_seat() -> None:
    state = play(lobby(), c.Delegate("Romulan Star Empire"), HOST)
    assert state.seats[-1] == Seat("Romulan Star Empire", (), delegation=True)
    assert delegations(state) == ("Romulan Star Empire",)
    state = play(state, c.Delegate("United Federation of Planets"), MOD, staff=True)
    assert delegations(state) == ("Romulan Star Empire", "United Federation of Planets")
    assert decide(state, c.Delegate("Romulan Star Empire"), HOST) == [], "seated already: nothing changes"


@pytest.mark.parametrize("actor", [KOR, OUTSIDER])
def test_nobody_else_seats_a_delegation(actor: int) -> None:
    with pytest.raises(NotAllowed, match="Only the host or a moderator"):
        decide(lobby(), c.Delegate("Romulan Star Empire"), actor)
    with pytest.raises(NotAllowed, match="Only the host or a moderator"):
        decide(lobby(), c.Delegate(), actor)


def test_filling_seats_every_free_seat_at_once() -> None:
    events = decide(lobby(), c.Delegate(), HOST)
    assert events == [
        e.Delegated(HOST, "Romulan Star Empire"),
        e.Delegated(HOST, "United Federation of Planets"),
    ]
    full = play(lobby(), c.Delegate(), HOST)
    with pytest.raises(NotAllowed, match="Every seat is taken"):
        decide(full, c.Delegate(), HOST)


def test_a_delegation_never_takes_a_seat_a_person_holds_in_the_lobby() -> None:
    with pytest.raises(NotAllowed, match=f"<@{KOR}> sits for Klingon Empire"):
        decide(lobby(), c.Delegate("Klingon Empire"), HOST)
    with pytest.raises(NotFound):
        decide(lobby(), c.Delegate("Breen Confederacy"), HOST)


def test_a_player_who_joins_a_delegations_seat_takes_it_over() -> None:
    state = play(lobby(), c.Delegate("Romulan Star Empire"), HOST)
    events = decide(state, c.Join("Romulan Star Empire"), SPOCK)
    state = play(state, c.Join("Romulan Star Empire"), SPOCK)
    assert events == [e.Joined(SPOCK, "Romulan Star Empire")]
    assert Seat("Romulan Star Empire", (SPOCK,)) in state.seats
    assert delegations(state) == ()


def test_a_delegations_seat_stays_when_a_player_leaves_the_lobby() -> None:
    state = play(lobby(), c.Delegate("Romulan Star Empire"), HOST)
    state = play(state, c.Leave(), KOR)
    assert state.seats == (Seat("Romulan Star Empire", (), delegation=True),)


def started(now: float = 1000.0) -> GameState:
    state = play(lobby(), c.Join("United Federation of Planets"), SPOCK, now=now)
    state = play(state, c.Delegate("Romulan Star Empire"), HOST, now=now)
    return play(state, c.Start(now, DURATIONS), HOST, now=now)


def test_after_the_start_a_delegation_takes_over_only_a_seat_whose_players_went_silent() -> None:
    state = started()
    present = c.Delegate("Klingon Empire", now=1000.0 + DAY / 2 - 60, durations=DURATIONS)
    with pytest.raises(NotAllowed, match=f"<@{KOR}> still plays Klingon Empire"):
        decide(state, present, HOST)
    silent = c.Delegate("Klingon Empire", now=1000.0 + DAY / 2, durations=DURATIONS)
    events = decide(state, silent, HOST)
    assert events == [e.Delegated(HOST, "Klingon Empire", (KOR,))]
    state = play(state, silent, HOST, now=1000.0 + DAY / 2)
    assert state.seat_of(KOR) is None and "Klingon Empire" in delegations(state)
    with pytest.raises(NotAllowed, match="Only the lobby seats a power"):
        decide(
            play(play(lobby(), c.Join("United Federation of Planets"), SPOCK), c.Start(), HOST),
            c.Delegate("Romulan Star Empire"),
            HOST,
        )


def negotiating() -> GameState:
    state = started()
    return play(state, c.Table(Clause.TRADE, "Dilithium for grain."), KOR)


def test_a_delegation_acts_for_its_power_under_the_same_rules() -> None:
    state = negotiating()
    support = c.AsDelegation("Romulan Star Empire", c.Support(1), state.version)
    events = decide(state, support, CLOCK, now=2000.0)
    assert events == [e.Supported(BOT, 1, "Romulan Star Empire", when=2000.0)]
    state = play(state, support, CLOCK)
    assert state.article(1) is not None and "Romulan Star Empire" in state.article(1).support
    # the same rules as a player's: an article that does not bind it, a phase that is over
    alone = play(
        state, c.Table(Clause.TRADE, "K and F only.", ("Klingon Empire", "United Federation of Planets")), KOR
    )
    with pytest.raises(NotAllowed, match="does not bind Romulan Star Empire"):
        decide(alone, c.AsDelegation("Romulan Star Empire", c.Support(2), alone.version), CLOCK)
    with pytest.raises(NotAllowed, match="once the accord is up for signature"):
        decide(state, c.AsDelegation("Romulan Star Empire", c.Sign(), state.version), CLOCK)


def test_a_delegation_signs_under_its_own_name() -> None:
    state = play(negotiating(), c.Support(1), SPOCK)
    state = play(state, c.AsDelegation("Romulan Star Empire", c.Support(1), state.version), CLOCK)
    state = play(state, c.CloseDraft(), HOST)
    events = decide(state, c.AsDelegation("Romulan Star Empire", c.Sign(), state.version), CLOCK)
    assert events == [e.Signed(BOT, "Romulan Star Empire", "delegation")]


def test_a_delegation_never_acts_for_a_seat_a_person_holds() -> None:
    state = negotiating()
    with pytest.raises(NotAllowed, match="Klingon Empire is not played by a delegation"):
        decide(state, c.AsDelegation("Klingon Empire", c.Support(1), state.version), CLOCK)
    with pytest.raises(NotAllowed, match="Only the bot acts for its delegations"):
        decide(state, c.AsDelegation("Romulan Star Empire", c.Support(1), state.version), KOR)
    for host_only in (c.CloseDraft(), c.Abandon(), c.Join("Klingon Empire"), c.Delegate()):
        with pytest.raises(NotAllowed, match="A delegation only acts for its own power"):
            decide(state, c.AsDelegation("Romulan Star Empire", host_only, state.version), CLOCK)


def test_a_move_decided_on_an_older_state_changes_nothing() -> None:
    state = negotiating()
    stale = c.AsDelegation("Romulan Star Empire", c.Support(1), state.version - 1)
    assert decide(state, stale, CLOCK) == []


def test_delegations_replay_to_the_same_state() -> None:
    start = new_game(7, 100, HOST, "Nimbus III", POWERS)
    log: list[e.Event] = []
    state = start
    steps: list[tuple[Command, int]] = [
        (c.Join("Klingon Empire"), KOR),
        (c.Delegate(), HOST),
        (c.Start(), HOST),
        (c.Table(Clause.TRADE, "Dilithium."), KOR),
    ]
    for command, actor in steps:
        made = decide(state, command, actor)
        log.extend(made)
        for event in made:
            state = evolve(state, event)
    for power in ("Romulan Star Empire", "United Federation of Planets"):
        made = decide(state, c.AsDelegation(power, c.Support(1), state.version), CLOCK)
        log.extend(made)
        for event in made:
            state = evolve(state, event)
    assert state.article(1) is not None and state.article(1).agreed
    assert replay(start, log) == state


def test_errors_are_readable() -> None:
    with pytest.raises(KhitomerError) as raised:
        decide(lobby(), c.Delegate("Klingon Empire"), HOST)
    assert "_" not in str(raised.value)
