"""Wikitext as Markdown through mwparserfromhell, and the guard that keeps parsing linear."""

from __future__ import annotations

import cProfile
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.errors import InvalidInput
from bot.domain.lore import MAX_BODY, Years
from bot.services import wikitext
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


def table(rows: int) -> str:
    return (
        '{| class="wikitable"\n! Ship !! Captain !! Year\n'
        + "".join(f"|-\n| Ship {n} || Captain {n} || {2300 + n}\n" for n in range(rows))
        + "|}\n"
    )


def test_a_big_table_is_refused_before_it_is_parsed_saying_what_is_too_big(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """mwparserfromhell takes 2-3 s for a 400 KB table (its rows and cells are nodes like any
    other markup), holding the GIL: the guard counts them, so the page never reaches it."""
    parsed: list[str] = []
    monkeypatch.setattr("mwparserfromhell.parse", lambda text, **kw: parsed.append(text))
    page = "Ships of the line.\n" + table(12_000)
    assert len(page) > 400_000
    with pytest.raises(InvalidInput) as refused:
        read_file(page.encode(), "ships.wiki", known)
    assert refused.value.message == (
        "That page's tables have 48,004 rows, cells and attributes: more than the 4,000 pieces of markup one"
        " entry can hold. Import it without its largest tables, or split it."
    )
    assert parsed == []


def test_table_cells_count_once_and_only_in_tables() -> None:
    rows = (MAX_MARKUP - 10) // 4  # a row, and three cells on it
    assert guard(table(rows)) == table(rows)
    nested = "{|\n| outer\n|-\n|\n{|\n| inner || cell\n|}\n|}\n"
    fits = MAX_MARKUP // 7  # 7 pieces each (two tables, five rows and cells): the inner table once
    assert guard(nested * fits) == nested * fits
    with pytest.raises(InvalidInput, match="tables have"):
        guard(nested * (fits + 1))
    loose = "| not a cell || outside a table\n! nor this !! one\n"
    assert guard(loose * MAX_MARKUP) == loose * MAX_MARKUP
    unclosed = "{|\n| never closed\n"
    assert guard(unclosed * 10) == "&#123;|\n| never closed\n" * 10  # not a table: no cells


@pytest.mark.parametrize(
    ("page", "said"),
    [  # each took the parser 2-9 s (60,000 parameters or attributes; 4,000 lines of forty marks)
        ("{{Infobox" + "|a=b" * 5_000 + "}}\nText.", "That page's templates have 5,000 parameters: "),
        ("{| " + "a=b " * 5_000 + "\n| cell\n|}\nText.", "That page's tables have 5,001 rows, cells and "),
        (("\n" + "*" * 40 + " deep") * 101 + "\nText.", "That page has more than 4,000 links, templates"),
        (("<span" + " a=b" * 450 + ">x</span>\n") * 10, "That page has more than 4,000 links, templates"),
    ],
)
def test_what_the_parser_makes_many_nodes_of_counts_as_many(page: str, said: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        guard(page)
    assert refused.value.message.startswith(said)


def test_unclosed_raw_tags_look_for_their_end_once() -> None:
    """3,000 unclosed <nowiki> each read the rest of a megabyte page for "</nowiki" (0.5 s)."""
    profile = cProfile.Profile()
    rest = "text " * 100_000
    assert profile.runcall(guard, "<nowiki>a " * 3_000 + rest) == "a " * 3_000 + rest  # dropped
    searches = sum(stat.callcount for stat in profile.getstats() if "'find'" in repr(stat.code))
    assert searches == 1


def test_tables_inside_tables_are_read_once_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each cell was read twice (as a caption, then as a cell): 2^depth reads, so a 300-byte
    page of tables 25 deep never finished."""
    reads: list[object] = []
    real = wikitext._Writer.line

    def line(self: wikitext._Writer, code: object) -> str:
        reads.append(code)
        return real(self, code)  # type: ignore[arg-type]

    monkeypatch.setattr(wikitext._Writer, "line", line)
    depth = 14
    page = "Lead.\n" + "{|\n| cell\n" * depth + "|}\n" * depth
    assert convert(page).paragraphs == ("Lead.", " ".join(["cell"] * depth))
    assert len(reads) <= 2 * depth


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
    "blank lines": "'''Kor''' was a Klingon.\n" + "\n" * (MEGABYTE - 25),
    "one huge line": fill("word "),
    "deeply nested templates": "{{a|" * 3_000 + "x" + "}}" * 3_000 + fill("text ", MEGABYTE - 18_001),
    "nested templates to the end": fill("{{a|"),
    "many headings": fill("== Heading ==\n"),
    "headings within the limit": "== H ==\nText.\n" * 3_000 + fill("word ", MEGABYTE - 42_000),
    "unclosed templates": "{{a|\n" * 3_000 + fill("w ", MEGABYTE - 15_000),
    "unclosed tags": "<div>''a" * 3_000 + fill("w ", MEGABYTE - 24_000),
    "unclosed tables": "{|\n|a\n" * 3_000 + fill("w ", MEGABYTE - 18_000),
    "tags that never end": "<a b='" * 3_000 + fill("w ", MEGABYTE - 18_000),
    "unclosed external links": "[http://x " * 3_000 + fill("w ", MEGABYTE - 30_000),
    "quotes left open in tags": "<ref>''b</ref>" * 3_000 + fill("w ", MEGABYTE - 42_000),
    **{f"random markup {seed}": soup(seed) for seed in range(3)},
}


# A refusal a moderator reads: whole sentences in words, no markup of the page, no internal names.
PLAIN = re.compile(r"[A-Z][\w ,.:;'()-]*\.")
INTERNAL = re.compile(r"\b\w+_\w+\b|Error|Traceback")


@pytest.mark.parametrize("name", ADVERSARIAL)
def test_a_megabyte_of_adversarial_wikitext_is_a_page_or_a_plain_refusal(name: str) -> None:
    """mwparserfromhell alone takes 20 s for 8,000 unclosed templates and minutes for unended
    tags; the guard keeps every case linear (bench/wiki_import.py measures it), and a page with
    more markup than an entry could hold is refused before parsing."""
    data = ADVERSARIAL[name].encode()
    assert len(data) == MEGABYTE  # read and parsed, not refused for its size before that
    try:
        page = read_file(data, "page.wiki", known)
    except InvalidInput as refusal:  # too much markup, or too long for an entry
        said = refusal.message
        assert PLAIN.fullmatch(said) and not INTERNAL.search(said), said
        assert "markup" in said or f"at most {MAX_BODY:,} characters" in said, said
        return
    assert page.title and page.summary and page.body
    assert len(page.body) <= MAX_BODY and "\x01" not in page.body  # list marks never leak


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
