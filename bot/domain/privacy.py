"""The data statements (issue #24): per area, what Khitomer keeps about members and about
servers, why, for how long, and what deleting it does. Loaded from data/privacy.toml by
bot/content/privacy.py; the README's Privacy section is rendered from them (render_markdown).

A holding names the columns that tie what it keeps to its subject: the columns holding a
member's id (for a member holding) or a server's id, or the key of a server's rows (for a
server holding), and `names` the columns holding members' names as shown. Tests prove every
column holding a member's id or name is named by a statement.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Subject(StrEnum):
    MEMBER = "member"
    SERVER = "server"


class Erase(StrEnum):
    """What `/mydata forget` does to a member holding."""

    DELETE = "delete"  # gone: it was the member's alone
    ANONYMISE = "anonymise"  # kept as part of the server's shared record, without the member's name


@dataclass(frozen=True, slots=True)
class Holding:
    subject: Subject
    columns: tuple[str, ...]  # "table.column" holding the subject's id (or a server's rows' key)
    what: str
    why: str
    kept: str  # how long, in words
    keep_days: int | None = None  # pruned after this many days (the table of its columns)
    forget: Erase | None = None  # member holdings only
    forget_text: str = ""  # what forgetting does, in words (member holdings only)
    names: tuple[str, ...] = ()  # "table.column" holding members' names as shown (a signature)

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(column.split(".", 1)[0] for column in self.columns))


@dataclass(frozen=True, slots=True)
class Statement:
    key: str
    name: str
    summary: str
    holdings: tuple[Holding, ...] = ()

    def about(self, subject: Subject) -> tuple[Holding, ...]:
        return tuple(h for h in self.holdings if h.subject is subject)


@dataclass(frozen=True, slots=True)
class Deletion:
    """How to have data deleted, for whom: the closing part of the statements."""

    members: str
    servers: str
    operator: str


@dataclass(frozen=True, slots=True)
class DataPolicy:
    intro: str
    statements: tuple[Statement, ...]
    deletion: Deletion

    def holdings(self, subject: Subject | None = None) -> tuple[Holding, ...]:
        return tuple(
            h for s in self.statements for h in s.holdings if subject is None or h.subject is subject
        )


def member_id_columns(policy: DataPolicy) -> tuple[str, ...]:
    """Every `table.column` that holds members' ids, sorted: what forgetting a member must clear."""
    return tuple(sorted({c for h in policy.holdings(Subject.MEMBER) for c in h.columns}))


def member_name_columns(policy: DataPolicy) -> tuple[str, ...]:
    """Every `table.column` that holds members' names as they were shown (a signature), sorted:
    forgetting a member must clear these too."""
    return tuple(sorted({c for h in policy.holdings(Subject.MEMBER) for c in h.names}))


def server_columns(policy: DataPolicy) -> tuple[str, ...]:
    """Every `table.column` that ties rows to a server, sorted: what a server's purge must clear."""
    return tuple(sorted({c for h in policy.holdings(Subject.SERVER) for c in h.columns}))


def named_tables(policy: DataPolicy) -> frozenset[str]:
    """Every table some statement answers for."""
    return frozenset(c.split(".", 1)[0] for h in policy.holdings() for c in (*h.columns, *h.names))


def uncovered(columns: Iterable[str], covered: Iterable[str]) -> list[str]:
    """The `columns` (found holding someone's id) that no statement covers, sorted."""
    named = set(covered)
    return sorted(set(columns) - named)


def retention_days(policy: DataPolicy) -> dict[str, int]:
    """table -> days after which its rows are deleted, for the tables a statement limits."""
    return {t: h.keep_days for h in policy.holdings() if h.keep_days is not None for t in h.tables}


START = "<!-- privacy:start: built from data/privacy.toml; edit that file, not this section -->"
END = "<!-- privacy:end -->"
WIDTH = 100


def render_markdown(policy: DataPolicy) -> str:
    """The README's Privacy section between its markers (the markers included)."""
    lines = [START, "", *_wrap(policy.intro), ""]
    for statement in policy.statements:
        lines += [f"### {statement.name}", "", *_wrap(statement.summary), ""]
        for subject, label in ((Subject.MEMBER, "About members:"), (Subject.SERVER, "About servers:")):
            held = statement.about(subject)
            if not held:
                continue
            lines += [label, ""]
            for h in held:
                forget = f" `/mydata forget`: {h.forget_text}" if h.forget_text else ""
                lines += _wrap(f"**{h.what}** Why: {h.why} Kept: {h.kept}{forget}", bullet=True)
            lines.append("")
    lines += ["### Having it deleted", ""]
    for label, text in (
        ("Members", policy.deletion.members),
        ("Servers", policy.deletion.servers),
        ("The operator", policy.deletion.operator),
    ):
        lines += _wrap(f"**{label}:** {text}", bullet=True)
    return "\n".join([*lines, "", END])


def _wrap(text: str, *, bullet: bool = False) -> list[str]:
    """Lines of at most WIDTH characters, as the rest of the README is written."""
    first, rest = ("- ", "  ") if bullet else ("", "")
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
