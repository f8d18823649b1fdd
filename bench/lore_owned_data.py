"""The lore of one server that owns a great deal of it (issue #20): entries that read like a
server's own, made from the word lists below (never from canon, so a change to data/lore cannot
change the rows), written into the store's tables, its index and the floor's FTS5 table."""

from __future__ import annotations

import concurrent.futures
import json
import os
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from index_rows import GRAMS_INSERT, NAMES_INSERT, TERM_COUNTS, NameRows
from lore_search import ENTRY_INSERT, FTS, OWNER, SYLLABLES
from zipf_words import chooser

from bot.content.lore import canon_lore
from bot.domain.lore import Kind, LoreEntry
from bot.services.lore import SERVER_INDEX, SERVER_INDEX_VERSION, analysed
from bot.storage import lore_index as index
from bot.storage.lore import server_key
from bot.storage.lore_index import Analysed

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
    word = chooser(rng)  # rng.choice, unless Zipf's vocabulary was asked for (bench/zipf_words.py)
    while count < words:
        sentence = rng.choice(SENTENCES).format(
            self=own if rng.random() < 0.6 or not earlier else rng.choice(earlier),
            verb=word(VERBS), adj=word(ADJECTIVES), noun=word(NOUNS),
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
    words: list[tuple[int, str, int, str]]
    floor: list[tuple[object, ...]]
    made: list[tuple[LoreEntry, Analysed]]  # for the names' rows, numbered in one process


def _owned_rows(heads: list[Head], before: list[str]) -> Rows:
    """A batch made and analysed (in a worker process): its rows for every table."""
    names = before + [head.name for head in heads]
    rows = Rows([], [], [], [], [])
    for at, head in enumerate(heads, start=len(before)):
        entry = owned_entry(head, names[max(0, at - CROSS) : at])
        found = analysed(entry)
        aliases = json.dumps(list(entry.aliases))
        rows.entries.append((
            head.number, OWNER, entry.title, entry.kind.value, aliases, 2300 + head.number % 100, None, "[]",
            entry.summary, entry.body, 1, "now", "now", "[]", index.impacts_json(found.impacts),
        ))  # fmt: skip
        rows.postings.extend((OWNER, t, round(v, 4), entry.key) for t, v in found.impacts.items())
        rows.words.extend(index.word_row(OWNER, w) for w in found.words)
        rows.made.append((entry, found))
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
    ids = NameRows()
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
            names, grams = ids.of(rows.made)
            conn.executemany(NAMES_INSERT, names)
            conn.executemany(GRAMS_INSERT, grams)
            conn.commit()
    for counting in TERM_COUNTS:
        conn.execute(counting)
    version = (SERVER_INDEX, SERVER_INDEX_VERSION)
    conn.execute("INSERT OR REPLACE INTO content_versions (name, hash) VALUES (?, ?)", version)
    conn.commit()
    conn.execute("PRAGMA optimize")
    conn.close()
