"""Issue #20 through SimCord: hurried questions as a member types them, and the answer line
they read: a name before "who was he", slang for a killing, "why'd" and "the feds", a treaty
named by its place alone, and what a server ship's name means, which another server's member
never reads."""

from __future__ import annotations

import pytest

from tests.cogs.test_lore import add_entry, modal_values
from tests.conftest import World


def head(result) -> str:  # type: ignore[no-untyped-def]
    """The first page's text: the answer line and notes come before the results."""
    return result.response.embeds[0].description or ""


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("pardek who was he", "**Answer:** Pardek was a Romulan senator"),
        ("who offed k'ehleyr", "**Answer:** K'Ehleyr was a half-Klingon, half-human Federation ambassador"),
        (
            "what was tkuvma after",
            "**Answer:** T'Kuvma started the Battle at the Binary Stars because he wanted",
        ),
        (
            "may the federation build a cloak under algeron",
            "**Answer:** Article II of the treaty *Treaty of Algeron* (No Federation cloaking devices)",
        ),
        (
            "why'd worf kill duras",
            "**Answer:** In 2367 Worf killed Duras because Duras had murdered K'Ehleyr.",
        ),
        (
            "when did the feds and the klingons sign the khitomer accords",
            "**Answer:** The Khitomer Accords are the peace treaty between the United Federation of Planets",
        ),
    ],
)
async def test_a_hurried_question_reads_its_answer_first(
    env: object, world: World, query: str, said: str
) -> None:
    first = head(await world.alice.slash(world.channel, "lore search", query=query))
    assert first.split("\n")[0].startswith(said), first[:300]


SHIP = {
    "title": "IKS Qel'vor",
    "aliases": "Qelvor",
    "years": "2399",
    "summary": "A Klingon raider of this server's border squadron, meaning to outrun every Romulan patrol.",
    "body": "The raider was launched at Qo'noS in 2399. Its name means *swift blade* in the old tongue.",
}


async def test_what_a_server_ships_name_means(env: object, world: World) -> None:
    await add_entry(world, **SHIP)
    first = head(await world.alice.slash(world.channel, "lore search", query="what does qelvor mean"))
    # the line names its thing ("Its name…" read alone says nothing of whose); added as an event
    assert first.startswith("**Answer:** The IKS Qel'vor's name means *swift blade* in the old tongue."), (
        first[:300]
    )
    assert "— *IKS Qel'vor*, from this server's source" in first, first[:400]
    elsewhere = head(
        await world.stranger.slash(world.other_channel, "lore search", query="what does qelvor mean")
    )
    assert "swift blade" not in elsewhere and "Qel'vor" not in elsewhere


PERSON = {
    "title": "Captain Amara Okonkwo-Hale",
    "aliases": "",
    "years": "2399",
    "summary": "Amara Okonkwo-Hale is the Starfleet captain who first commanded this server's gate station.",
    "body": (
        "She was born on Mars and served on the frontier for twenty years. "
        "Romulan crews call her *the grey fox*."
    ),
}


async def test_a_server_person_is_asked_about_by_family_name(env: object, world: World) -> None:
    shown = await world.moderator.slash(world.channel, "lore add", kind="person", faction="Federation")
    assert shown.modal is not None
    await world.moderator.submit_modal(shown, modal_values(shown, **PERSON))
    first = head(await world.alice.slash(world.channel, "lore search", query="who is okonkwo-hale"))
    assert first.startswith("**Answer:** Amara Okonkwo-Hale is the Starfleet captain"), first[:300]
    card = await world.alice.slash(world.channel, "lore entry", topic="okonkwo hale")
    assert card.response.embeds[0].title == "Captain Amara Okonkwo-Hale (server lore)"
    offered = await world.alice.autocomplete(world.channel, "lore entry", "topic", "okonkwo")
    assert [c["name"] for c in offered][:1] == ["Captain Amara Okonkwo-Hale"]
    called = head(
        await world.alice.slash(world.channel, "lore search", query="what do romulans call okonkwo-hale")
    )
    assert called.startswith("**Answer:** Romulan crews call her *the grey fox*."), called[:300]
    elsewhere = head(
        await world.stranger.slash(world.other_channel, "lore search", query="who is okonkwo-hale")
    )
    assert "Okonkwo" not in elsewhere


PILOT = {
    "title": "Velan Torr",
    "aliases": "",
    "years": "2401",
    "summary": "Velan Torr is a Bajoran pilot of this server's relief fleet on the Cardassian border.",
    "body": "In 2401 she flew a shuttle through the Kethra storm and rescued the freighter Ossian's crew.",
}


async def test_who_did_it_reads_the_name_a_pronoun_stands_for(env: object, world: World) -> None:
    """The pilot's sentence says "she rescued…": the answer line says who she is, here only."""
    shown = await world.moderator.slash(world.channel, "lore add", kind="person", faction="Federation")
    assert shown.modal is not None
    await world.moderator.submit_modal(shown, modal_values(shown, **PILOT))
    first = head(await world.alice.slash(world.channel, "lore search", query="who saved the ossian's crew"))
    assert first.startswith("**Answer:** In 2401 Velan Torr flew a shuttle through the Kethra storm"), first[
        :300
    ]
    elsewhere = head(
        await world.stranger.slash(world.other_channel, "lore search", query="who saved the ossian's crew")
    )
    assert "Velan" not in elsewhere and "Ossian" not in elsewhere


WATCH_OFFICER = {
    "title": "Commander Ilsa Vesh",
    "aliases": "Vesh",
    "years": "2402",
    "summary": "Ilsa Vesh is the Starfleet watch officer of this server's Kethra relay station.",
    "body": "Vesh was on duty in the control room when a saboteur left a charge in the reactor bay.",
}


async def test_who_did_it_is_not_whoever_stood_by_and_slang_reads_as_the_lore(
    env: object, world: World
) -> None:
    """Vesh was on duty "when a saboteur left a charge": she left nothing, so no answer line names
    her; and "dead set against" is opposing, as the canon says of Chang."""
    shown = await world.moderator.slash(world.channel, "lore add", kind="person", faction="Federation")
    assert shown.modal is not None
    await world.moderator.submit_modal(shown, modal_values(shown, **WATCH_OFFICER))
    asked = "who left the charge in the reactor bay"
    first = head(await world.alice.slash(world.channel, "lore search", query=asked))
    assert not first.startswith("**Answer:**") and "Ilsa Vesh" in first, first[:300]  # closest, not an answer
    elsewhere = head(await world.stranger.slash(world.other_channel, "lore search", query=asked))
    assert "Vesh" not in elsewhere
    slang = head(
        await world.alice.slash(
            world.channel, "lore search", query="why was chang dead set against the peace"
        )
    )
    assert slang.startswith("**Answer:** Chang opposed the peace because he feared"), slang[:300]
