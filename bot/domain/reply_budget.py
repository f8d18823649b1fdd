"""How often the bot answers members' messages by itself (automatic citations): at most
PER_MINUTE replies in any minute in one channel, and never twice to one message.

Kept in memory by the process that receives the messages: a server's messages all arrive at the
shard that runs it, so no other process answers them. A restart forgets it, which at worst lets a
busy channel have a few more replies in that minute.
"""

from __future__ import annotations

from collections import OrderedDict, deque

PER_MINUTE = 5
WINDOW = 60.0  # seconds
REMEMBERED = 10_000  # messages answered, kept to refuse a second answer (a replayed event)


class ReplyBudget:
    def __init__(self, limit: int = PER_MINUTE, window: float = WINDOW, remembered: int = REMEMBERED) -> None:
        self.limit = limit
        self.window = window
        self._keep = remembered
        self._sent: dict[int, deque[float]] = {}  # channel -> when its recent replies went
        self._answered: OrderedDict[int, None] = OrderedDict()

    def take(self, *, channel_id: int, message_id: int, now: float) -> bool:
        """Whether a reply to this message may go now; if so, it is counted as sent."""
        if message_id in self._answered:
            return False
        for channel in [c for c, times in self._sent.items() if times and times[-1] <= now - self.window]:
            del self._sent[channel]  # channels quiet for a minute are forgotten
        times = self._sent.setdefault(channel_id, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        self._answered[message_id] = None
        while len(self._answered) > self._keep:
            self._answered.popitem(last=False)
        return True

    def remembered(self) -> int:
        """How many things it holds (messages answered, replies still counted)."""
        return len(self._answered) + sum(len(times) for times in self._sent.values())
