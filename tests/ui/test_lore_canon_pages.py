"""A canon entry's pages are drawn once for each way a server shows them (bot/ui/lore_pages.py,
issue #21 point 5), and every caller gets embeds of its own: the search's cover adds an author
line to the card, and a change to one reply must never reach the next."""

from __future__ import annotations

import json

from bot.content.lore import canon_lore
from bot.domain.lore import as_shown
from bot.ui import lore_pages


def test_kept_pages_are_handed_out_as_copies_that_share_nothing() -> None:
    lore_pages._canon_pages.cache_clear()
    entry = next(e for e in canon_lore() if e.key == "camp-khitomer")
    first = lore_pages.entry_pages(entry)
    expected = json.loads(json.dumps([page.to_dict() for page in first]))  # to_dict shares the lists
    first[0].add_field(name="Changed", value="by a caller")
    first[0].set_author(name="You asked for something")
    first[0].set_footer(text="Page 1 of 9")
    first[0]._fields[0]["value"] = "overwritten"  # type: ignore[attr-defined]
    again = lore_pages.entry_pages(entry)
    assert [page.to_dict() for page in again] == expected
    assert lore_pages._canon_pages.cache_info().hits == 1


def test_each_way_a_server_shows_an_entry_is_drawn_as_such() -> None:
    lore_pages._canon_pages.cache_clear()
    entry = next(e for e in canon_lore() if e.key == "camp-khitomer")
    canon_only = as_shown(entry, frozenset({"canon"}))
    assert canon_only is not None and canon_only is not entry
    everything = lore_pages.entry_pages(entry)[0].to_dict()
    hidden = lore_pages.entry_pages(canon_only)[0].to_dict()
    assert hidden != everything and "settings hide" in str(hidden) and "settings hide" not in str(everything)
    assert lore_pages.entry_pages(as_shown(entry, frozenset({"canon"})) or entry)[0].to_dict() == hidden
    info = lore_pages._canon_pages.cache_info()
    assert (info.misses, info.hits) == (2, 1)
