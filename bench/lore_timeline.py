"""/lore timeline in a server that owns 1,000 to 100,000 entries (issue #21, point 3): a page at a
time through `LoreService.timeline`, against raw sqlite3 reading one page of the same rows by an
index, in the same run.

Each size gets a fresh SQLite file in which ONE server owns that many entries (syllable titles,
a summary sentence, a body of 100-400 words, years between 2100 and 2400, a tenth undated and a
fiftieth sources, one or two factions each) and a second server owns 500. Each scenario is asked
of ours and then, at once, of the floor, so both see the same moments of a noisy machine:

- first page: the whole timeline, 12 entries (canon merged in);
- next page / previous page: the 12 after (before) an entry in the middle of the server's timeline;
- faction: the first page of `klingon empire`, typed in lower case (canon's and the server's);
- years: the first page of 2300 to 2310 (entries that start earlier but reach into it included);
- picture: the first 300 entries, what the pictures show at most.

The floor is one raw sqlite3 statement on its own connection: the same rows of lore_timeline
(index lore_timeline_in_order) joined to lore_entries, the same LIMIT, no canon, no objects.
`--before-runs` (default 3) also times what the timeline did before this change, for the
"before" column: read every entry of the server (`store.in_guild`, bodies and JSON) and filter.
Every scenario runs under the stall watchdog (bench/watchdog.py); the table gives its longest
event-loop stall.

    PYTHONPATH=. .venv/bin/python bench/lore_timeline.py [--sizes 1000 10000 100000] [--runs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from watchdog import StallWatch

from bot.domain.lore import Kind
from bot.services.lore import LoreService
from bot.services.lore_timeline import START, Asked, At, place_of
from bot.services.pictures import TIMELINE_MOST
from bot.storage import SqliteDatabase
from bot.storage import lore as store
from bot.storage import lore_timeline as timeline

OWNER, OTHER, OTHERS = 1, 2, 500
PAGE = 12
SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905
WORDS = (  # noqa: SIM905
    "the of and treaty border fleet colony outpost envoy convoy shipyard cruiser nebula sector station"
    " armistice ceasefire accord embassy captain admiral chancellor praetor house clan world raid siege"
).split()
FACTIONS = [
    "Klingon Empire", "Romulan Star Empire", "United Federation of Planets", "Cardassian Union",
    "Ferengi Alliance", "Tholian Assembly", "Gorn Hegemony", "Breen Confederacy", "Dominion",
    "Kzinti Patriarchy", "klingons", "Orion Syndicate",
]  # fmt: skip
ENTRY_INSERT = (
    "INSERT INTO lore_entries (id, guild_id, title, kind, aliases, year_start, year_end, factions,"
    " summary, body, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, 1, '', '')"
)
ROW_INSERT = (
    "INSERT INTO lore_timeline (entry_id, guild_id, faction, year_first, year_last, span, title)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
FLOOR = (  # one page of the same rows, by the same index, raw
    "SELECT e.id, e.title, e.kind, e.year_start, e.year_end, e.factions, e.summary"
    " FROM lore_timeline AS t JOIN lore_entries AS e ON e.id = t.entry_id"
    " WHERE t.guild_id = ? AND t.faction = ? AND {where}"
    " ORDER BY t.year_first {way}, t.year_last {way}, t.title {way}, t.entry_id {way} LIMIT ?"
)


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def generate(path: Path, count: int) -> None:
    """`count` entries of the owner and OTHERS of another server, with their timeline rows, as
    bot/storage/lore_timeline.write would write them (the same every run)."""
    rng = random.Random(2293)
    conn = sqlite3.connect(path)
    entry_rows, timeline_rows = [], []
    for i in range(1, count + OTHERS + 1):
        guild = OWNER if i <= count else OTHER
        title = (
            " ".join(
                "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                for _ in range(2)
            )
            + f" {i}"
        )
        kind = Kind.SOURCE if i % 50 == 0 else rng.choice([Kind.EVENT, Kind.BATTLE, Kind.PERSON, Kind.PLACE])
        start = rng.randint(2100, 2400) if i % 10 else None
        end = start + rng.choice([0, 0, 0, 1, 3, 10, 40]) if start is not None else None
        factions = list(dict.fromkeys(rng.sample(FACTIONS, rng.randint(1, 2))))
        body = " ".join(rng.choices(WORDS, k=rng.randint(100, 400)))
        summary = f"{title} and the {rng.choice(WORDS)} of the {rng.choice(WORDS)}."
        entry_rows.append((i, guild, title, kind.value, start, end, json.dumps(factions), summary, body))
        first = last = span = None
        if kind is not Kind.SOURCE and start is not None and end is not None:
            first, last, span = start, end, end - start
            timeline_rows.append((i, guild, timeline.EVERY, first, last, span, title))
        timeline_rows += [(i, guild, f, first, last, span, title) for f in factions]
        if len(entry_rows) >= 5_000:
            conn.executemany(ENTRY_INSERT, entry_rows)
            conn.executemany(ROW_INSERT, timeline_rows)
            entry_rows, timeline_rows = [], []
    conn.executemany(ENTRY_INSERT, entry_rows)
    conn.executemany(ROW_INSERT, timeline_rows)
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


class Scenario:
    def __init__(
        self,
        name: str,
        ours: Callable[[], Awaitable[Any]],
        floor: tuple[str, tuple[Any, ...]],
        runs: int,
    ) -> None:
        self.name, self.ours, self.floor, self.runs = name, ours, floor, runs
        self.ours_ms: list[float] = []
        self.floor_ms: list[float] = []
        self.stall_ms = 0.0


def floor_sql(where: str = "t.year_first IS NOT NULL", *, back: bool = False) -> str:
    return FLOOR.format(where=where, way="DESC" if back else "")


async def scenarios(service: LoreService, db: SqliteDatabase, count: int, runs: int) -> list[Scenario]:
    middle = await db.fetch_one(
        "SELECT entry_id, year_first, year_last, title FROM lore_timeline WHERE guild_id = ? AND faction = ''"
        " ORDER BY year_first, year_last, title, entry_id LIMIT 1 OFFSET ?",
        (OWNER, count // 3),
    )
    assert middle is not None
    entry = (await store.entries_by_keys(db, OWNER, [store.server_key(int(middle[0]))]))[0]
    at = place_of(entry)
    keyset = (int(middle[1]), int(middle[2]), str(middle[3]), int(middle[0]))
    after = "(t.year_first, t.year_last, t.title, t.entry_id) > (?, ?, ?, ?)"
    before = "t.year_first IS NOT NULL AND " + after.replace(">", "<")
    span = "t.year_first <= ? AND t.year_last >= ? AND t.year_first >= ?"

    def ask(asked: Asked, place: At = START, limit: int = PAGE) -> Callable[[], Awaitable[Any]]:
        return lambda: service.timeline(OWNER, asked, place, limit)

    return [
        Scenario("first page", ask(Asked()), (floor_sql(), (OWNER, "", PAGE)), runs),
        Scenario(
            "next page, a third in",
            ask(Asked(), At(at)),
            (floor_sql(after), (OWNER, "", *keyset, PAGE)),
            runs,
        ),
        Scenario(
            "previous page, a third in",
            ask(Asked(), At(at, back=True)),
            (floor_sql(before, back=True), (OWNER, "", *keyset, PAGE)),
            runs,
        ),
        Scenario(
            "faction `klingon empire`",
            ask(Asked("klingon empire")),
            (floor_sql(), (OWNER, "Klingon Empire", PAGE)),
            runs,
        ),
        Scenario(
            "years 2300 to 2310",
            ask(Asked(None, 2300, 2310)),
            (floor_sql(span), (OWNER, "", 2310, 2300, 2300 - 40, PAGE)),
            runs,
        ),
        Scenario(
            f"picture: first {TIMELINE_MOST}",
            ask(Asked(), limit=TIMELINE_MOST),
            (floor_sql(), (OWNER, "", TIMELINE_MOST)),
            max(10, runs // 4),
        ),
    ]


async def measure(path: Path, count: int, runs: int, before_runs: int) -> list[tuple[int, Scenario | str]]:
    db = await SqliteDatabase.open(path)  # migrated when generated; opened as the bot opens it
    service = LoreService(db)
    floor = sqlite3.connect(path)
    try:
        found = await scenarios(service, db, count, runs)
        for scenario in found:
            sql, params = scenario.floor
            for _ in range(3):  # warm both
                await scenario.ours()
                floor.execute(sql, params).fetchall()
            async with StallWatch() as watch:
                for _ in range(scenario.runs):
                    started = time.perf_counter()
                    await scenario.ours()
                    scenario.ours_ms.append((time.perf_counter() - started) * 1000)
                    await asyncio.sleep(0)  # the watchdog wakes here: a stall is one ask's, not the run's
                    started = time.perf_counter()
                    floor.execute(sql, params).fetchall()
                    scenario.floor_ms.append((time.perf_counter() - started) * 1000)
                    await asyncio.sleep(0)
            scenario.stall_ms = watch.longest_ms
        before = await measure_before(service, db, before_runs) if before_runs else ""
        return [(count, s) for s in found] + [(count, before)]
    finally:
        floor.close()
        await db.close()


async def measure_before(service: LoreService, db: SqliteDatabase, runs: int) -> str:
    """What a first page cost before: every entry of the server read, decoded and filtered."""
    times: list[float] = []
    async with StallWatch() as watch:
        for _ in range(runs):
            started = time.perf_counter()
            server = await store.in_guild(db, OWNER)
            chosen = [e for e in [*service.canon, *server] if timeline.years_of(e) is not None]
            chosen.sort(key=lambda e: timeline.years_of(e) or (0, 0))
            times.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0)
    return f"{statistics.median(times):,.0f} ms, stall {watch.longest_ms:,.0f} ms"


def table(rows: list[tuple[int, Scenario | str]]) -> str:
    out = [
        "| server entries | scenario | ours p50 | ours p99 | floor p50 (raw sqlite3, one page)"
        " | ours ÷ floor (p50) | longest stall |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for count, row in rows:
        if isinstance(row, str):
            if row:
                out.append(
                    f"| {count:,} | before: every entry read (`in_guild`), first page | {row} | | | | |"
                )
            continue
        ours, floor = statistics.median(row.ours_ms), statistics.median(row.floor_ms)
        out.append(
            f"| {count:,} | {row.name} | {ours:.2f} ms | {pct(row.ours_ms, 0.99):.2f} ms | {floor:.3f} ms"
            f" | {ours / floor:.1f}× | {row.stall_ms:.1f} ms |"
        )
    return "\n".join(out)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=200, help="asks per scenario (the picture: a quarter)")
    parser.add_argument("--before-runs", type=int, default=3, help="reads of the whole server (0: skip)")
    args = parser.parse_args()
    rows: list[tuple[int, Scenario | str]] = []
    with tempfile.TemporaryDirectory(prefix="khitomer-timeline-") as folder:
        for count in args.sizes:
            path = Path(folder) / f"timeline-{count}.db"
            started = time.perf_counter()
            await (await SqliteDatabase.open(path)).close()  # this release's schema, empty
            generate(path, count)
            print(f"{count:,} entries built in {time.perf_counter() - started:.1f} s", flush=True)
            rows += await measure(path, count, args.runs, args.before_runs)
            path.unlink()
    print()
    print(table(rows))


if __name__ == "__main__":
    asyncio.run(main())
