"""/treaty quote, the first pages of /treaty list and /accord history, autocomplete and the map's
read, at 0, 1,000 and 10,000 ratified accords (and as many conferences) in ONE server, against
raw sqlite3 in the same run (issue #21: a quote took 2.3 ms with no accords and 52.7 ms with
1,000, decoding every accord of the server).

Ours: the service calls the commands make (TreatyService.quote, .suggest, .listed; AccordService
.history; map_layout without drawing), on a database built through the storage API: accords of
3 to 8 articles of 40-80 words, named "Treaty of Noskakla 17" and the like (kinds, syllables and
a number: realistic prefixes shared by many), each from a concluded conference. Each input is
asked of ours and then at once of the floor, so both see the same moments of a noisy machine.

The floor is raw sqlite3 on a file holding the same rows, each read the cheapest way there is:
a quote is the one article row read by its primary key (accord, number); autocomplete a prefix
range of names, LIMIT 25; a list page and a history page the rows of one page by key.

    PYTHONPATH=. .venv/bin/python bench/treaty_quote.py [--sizes 0 1000 10000] [--runs 300]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from bot.domain.accords import Phase, new_game
from bot.domain.treaties import Article, Party
from bot.services.accords import AccordService
from bot.services.pictures import MAP_ACCORDS, map_layout
from bot.services.treaties import TreatyService
from bot.storage import SqliteDatabase, accords, games
from bot.ui.pictures import measure

GUILD = 1
KINDS = ("Treaty of", "Accord of", "Pact of", "Concord of", "Protocol of", "Compact of")
SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905
WORDS = (  # noqa: SIM905
    "the parties shall keep open the border of the neutral zone to trade in dilithium and grain "
    "each delegation names an envoy every fleet withdraws beyond the line within a year cloaked ships "
    "are declared at the station disputes go before the council of the signatories"
).split()
POWERS = ("Klingon Empire", "Romulan Star Empire", "United Federation of Planets", "Cardassian Union")
BATCH = 1000
LIST_OPENING = 5  # accords beside the seven canon treaties on the first page of /treaty list
HISTORY_PAGE = 15


def name_of(i: int) -> str:
    rng = random.Random(i)
    place = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{rng.choice(KINDS)} {place} {i}"


def accord_of(i: int) -> accords.NewAccord:
    rng = random.Random(-i - 1)
    articles = tuple(
        Article(
            n,
            " ".join(rng.sample(WORDS, 3)).capitalize(),
            " ".join(rng.choices(WORDS, k=rng.randint(40, 80))),
        )
        for n in range(1, rng.randint(3, 8) + 1)
    )
    parties = tuple(Party(p, (f"envoy {i}",)) for p in rng.sample(POWERS, 2))
    return accords.NewAccord(
        GUILD,
        name_of(i),
        "Signed by the players.",
        "2380",
        "Khitomer",
        parties,
        articles,
        year=2380,
        game_id=i + 1,
    )


async def build(path: Path, size: int) -> None:
    """`size` concluded conferences and their ratified accords, through the storage API."""
    db = await SqliteDatabase.open(path)
    for start in range(0, size, BATCH):
        made = [accord_of(i) for i in range(start, min(size, start + BATCH))]

        async def ratify_all(conn, made=made) -> None:  # type: ignore[no-untyped-def]
            for accord in made:
                await accords.ratify_in(conn, accord)

        await db.write_now(ratify_all)
    for i in range(size):
        opening = replace(new_game(0, GUILD, 10, name_of(i), POWERS[:2]), phase=Phase.RATIFIED)
        await db.write_now(lambda conn, i=i, opening=opening: games.insert(conn, 100 + i, opening))
    await db.close()


def build_floor(path: Path, size: int, canon: list[tuple[int, Article]]) -> None:
    """The same rows in plain tables, keyed for the reads the floor makes."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE article (treaty INTEGER, number INTEGER, title TEXT, text TEXT,"
        " PRIMARY KEY (treaty, number)) WITHOUT ROWID;"
        "CREATE TABLE name (guild INTEGER, name TEXT, treaty INTEGER, PRIMARY KEY (guild, name, treaty))"
        " WITHOUT ROWID;"
        "CREATE TABLE listing (guild INTEGER, id INTEGER, name TEXT, date_text TEXT, articles INTEGER,"
        " PRIMARY KEY (guild, id)) WITHOUT ROWID;"
        "CREATE TABLE conference (guild INTEGER, id INTEGER, channel INTEGER, title TEXT, phase TEXT,"
        " PRIMARY KEY (guild, id)) WITHOUT ROWID;"
    )
    made = [accord_of(i) for i in range(size)]
    rows = [(-t, a.number, a.title, a.text) for t, a in canon]
    rows += [(i + 1, a.number, a.title, a.text) for i, accord in enumerate(made) for a in accord.articles]
    conn.executemany("INSERT INTO article VALUES (?, ?, ?, ?)", rows)
    conn.executemany(
        "INSERT INTO name VALUES (?, ?, ?)", [(GUILD, m.name.lower(), i + 1) for i, m in enumerate(made)]
    )
    conn.executemany(
        "INSERT INTO listing VALUES (?, ?, ?, ?, ?)",
        [(GUILD, i + 1, m.name, m.date_text, len(m.articles)) for i, m in enumerate(made)],
    )
    conn.executemany(
        "INSERT INTO conference VALUES (?, ?, ?, ?, ?)",
        [(GUILD, i + 1, 100 + i, name_of(i), "ratified") for i in range(size)],
    )
    conn.commit()
    conn.close()


def pct(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


Ours = Callable[[int], Awaitable[object]]
Floor = Callable[[int], object]


async def timed(ours: Ours, floor: Floor, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds of each run of ours, then at once of the floor, on the same input."""
    mine, theirs = [], []
    for n in range(runs):
        started = time.perf_counter()
        await ours(n)
        mine.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        floor(n)
        theirs.append((time.perf_counter() - started) * 1000)
    return mine, theirs


async def measure_size(size: int, runs: int) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="treaty-quote-"))
    began = time.perf_counter()
    await build(folder / "ours.db", size)
    db = await SqliteDatabase.open(folder / "ours.db")
    treaties, games_service = TreatyService(db), AccordService(db)
    await treaties.start()
    canon = [(t, a) for t, treaty in enumerate(treaties.canon, 1) for a in treaty.articles]
    build_floor(folder / "floor.db", size, canon)
    built = time.perf_counter() - began
    raw = sqlite3.connect(folder / "floor.db")
    rng = random.Random(size)
    picks = [rng.randrange(max(size, 1)) for _ in range(runs)]  # the accord each run asks about

    def article(n: int) -> object:
        treaty = picks[n] + 1 if size else -2
        return raw.execute(
            "SELECT title, text FROM article WHERE treaty = ? AND number = ?", (treaty, 2)
        ).fetchone()

    def typo(i: int) -> str:
        name = name_of(i)
        cut = 9 + i % 4  # a letter dropped from the place's name
        return name[:cut] + name[cut + 1 :]

    def prefix(n: int) -> str:
        return name_of(picks[n])[: 3 + n % 10] if size else "khit"

    rows: list[tuple[str, Ours, Floor]] = [
        ("quote a canon treaty by name", lambda n: treaties.quote(GUILD, "Khitomer Accords", "II"), article),
    ]
    if size:
        rows += [
            ("quote an accord by name", lambda n: treaties.quote(GUILD, name_of(picks[n]), "II"), article),
            (
                "quote an accord by key",
                lambda n: treaties.quote(GUILD, f"accord-{picks[n] + 1}", "II"),
                article,
            ),
            ("quote an accord, misspelt", lambda n: treaties.quote(GUILD, typo(picks[n]), "II"), article),
            (
                "quote an accord, reference in one",
                lambda n: treaties.quote(GUILD, f"{name_of(picks[n])}, Art. II", None),
                article,
            ),
        ]
    rows += [
        (
            "autocomplete a name",
            lambda n: treaties.suggest(GUILD, prefix(n)),
            lambda n: raw.execute(
                "SELECT name FROM name WHERE guild = ? AND name >= ? AND name < ? LIMIT 25",
                (GUILD, prefix(n).lower(), prefix(n).lower() + "\U0010ffff"),
            ).fetchall(),
        ),
        (
            "/treaty list, first page",
            lambda n: treaties.listed(GUILD, limit=LIST_OPENING + 1),
            lambda n: raw.execute(
                "SELECT * FROM listing WHERE guild = ? AND id > 0 ORDER BY id LIMIT ?",
                (GUILD, LIST_OPENING + 1),
            ).fetchall(),
        ),
        (
            "/accord history, first page",
            lambda n: games_service.history(GUILD, limit=HISTORY_PAGE + 1),
            lambda n: raw.execute(
                "SELECT * FROM conference WHERE guild = ? ORDER BY id DESC LIMIT ?", (GUILD, HISTORY_PAGE + 1)
            ).fetchall(),
        ),
        (
            "/treaty map, its read and layout",
            lambda n: map_layout(db, GUILD, None, None, measure),
            lambda n: raw.execute(
                "SELECT * FROM listing WHERE guild = ? ORDER BY id DESC LIMIT ?", (GUILD, MAP_ACCORDS + 1)
            ).fetchall(),
        ),
    ]
    out = []
    for what, ours, floor in rows:
        await ours(0)  # warm
        mine, theirs = await timed(ours, floor, runs)
        p50, floor50 = statistics.median(mine), statistics.median(theirs)
        p99, floor99, ratio = pct(mine, 0.99), pct(theirs, 0.99), p50 / floor50
        out.append(
            f"| {size:,} | {what} | {p50:.3f} | {p99:.3f} | {floor50:.4f} | {floor99:.4f} | {ratio:.0f}× |"
        )
    raw.close()
    await db.close()
    print(f"{size:,} accords and conferences in one server: built in {built:.1f} s", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[0, 1000, 10_000])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = [row for size in args.sizes for row in asyncio.run(measure_size(size, args.runs))]
    print(
        "\n| accords | what | ours p50 ms | ours p99 ms | floor p50 ms | floor p99 ms | ours ÷ floor (p50) |"
        "\n| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
    )
    print("\n".join(rows))
    print(f"\nwhole run {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
