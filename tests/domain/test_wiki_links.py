"""`[[Praxis]]` lore links in a member's message (issue #25): what counts as a link, and what not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.wiki_links import MAX_NAME, first_links, wiki_links


def names(text: str) -> list[str]:
    return [link.name for link in wiki_links(text)]


def test_links_in_order_with_the_text_shown() -> None:
    text = "We met above [[Praxis]] before [[Khitomer|the conference]] began."
    found = wiki_links(text)
    assert [(link.name, link.shown) for link in found] == [
        ("Praxis", "Praxis"),
        ("Khitomer", "the conference"),
    ]
    assert [text[link.start :].split("]]")[0] for link in found] == ["[[Praxis", "[[Khitomer|the conference"]


def test_a_name_is_trimmed_and_its_section_dropped() -> None:
    assert names("[[  Kor   son of  Rynar ]] and [[Praxis#Explosion|the blast]]") == [
        "Kor son of Rynar",
        "Praxis",
    ]


def test_each_name_once_whatever_its_case() -> None:
    assert names("[[Praxis]], [[praxis|it]] and [[PRAXIS]] again, then [[Kor]]") == ["Praxis", "Kor"]


def test_what_is_not_a_link() -> None:
    assert names("[[]] [[ ]] [[|shown]] [Praxis] [[Pra\nxis]] [[Prax[is]]") == []
    assert names("an escaped \\[[Praxis]] shows the brackets") == []
    assert names(f"[[{'x' * (MAX_NAME + 1)}]]") == []


def test_links_inside_code_are_examples_not_links() -> None:
    text = "Write `[[Praxis]]` like this:\n```\n[[Kor]]\n```\nbut [[Gowron]] is a link."
    assert names(text) == ["Gowron"]


def test_the_first_links_and_how_many_more() -> None:
    text = " ".join(f"[[Entry {n}]]" for n in range(1, 14))
    shown, skipped = first_links(text, 10)
    assert [link.name for link in shown] == [f"Entry {n}" for n in range(1, 11)]
    assert skipped == 3
    assert first_links("[[Kor]]", 10) == (wiki_links("[[Kor]]"), 0)


@given(st.text(max_size=300))
def test_any_text_is_read_and_every_name_is_usable(text: str) -> None:
    for link in wiki_links(text):
        assert link.name == link.name.strip() and 0 < len(link.name) <= MAX_NAME
        assert "\n" not in link.name and "[" not in link.name and "]" not in link.name
        assert text[link.start : link.start + 2] == "[["
