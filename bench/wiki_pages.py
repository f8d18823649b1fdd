"""A MediaWiki export that reads like a fan wiki's, for bench/wiki_import.py: articles of 150 to
600 words with an infobox (dates, affiliations, a commander), a bold lead, sections, `<ref>`
sources, italics, links to earlier articles of the export, to entries a big server already owns
and to canon, categories; a redirect or a talk page now and then (skipped, with the reason).
Titles and names come from bench/lore_owned_data.py's lists, after the entries a pre-filled
server holds, so the same export goes into a new server and into one of any size."""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

from lore_owned_data import ADJECTIVES, FACTIONS, KIND_NOUN, NOUNS, POWERS, VERBS, name_of, owned_heads
from zipf_words import chooser

from bot.domain.lore import Kind

CANON = ("Klingon Empire", "Praxis", "Khitomer Accords", "Romulan Star Empire", "Qo'noS", "Kirk")
SECTIONS = ("History", "Aftermath", "Background", "Legacy", "Apocrypha")
REDIRECT, TALK = 0.04, 0.02  # shares of the pages that are not articles


def _sentence(rng: random.Random, title: str, links: list[str]) -> str:
    word = chooser(rng)  # rng.choice, unless Zipf's vocabulary was asked for (bench/zipf_words.py)
    linked = rng.choice(links) if links and rng.random() < 0.45 else None
    place = f"[[{linked}]]" if linked else name_of(rng)
    if linked and rng.random() < 0.3:
        place = f"[[{linked}|the {word(NOUNS)}]]"
    return (
        f"{title if rng.random() < 0.3 else 'It'} {word(VERBS)} the ''{word(ADJECTIVES)}''"
        f" {word(NOUNS)} at {place} in {rng.randint(2150, 2410)}, and the {rng.choice(FACTIONS)}"
        f" {rng.choice(POWERS)} {word(VERBS)} {rng.randint(2, 40)} {word(NOUNS)}s."
    )


def article(number: int, title: str, kind: Kind, links: list[str]) -> str:
    """The wikitext of one article: about 1 to 4 KB."""
    rng = random.Random(number * 104_729 + 11)
    start = rng.randint(2150, 2400)
    infobox = (
        f"{{{{Sidebar {kind.value}\n| name = {title}\n| date = {start}–{start + rng.randint(0, 9)}\n"
        f"| affiliation = [[{rng.choice(FACTIONS)} {rng.choice(POWERS)}]]\n"
        f"| commander = {name_of(rng)} {name_of(rng)}\n| image = Example.png\n}}}}\n"
    )
    lead = (
        f"'''{title}''' was a {rng.choice(ADJECTIVES)} {KIND_NOUN[kind]} of the [[{rng.choice(CANON)}]],"
        f" {rng.choice(VERBS)} at [[{rng.choice(links) if links else name_of(rng)}]] in {start}.\n"
    )
    parts = [infobox, lead]
    words, wanted = 0, rng.randint(150, 600)
    while words < wanted:
        parts.append(f"\n== {rng.choice(SECTIONS)} ==\n")
        for _ in range(rng.randint(2, 5)):
            sentence = _sentence(rng, title, links)
            if rng.random() < 0.2:
                sentence += f"<ref>''Chronicle of {name_of(rng)}'', chapter {rng.randint(1, 40)}</ref>"
            parts.append(sentence + " ")
            words += len(sentence.split())
    parts.append(f"\n\n[[Category:{KIND_NOUN[kind].capitalize()}s]]")
    return "".join(parts)


def _page(title: str, text: str, ns: int = 0, redirect: str = "") -> str:
    extra = f'<redirect title="{escape(redirect)}" />' if redirect else ""
    return (
        f"<page><title>{escape(title)}</title><ns>{ns}</ns>{extra}<revision><text>{escape(text)}</text>"
        "</revision></page>\n"
    )


def wiki_export(pages: int, after: int) -> bytes:
    """`pages` pages whose articles are titled like entries after the first `after` of
    lore_owned_data's server (so none is one of a server pre-filled with up to `after`)."""
    heads = owned_heads(after + pages)
    owned = [head.title for head in heads[: min(after, 5_000)]]  # a big server's entries, linked to
    out = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11"><siteinfo>'
        "<namespaces><namespace key='0' /><namespace key='1'>Talk</namespace></namespaces></siteinfo>\n"
    ]
    titles: list[str] = []
    for head in heads[after:]:
        rng = random.Random(head.number)
        roll = rng.random()
        if roll < REDIRECT and titles:
            out.append(_page(f"{head.name} ({KIND_NOUN[head.kind]})", "", redirect=rng.choice(titles)))
        elif roll < REDIRECT + TALK:
            out.append(_page(f"Talk:{head.title}", "Is this canon? ~~~~", ns=1))
        else:
            links = titles[-300:] + owned
            out.append(_page(head.title, article(head.number, head.title, head.kind, links)))
            titles.append(head.title)
    out.append("</mediawiki>\n")
    return "".join(out).encode()
