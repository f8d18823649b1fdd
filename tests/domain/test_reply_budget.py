"""How often automatic citations answer (issue #25): once a message, five a minute a channel."""

from __future__ import annotations

from bot.domain.reply_budget import PER_MINUTE, ReplyBudget


def test_at_most_five_replies_a_minute_in_a_channel() -> None:
    budget = ReplyBudget()
    assert PER_MINUTE == 5
    granted = [budget.take(channel_id=1, message_id=m, now=float(m)) for m in range(1, 8)]
    assert granted == [True] * 5 + [False] * 2
    assert budget.take(channel_id=2, message_id=100, now=7.0), "another channel has its own budget"
    assert not budget.take(channel_id=1, message_id=8, now=60.9)
    assert budget.take(channel_id=1, message_id=9, now=61.0), "the first reply is a minute old"
    assert not budget.take(channel_id=1, message_id=10, now=61.5)


def test_a_message_is_answered_once() -> None:
    budget = ReplyBudget()
    assert budget.take(channel_id=1, message_id=42, now=0.0)
    assert not budget.take(channel_id=1, message_id=42, now=500.0)


def test_a_refused_message_may_be_answered_when_the_budget_allows() -> None:
    """A message refused for the rate is not marked answered (a replayed event may still count)."""
    budget = ReplyBudget(limit=1)
    assert budget.take(channel_id=1, message_id=1, now=0.0)
    assert not budget.take(channel_id=1, message_id=2, now=1.0)
    assert budget.take(channel_id=1, message_id=2, now=61.0)


def test_what_it_remembers_stays_bounded() -> None:
    budget = ReplyBudget(limit=1000, remembered=100)
    for n in range(1000):
        budget.take(channel_id=n % 7, message_id=n, now=n * 100.0)
    assert budget.remembered() <= 100 + 7
