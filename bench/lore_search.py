"""Lore search, autocomplete and typo repair at 1k to 1M server entries, against plain FTS5 bm25
over the same rows in the same run.

Server lore is generated (syllable titles; summaries and bodies drawn from a small word list, so
"klingon", "empire" and "the" sit in most entries) and spread over servers of 1,000 entries.
Questions are asked from a server that owns 1,000 of them and from a server with none. The
floor is one FTS5 table holding the same rows (canon and server lore), asked the same words with
`ORDER BY bm25(...)` and the same server filter: the honest cost of ranked full-text search in
SQLite.

Server lore spread over many servers never shows what one server with a great deal of lore of its
own costs. `--owner-sizes` builds, for each size, a database where one server owns that many
entries (titles by kind, aliases, summaries and 100-400-word bodies, see `owned_lore`) beside
canon, and asks it plain questions, questions with typos and autocompletes through
`LoreService.search` (the whole answer, the answer line included) and `LoreService.suggest`. Each
input is asked of ours and then of the floor (FTS5 over the same rows, bm25; a prefix query on the
names for autocomplete), and a Markdown table of p50, p99 and ours / floor ends the run.

    python bench/lore_search.py [--sizes 1000 10000 100000] [--owner-sizes 1000] [--runs 300]

Issue #20 asks for `--owner-sizes 1000 100000`: the 100,000-entry server alone took about 10 minutes
on 2 cores under load (440 s of it building 1.4 GB), so it is not among the defaults.

`--sizes` with no size (or `--owner-sizes` with none) skips those rows.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from bot.content.lore import canon_lore
from bot.domain import search as fts
from bot.domain.errors import KhitomerError
from bot.domain.lore import Kind, LoreEntry
from bot.services import lore_text as text
from bot.services.lore import SERVER_INDEX, LoreService, analysed
from bot.storage import SqliteDatabase
from bot.storage import lore_index as index
from bot.storage.lore import server_key
from bot.storage.lore_index import Analysed

PER_SERVER = 1000
OWNER, EMPTY = 1, 999_999_999
SYLLABLES = "ka ri to mek vor da lan sha qo nos tel ar zen bra kla dor hu ven sto rel ix".split()  # noqa: SIM905
COMMON = "the of and klingon empire federation romulan treaty fleet war peace council".split()  # noqa: SIM905
FILLER = "border colony outpost envoy signal convoy shipyard dilithium cruiser nebula sector".split()  # noqa: SIM905
QUESTIONS = [
    "what ships did the klingons give the romulans", "who negotiated the alliance", "klingon",
    "the klingon empire", "empire federation", "dilithium convoy", "when did praxis explode",
    "where is the shipyard", "border war peace", "council of the empire", "Kahless the Unforgettable",
    "treaty of algeron", '" OR NEAR(',
]  # fmt: skip
TYPOS = ["klingn", "federaton", "dilithum", "shipyrd", "Gowran", "Kitomer", "romulen convoy"]
ENTRY_INSERT = (  # named columns: later migrations add columns with defaults
    "INSERT INTO lore_entries (id, guild_id, title, kind, aliases, year_start, year_end, factions, summary,"
    " body, author_id, created_at, updated_at, related) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
FTS = "CREATE VIRTUAL TABLE floor USING fts5(key UNINDEXED, guild_id UNINDEXED, title, names, summary, body)"


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def title_of(rng: random.Random, i: int) -> str:
    words = (
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(1, 2))
    )
    return " ".join(w.capitalize() for w in words) + f" {i}"


class Generated(NamedTuple):
    """One generated server entry: its lore_entries row, and what the index keeps of it."""

    row: tuple[object, ...]
    entry: LoreEntry
    found: Analysed


def server_lore(count: int, batch: int = 10_000) -> Iterator[list[Generated]]:
    """`count` server entries in batches, the same every run (bench/postgres_lore.py shares them)."""
    rng = random.Random(1701)
    for start in range(0, count, batch):
        made = []
        for i in range(start + 1, min(count, start + batch) + 1):
            guild = OWNER if i <= PER_SERVER else 1000 + i // PER_SERVER
            title = title_of(rng, i)
            summary = " ".join(rng.choice(COMMON + FILLER) for _ in range(16))
            body = " ".join(rng.choice(COMMON + FILLER + SYLLABLES) for _ in range(40))
            year = 2300 + i % 100
            row = (i, guild, title, "event", "[]", year, None, "[]", summary, body, 1, "now", "now", "[]")
            entry = LoreEntry(server_key(i), title, Kind.EVENT, summary, body, (), guild_id=guild)
            made.append(Generated(row, entry, analysed(entry)))
        yield made


def generate(path: Path, count: int) -> None:
    """`count` server entries, in the store's tables and its index, and in the floor's FTS5."""
    conn = sqlite3.connect(path)
    conn.execute(FTS)
    canon = canon_lore()
    conn.executemany(
        "INSERT INTO floor VALUES (?, 0, ?, ?, ?, ?)",
        [(e.key, e.title, " ".join((e.title, *e.aliases)), e.summary, e.body) for e in canon],
    )
    for made in server_lore(count):
        rows, postings, words, floor = [], [], [], []
        for row, entry, found in made:
            guild = entry.guild_id
            rows.append(row)
            postings += [(guild, t, round(v, 4), entry.key) for t, v in found.impacts.items()]
            words += [(guild, w) for w in found.words]
            floor.append((entry.key, guild, entry.title, entry.title, entry.summary, entry.body))
        conn.executemany(ENTRY_INSERT, rows)
        conn.executemany(index.POSTINGS_INSERT, postings)
        conn.executemany(index.WORDS_INSERT, words)
        conn.executemany("INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?)", floor)
        conn.commit()
    # the postings were made by this analyser: start-up need not rebuild them
    version = (SERVER_INDEX, text.ANALYSER_VERSION)
    conn.execute("INSERT OR REPLACE INTO content_versions (name, hash) VALUES (?, ?)", version)
    conn.commit()
    conn.close()


async def timed(work: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        with contextlib.suppress(KhitomerError):  # a refusal (stop words only, hostile input) answers too
            await work()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def floor_search(conn: sqlite3.Connection, query: str, guild: int) -> list[int]:
    words = fts.terms(query)
    if not words:
        return []
    return [
        row[0]
        for row in conn.execute(
            "SELECT rowid FROM floor WHERE floor MATCH ? AND guild_id IN (0, ?)"
            " ORDER BY bm25(floor, 0, 0, 10.0, 10.0, 4.0, 1.0) LIMIT 25",
            (fts.match_any(words), guild),
        )
    ]


async def ask_all(
    service: LoreService, floor: Callable[[str, int], Awaitable[object]], runs: int
) -> tuple[float, dict[str, list[float]]]:
    """Ms to load the owner's names on first use, and samples (ms) by measure and server: search,
    typo repair, the floor's search and autocomplete, from the owner and from a server with none.
    Shared with postgres_lore.py, so both backends are asked the same things in the same order."""
    rng = random.Random(7)
    first = time.perf_counter()
    await service.suggest(OWNER, "ka")  # the owner's names, read from its rows on first use
    first_names = (time.perf_counter() - first) * 1000
    results: dict[str, list[float]] = {}
    for label, guild in (("owner", OWNER), ("empty", EMPTY)):
        results[f"search {label}"] = await timed(
            lambda g=guild: service.search(g, rng.choice(QUESTIONS)), runs
        )
        results[f"typo {label}"] = await timed(
            lambda g=guild: service.search(g, rng.choice(TYPOS)), runs // 2
        )
        results[f"floor {label}"] = await timed(lambda g=guild: floor(rng.choice(QUESTIONS + TYPOS), g), runs)
    letters = "abcdefghijklmnopqrstuvwxyz"
    prefixes = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 3))) for _ in range(runs // 2)] + [
        title_of(random.Random(n), n)[: rng.randint(4, 12)] for n in range(runs // 2)
    ]
    results["autocomplete owner"] = await timed(lambda: service.suggest(OWNER, rng.choice(prefixes)), runs)
    results["autocomplete empty"] = await timed(lambda: service.suggest(EMPTY, rng.choice(prefixes)), runs)
    return first_names, results


async def measure(size: int, runs: int) -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "lore.db"
    db = await SqliteDatabase.open(path)
    await db.close()
    built = time.perf_counter()
    generate(path, size)
    built = time.perf_counter() - built
    db = await SqliteDatabase.open(path)
    started = time.perf_counter()
    service = LoreService(db)
    await service.start()
    start_ms = (time.perf_counter() - started) * 1000
    raw = sqlite3.connect(path)

    async def floor(question: str, guild: int) -> None:
        floor_search(raw, question, guild)

    first_names, results = await ask_all(service, floor, runs)
    raw.close()
    await db.close()
    print(f"\n{size:,} server entries ({max(1, size // PER_SERVER)} servers), built in {built:.0f} s;"
          f" start {start_ms:.0f} ms; a server's names on first use {first_names:.1f} ms")  # fmt: skip
    for label in ("owner", "empty"):
        floor = pct(results[f"floor {label}"], 0.99)
        for what in ("search", "typo"):
            samples = results[f"{what} {label}"]
            p50, p99 = statistics.median(samples), pct(samples, 0.99)
            print(f"  {what:6} from {label:5}: p50 {p50:6.2f}  p99 {p99:6.2f} ms"
                  f"  ({p99 / floor:5.2f}x FTS5 bm25 p99 {floor:.2f} ms)")  # fmt: skip
        auto = results[f"autocomplete {label}"]
        print(f"  autocomplete {label:5}: p50 {statistics.median(auto):6.3f}  p99 {pct(auto, 0.99):6.3f} ms"
              f"  ({pct(auto, 0.99) / floor:5.2f}x)")  # fmt: skip


# -- one server owning all its entries (issue #20): --owner-sizes ------------------------------------
#
# Entries that read like a server's own lore: titles by kind ("Battle of Kavormek", "IKS Shadan",
# "Admiral Vorda Telix"), one or two aliases for most, a summary sentence and a body of 100 to 400
# words in sentences, naming the entry, factions, places and earlier entries. Everything comes from
# the word lists below (never from canon), so a change to data/lore cannot change the rows.

FACTIONS = (  # noqa: SIM905
    "Klingon Romulan Cardassian Federation Ferengi Tholian Gorn Breen Bajoran Vulcan Andorian Tellarite"
    " Orion Dominion Tzenkethi Nausicaan Lurian Kzinti"
).split()
POWERS = (  # noqa: SIM905
    "Empire|High Council|Star Empire|Senate|Union|Central Command|Alliance|Assembly|Directorate|Tal Shiar"
    "|Obsidian Order|Starfleet|Defense Force|Imperial Guard|Consortium|Protectorate"
).split("|")
NOUNS = (  # noqa: SIM905
    "treaty border fleet colony outpost envoy convoy shipyard cruiser warbird nebula sector station starbase"
    " armistice ceasefire accord embassy governor captain admiral general chancellor praetor ambassador house"
    " clan dynasty world moon system disruptor torpedo deflector dilithium latinum minefield relay beacon"
    " garrison frontier homeworld refugee prisoner hostage tribunal council vote succession heir rebellion"
    " uprising blockade siege raid skirmish ambush retreat victory defeat surrender alliance rival spy"
    " informant smuggler freighter shuttle probe anomaly wormhole subspace sensor cloak"
).split()
VERBS = (  # noqa: SIM905
    "signed broke negotiated destroyed defended annexed surrendered betrayed founded settled claimed ceded"
    " raided blockaded evacuated rebuilt discovered charted surveyed commanded led ordered refused demanded"
    " offered seized captured rescued exiled executed pardoned crowned deposed challenged honoured renamed"
    " abandoned fortified mined cloaked boarded disabled tracked intercepted smuggled traded"
).split()
ADJECTIVES = (  # noqa: SIM905
    "ancient disputed neutral fragile secret first second last great bloody long brief failed lasting famous"
    " forgotten honourable dishonoured young old exiled loyal renegade hidden outer inner lost stolen"
).split()
KIND_NOUN = {
    Kind.EVENT: "incident", Kind.TREATY: "treaty", Kind.BATTLE: "battle", Kind.PERSON: "officer",
    Kind.PLACE: "world", Kind.SHIP: "ship", Kind.FACTION: "house", Kind.SPECIES: "people",
    Kind.TECHNOLOGY: "device", Kind.SOURCE: "record",
}  # fmt: skip
SENTENCES = (
    "{self} {verb} the {adj} {noun} at {place} in {year}.",
    "After the {noun} of {place}, the {faction} {power} {verb} {self}.",
    "In {year} {person} {verb} the {faction} {noun} near {place}, and the {power} never forgave it.",
    "{self} is remembered as the {adj} {noun} of the {faction} {power}.",
    "The {faction} {power} {verb} {count} {noun}s to hold {place} against the {other}.",
    "Some say {person} {verb} {self} for the {power}; the {other} records say the {adj} {noun} did.",
    "{person} {verb} the {noun} when the {faction} {noun} failed at {place}.",
    "It was {self} that {verb} the {adj} {noun}, {count} years before the {noun} of {place}.",
    "The {noun} at {place} {verb} {self} and {count} {noun}s with it.",
    "Why the {faction} {verb} {place} is still argued in the {power}.",
)
PREFIXES = {
    Kind.SHIP: ("IKS", "USS", "IRW", "CDS"), Kind.PERSON: ("Admiral", "General", "Captain", "Ambassador", ""),
    Kind.BATTLE: ("Battle of", "Siege of", "Raid on"), Kind.TREATY: ("Treaty of", "Accords of", "Pact of"),
    Kind.EVENT: ("Fall of", "Incident at", "Exodus from"), Kind.PLACE: ("", "Outpost", "Fort"),
    Kind.FACTION: ("House of",), Kind.SPECIES: ("",), Kind.TECHNOLOGY: ("",), Kind.SOURCE: ("Chronicle of",),
}  # fmt: skip


def name_of(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _said(rng: random.Random, own: str, earlier: list[str], words: int) -> str:
    """Sentences until at least `words` words, naming `own` and now and then an `earlier` entry."""
    out: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES).format(
            self=own if rng.random() < 0.6 or not earlier else rng.choice(earlier),
            verb=rng.choice(VERBS), adj=rng.choice(ADJECTIVES), noun=rng.choice(NOUNS),
            place=rng.choice(earlier) if earlier and rng.random() < 0.3 else name_of(rng),
            year=rng.randint(2150, 2410), faction=rng.choice(FACTIONS), power=rng.choice(POWERS),
            other=rng.choice(FACTIONS), person=f"{name_of(rng)} {name_of(rng)}", count=rng.randint(2, 40),
        )  # fmt: skip
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


class Head(NamedTuple):
    """What makes an entry's name: chosen in order, so that titles stay unique in the server."""

    number: int
    kind: Kind
    name: str
    title: str
    aliases: tuple[str, ...]


def owned_heads(count: int) -> list[Head]:
    """The kinds, names, titles and aliases of entries 1 to `count`: the same entry i at any count."""
    seen: set[str] = set()
    heads = []
    for i in range(1, count + 1):
        rng = random.Random(i * 7919 + 1701)
        kind = rng.choice(list(Kind))
        name = name_of(rng) if rng.random() < 0.5 else f"{name_of(rng)} {name_of(rng)}"
        prefix = rng.choice(PREFIXES[kind])
        title = name + "i" if kind is Kind.SPECIES else f"{prefix} {name}".strip()
        numeral = 1
        while title.casefold() in seen:  # titles are unique per server
            numeral += 1
            title = f"{prefix} {name} {numeral}".strip()
        seen.add(title.casefold())
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.7:
            aliases = (name,) if prefix and kind is not Kind.SPECIES else (f"the {name} {KIND_NOUN[kind]}",)
            if rng.random() < 0.3:
                aliases += (f"{rng.choice(FACTIONS)} {KIND_NOUN[kind]} {name_of(rng)}",)
        heads.append(Head(i, kind, name, title, aliases))
    return heads


CROSS = 500  # an entry names some of the 500 entries made before it


def owned_entry(head: Head, earlier: list[str]) -> LoreEntry:
    """The whole entry: a summary sentence and a body of 100 to 400 words, naming `earlier` entries."""
    rng = random.Random(head.number * 7919 + 1702)
    summary = (
        f"{head.title} was a {rng.choice(ADJECTIVES)} {KIND_NOUN[head.kind]} of the {rng.choice(FACTIONS)}"
        f" {rng.choice(POWERS)}, {rng.choice(VERBS)} at {name_of(rng)} in {rng.randint(2150, 2410)}."
    )
    body = _said(rng, head.name, earlier, rng.randint(100, 400))
    key = server_key(head.number)
    return LoreEntry(key, head.title, head.kind, summary, body, (), aliases=head.aliases, guild_id=OWNER)


def owned_lore(count: int, batch: int = 2_000) -> Iterator[list[LoreEntry]]:
    """`count` entries of server OWNER in batches."""
    heads = owned_heads(count)
    names = [head.name for head in heads]
    for start in range(0, count, batch):
        yield [
            owned_entry(h, names[max(0, h.number - 1 - CROSS) : h.number - 1])
            for h in heads[start : start + batch]
        ]


class Rows(NamedTuple):
    entries: list[tuple[object, ...]]
    postings: list[tuple[int, str, float, str]]
    words: list[tuple[int, str]]
    floor: list[tuple[object, ...]]


def _owned_rows(heads: list[Head], before: list[str]) -> Rows:
    """A batch made and analysed (in a worker process): its rows for every table."""
    names = before + [head.name for head in heads]
    rows = Rows([], [], [], [])
    for at, head in enumerate(heads, start=len(before)):
        entry = owned_entry(head, names[max(0, at - CROSS) : at])
        found = analysed(entry)
        aliases = json.dumps(list(entry.aliases))
        rows.entries.append((
            head.number, OWNER, entry.title, entry.kind.value, aliases, 2300 + head.number % 100, None, "[]",
            entry.summary, entry.body, 1, "now", "now", "[]",
        ))  # fmt: skip
        rows.postings.extend((OWNER, t, round(v, 4), entry.key) for t, v in found.impacts.items())
        rows.words.extend((OWNER, w) for w in found.words)
        names_said = " ".join((entry.title, *entry.aliases))
        rows.floor.append((entry.key, OWNER, entry.title, names_said, entry.summary, entry.body))
    return rows


def generate_owned(path: Path, count: int, batch: int = 2_000) -> None:
    """`count` entries of one server in the store's tables and its index, and in the floor's FTS5.
    Entries are written and analysed in worker processes (one per core) while this one inserts."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")  # 1 GB: the postings' B-tree stays in memory
    conn.execute(FTS)
    canon = canon_lore()
    conn.executemany(
        "INSERT INTO floor VALUES (?, 0, ?, ?, ?, ?)",
        [(e.key, e.title, " ".join((e.title, *e.aliases)), e.summary, e.body) for e in canon],
    )
    heads = owned_heads(count)
    names = [head.name for head in heads]
    starts = range(0, count, batch)
    with concurrent.futures.ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        made = pool.map(
            _owned_rows,
            [heads[at : at + batch] for at in starts],
            [names[max(0, at - CROSS) : at] for at in starts],
        )
        for rows in made:
            conn.executemany(ENTRY_INSERT, rows.entries)
            conn.executemany(index.POSTINGS_INSERT, rows.postings)
            conn.executemany(index.WORDS_INSERT, rows.words)
            conn.executemany("INSERT INTO floor VALUES (?, ?, ?, ?, ?, ?)", rows.floor)
            conn.commit()
    version = (SERVER_INDEX, text.ANALYSER_VERSION)
    conn.execute("INSERT OR REPLACE INTO content_versions (name, hash) VALUES (?, ?)", version)
    conn.commit()
    conn.execute("PRAGMA optimize")
    conn.close()


def owner_questions() -> tuple[list[str], list[str], list[str]]:
    """Plain questions, typo questions and autocomplete prefixes for the owner, the same at every
    size: the bench's QUESTIONS and TYPOS, and questions about its first 1,000 entries."""
    first = next(owned_lore(1000, batch=1000))
    picked = [first[n] for n in (6, 41, 98, 313, 500, 776, 887, 998)]
    plain = list(QUESTIONS)
    for entry in picked:
        name = entry.aliases[0] if entry.aliases and entry.kind is not Kind.SPECIES else entry.title
        plain.append(
            {Kind.PERSON: f"who was {name}", Kind.PLACE: f"where is {name}"}.get(
                entry.kind, f"what do we know about the {name} {KIND_NOUN[entry.kind]}"
            )
        )
        plain.append(entry.title)
    plain += ["which klingon house betrayed the romulan senate", "ceasefire at the neutral border"]
    typos = list(TYPOS)
    for entry in picked[:6]:
        word = max(entry.title.split(), key=len)
        typos.append(entry.title.replace(word, word[:2] + word[3:]))  # one letter dropped
    rng = random.Random(11)
    letters = "abcdefghijklmnopqrstuvwxyz"
    prefixes = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 3))) for _ in range(100)]
    prefixes += [entry.title[: rng.randint(4, 12)] for entry in rng.sample(first, 100)]
    return plain, typos, prefixes


def floor_prefix(conn: sqlite3.Connection, typed: str, guild: int) -> list[int]:
    """The floor for autocomplete: names holding each typed word, the last one as a prefix."""
    words = fts.terms(typed)
    if not words:
        return []
    quoted = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}" *']
    return [
        row[0]
        for row in conn.execute(
            "SELECT rowid FROM floor WHERE floor MATCH ? AND guild_id IN (0, ?)"
            " ORDER BY bm25(floor, 0, 0, 10.0, 10.0, 4.0, 1.0) LIMIT 25",
            ("names : (" + " AND ".join(quoted) + ")", guild),
        )
    ]


class Paired(NamedTuple):
    ours: list[float]
    floor: list[float]


async def paired(
    ours: Callable[[str], Awaitable[object]],
    floor: Callable[[str], object],
    asked: list[str],
    runs: int,
    rng: random.Random,
) -> Paired:
    """Each input asked of ours and then of the floor, `runs` times: both see the same inputs, and
    the same moments of a noisy machine."""
    result = Paired([], [])
    for _ in range(runs):
        question = rng.choice(asked)
        started = time.perf_counter()
        with contextlib.suppress(KhitomerError):
            await ours(question)
        result.ours.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        floor(question)
        result.floor.append((time.perf_counter() - started) * 1000)
    return result


OWNER_HEADER = (
    "| server's own entries | measure | ours p50 | ours p99 | FTS5 bm25 floor p50 | floor p99 |"
    " ours ÷ floor, p50 | ours ÷ floor, p99 |"
)


async def measure_owner(size: int, runs: int) -> list[str]:
    """One server owning `size` entries (and canon): table rows for search, typo questions and
    autocomplete, each against the FTS5 floor asked the same inputs over the same rows."""
    folder = Path(tempfile.mkdtemp())
    path = folder / "lore.db"
    db = await SqliteDatabase.open(path)
    await db.close()
    built = time.perf_counter()
    generate_owned(path, size)
    built = time.perf_counter() - built
    megabytes = sum(os.path.getsize(folder / name) for name in os.listdir(folder)) / 2**20  # noqa: ASYNC240
    db = await SqliteDatabase.open(path)
    started = time.perf_counter()
    service = LoreService(db)
    await service.start()
    start_ms = (time.perf_counter() - started) * 1000
    raw = sqlite3.connect(path)
    plain, typos, prefixes = owner_questions()
    first = time.perf_counter()
    await service.suggest(OWNER, "ka")  # the owner's names, read from its rows on first use
    first_names = (time.perf_counter() - first) * 1000
    answered = 0

    async def search(question: str) -> None:
        nonlocal answered
        found = await service.search(OWNER, question)
        answered += found.answer is not None

    rng = random.Random(7)
    load_before = os.getloadavg()[0]
    for question in plain + typos:  # once each, untimed: the same warm caches for ours and the floor
        with contextlib.suppress(KhitomerError):
            await service.search(OWNER, question)
        floor_search(raw, question, OWNER)
    measured = {
        "search": await paired(search, lambda q: floor_search(raw, q, OWNER), plain, runs, rng),
        "typo": await paired(search, lambda q: floor_search(raw, q, OWNER), typos, runs // 2, rng),
        "autocomplete": await paired(
            lambda p: service.suggest(OWNER, p), lambda p: floor_prefix(raw, p, OWNER), prefixes, runs, rng
        ),
    }
    raw.close()
    await db.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(f"\none server owning {size:,} entries (and {len(service.canon)} canon), built in {built:.0f} s"
          f" ({megabytes:,.0f} MiB); start {start_ms:.0f} ms; its names on first use {first_names:.1f} ms;"
          f" {answered} of {runs + runs // 2} searches gave an answer line; load average (1 min)"
          f" {load_before:.2f} before asking, {os.getloadavg()[0]:.2f} after")  # fmt: skip
    rows = []
    for what, label in (("search", "search"), ("typo", "typo questions"), ("autocomplete", "autocomplete")):
        ours, floor = measured[what]
        o50, o99 = statistics.median(ours), pct(ours, 0.99)
        f50, f99 = statistics.median(floor), pct(floor, 0.99)
        print(f"  {label:14}: ours p50 {o50:6.2f}  p99 {o99:6.2f} ms; floor p50 {f50:6.2f}"
              f"  p99 {f99:6.2f} ms; ours/floor p50 {o50 / f50:5.2f}x  p99 {o99 / f99:5.2f}x")  # fmt: skip
        rows.append(f"| {size:,} | {label} | {o50:.2f} ms | {o99:.2f} ms | {f50:.2f} ms | {f99:.2f} ms"
                    f" | {o50 / f50:.2f}× | {o99 / f99:.2f}× |")  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument("--owner-sizes", type=int, nargs="*", default=[1000])  # 100000: about +10 min
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    text.query_terms("warm the stemmer")
    started = time.perf_counter()
    for size in args.sizes:
        asyncio.run(measure(size, args.runs))
    rows = [row for size in args.owner_sizes for row in asyncio.run(measure_owner(size, args.runs))]
    if rows:
        print(f"\n{OWNER_HEADER}\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        print("\n".join(rows))
    print(f"\nwhole run {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
