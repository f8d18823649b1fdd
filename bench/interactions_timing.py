"""Timing the interactions of bench/interactions.py: CPU and wall clock per interaction, and
the REST requests each one made, read from SimCord's log."""

from __future__ import annotations

import cProfile
import gc
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import simcord
from simcord.env import Env


@dataclass
class Measured:
    cpu_ms: float  # CPU per interaction (process_time, this process, all threads)
    wall_ms: float
    rest: float  # REST requests per interaction
    routes: list[str] = field(default_factory=list)  # of the last interaction: method + route


Step = Callable[[int], Awaitable[simcord.InteractionResult]]


@dataclass
class Tally:
    """Timed interactions of one scenario, added up over the batches of a round."""

    cpu: float = 0.0
    wall: float = 0.0
    requests: int = 0
    count: int = 0
    routes: list[str] = field(default_factory=list)

    def measured(self) -> Measured:
        n = max(self.count, 1)
        return Measured(self.cpu / n * 1000, self.wall / n * 1000, self.requests / n, self.routes)


PAUSE = [0.0]  # seconds idle before each timed interaction (--pause)


class Timer:
    """Times the calls of a step, one block of indices at a time; the routes kept are those of
    the last call. Optionally profiles one scenario."""

    def __init__(self, env: Env, profile: str | None = None) -> None:
        self.env = env
        self.tallies: dict[str, Tally] = {}
        self.profile = profile
        self.profiler = cProfile.Profile() if profile else None

    async def run(self, key: str, step: Step, indices: Sequence[int]) -> None:
        tally = self.tallies.setdefault(key, Tally())
        log = self.env.http_requests
        profiling = self.profiler is not None and key == self.profile
        gc.collect()
        requests_before = last = len(log)
        if profiling:
            self.profiler.enable()  # type: ignore[union-attr]
        cpu = wall = 0.0
        for i in indices:
            if PAUSE[0]:
                time.sleep(PAUSE[0])  # noqa: ASYNC251  # blocks on purpose: the bot is idle, the CPU too
            last = len(log)
            began, used = time.perf_counter(), time.process_time()
            await step(i)
            cpu += time.process_time() - used
            wall += time.perf_counter() - began
        if profiling:
            self.profiler.disable()  # type: ignore[union-attr]
        tally.cpu += cpu
        tally.wall += wall
        tally.requests += len(log) - requests_before
        tally.count += len(indices)
        tally.routes = routes_of(self.env, last)

    def results(self) -> dict[str, Measured]:
        return {key: tally.measured() for key, tally in self.tallies.items()}


MESSAGES: dict[int, str] = {}  # a conference's messages by id: "the lobby", "article 2", "the draft"


def routes_of(env: Env, before: int) -> list[str]:
    """Method and route of each request since `before`, naming the conference message it edits."""
    listed = []
    for request in env.http_requests[before:]:
        edited = re.search(r"/messages/([0-9]+)$", request.path)
        named = MESSAGES.get(int(edited[1])) if edited else None
        listed.append(f"{request.method} {route_of(request.path)}" + (f" ({named})" if named else ""))
    return listed


def route_of(path: str) -> str:
    """A request path with its ids and tokens as placeholders: /channels/{id}/messages/{id}."""
    path = re.sub(r"/interactions/[0-9]+/[^/]+", "/interactions/{id}/{token}", path)
    return re.sub(r"/[0-9]{6,}", "/{id}", path)
