from __future__ import annotations

import pytest

from bot.domain.accords import afterwards
from bot.domain.errors import KhitomerError

PARTIES = ("A", "B", "C", "D")


def record(*events):  # type: ignore[no-untyped-def]
    return afterwards.fold(PARTIES, list(events))


def test_a_tie_dismisses_and_a_majority_upholds() -> None:
    filed = ("complaint", "A", {"number": 1, "against": "D", "text": "x"})
    tie = record(
        filed, ("vote", "A", {"number": 1, "uphold": True}), ("vote", "B", {"number": 1, "uphold": False})
    )
    events = afterwards.vote(tie, "C", 1, False)
    assert events[-1] == ("decided", {"number": 1, "upheld": False})
    majority = record(
        filed, ("vote", "A", {"number": 1, "uphold": True}), ("vote", "B", {"number": 1, "uphold": True})
    )
    assert afterwards.vote(majority, "C", 1, False)[-1] == ("decided", {"number": 1, "upheld": True})


def test_withdrawn_powers_neither_complain_nor_vote() -> None:
    state = record(
        ("withdrawn", "B", {"reason": "r"}), ("complaint", "A", {"number": 1, "against": "D", "text": "x"})
    )
    assert state.status() == "suspended: B withdrew"
    with pytest.raises(KhitomerError, match="withdrew"):
        afterwards.complain(state, "B", "A", "y")
    with pytest.raises(KhitomerError, match="do not vote"):
        afterwards.vote(state, "B", 1, True)
    assert afterwards.voters(state, 1) == {"A", "C"}


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda r: afterwards.withdraw(r, None, "r"), "Only the delegations"),
        (lambda r: afterwards.withdraw(r, "A", "  "), "reason"),
        (lambda r: afterwards.reinstate(r, "A"), "has not withdrawn"),
        (lambda r: afterwards.complain(r, "A", "A", "x"), "another signatory"),
        (lambda r: afterwards.vote(r, "A", 9, True), "no complaint 9"),
    ],
)
def test_refusals(action, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KhitomerError, match=message):
        action(record())
