"""Which servers removed the bot while it was offline (issue #24): those with data that READY did
not list; never one that is only unavailable, and not a mass of them at once."""

from __future__ import annotations

from bot.services.server_data import SUSPICIOUS_FLOOR, left_while_away


def test_a_server_with_data_missing_from_ready_has_left() -> None:
    found = left_while_away(stored={1, 2, 3}, seen={1, 3, 9}, pending=set())
    assert found.gone == {2} and found.trusted


def test_an_unavailable_server_is_among_those_seen_and_a_pending_one_keeps_its_date() -> None:
    # READY lists a server in an outage as unavailable: the cache holds it, so it is "seen".
    found = left_while_away(stored={1, 2, 3}, seen={1, 2}, pending={3})
    assert found.gone == frozenset() and found.trusted


def test_a_few_departures_are_trusted_even_when_they_are_most_servers() -> None:
    found = left_while_away(stored=set(range(1, 11)), seen={1}, pending=set())
    assert len(found.gone) == 9 == SUSPICIOUS_FLOOR - 1 and found.trusted


def test_most_servers_gone_at_once_is_not_taken_for_departures() -> None:
    """Another application's token, or another bot's database: the bot sees none of them."""
    stored = set(range(1, 101))
    assert not left_while_away(stored, seen=set(), pending=set()).trusted
    assert not left_while_away(stored, seen=set(range(1, 40)), pending=set()).trusted
    half = left_while_away(stored, seen=set(range(1, 51)), pending=set())
    assert len(half.gone) == 50 and half.trusted, "half the servers gone is still believed"
