"""Issue #11 point 7: whatever a moderator wrote (one enormous word, markdown, mentions), no lore
page breaks Discord's embed limits: titles 256, descriptions 4,096, fields 1,024, 6,000 in all."""

from __future__ import annotations

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.lore import Kind, LoreEntry, Years
from bot.domain.lore_facts import Asked, parse_facts
from bot.domain.lore_query import Asks
from bot.domain.treaties import Source, SourceTier
from bot.ui.lore_pages import Shown, entry_pages, timeline_page, timeline_pages
from bot.ui.lore_search_pages import answer_line, search_pages

TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="ab*_`~|>#@<:", min_size=1, max_size=40).map(lambda s: s * 200),  # one long "word"
    st.just("x" * 20_000),
)


def within_limits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert len(field.name or "") <= 256 and len(field.value or "") <= 1024
    assert len(embed) <= 6000


@settings(max_examples=60, deadline=None)
@given(title=TEXT, summary=TEXT, body=TEXT, alias=TEXT, query=TEXT, snippet=TEXT)
def test_no_lore_page_exceeds_discords_limits(
    title: str, summary: str, body: str, alias: str, query: str, snippet: str
) -> None:
    entry = LoreEntry(
        "server-1", title or "t", Kind.EVENT, summary, body, (Source(title, SourceTier.SERVER),),
        aliases=(alias,), years=Years(2293), factions=(alias,), guild_id=5,
        facts=parse_facts({"role": "r" * 200, "cause": "c" * 200, "signatories": ["s" * 200] * 12}),
    )  # fmt: skip
    pages = [
        *entry_pages(entry),
        *search_pages(
            query or "q",
            [Shown(entry, snippet)] * 30,
            {alias: title},
            asks=Asks.TIME,
            asked=Asked.TIME,
            answer=answer_line(snippet or "s", entry, Asked.TIME),
            subject=entry,
            card=entry,
            quote=query[:200],
            guess=query[:200] or None,
        ),
        *timeline_pages([entry] * 40, query[:256] or "Timeline"),
        timeline_page([entry] * 40, query[:256] or "Timeline")[0],
        timeline_page([entry] * 40, query[:256] or "Timeline", from_end=True)[0],
    ]
    for page in pages:
        within_limits(page)


def test_a_moderators_markdown_keeps_its_emphasis_but_not_its_links_or_mentions() -> None:
    """Issue #11 point 8: an imported page reads as the wiki did (bold, italics), while a mention
    or a timestamp in server lore is shown as typed, and a masked link shows its destination."""
    body = "## Battle\n**Kor** led the *fleet*. [Click](http://evil.example) @everyone <@123> <t:1:R>"
    entry = LoreEntry("server-1", "T", Kind.EVENT, "S.", body, (Source("x", SourceTier.SERVER),), guild_id=5)
    page = entry_pages(entry)[1].description or ""
    assert "**Battle**" in page and "**Kor** led the *fleet*." in page
    assert "Click (<http://evil.example>)" in page  # a link shows where it leads (issue #20)
    assert "@\u200beveryone" in page and "\\<@123>" in page and "\\<t:1:R>" in page
