"""An article's heading: its clause, or a free-text article's opening words cut at a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.accords import Clause
from bot.domain.accords import commands as c
from bot.domain.accords.delegation import Stance
from bot.domain.accords.headings import HEADING_CHARS, heading, title
from tests.support.delegation_games import act, move, opened


def test_a_typed_clause_is_named_by_its_clause() -> None:
    assert heading(Clause.NON_AGGRESSION, "Peace.") == "non-aggression"
    assert title(Clause.NON_AGGRESSION, "Peace.") == "Non-aggression"


def test_free_text_is_named_by_its_opening_words() -> None:
    long = "Each power keeps an envoy aboard the station, and the envoys dine together once a month."
    assert heading(Clause.FREE_TEXT, long) == "Each power keeps an envoy aboard the station…"
    assert heading(Clause.FREE_TEXT, "An embassy on each homeworld.") == "An embassy on each homeworld"
    assert title(Clause.FREE_TEXT, "peace, at last") == "Peace, at last"
    assert heading(Clause.FREE_TEXT, " - ") == "free text"


@given(st.text(alphabet=st.sampled_from("ab ,."), max_size=120))
def test_a_heading_fits_and_is_the_start_of_the_text(text: str) -> None:
    named = heading(Clause.FREE_TEXT, text)
    assert 1 <= len(named) <= HEADING_CHARS
    assert named == "free text" or " ".join(text.split()).startswith(named.removesuffix("…"))


def test_a_delegation_names_a_free_text_article_by_its_words_made_inert() -> None:
    ke, rse = "Klingon Empire", "Romulan Star Empire"
    lines = {"support": ("The {power} supports Article {article} ({clause}).",)}
    state = act(opened((ke, rse)), ke, c.Table(Clause.FREE_TEXT, "**Peace** for <@1>.", (ke, rse), {}))
    made = move(state, Stance(rse, {}, lines=lines))
    assert made is not None and made.command == c.Support(1)
    assert made.line == "The Romulan Star Empire supports Article 1 (\\*\\*Peace\\*\\* for \\<\\@1>)."
