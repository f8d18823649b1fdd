"""The names a message may hold, looked up among a server's accords before the finder reads it
(issue #25): every accord the finder can cite by its exact name or alias is among them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.citations import LONGEST_NAME, find_citations, names_read
from bot.domain.references import normalise
from bot.domain.treaties import Article, Treaty


def accord(name: str, *aliases: str) -> Treaty:
    return Treaty(
        key=f"accord-{abs(hash(name)) % 1000}",
        name=name,
        summary="",
        year=None,
        date_text="",
        place="",
        parties=(),
        articles=(Article(1, "One", "…"), Article(2, "Two", "…")),
        aliases=aliases,
        guild_id=1,
    )


def test_the_names_are_spelt_as_the_accord_index_holds_them() -> None:
    read = names_read("As Article 2 of the Treaty of the Mempa Line says — and Qo'noS Accord, art. 1!")
    assert normalise("Treaty of the Mempa Line") in read
    assert normalise("Qo'noS Accord") in read
    assert "mempa line" in read and "article" in read
    assert not any(name.startswith("the ") for name in read)


def test_a_name_does_not_run_across_marks_or_past_the_longest_name() -> None:
    read = names_read("Nimbus Compact. Article II: " + " ".join(["word"] * 20))
    assert "nimbus compact" in read and "compact article" not in read
    assert max(len(name.split()) for name in read) == LONGEST_NAME


def test_a_dash_inside_a_name_is_read_as_the_index_reads_it() -> None:
    assert normalise("Klingon–Romulan Pact") in names_read("The Klingon–Romulan Pact, Article 1")


FORMS = [
    "Article II of the Nimbus Compact",
    "Nimbus Compact, Article II",
    "Compact of Nimbus art. 1",
    "The Treaty of the Mempa Line is clear. Article 2: no ships.",
    "Arts. 1 and 2 under the Treaty of the Mempa Line",
]


def test_the_finder_among_the_accords_looked_up_finds_what_it_finds_among_them_all() -> None:
    for text in FORMS:
        assert find_citations(text, looked_up(text)) == find_citations(text, ACCORDS) != [], text


ACCORDS = [accord("Nimbus Compact", "Compact of Nimbus"), accord("Treaty of the Mempa Line")]


def looked_up(text: str) -> list[Treaty]:
    """The accords an index lookup of names_read(text) returns (exact names and aliases)."""
    read = set(names_read(text))
    return [a for a in ACCORDS if {normalise(a.name), *map(normalise, a.aliases)} & read]


@given(
    st.lists(
        st.sampled_from(
            ["Article II", "of the", "Nimbus Compact", "Treaty of the Mempa Line", ",", "art. 1", "and", "."]
        ),
        max_size=20,
    )
)
def test_any_message_of_exact_names_is_read_the_same(parts: list[str]) -> None:
    text = " ".join(parts)
    assert find_citations(text, looked_up(text)) == find_citations(text, ACCORDS)
