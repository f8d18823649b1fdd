"""Wikitext as Markdown through mwparserfromhell, and the guard that keeps parsing linear."""

from __future__ import annotations

import contextlib
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput
from bot.domain.lore import Years
from bot.services.lore_import import read_file
from bot.services.wikitext import convert
from bot.services.wikitext_guard import MAX_MARKUP, guard

KNOWN = {"klingon empire": "klingon-empire", "praxis": "praxis", "kor": "kor"}


def known(name: str) -> str | None:
    return KNOWN.get(name.casefold())


PAGE = """{{Infobox treaty
| name = Khitomer Accords
| signed = 2293
| parties = [[Klingon Empire|Klingons]]<br>[[United Federation of Planets|Federation]]
}}
The '''Khitomer Accords''' ended the war after [[Praxis]] exploded.<ref>''Star Trek VI''</ref>
<!-- editors: keep this short -->

== Terms ==
* The [[Klingon Empire]] gave up ''all'' claims.
** Including [[Nimbus III]].
# First article
{{Quote|It begins here.}}{{cite book|title=The Accords|year=2293}}

=== Signatories ===
{| class="wikitable"
|+ Delegates
! Power !! Delegate
|-
| Federation || [[James T. Kirk|Kirk]]
|-
| Klingons || Azetbur
|}
See [https://example.org the text]. [[File:Khitomer.jpg|thumb|A picture]]
[[Category:Treaties]] [[de:Khitomer-Abkommen]] {{Navbox treaties}}
"""


def test_a_wiki_page_reads_as_markdown_with_its_facts() -> None:
    page = convert(PAGE, known)
    text = "\n\n".join(page.paragraphs)
    assert page.paragraphs[0] == "The **Khitomer Accords** ended the war after Praxis exploded."
    assert "## Terms" in page.paragraphs and "### Signatories" in page.paragraphs
    assert "- The Klingon Empire gave up *all* claims.\n  - Including Nimbus III.\n1. First article" in text
    assert "It begins here." in text  # a template that only dresses its text keeps it
    assert "*Delegates*\n**Power** · **Delegate**\nFederation · Kirk\nKlingons · Azetbur" in text
    assert "See [the text](https://example.org)." in text  # a web link stays a link (issue #20)
    for gone in ("[[", "{{", "<ref", "editors", "thumb", "Category", "Abkommen", "Navbox", "<!--"):
        assert gone not in text, gone
    assert page.years == Years(2293, None)
    assert page.factions == ("Klingons", "Federation")
    assert page.related == ("klingon-empire", "praxis")  # the infobox links first
    assert page.sources == ("*Star Trek VI*", "The Accords (2293)")


def test_links_show_their_labels_and_sections() -> None:
    page = convert(
        "[[Kor#Early life|young Kor]] and [[Kor]] and [[#History]] and [[:Category:X|a list]]", known
    )
    assert page.paragraphs == ("young Kor and Kor and History and a list",)
    assert page.related == ("kor",)


@pytest.mark.parametrize(
    ("broken", "shown"),
    [
        ("{{unclosed|template and text", "{{unclosed|template and text"),
        ("<ref>never closed and text", "never closed and text"),
        ("a </div> stray end", "a  stray end"),
        ("<span title='x>text", "<span title='x>text"),
        ("[https://example.org never closed", "[https://example.org never closed"),
    ],
)
def test_unclosed_markup_is_shown_as_text(broken: str, shown: str) -> None:
    assert " ".join(convert(broken).paragraphs) == shown


def test_the_guard_pairs_what_it_can_and_counts_markup() -> None:
    assert guard("{{a|{{b}}") == "&#123;&#123;a|{{b}}"
    assert guard("<div>[[x]]</div><!-- gone -->") == "<div>[[x]]</div>"
    assert guard("<nowiki>{{ not a template</nowiki>") == "<nowiki>{{ not a template</nowiki>"
    with pytest.raises(InvalidInput, match="more than 4,000 links"):
        guard("[[a]]" * (MAX_MARKUP + 1))


# --- a megabyte of adversarial wikitext, through the whole import path ------------------------------

MEGABYTE = 1_000_000


def fill(unit: str, size: int = MEGABYTE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def soup(seed: int, pieces: int = 3_000) -> str:
    """Random wikitext pieces, closed and unclosed, nested and not, then text to a megabyte."""
    rng = random.Random(seed)
    tokens = ["{{", "}}", "[[", "]]", "{|\n", "\n|}", "<ref>", "</ref>", "<div>", "</div>", "''", "'''",
              "\n== x ==\n", "|", "\n", "a ", "<!--", "-->", "<nowiki>", "</nowiki>", "[http://x y]",
              "&amp;", "<a b='", "[https://x ", "\n* ", ";a:b\n"]  # fmt: skip
    text = "".join(rng.choice(tokens) for _ in range(pieces))
    return text + fill("word ", MEGABYTE - len(text))


ADVERSARIAL = {
    "blank lines": "'''Kor''' was a Klingon.\n" + "\n" * MEGABYTE,
    "one huge line": fill("word "),
    "deeply nested templates": "{{a|" * 3_000 + "x" + "}}" * 3_000 + fill("text ", MEGABYTE - 18_001),
    "nested templates to the end": fill("{{a|"),
    "many headings": fill("== Heading ==\n"),
    "headings within the limit": "== H ==\nText.\n" * 3_000 + fill("word ", MEGABYTE - 45_000),
    "unclosed templates": "{{a|\n" * 3_000 + fill("w ", MEGABYTE - 15_000),
    "unclosed tags": "<div>''a" * 3_000 + fill("w ", MEGABYTE - 24_000),
    "unclosed tables": "{|\n|a\n" * 3_000 + fill("w ", MEGABYTE - 18_000),
    "tags that never end": "<a b='" * 3_000 + fill("w ", MEGABYTE - 18_000),
    "unclosed external links": "[http://x " * 3_000 + fill("w ", MEGABYTE - 30_000),
    "quotes left open in tags": "<ref>''b</ref>" * 3_000 + fill("w ", MEGABYTE - 42_000),
    **{f"random markup {seed}": soup(seed) for seed in range(3)},
}


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_a_megabyte_of_adversarial_wikitext_is_a_page_or_a_plain_refusal(name: str) -> None:
    """mwparserfromhell alone takes 20 s for 8,000 unclosed templates and minutes for unended
    tags; the guard keeps every case linear (bench/wiki_import.py measures it), and a page with
    more markup than an entry could hold is refused before parsing."""
    with contextlib.suppress(InvalidInput):  # too much markup, or too long for an entry
        read_file(ADVERSARIAL[name].encode(), "page.wiki", known)


WIKI_PIECES = [
    "{{", "}}", "[[", "]]", "{|", "|}", "|-", "|", "!", "\n", " ", "a", "'''", "''", "==", "=",
    "<ref>", "</ref>", "<ref name=x/>", "<br>", "<div>", "</div>", "<!--", "-->", "[http://x ",
    "]", "*", "#", ":", ";", "&amp;", "&#", "{{{", "}}}", "Infobox", "cite", "File:", "Category:",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WIKI_PIECES), max_size=120))
def test_any_wikitext_is_a_page_or_a_clear_refusal(pieces: list[str]) -> None:
    try:
        page = read_file("".join(pieces).encode(), "any.wiki", known)
    except InvalidInput:
        return
    assert page.title and page.summary
    assert "\x01" not in page.body  # list marks never leak
