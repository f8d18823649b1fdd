"""The accords game as a pure state machine: commands in, events out, state from events.

`decide(state, command, actor)` checks a command (commands.py) against the rules and returns
the events it causes (events.py), or raises a domain error a player can read; `evolve(state,
event)` applies one event;
`replay(events)` rebuilds a game. No Discord, no I/O: storage appends the events and the new
state together, cogs render them.
"""

from .events import Event
from .machine import decide, evolve, new_game, replay
from .model import Article, Clause, GameState, Phase, Seat

__all__ = [
    "Article",
    "Clause",
    "Event",
    "GameState",
    "Phase",
    "Seat",
    "decide",
    "evolve",
    "new_game",
    "replay",
]
