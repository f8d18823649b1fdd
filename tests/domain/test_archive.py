"""A server's archive read back (bot/domain/archive_check.py): what is written reads back as it
was; anything else, however malformed, is a refusal that says where, never another error."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.accords.after_events import ComplaintDecided, ComplaintFiled, VoteCast, Withdrawn
from bot.domain.archive import (
    MARKER,
    AccordEvent,
    AccordRecord,
    Archive,
    Link,
    LoreRecord,
    ReputationRow,
    SettingsRecord,
    SettingValue,
    accord_json,
    lore_json,
    reputation_json,
    settings_json,
)
from bot.domain.archive_check import read_archive
from bot.domain.archive_markdown import lore_from_zip, manifest_row, markdown_of, read_markdown
from bot.domain.archive_settings import keep_present
from bot.domain.errors import InvalidInput
from bot.domain.lore import Kind, Years
from bot.domain.lore_facts import parse_facts
from bot.domain.treaties import Article, HistoryEvent, Party

NOW = "2293-04-01T12:00:00+00:00"
KORTH = LoreRecord(
    "Admiral Korth",
    Kind.PERSON,
    "Korth led the fleet.",
    "## Life\nBorn on Qo'noS.",
    aliases=("Korth of Martok",),
    years=Years(2330, 2390),
    factions=("Klingon Empire",),
    related=(Link("lore", "Battle of Zeta"), Link("canon", "kor")),
    facts=parse_facts({"born": 2330}),
    author_id=42,
    created_at=NOW,
    updated_at=NOW,
)
ZETA = LoreRecord("Battle of Zeta", Kind.BATTLE, "A skirmish.", "", created_at=NOW, updated_at=NOW)
ACCORD = AccordRecord(
    "Nimbus Talks",
    "Ratified by all.",
    "2268",
    "Nimbus III",
    (Party("Klingon Empire", ("alice",)), Party("Romulan Star Empire", ("bob",))),
    (Article(1, "Non-aggression", "Peace."), Article(2, "Trade", "Grain.")),
    NOW,
    year=2268,
    history=(HistoryEvent(2268, "signed", "Ratified."),),
    events=(
        AccordEvent(NOW, 1, Withdrawn("Klingon Empire", "The Council.")),
        AccordEvent(NOW, 2, ComplaintFiled("Romulan Star Empire", 1, "Klingon Empire", "Raids.")),
        AccordEvent(NOW, 2, VoteCast("Romulan Star Empire", 1, True)),
        AccordEvent(NOW, 2, ComplaintDecided("Romulan Star Empire", 1, True)),
    ),
)
SETTINGS = SettingsRecord(
    (SettingValue("answers.visibility", 77, "private"), SettingValue("deadline.lobby", 0, "7200")),
    ("treaties",),
)
ARCHIVE = Archive((ZETA, KORTH), (ACCORD,), SETTINGS, (ReputationRow(42, 3, 1),))


def as_json(archive: Archive) -> dict[str, Any]:
    assert archive.settings is not None and archive.reputation is not None
    return {
        MARKER: 1,
        "lore": [lore_json(r) for r in archive.lore],
        "accords": [accord_json(r) for r in archive.accords],
        "settings": settings_json(archive.settings),
        "reputation": [reputation_json(r) for r in archive.reputation],
    }


def refusal(raw: Any) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_archive(raw)
    return caught.value.message


def test_an_archive_reads_back_as_it_was_written() -> None:
    assert read_archive(json.loads(json.dumps(as_json(ARCHIVE)))) == ARCHIVE


def changed(path: list[Any], value: Any) -> dict[str, Any]:
    raw = as_json(ARCHIVE)
    at: Any = raw
    for step in path[:-1]:
        at = at[step]
    if value is KeyError:
        del at[path[-1]]
    else:
        at[path[-1]] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "said"),
    [
        ([MARKER], 2, "made by a newer release of Khitomer (archive version 2)"),
        ([MARKER], "1", "That archive's version is not a number this bot knows."),
        (["lore"], {}, "In the archive, the lore entries should be a list."),
        (["reputation"], KeyError, "In the archive, the reputation is missing."),
        (
            ["lore", 0, "colour"],
            "red",
            "lore entry 1, there is a field this version of the archive does not know: `colour`",
        ),
        (["lore", 1, "title"], "K" * 101, "lore entry 2, the title is 101 characters long; at most 100."),
        (
            ["lore", 1, "title"],
            "Battle of ZETA",
            "lore entry 2 ('Battle of ZETA'), the title is already lore",
        ),
        (
            ["lore", 1, "aliases"],
            ["Battle of Zeta!"],
            "the name 'Battle of Zeta!' is already a name of lore entry 1",
        ),
        (
            ["lore", 1, "related", 0],
            {"lore": "Nowhere"},
            "a link leads to 'Nowhere', which is no entry of the archive",
        ),
        (["lore", 1, "years", "end"], 2000, "the last year comes before the first"),
        (["lore", 1, "author_id"], True, "the author should be a Discord member's id"),
        (["lore", 1, "created_at"], "yesterday", "the time it was written should be a date and time"),
        (["lore", 1, "facts"], {"born": "long ago"}, "the fact 'born' is a year, like 2293"),
        (["lore", 1, "kind"], "ghost", "the kind 'ghost' is not one of event, treaty"),
        (
            ["accords", 0, "articles", 1, "number"],
            1,
            "accord 1 ('Nimbus Talks'), article I is numbered twice",
        ),
        (["accords", 0, "articles", 1, "number"], 3, "numbered I, II, III … in order, without gaps"),
        (
            ["accords", 0, "events", 0, "power"],
            "Borg",
            "event 1, the power 'Borg' is not a party to the accord",
        ),
        (["accords", 0, "events", 2, "number"], 2, "event 3, complaint 2 is not filed before it"),
        (["accords", 0, "events", 2, "uphold"], "yes", "event 3, the vote should be true or false"),
        (["accords", 0, "parties", 1, "name"], "klingon empire", "the party 'klingon empire' is named twice"),
        (["settings", "values", 0, "name"], "colour", "setting 1, there is no setting 'colour'"),
        (["settings", "values", 1, "scope"], 5, "set for the whole server, not per channel"),
        (["settings", "values", 1, "value"], "30", "durations run from 1m to 30d"),
        (["settings", "areas_off"], ["treaties", "treaties"], "the areas turned off should be some of"),
        (["reputation", 0, "points"], 1.5, "reputation row 1, the points should be a whole number"),
    ],
)
def test_a_bad_field_is_refused_saying_where(path: list[Any], value: Any, said: str) -> None:
    assert said in refusal(changed(path, value))


def test_anything_but_an_archive_is_refused_as_such() -> None:
    raws: list[Any] = [None, [], "archive", 1, {"lore": []}]
    for raw in raws:
        assert refusal(raw) == "That file is not a Khitomer archive: `/config export` makes one."


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_any_json_is_an_archive_or_a_refusal(raw: Any) -> None:
    try:
        read_archive(raw)
    except InvalidInput as error:
        assert error.message
    try:
        read_archive({MARKER: 1, **raw} if isinstance(raw, dict) else {MARKER: 1, "lore": raw})
    except InvalidInput as error:
        assert error.message


def places(raw: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    found = [path]
    if isinstance(raw, dict):
        for key, value in raw.items():
            found += places(value, (*path, key))
    elif isinstance(raw, list):
        for at, value in enumerate(raw):
            found += places(value, (*path, at))
    return found


PLACES = places(as_json(ARCHIVE))[1:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLACES), JSON)
def test_an_archive_with_any_value_anywhere_reads_or_is_refused(path: tuple[Any, ...], value: Any) -> None:
    raw = copy.deepcopy(as_json(ARCHIVE))
    at: Any = raw
    for step in path[:-1]:
        at = at[step]
    at[path[-1]] = value
    try:
        read = read_archive(raw)
    except InvalidInput as error:
        assert error.message.startswith(("In the archive", "That archive", "That file"))
        return
    assert read_archive(as_json(read)) == read  # what it accepts, it writes back the same


def test_settings_naming_what_a_server_lacks_are_left_out_and_said() -> None:
    record = SettingsRecord(
        (
            SettingValue("answers.visibility", 77, "private"),
            SettingValue("game.channels", 0, "5,6"),
            SettingValue("gm_role", 0, "9"),
        ),
        (),
    )
    kept = keep_present(record, lambda channel: channel == 5, lambda role: False)
    assert kept.settings.values == (SettingValue("game.channels", 0, "5"),)
    assert kept.dropped == (
        "`answers.visibility` in a channel this server does not have",
        "`game.channels`: 1 channel this server does not have",
        "`gm_role`: this server has no such role",
    )


def test_an_entry_as_markdown_reads_back_with_its_row() -> None:
    text = markdown_of(KORTH)
    assert text == "# Admiral Korth\n\nKorth led the fleet.\n\n## Life\nBorn on Qo'noS.\n\nBorn: 2330\n"
    assert read_markdown(text, "file") == {
        "title": "Admiral Korth",
        "summary": "Korth led the fleet.",
        "body": "## Life\nBorn on Qo'noS.",
        "facts": {"born": 2330},
    }
    files = {"battle of zeta": "0001.md", "admiral korth": "0002.md"}
    manifest: dict[str, Any] = {
        "khitomer_lore": 1,
        "entries": [manifest_row(ZETA, "0001.md", files), manifest_row(KORTH, "0002.md", files)],
    }
    texts = {"0001.md": markdown_of(ZETA), "0002.md": text}
    assert lore_from_zip(manifest, texts, author_id=7, now=NOW) == (ZETA, KORTH)
    # a file added by hand needs a row with its kind; it is the importer's, written now
    texts["0003.md"] = "# Qo'noS Station\n\nA station.\n"
    with pytest.raises(InvalidInput, match=r"has no row in lore\.json"):
        lore_from_zip(manifest, texts, author_id=7, now=NOW)
    manifest["entries"].append({"file": "0003.md", "kind": "place"})
    added = lore_from_zip(manifest, texts, author_id=7, now=NOW)[2]
    assert (added.title, added.kind, added.author_id, added.created_at) == (
        "Qo'noS Station",
        Kind.PLACE,
        7,
        NOW,
    )
