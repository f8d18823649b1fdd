"""data/privacy.toml: the data statements load, say what the issue asks, and a bad file is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import ContentError
from bot.content.privacy import data_policy, load_policy
from bot.domain.privacy import (
    Erase,
    Subject,
    member_id_columns,
    member_name_columns,
    retention_days,
    server_columns,
    uncovered,
)
from bot.storage.retention import PRUNABLE

AREAS = {"lore", "treaties", "accords", "configuration", "paging", "error_reports", "departures", "citations"}


def test_every_area_states_what_it_keeps() -> None:
    policy = data_policy()
    assert {s.key for s in policy.statements} == AREAS
    for statement in policy.statements:
        assert statement.name and statement.summary
        for holding in statement.holdings:
            assert holding.what and holding.why and holding.kept
            assert (holding.forget is not None) == (holding.subject is Subject.MEMBER)


def test_the_columns_holding_members_ids_and_names() -> None:
    """What the helpers that forget a member check their deletes against."""
    policy = data_policy()
    assert member_id_columns(policy) == (
        "accord_events.actor_id",
        "error_reports.user_id",
        "game_events.actor_id",
        "game_events.data",
        "games.state",
        "lore_entries.author_id",
        "outbox.body",
        "pager_args.owner_id",
        "reputation.user_id",
    )
    assert member_name_columns(policy) == ("accords.parties", "game_events.data")
    assert "lore_entries.guild_id" in server_columns(policy)
    assert uncovered(["reputation.user_id", "notes.author"], member_id_columns(policy)) == ["notes.author"]


def test_what_is_yours_alone_is_deleted_and_the_shared_record_anonymised() -> None:
    forget = {c: h.forget for h in data_policy().holdings(Subject.MEMBER) for c in h.columns}
    assert forget["reputation.user_id"] is Erase.DELETE and forget["pager_args.owner_id"] is Erase.DELETE
    assert forget["error_reports.user_id"] is Erase.DELETE
    assert (
        forget["game_events.actor_id"] is Erase.ANONYMISE
        and forget["lore_entries.author_id"] is Erase.ANONYMISE
    )


def test_error_reports_are_kept_90_days_and_page_texts_30_and_both_are_pruned() -> None:
    assert retention_days(data_policy()) == {"error_reports": 90, "pager_args": 30}
    assert set(retention_days(data_policy())) == set(PRUNABLE)  # each limit has its pruner, and back


HEAD = """intro = "i"
[deletion]
members = "m"
servers = "s"
operator = "o"
"""
AREA = '[[area]]\nkey = "lore"\nname = "Lore"\nsummary = "s"\n'
MEMBER = (
    '[[area.member]]\ncolumns = ["lore_entries.author_id"]\nwhat = "w"\nwhy = "y"\nkept = "k"\n'
    'forget = "delete"\nforget_text = "f"\n'
)
SERVER = '[[area.server]]\ncolumns = ["lore_entries.guild_id"]\nwhat = "w"\nwhy = "y"\nkept = "k"\n'


def test_a_small_good_file_loads(tmp_path: Path) -> None:
    (tmp_path / "privacy.toml").write_text(HEAD + AREA + MEMBER + SERVER)
    policy = load_policy(tmp_path / "privacy.toml")
    assert member_id_columns(policy) == ("lore_entries.author_id",)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (HEAD.replace('operator = "o"\n', "") + AREA, "missing field 'operator'"),
        (HEAD + AREA + MEMBER.replace('forget = "delete"', 'forget = "shred"'), "forget is 'delete' or"),
        (HEAD + AREA + MEMBER.replace('forget = "delete"\n', ""), "forget is 'delete' or"),
        (HEAD + AREA + SERVER + 'forget = "delete"\n', "belong to member holdings"),
        (HEAD + AREA + MEMBER.replace("lore_entries.author_id", "author"), "not spelt table.column"),
        (HEAD + AREA + MEMBER.replace('what = "w"', 'what = ""'), "missing field 'what'"),
        (HEAD + AREA + MEMBER + "keep_days = 0\n", "at least 1"),
        (HEAD + AREA + MEMBER + 'colour = "red"\n', r"fields \['colour'\] mean nothing"),
        (HEAD + AREA + MEMBER + AREA, "stated twice"),
        (HEAD + AREA + MEMBER + MEMBER, "answered for by two member holdings"),
        (
            HEAD + AREA + MEMBER.replace('"lore_entries.author_id"', '"a.b", "c.d"') + "keep_days = 3\n",
            "keep_days applies to one table",
        ),
        (
            HEAD
            + AREA
            + MEMBER
            + "keep_days = 3\n"
            + SERVER.replace("lore_entries.guild_id", "lore_entries.id")
            + "keep_days = 4\n",
            r"kept for \[3, 4\] days",
        ),
        (HEAD + AREA + MEMBER.replace('why = "y"', 'why = "see lore_entries.author_id"'), "plain words name"),
        (HEAD, "no \\[\\[area\\]\\] states anything"),
    ],
)
def test_a_bad_statement_is_named(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "privacy.toml").write_text(body)
    with pytest.raises(ContentError, match=rf"privacy\.toml.*{message}"):
        load_policy(tmp_path / "privacy.toml")


def test_khitomer_check_refuses_a_broken_statement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`khitomer check` and every start load the statements with the rest of the data."""
    from bot.content import privacy
    from bot.ops.health import check_data

    (tmp_path / "privacy.toml").write_text(HEAD + AREA + MEMBER.replace('forget = "delete"\n', ""))
    monkeypatch.setattr(privacy, "data_root", lambda: tmp_path)
    data_policy.cache_clear()
    try:
        with pytest.raises(ContentError, match=r"privacy\.toml: area lore, member holding 1: forget is"):
            check_data()
    finally:
        data_policy.cache_clear()
