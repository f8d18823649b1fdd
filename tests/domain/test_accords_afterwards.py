"""An accord's life after ratification, through the typed commands and events: one test a rule."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.accords.after_commands import AfterCommand, Complain, Reinstate, Vote, Withdraw
from bot.domain.accords.after_events import (
    AfterEvent,
    ComplaintDecided,
    ComplaintFiled,
    Reinstated,
    VoteCast,
    Withdrawn,
)
from bot.domain.accords.afterwards import Complaint, Record, decide, evolve, fold, voters
from bot.domain.errors import InvalidInput, KhitomerError, NotAllowed, NotFound

PARTIES = ("A", "B", "C", "D")
FILED = ComplaintFiled("A", number=1, against="D", text="x")


def record(*events: AfterEvent) -> Record:
    return fold(PARTIES, events)


def test_a_new_record_is_in_force_with_nothing_on_it() -> None:
    fresh = record()
    assert fresh == Record(PARTIES) and fresh.status() == "in force" and not fresh.complaints


def test_a_withdrawal_suspends_the_accord_and_keeps_its_reason_on_one_line() -> None:
    events = decide(record(), Withdraw("  The Council\n condemned   us. "), "B")
    assert events == [Withdrawn("B", reason="The Council condemned us.")]
    assert record(*events).status() == "suspended: B withdrew"
    assert decide(record(), Withdraw("r" * 600), "B") == [Withdrawn("B", reason="r" * 500)]


def test_a_withdrawal_needs_a_reason_and_happens_once() -> None:
    with pytest.raises(InvalidInput, match="Give a reason"):
        decide(record(), Withdraw(" \n "), "A")
    with pytest.raises(NotAllowed, match="A has already withdrawn"):
        decide(record(Withdrawn("A", reason="r")), Withdraw("again"), "A")


def test_a_power_that_withdrew_is_reinstated_and_the_accord_is_in_force_again() -> None:
    left = record(Withdrawn("B", reason="r"), Withdrawn("C", reason="r"))
    assert left.status() == "suspended: B, C withdrew"
    events = decide(left, Reinstate(), "B")
    assert events == [Reinstated("B")]
    assert fold(PARTIES, [Withdrawn("B", reason="r"), *events]).status() == "in force"
    with pytest.raises(NotAllowed, match="D has not withdrawn"):
        decide(left, Reinstate(), "D")


def test_only_the_signatories_act() -> None:
    for command in (Withdraw("r"), Reinstate(), Complain("A", "x"), Vote(1, True)):
        for power in (None, "E"):
            with pytest.raises(NotAllowed, match="Only the delegations of this accord's signatories"):
                decide(record(FILED), command, power)


def test_complaints_are_numbered_in_order_against_another_signatory() -> None:
    first = decide(record(), Complain("D", " Ships \n at the border. "), "A")
    assert first == [ComplaintFiled("A", number=1, against="D", text="Ships at the border.")]
    second = decide(record(*first), Complain("A", "t" * 1200), "B")
    assert second == [ComplaintFiled("B", number=2, against="A", text="t" * 1000)]
    assert record(*first, *second).complaints[2] == Complaint(2, by="B", against="A", text="t" * 1000)
    for against in ("A", "E"):
        with pytest.raises(InvalidInput, match=re.escape("Complain against another signatory: B, C, D.")):
            decide(record(), Complain(against, "x"), "A")
    with pytest.raises(InvalidInput, match="Say what the complaint is"):
        decide(record(), Complain("B", "  "), "A")


def test_withdrawn_powers_neither_complain_nor_vote() -> None:
    state = record(Withdrawn("B", reason="r"), FILED)
    with pytest.raises(NotAllowed, match="withdrew cannot bring complaints"):
        decide(state, Complain("A", "y"), "B")
    with pytest.raises(NotAllowed, match="do not vote"):
        decide(state, Vote(1, True), "B")
    assert voters(state, 1) == {"A", "C"}


def test_the_accused_does_not_vote() -> None:
    with pytest.raises(NotAllowed, match="The accused, powers that withdrew and the bot's delegations"):
        decide(record(FILED), Vote(1, False), "D")


def test_the_bots_delegations_abstain_so_a_complaint_is_decided_by_the_players() -> None:
    """Nobody can act for a party a delegation played: counting it, the complaint would wait for
    ever (issue #23: a solo player's complaint against a delegation)."""
    played = fold(PARTIES, [FILED], abstaining=frozenset({"B", "C"}))
    assert voters(played, 1) == {"A"}
    assert decide(played, Vote(1, True), "A") == [
        VoteCast("A", number=1, uphold=True),
        ComplaintDecided("A", number=1, upheld=True),
    ]
    with pytest.raises(NotAllowed, match="delegations do not vote"):
        decide(played, Vote(1, True), "B")


def test_a_vote_on_no_such_complaint_or_a_decided_one_is_refused() -> None:
    with pytest.raises(NotFound, match=re.escape("This accord has no complaint 9.")):
        decide(record(FILED), Vote(9, True), "A")
    decided = record(FILED, ComplaintDecided("C", number=1, upheld=True))
    with pytest.raises(NotAllowed, match=re.escape("Complaint 1 has been decided.")):
        decide(decided, Vote(1, True), "B")


def test_a_second_vote_changes_nothing() -> None:
    state = record(FILED, VoteCast("A", number=1, uphold=True))
    assert decide(state, Vote(1, False), "A") == []
    assert state.complaints[1].votes == {"A": True}


def test_a_tie_dismisses_and_a_majority_upholds() -> None:
    tie = record(FILED, VoteCast("A", number=1, uphold=True), VoteCast("B", number=1, uphold=False))
    assert decide(tie, Vote(1, False), "C") == [
        VoteCast("C", number=1, uphold=False),
        ComplaintDecided("C", number=1, upheld=False),
    ]
    majority = record(FILED, VoteCast("A", number=1, uphold=True), VoteCast("B", number=1, uphold=True))
    assert majority.complaints[1].upheld is None  # not decided until every voter has voted
    events = decide(majority, Vote(1, False), "C")
    assert events[-1] == ComplaintDecided("C", number=1, upheld=True)
    full = [FILED, VoteCast("A", number=1, uphold=True), VoteCast("B", number=1, uphold=True), *events]
    assert fold(PARTIES, full).complaints[1] == Complaint(
        1, by="A", against="D", text="x", votes={"A": True, "B": True, "C": False}, upheld=True
    )


def test_an_empty_electorate_decides_at_the_next_voice() -> None:
    """With the others withdrawn, the complainant's own vote decides the complaint."""
    state = record(Withdrawn("B", reason="r"), Withdrawn("C", reason="r"), FILED)
    assert decide(state, Vote(1, True), "A") == [
        VoteCast("A", number=1, uphold=True),
        ComplaintDecided("A", number=1, upheld=True),
    ]


REFUSED: list[tuple[AfterCommand, str | None]] = [
    (Withdraw("r"), None),
    (Withdraw("  "), "A"),
    (Withdraw("r"), "B"),  # already withdrawn
    (Reinstate(), "A"),
    (Complain("A", "x"), "A"),
    (Complain("C", "x"), "B"),  # withdrew
    (Vote(9, True), "A"),
    (Vote(1, True), "D"),  # accused
    (Vote(2, True), "C"),  # decided
]


@pytest.mark.parametrize(("command", "power"), REFUSED)
def test_a_refusal_changes_nothing(command: AfterCommand, power: str | None) -> None:
    past: list[AfterEvent] = [
        Withdrawn("B", reason="r"),
        FILED,
        ComplaintFiled("A", number=2, against="C", text="y"),
        VoteCast("A", number=2, uphold=False),
        VoteCast("D", number=2, uphold=False),
        ComplaintDecided("D", number=2, upheld=False),
    ]
    before = fold(PARTIES, past)
    kept, asked = copy.deepcopy(before), copy.deepcopy(command)
    with pytest.raises(KhitomerError):
        decide(before, command, power)
    assert before == kept and command == asked and fold(PARTIES, past) == kept


COMMANDS = st.one_of(
    st.builds(Withdraw, st.sampled_from(["r", " ", "Enough."])),
    st.just(Reinstate()),
    st.builds(Complain, st.sampled_from([*PARTIES, "E"]), st.sampled_from(["x", ""])),
    st.builds(Vote, st.integers(1, 4), st.booleans()),
)


@settings(max_examples=300, database=None, derandomize=True, deadline=None)
@given(st.lists(st.tuples(COMMANDS, st.sampled_from([*PARTIES, None])), max_size=30))
def test_any_play_replays_from_its_events(moves: list[tuple[AfterCommand, str | None]]) -> None:
    """Refused or not, every move leaves a record that folding its log rebuilds, and a refusal
    leaves the record as it was."""
    state, log = Record(PARTIES), []
    for command, power in moves:
        kept = copy.deepcopy(state)
        try:
            events = decide(state, command, power)
        except KhitomerError:
            assert state == kept
            continue
        for event in events:
            state = evolve(state, event)
        log += events
        assert fold(PARTIES, log) == state
