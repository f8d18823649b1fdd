"""The README's Privacy section is the data statements, rendered (issue #24): edit
data/privacy.toml, then paste what this test prints between the section's markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.privacy import data_policy
from bot.domain.privacy import END, START, member_id_columns, member_name_columns, render_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def section(text: str) -> str | None:
    """The README's text from the start marker to the end marker, both included."""
    if START not in text or END not in text:
        return None
    return text[text.index(START) : text.index(END) + len(END)]


def test_the_readme_privacy_section_is_built_from_the_statements() -> None:
    rendered = render_markdown(data_policy())
    if section(README.read_text(encoding="utf-8")) != rendered:
        pytest.fail(
            "README.md's Privacy section differs from data/privacy.toml. Replace everything from "
            f"{START!r} to {END!r} (or add it under '## Privacy') with:\n\n{rendered}\n",
            pytrace=False,
        )


def test_the_section_says_how_to_have_data_deleted_and_names_no_column() -> None:
    rendered = render_markdown(data_policy())
    for words in (
        "`/mydata show`",
        "`/mydata export`",
        "`/mydata forget`",
        "`SERVER_DATA_GRACE`, 30 days by default",
        "`khitomer forget-user USER_ID`",
        "`khitomer purge-server GUILD_ID`",
        "Kept: 90 days.",
        "30 days after it was last asked for",
    ):
        assert words in " ".join(rendered.split()), words
    for column in (*member_id_columns(data_policy()), *member_name_columns(data_policy())):
        assert column not in rendered


def test_a_stale_section_is_caught() -> None:
    readme = f"# Khitomer\n\n## Privacy\n\n{render_markdown(data_policy())}\n"
    assert section(readme) == render_markdown(data_policy())
    assert section(readme.replace("Kept: 90 days.", "Kept: for ever.")) != render_markdown(data_policy())
    assert section("# Khitomer\n") is None
