"""A near spelling is looked for once per index and typed text, and never answered from before a
name was added."""

from __future__ import annotations

import pytest
from rapidfuzz import process

from bot.services.name_index import NameIndex


def test_near_spellings_are_remembered_until_names_change(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    scan = process.extractOne

    def counted(query, choices, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(query)
        return scan(query, choices, **kwargs)

    monkeypatch.setattr(process, "extractOne", counted)
    names = NameIndex()
    names.add_many([("lore:gowron", "Gowron", ()), ("lore:martok", "Martok", ("General Martok",))])
    assert names.near("Gowran", 80) == ["lore:gowron"]
    assert names.near("gowran", 80) == ["lore:gowron"]  # the same once normalised: no second scan
    assert names.near("Gowran", 95) == []  # another cutoff is another question
    assert calls == ["gowran", "gowran"]
    names.add("server:1", "Gowran", ())  # a server's own name, exactly as typed
    assert names.near("Gowran", 80) == ["server:1"]
    names.add_rows([("gowrann", "Gowrann", "server:2")])
    assert names.near("Gowrann", 90) == ["server:2"]
    assert len(calls) == 4
