"""Who counts as absent (defect 8 of issue #22): the host replaces only a player who has not acted
for half the current phase, or one who agrees; the record says which."""

from __future__ import annotations

import pytest

from bot.domain.accords import Clause, Event, GameState, Phase, decide, evolve, new_game, replay
from bot.domain.accords import commands as c
from bot.domain.accords import events as e
from bot.domain.accords.absence import Present, grace
from bot.domain.errors import NotAllowed

HOST, KOR, HECTAVIOUS, CAROL = 1, 2, 3, 4
POWERS = ("Klingon Empire", "Romulan Star Empire")
HOUR = 3600.0
DURATIONS = {Phase.CONVENED: 24 * HOUR, Phase.NEGOTIATION: 72 * HOUR, Phase.RATIFICATION: 24 * HOUR}
T0 = 1_767_225_600.0  # when the game below starts


def play(state: GameState, log: list[Event], command: c.Command, actor: int, at: float) -> GameState:
    events = decide(state, command, actor, staff=actor == HOST, now=at)
    log.extend(events)
    for event in events:
        state = evolve(state, event)
    return state


def negotiating(log: list[Event]) -> GameState:
    """KOR and HECTAVIOUS sit at T0; negotiation opens at T0 + 1h; KOR tables at T0 + 2h."""
    state = new_game(7, 100, HOST, "Nimbus III", POWERS)
    state = play(state, log, c.Join(POWERS[0]), KOR, T0)
    state = play(state, log, c.Join(POWERS[1]), HECTAVIOUS, T0)
    state = play(state, log, c.Start(T0 + HOUR, DURATIONS), HOST, T0 + HOUR)
    return play(state, log, c.Table(Clause.TRADE, "Dilithium."), KOR, T0 + 2 * HOUR)


def replace(old: int, at: float, *, consent: bool = False) -> c.Replace:
    return c.Replace(old, CAROL, at, DURATIONS, consent=consent)


def test_the_grace_is_half_the_phase_and_never_under_a_minute() -> None:
    assert grace(DURATIONS, Phase.NEGOTIATION) == 36 * HOUR
    assert grace(DURATIONS, Phase.RATIFICATION) == 12 * HOUR
    assert grace({Phase.NEGOTIATION: 60.0}, Phase.NEGOTIATION) == 60.0
    assert grace({}, Phase.NEGOTIATION) == 24 * HOUR  # no deadline in this server: a day


def test_every_action_stamps_when_the_player_was_last_seen() -> None:
    state = negotiating([])
    assert state.last_acted(KOR) == T0 + 2 * HOUR  # tabling
    assert state.last_acted(HECTAVIOUS) == T0  # sitting down
    assert state.last_acted(HOST) is None  # the host holds no seat
    assert state.last_acted(CAROL) is None


def test_a_present_player_keeps_the_seat_and_is_told_when_it_could_be_given_away() -> None:
    state = negotiating([])
    at = T0 + 30 * HOUR  # KOR tabled 28 hours ago; the grace in negotiation is 36 hours
    with pytest.raises(Present) as refused:
        decide(state, replace(KOR, at), HOST, now=at)
    assert refused.value.message == (
        f"<@{KOR}> last acted <t:{int(T0 + 2 * HOUR)}:R>, so they keep their seat until "
        f"<t:{int(T0 + 38 * HOUR)}:f> (1d 12h without acting in negotiation), unless they agree to "
        "hand it over."
    )
    assert isinstance(refused.value, NotAllowed)


def test_an_absent_player_is_replaced_and_the_record_says_how_long_they_were_silent() -> None:
    log: list[Event] = []
    state = negotiating(log)
    at = T0 + 38 * HOUR + 1  # HECTAVIOUS: silent since T0, the grace passed two hours ago
    state = play(state, log, replace(HECTAVIOUS, at), HOST, at)
    assert log[-1] == e.Replaced(HOST, HECTAVIOUS, CAROL, idle=38 * HOUR + 1, when=at)
    assert state.seat_of(CAROL) is not None and state.seat_of(HECTAVIOUS) is None
    assert state.last_acted(CAROL) == at  # the newcomer's clock starts when they sit down
    with pytest.raises(Present):  # the seat just taken is not up for grabs again
        decide(state, c.Replace(CAROL, 9, at + HOUR, DURATIONS), HOST, now=at + HOUR)


def test_with_consent_a_present_player_hands_over_the_seat() -> None:
    log: list[Event] = []
    state = negotiating(log)
    at = T0 + 3 * HOUR
    state = play(state, log, replace(KOR, at, consent=True), HOST, at)
    assert log[-1] == e.Replaced(HOST, KOR, CAROL, consent=True, when=at)
    assert state.seat_of(CAROL) is not None


def test_only_the_host_or_a_moderator_replaces_even_an_absent_player() -> None:
    state = negotiating([])
    at = T0 + 100 * HOUR
    with pytest.raises(NotAllowed, match="Only the host or a moderator"):
        decide(state, replace(HECTAVIOUS, at), KOR, now=at)


def test_time_while_paused_does_not_count_as_absence() -> None:
    log: list[Event] = []
    state = negotiating(log)
    state = play(state, log, c.Pause(T0 + 3 * HOUR), HOST, T0 + 3 * HOUR)
    resumed = T0 + 200 * HOUR  # a long pause: nobody could act
    state = play(state, log, c.Resume(resumed), HOST, resumed)
    with pytest.raises(Present):
        decide(state, replace(HECTAVIOUS, resumed + HOUR), HOST, now=resumed + HOUR)
    later = resumed + 36 * HOUR
    assert decide(state, replace(HECTAVIOUS, later), HOST, now=later)[0].idle == 36 * HOUR


def test_without_a_record_of_the_player_the_seat_is_kept() -> None:
    """A game stored before actions were timed: nobody's silence can be measured yet."""
    state = new_game(7, 100, HOST, "Nimbus III", POWERS)
    for event in (e.Joined(KOR, POWERS[0]), e.Joined(HECTAVIOUS, POWERS[1]), e.Started(HOST)):
        state = evolve(state, event)
    with pytest.raises(Present, match="There is no record of when"):
        decide(state, replace(KOR, T0), HOST, now=T0)
    # the first timed action starts everyone's clock
    state = evolve(state, e.Tabled(KOR, POWERS[0], Clause.TRADE, POWERS, "Ore.", when=T0))
    assert state.last_acted(HECTAVIOUS) == T0


def test_replaying_timed_events_gives_the_same_state() -> None:
    log: list[Event] = []
    state = negotiating(log)
    at = T0 + 40 * HOUR
    state = play(state, log, replace(HECTAVIOUS, at), HOST, at)
    start = new_game(7, 100, HOST, "Nimbus III", POWERS)
    assert replay(start, log) == state and state.acted


def test_the_time_stamped_on_an_event_leaves_its_own_times_alone() -> None:
    """A resumed clock and a moved deadline carry times of their own: the stamp is another field."""
    log: list[Event] = []
    state = negotiating(log)
    deadline = state.deadline
    assert deadline is not None
    at = T0 + 3 * HOUR
    state = play(state, log, c.Extend(HOUR), HOST, at)
    assert state.deadline == deadline + HOUR
    assert log[-1] == e.DeadlineSet(HOST, deadline + HOUR, by=HOUR, when=at)
    state = play(state, log, c.Pause(at), HOST, at)
    state = play(state, log, c.Resume(at + HOUR), HOST, at + HOUR)
    assert state.deadline == deadline + 2 * HOUR
