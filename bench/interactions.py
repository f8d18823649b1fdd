"""CPU per interaction, REST calls per interaction and memory per game: Khitomer under SimCord
against a minimal discord.py bot replying with a message of the same size, in the same run
(issue #21, point 5).

Ours: the real bot from create_bot() under SimCord (shard_count=1, as tests/conftest.py runs it),
commands synced, one server with a moderator and two players, conferences played in their
channel (`game.threads` off, as most tests play them), one conference per channel. Members act
as the tests do (MemberActor.slash / .click; SimCord settles the bot's work, the end-of-game
announcement included, before a call returns).

  reads         /lore search (a plain question), /lore entry, /treaty quote
  game actions  /accord join, /accord propose, Support (the article's button), and the
                ratifying Sign (the second delegation's Sign button, which ratifies the accord)

Each game action acts on a conference of its own (scenario Nimbus III, two seated powers, three
articles tabled and supported, so three agreed, as in bench/accords.py), `--batch` conferences
at a time: each step over the batch, the timed ones (join, the first propose, the first Support,
the second Sign) inside the clock, the others outside it. time.process_time() around the timed
calls gives CPU per interaction for everything in this process: the bot, its database thread,
and SimCord's own work for each call (the same for both bots, except what our extra REST calls
cost SimCord). `--warmup` untimed interactions (conferences) of each kind come first. The REST
requests of each interaction are read from SimCord's log (env.http_requests, the records
tests/conftest.py checks against Discord's OpenAPI contract); the interaction's response is one
of them (POST /interactions/{id}/{token}/callback).

The floor: a commands.Bot with Khitomer's intents, one slash command answering with a captured
reply, and one restart-proof button (a DynamicItem, as ours are) that edits its message into a
captured reply. Each scenario's reply is OUR first reply as SimCord stored it (content, embeds,
components with the same labels and styles, ephemeral or not); a click scenario's floor clicks
as many messages as ours did, each first posted as ours was just before its click. Rounds
alternate, each bot started afresh: ours, the floor, ours, the floor (`--rounds`; medians).

Two things of SimCord's are set aside, for both bots alike (see settle_poll and untrack_timers):
its settle poll is 1 ms instead of 50 (a 50 ms pause before each interaction made the same work
cost up to 1.6× the CPU, cold caches on a shared vCPU, and paused one bot more than the other),
and it does not track the conferences' deadline timers (its bookkeeping of sleeping tasks grows
with every conference, and at 1,000 open conferences took seconds per interaction).

Memory (`--servers`, `--games`), each bot in a fresh child process: RSS (/proc/self/status,
after gc and malloc_trim) after READY, after `--servers` servers were created in SimCord (a
channel, a moderator and two players each), and after a conference was convened in each of
`--games` of them and both players sat down with the lobby's buttons (the floor: the same three
interactions per server, a lobby-sized reply and two clicks editing it, so SimCord stores the
same messages for both; each reply with strings of its own, as ours are formatted: SimCord keeps
the objects a bot sends, and one shared set made the floor's 1,000 lobbies cheaper to hold).
SimCord's log of requests is emptied after each server. The deep size of
SimCord's in-memory Discord (its Python objects) is shown, to read the bot's share of RSS.
`--trace-memory` (slow: use `--servers 300 --games 300`) also traces what the games leave
alive, by who allocated it and by the line of bot/ or cogs/ nearest the allocation.

    PYTHONPATH=. .venv/bin/python bench/interactions.py [--runs 150] [--warmup 15] [--rounds 2]
        [--batch 10] [--servers 1000] [--games 1000] [--no-memory] [--trace-memory]
        [--profile SCENARIO [--profile-out FILE]]

`--profile sign` (any scenario key) plays one more round of ours with that scenario under
cProfile (wall clock) and prints its top functions by own time, and own time by package.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from interactions_floor import REPLIES, Reply
from interactions_memory import memory_child
from interactions_report import cpu_table, median_of, memory_table, top_own_time, traced_table
from interactions_scenarios import BY_KEY, SCENARIOS, Ours, floor_round, ours_round
from interactions_simcord import IDLE, running_floor, running_khitomer, settle_poll
from interactions_timing import PAUSE, Measured


def run_memory_child(which: str, args: argparse.Namespace, lobby: Reply | None) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--memory-child",
        which,
        "--servers",
        str(args.servers),
        "--games",
        str(args.games),
    ]
    if args.trace_memory:
        command.append("--trace-memory")
    if lobby is not None:
        command += ["--lobby", json.dumps(lobby.__dict__)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"memory child {which} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


async def main(args: argparse.Namespace) -> None:
    settle_poll(args.idle)
    PAUSE[0] = args.pause
    load = os.getloadavg()
    began = time.perf_counter()
    print(
        f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; runs {args.runs},"
        f" warm-up {args.warmup}, rounds {args.rounds}, batch {args.batch},"
        f" SimCord poll {args.idle * 1000:g} ms, pause {args.pause * 1000:g} ms"
    )
    ours_rounds: list[dict[str, Measured]] = []
    floor_rounds: list[dict[str, Measured]] = []
    profiler: cProfile.Profile | None = None
    with tempfile.TemporaryDirectory() as folder:
        # Ours, then the floor, then ours again…: each round in a bot started afresh (ours on the
        # same database, so later rounds are restarts), so a change in the machine's load
        # touches both alike.
        rounds = [*range(args.rounds), "profile"] if args.profile else range(args.rounds)
        for n in rounds:
            async with running_khitomer(Path(folder)) as env:
                ours = Ours(env, args.runs + args.warmup, n)
                await ours.prepare()
                if n == "profile":
                    profiler = (
                        await ours_round(env, ours, args.runs, args.warmup, args.batch, args.profile)
                    ).profiler
                    continue
                ours_rounds.append(
                    (await ours_round(env, ours, args.runs, args.warmup, args.batch)).results()
                )
                assert not env.errors, f"the bot raised: {env.errors[:3]}"
            async with running_floor() as env:
                floor_rounds.append(await floor_round(env, args.runs, args.warmup))
                assert not env.errors, f"the floor raised: {env.errors[:3]}"
    print()
    print(cpu_table(ours_rounds, floor_rounds))
    sign = median_of(ours_rounds, "sign")
    print()
    print(f"REST requests of the ratifying Sign ({len(sign.routes)}):")
    for n, route in enumerate(sign.routes, start=1):
        print(f"  {n}. {route}")
    if not args.no_memory:
        mem_ours = run_memory_child("ours", args, None)
        lobby = Reply(**mem_ours["lobby"])
        mem_floor = run_memory_child("floor", args, lobby)
        print()
        print(memory_table(mem_ours, mem_floor, args.servers, args.games))
        if args.trace_memory:
            print()
            print(traced_table(mem_ours["traced"], mem_floor["traced"]))
    if profiler is not None:
        print()
        print(f"cProfile of ours, {BY_KEY[args.profile].label}, {args.runs} interactions, by own time:")
        print(top_own_time(profiler))
        if args.profile_out:
            profiler.dump_stats(args.profile_out)
            print(f"(profile written to {args.profile_out}: python -m pstats {args.profile_out})")
    load = os.getloadavg()
    took = time.perf_counter() - began
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; whole run {took:.0f} s")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=150, help="timed interactions per scenario and round")
    parser.add_argument("--warmup", type=int, default=15, help="untimed interactions before them")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of ours and of the floor (median)")
    parser.add_argument("--batch", type=int, default=10, help="conferences played at a time")
    parser.add_argument("--servers", type=int, default=1000)
    parser.add_argument("--games", type=int, default=1000)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument(
        "--idle", type=float, default=IDLE, help="SimCord's settle poll, seconds (50 ms as shipped)"
    )
    parser.add_argument(
        "--pause", type=float, default=0.0, help="seconds idle before each timed interaction, both bots"
    )
    parser.add_argument("--profile", choices=[s.key for s in SCENARIOS])
    parser.add_argument("--profile-out", help="also write the profile there (pstats format)")
    parser.add_argument("--memory-child", choices=["ours", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--lobby", help=argparse.SUPPRESS)
    parser.add_argument(
        "--trace-memory",
        action="store_true",
        help="also trace what the games leave alive (slow: use fewer --games)",
    )
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse()
    if arguments.memory_child:
        if arguments.lobby:
            REPLIES["lobby"] = Reply(**json.loads(arguments.lobby))
        child = memory_child(
            arguments.memory_child, arguments.servers, arguments.games, arguments.trace_memory
        )
        print(json.dumps(asyncio.run(child)))
    else:
        asyncio.run(main(arguments))
