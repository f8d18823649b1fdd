"""The floor of bench/wiki_import.py's exports: the rows an import writes, made beforehand and
written with raw sqlite3 executemany into the same tables of the same server (titled apart), a
transaction per batch, as the import writes them."""

from __future__ import annotations

import itertools
import sqlite3
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from lore_search import OWNER

from bot.domain.lore import LoreEntry
from bot.domain.lore_facts import Facts
from bot.domain.name_grams import name_keys
from bot.services import lore_bulk
from bot.services.lore_bulk_pages import Prepared
from bot.storage import lore as store
from bot.storage import lore_batch, lore_index, lore_timeline

FLOOR = " (floor)"  # the floor's copy of an entry is titled and named apart


Rows = dict[str, list[tuple[object, ...]]]


def floor_rows(prepared: list[Prepared], first_id: int, first_name: int) -> Rows:
    """The rows an import of `prepared` into server OWNER writes, titled apart (links left out)."""
    rows: Rows = {}
    terms: Counter[str] = Counter()
    words: set[str] = set()
    names = itertools.count(first_name)
    for number, page in enumerate(prepared, first_id):
        found, key = page.analysed, store.server_key(number)
        draft = replace(page.draft, title=page.draft.title + FLOOR)
        facts = store._facts_json(draft.facts or Facts())
        entry = (
            number,
            OWNER,
            *store._columns(draft),
            0,
            "now",
            "now",
            "[]",
            facts,
            lore_index.impacts_json(found.impacts),
        )
        rows.setdefault(lore_batch.ENTRY_INSERT, []).append(entry)
        postings = [(OWNER, t, round(i, 4), key) for t, i in found.impacts.items()]
        rows.setdefault(lore_index.POSTINGS_INSERT, []).extend(postings)
        terms.update(found.impacts.keys())
        words.update(found.words)
        for name, at in zip([n + FLOOR for n in found.names], names, strict=False):
            rows.setdefault(lore_batch.NAMES_INSERT, []).append((at, OWNER, name, draft.title, key))
            grams = [(OWNER, g, len(name), at) for g in name_keys(name)]
            rows.setdefault(lore_batch.GRAMS_INSERT, []).extend(grams)
        shown = LoreEntry(key, draft.title, draft.kind, "", "", (), years=draft.years, guild_id=OWNER)
        years = lore_timeline.years_of(shown)
        first, last, span = (*years, years[1] - years[0]) if years else (None, None, None)
        for faction in [*draft.factions, *([""] if years else [])]:
            line = (number, OWNER, faction, first, last, span, draft.title)
            rows.setdefault(lore_timeline.INSERT, []).append(line)
    rows[lore_batch.TERMS_COUNT] = [(OWNER, t, n) for t, n in sorted(terms.items())]
    rows[lore_index.WORDS_INSERT] = [lore_index.word_row(OWNER, w) for w in sorted(words)]
    return rows


def write_floor(path: Path, prepared: list[Prepared]) -> float:
    """CPU seconds to write the import's rows with raw sqlite3, a transaction per batch (the rows
    made and sorted in index order, as the import writes them, before the clock starts)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = NORMAL")
    taken = 0.0
    for at in range(0, len(prepared), lore_bulk.BATCH):
        first_id, first_name = (
            conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
            for table in ("lore_entries", "lore_names")
        )
        rows = floor_rows(prepared[at : at + lore_bulk.BATCH], first_id, first_name)
        for values in rows.values():
            values.sort(key=lambda row: tuple(map(str, row)))
        started = time.process_time()
        conn.execute("BEGIN IMMEDIATE")
        for sql, values in rows.items():
            conn.executemany(sql, values)
        conn.execute("COMMIT")
        taken += time.process_time() - started
    conn.close()
    return taken
