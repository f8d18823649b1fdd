"""A delegation's cost per decision (`next_move`), by the number of articles on the table.

A Second Khitomer conference (eight seats, all delegations, the canon stances and objectives)
with 10, 100 and 1,000 articles, each binding two or three powers. Two decisions of the
Federation's delegation are timed:

- "answer": every article is answered but the last, which binds it: it reads the whole table
  to find that one, weighs it and says why;
- "idle": everything is answered and its objective has a fitting article on the table, the last
  one: it reads the table twice (unanswered articles, then fitting ones) and finds nothing to do.

Floors, measured in the same run on the same state: one `decide` of the move the bot then makes
(the Support, as `AsDelegation`, through the machine), and a bare pass over the table asking
which articles bind the power (the least any decision that looks at every article must do).

    PYTHONPATH=. .venv/bin/python bench/accords_delegation.py
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from bot.content.delegations import canon_stances
from bot.content.scenarios import canon_scenarios
from bot.domain.accords import Clause, GameState, Phase, Seat, decide
from bot.domain.accords import commands as c
from bot.domain.accords.delegation import next_move
from bot.domain.accords.events import CLOCK
from bot.domain.accords.machine import new_game
from bot.domain.accords.model import Article

SIZES = (10, 100, 1000)
POWER = "United Federation of Planets"
CLAUSES = [Clause.TRADE, Clause.EMBASSIES, Clause.NON_AGGRESSION, Clause.PRISONERS_OF_WAR, Clause.EXTRADITION]


def conference(articles: int, *, last_answered: bool) -> GameState:
    """`articles` on the table, all supported by their parties; the last binds POWER and is a
    weapons ban on subspace weapons (its objective), tabled by another power and not answered yet,
    or by POWER itself."""
    scenario = canon_scenarios()["second_khitomer"]
    rng = random.Random(articles)
    table = []
    for number in range(1, articles):
        parties = tuple(rng.sample(scenario.powers, rng.choice((2, 3))))
        clause = rng.choice(CLAUSES)
        table.append(Article(number, parties[0], clause, parties, "Text.", frozenset(parties)))
    last = (POWER, "Klingon Empire")
    author, support = (POWER, frozenset(last)) if last_answered else (last[1], frozenset(last[1:]))
    subject = (("subject", "subspace weapons"),)
    table.append(Article(articles, author, Clause.WEAPONS_BAN, last, "Text.", support, terms=subject))
    state = new_game(1, 1, 10, "Bench", scenario.powers, scenario.key)
    seats = tuple(Seat(p, (), delegation=True) for p in scenario.powers)
    return replace(state, phase=Phase.NEGOTIATION, seats=seats, articles=tuple(table), version=articles)


def each(call: Callable[[], object], rounds: int = 7) -> float:
    """Median seconds of one call, over `rounds` timed runs of enough calls to take ~20 ms."""
    started, count = time.perf_counter(), 0
    while time.perf_counter() - started < 0.02:
        call()
        count += 1
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(count):
            call()
        times.append((time.perf_counter() - started) / count)
    return statistics.median(times)


def report() -> None:
    scenario, stance = canon_scenarios()["second_khitomer"], canon_stances()[POWER]
    print("4. a delegation's decision (next_move) by the number of articles on the table")
    print("   articles  decision  ours us  decide us  ratio   scan us  ratio")
    for size in SIZES:
        for name, answered in (("answer", False), ("idle", True)):
            state = conference(size, last_answered=answered)
            move = next_move(state, POWER, scenario.objectives, stance, seed=1)
            assert (move is None) is answered, move
            ours = each(lambda s=state: next_move(s, POWER, scenario.objectives, stance, seed=1))
            support = c.AsDelegation(POWER, c.Support(size), state.version)
            floor = each(lambda s=state, cmd=support: decide(s, cmd, CLOCK))
            scan = each(lambda s=state: sum(1 for a in s.articles if POWER in a.parties))
            print(
                f"   {size:8d}  {name:8s}  {ours * 1e6:7.1f}  {floor * 1e6:9.1f}  {ours / floor:5.1f}x"
                f"  {scan * 1e6:7.1f}  {ours / scan:4.1f}x"
            )


if __name__ == "__main__":
    report()
