"""A forgotten member taken out of the shared record (bot/domain/member_scrub.py): the same actions,
by nobody in particular; signatures by "a former delegate of …"; nobody else touched."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.accords import GameState, Phase, Seat
from bot.domain.accords import events as e
from bot.domain.member_data import FORMER, Forgotten, counted, former_delegate, member
from bot.domain.member_scrub import event_without, game_without, parties_without, scrubbed, takes_part
from bot.domain.treaties import Party
from bot.ui.accord_minutes import minute_lines, minute_sentence
from bot.ui.accord_seats import holder

GONE, STAYS, OTHER = 1456074443980800017, 1456074443980800018, 1456074443980800029


def finished() -> GameState:
    return GameState(
        1, 7, GONE, "Nimbus Talks", ("Klingon Empire", "Romulan Star Empire"), Phase.RATIFIED,
        seats=(Seat("Klingon Empire", (GONE, OTHER)), Seat("Romulan Star Empire", (STAYS,))),
        acted=((GONE, 10.0), (STAYS, 11.0), (OTHER, 12.0)),
    )  # fmt: skip


def test_a_finished_conference_keeps_its_seats_without_the_member() -> None:
    state = finished()
    kept = game_without(state, GONE)
    assert kept.host == FORMER and not takes_part(kept, GONE)
    assert kept.seats == (Seat("Klingon Empire", (OTHER,)), Seat("Romulan Star Empire", (STAYS,)))
    assert kept.acted == ((STAYS, 11.0), (OTHER, 12.0))
    assert game_without(state, 999) == state, "someone who was not there changes nothing"
    alone = game_without(replace(state, seats=(Seat("Klingon Empire", (GONE,)),)), GONE)
    assert alone.seats == (Seat("Klingon Empire", ()),) and holder(alone.seats[0]) == (
        "a former delegate of the Klingon Empire"
    )


def test_events_keep_the_action_not_the_name() -> None:
    signed = event_without(e.Signed(GONE, "Klingon Empire", "alice", when=5.0), GONE)
    assert signed == e.Signed(FORMER, "Klingon Empire", "a former delegate of the Klingon Empire", when=5.0)
    assert minute_sentence(signed) == "A former delegate of the Klingon Empire signed the accord."
    others = e.Signed(STAYS, "Romulan Star Empire", "bob")
    assert event_without(others, GONE) == others
    handed = event_without(e.Replaced(STAYS, GONE, OTHER, idle=7200.0), GONE)
    assert (handed.actor, handed.old, handed.new) == (STAYS, FORMER, OTHER)
    assert minute_sentence(handed) == (
        f"<@{STAYS}> gave the seat of a former member to <@{OTHER}>: a former member was replaced "
        "after 2h without acting."
    )
    given = event_without(e.Replaced(STAYS, OTHER, GONE, consent=True), GONE)
    assert (given.old, given.new) == (OTHER, FORMER)
    silent = event_without(e.Delegated(0, "Klingon Empire", (GONE, OTHER)), GONE)
    assert silent == e.Delegated(0, "Klingon Empire", (FORMER, OTHER))
    assert "gave the seat of a former delegate of the Klingon Empire, <@" in minute_sentence(silent)
    first = minute_lines(FORMER, "Nimbus Talks", 0.0, [])[0]
    assert first == "<t:0:f> A former member convened the conference “Nimbus Talks”."


def test_a_signature_becomes_a_former_delegate_and_the_others_stay() -> None:
    parties = (
        Party("Klingon Empire", ("alice", "alice", "kor")),
        Party("Romulan Star Empire", ("bob", f"<@{GONE}>")),
    )
    kept = parties_without(parties, [("Klingon Empire", "alice")], GONE)
    assert kept == (
        Party("Klingon Empire", ("a former delegate of the Klingon Empire", "alice", "kor")),
        Party("Romulan Star Empire", ("bob", "a former delegate of the Romulan Star Empire")),
    ), "one signature renamed per signature given; a mention anywhere renamed"
    assert former_delegate("The Dominion") == "a former delegate of The Dominion"


def test_a_queued_message_no_longer_names_the_member() -> None:
    body = {
        "text": f"⏰ <@{GONE}> and <@!{GONE}>, <@{STAYS}>: time is nearly up.",
        "users": [GONE, STAYS],
        "n": GONE,
    }
    assert scrubbed(body, GONE) == {
        "text": f"⏰ a former member and a former member, <@{STAYS}>: time is nearly up.",
        "users": [STAYS],
        "n": FORMER,
    }
    assert scrubbed({"flag": True, "users": [1, True]}, 1) == {"flag": True, "users": [True]}


def test_counts_read_as_words() -> None:
    assert member(FORMER) == "a former member" and member(FORMER, start=True) == "A former member"
    assert member(STAYS) == f"<@{STAYS}>"
    assert counted(1, "error report", "error reports") == "1 error report"
    assert counted(3, "reputation in one server", "reputation in {n} servers") == "reputation in 3 servers"
    assert counted(1, "reputation in one server", "reputation in {n} servers") == "reputation in one server"
    done = Forgotten(signatures=1)
    assert done.anything and not Forgotten().anything
