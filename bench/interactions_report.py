"""The tables bench/interactions.py prints: CPU per interaction against the floor, memory per
game, what the games leave alive, and a cProfile's own time by where the code lives."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
from pathlib import Path
from typing import Any

import discord
from interactions_floor import REPLIES
from interactions_scenarios import SCENARIOS
from interactions_timing import Measured


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "-"


def median_of(rounds: list[dict[str, Measured]], key: str) -> Measured:
    items = sorted((r[key] for r in rounds), key=lambda m: m.cpu_ms)
    middle = items[(len(items) - 1) // 2]
    return Measured(
        statistics.median(m.cpu_ms for m in items),
        statistics.median(m.wall_ms for m in items),
        statistics.median(m.rest for m in items),
        middle.routes,
    )


def cpu_table(ours: list[dict[str, Measured]], floor: list[dict[str, Measured]]) -> str:
    lines = [
        "| interaction | reply (as ours sent it) | ours CPU ms | floor CPU ms | ours ÷ floor | target"
        " | ours wall ms | floor wall ms | REST ours / floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in SCENARIOS:
        o, f = median_of(ours, s.key), median_of(floor, s.key)
        met = "✓" if o.cpu_ms <= s.target * f.cpu_ms else "✗"
        lines.append(
            f"| {s.label} | {REPLIES[s.key].describe()} | {o.cpu_ms:.2f} | {f.cpu_ms:.2f} | "
            f"{ratio(o.cpu_ms, f.cpu_ms)} | ≤ {s.target}× {met} | {o.wall_ms:.2f} | {f.wall_ms:.2f} | "
            f"{o.rest:g} / {f.rest:g} |"
        )
    return "\n".join(lines)


def memory_table(ours: dict[str, Any], floor: dict[str, Any], servers: int, games: int) -> str:
    o, f = ours["points"], floor["points"]

    def mib(kib: float) -> str:
        return f"{kib / 1024:,.1f} MiB"

    lines = [
        "| memory (RSS of the process) | ours | floor | ours ÷ floor | target |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, key in (
        ("after READY", "ready"),
        (f"and {servers:,} servers", "servers"),
        (f"and {games:,} games", "games"),
    ):
        met = ""
        if key == "games":
            met = "≤ 1.2× " + ("✓" if o[key]["rss_kib"] <= 1.2 * f[key]["rss_kib"] else "✗")
        lines.append(
            f"| {name} | {mib(o[key]['rss_kib'])} | {mib(f[key]['rss_kib'])} | "
            f"{ratio(o[key]['rss_kib'], f[key]['rss_kib'])} | {met} |"
        )
    lines.append(
        f"| of it SimCord's in-memory Discord (its objects, deep size), with the games | "
        f"{mib(o['games']['simcord_kib'])} | {mib(f['games']['simcord_kib'])} | | |"
    )
    without = [p["games"]["rss_kib"] - p["games"]["simcord_kib"] for p in (o, f)]
    lines.append(
        f"| RSS less SimCord's objects | {mib(without[0])} | {mib(without[1])} | {ratio(*without)} | |"
    )
    per = [(p["games"]["rss_kib"] - p["servers"]["rss_kib"]) / max(games, 1) for p in (o, f)]
    lines.append(
        f"| RSS per game (floor: per server's three replies) | {per[0]:.1f} KiB | {per[1]:.1f} KiB | | |"
    )
    per_servers = [(p["servers"]["rss_kib"] - p["ready"]["rss_kib"]) / max(servers, 1) for p in (o, f)]
    lines.append(f"| RSS per server | {per_servers[0]:.1f} KiB | {per_servers[1]:.1f} KiB | | |")
    return "\n".join(lines)


def traced_table(ours: dict[str, Any], floor: dict[str, Any]) -> str:
    owners = sorted(set(ours["owners"]) | set(floor["owners"]), key=lambda k: -ours["owners"].get(k, 0.0))
    lines = [
        "| alive after the games, KiB per game, by who allocated it | ours | floor |",
        "| --- | ---: | ---: |",
    ]
    for owner in owners:
        lines.append(
            f"| {owner} | {ours['owners'].get(owner, 0.0):.2f} | {floor['owners'].get(owner, 0.0):.2f} |"
        )
    lines.append(f"| total | {sum(ours['owners'].values()):.2f} | {sum(floor['owners'].values()):.2f} |")
    lines.append("")
    lines.append("| ours, by the line of bot/ or cogs/ nearest the allocation | KiB per game |")
    lines.append("| --- | ---: |")
    for where, kib in ours["lines"].items():
        lines.append(f"| {where} | {kib:.2f} |")
    return "\n".join(lines)


def top_own_time(profiler: cProfile.Profile, count: int = 25) -> str:
    """The profile's functions by own time, then own time summed by where the code lives."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(count)
    root = str(Path(__file__).resolve().parent.parent) + "/"
    site = os.path.dirname(os.path.dirname(discord.__file__)) + "/"
    text = out.getvalue().replace(site, "").replace(root, "").replace(os.path.dirname(os.__file__) + "/", "")

    def place(filename: str) -> str:
        if filename.startswith((root + "bot/", root + "cogs/")):
            return "Khitomer (bot/, cogs/)"
        if filename.startswith(site):
            return filename.removeprefix(site).split("/")[0]
        if filename.startswith(os.path.dirname(os.__file__)):
            return "standard library (asyncio, json, copy, …)"
        return "other"

    groups: dict[str, float] = {}
    table = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, name), (_cc, _nc, own, _cum, callers) in table.items():
        if filename == "~" and "poll" in name:
            shares = {"waiting in epoll (for the database thread, mostly)": own}
        elif filename == "~" and "put_nowait" in name:
            shares = {"handing work to the database thread (SimpleQueue.put_nowait)": own}
        elif filename == "~":  # a built-in: its time goes to the code that called it
            spent = sum(tt for (_c, _n, tt, _ct) in callers.values()) or 1.0
            shares = {}
            for (caller_file, _l, _n), (_c, _nn, tt, _ct) in callers.items():
                where = place(caller_file) if caller_file != "~" else "other"
                shares[where] = shares.get(where, 0.0) + own * tt / spent
        else:
            shares = {place(filename): own}
        for where, part in shares.items():
            groups[where] = groups.get(where, 0.0) + part
    total = sum(groups.values()) or 1.0
    summary = "\n".join(
        f"  {own * 1000:8.1f} ms  {own / total:5.1%}  {group}"
        for group, own in sorted(groups.items(), key=lambda g: -g[1])
    )
    heading = "own time by where the code lives (a built-in's time counted with its callers):"
    return f"{text.rstrip()}\n\n{heading}\n{summary}"
