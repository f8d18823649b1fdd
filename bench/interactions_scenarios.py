"""The scenarios of bench/interactions.py: the reads and a conference's game actions played
against Khitomer, then the same interactions against the floor with our captured replies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import simcord
from interactions_floor import BEFORE, REPLIES, Reply
from interactions_simcord import buttons_of, server, untrack_timers
from interactions_timing import MESSAGES, Measured, Step, Timer
from simcord.env import Env

QUESTION = "who signed the khitomer accords"
ENTRY = "Praxis"
TREATY, ARTICLE = "Khitomer Accords", "III"
SCENARIO = "nimbus_iii"
KLINGON, ROMULAN = "Klingon Empire", "Romulan Star Empire"
ARTICLE_TEXT = "Each party shall open its ports to the other's merchant ships and pay no duty on dilithium."


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    kind: str  # "read" or "game"
    target: float  # issue #21: CPU within this many times the floor


SCENARIOS = (
    Scenario("search", "/lore search (a plain question)", "read", 1.5),
    Scenario("entry", "/lore entry", "read", 1.5),
    Scenario("quote", "/treaty quote", "read", 1.5),
    Scenario("join", "/accord join", "game", 2.5),
    Scenario("propose", "/accord propose", "game", 2.5),
    Scenario("support", "Support (the article's button)", "game", 2.5),
    Scenario("sign", "the ratifying Sign (button)", "game", 2.5),
)
BY_KEY = {s.key: s for s in SCENARIOS}


class Ours:
    """Khitomer's scenarios. Conference i sits in channel i of one server; a round's conferences
    are all over by its end, so the next round convenes afresh in the same channels."""

    def __init__(self, env: Env, channels: int, round_: int | str) -> None:
        self.env = env
        self.place = server(env, f"Khitomer Conference {round_}", channels=channels)
        self.lobbies: dict[int, simcord.ResponseMessage] = {}
        self.articles: dict[int, list[simcord.ResponseMessage]] = {}
        self.drafts: dict[int, simcord.ResponseMessage] = {}
        self.round = round_

    async def prepare(self) -> None:
        await self.env.bot.guild_config.put(self.place.guild.id, "game.threads", "off")  # type: ignore[attr-defined]

    # reads, in the first channel
    async def search(self, i: int) -> simcord.InteractionResult:
        return await self.place.alice.slash(self.place.channels[0], "lore search", query=QUESTION)

    async def entry(self, i: int) -> simcord.InteractionResult:
        return await self.place.alice.slash(self.place.channels[0], "lore entry", topic=ENTRY)

    async def quote(self, i: int) -> simcord.InteractionResult:
        return await self.place.alice.slash(
            self.place.channels[0], "treaty quote", treaty=TREATY, article=ARTICLE
        )

    # a conference, step by step (the timed steps are join, propose, support and sign)
    async def convene(self, i: int) -> simcord.InteractionResult:
        result = await self.place.moderator.slash(
            self.place.channels[i], "accord convene", scenario=SCENARIO, title=f"Talks {self.round}-{i}"
        )
        assert result.response is not None
        self.lobbies[i] = result.response
        MESSAGES[result.response.id] = "the lobby"
        self.articles[i] = []
        return result

    async def join(self, i: int) -> simcord.InteractionResult:
        return await self.place.alice.slash(self.place.channels[i], "accord join", power=KLINGON)

    async def second_seat_and_start(self, i: int) -> simcord.InteractionResult:
        await self.place.bob.click(self.lobbies[i], label=f"Sit for {ROMULAN}")
        return await self.place.moderator.click(self.lobbies[i], label="Start the conference")

    async def propose(self, i: int) -> simcord.InteractionResult:
        n = len(self.articles[i]) + 1
        result = await self.place.alice.slash(
            self.place.channels[i], "accord propose", clause="trade", text=f"{ARTICLE_TEXT} ({n})"
        )
        assert result.response is not None
        self.articles[i].append(result.response)
        MESSAGES[result.response.id] = f"article {n}"
        return result

    async def more_articles(self, i: int) -> simcord.InteractionResult:
        for _ in range(ARTICLES - 1):
            result = await self.propose(i)
        return result

    async def support(self, i: int, n: int = 0) -> simcord.InteractionResult:
        if "support" + BEFORE not in REPLIES:
            REPLIES["support" + BEFORE] = Reply.of_message(self.articles[i][n])
        return await self.place.bob.click(self.articles[i][n], label="Support")

    async def support_the_others(self, i: int) -> simcord.InteractionResult:
        for n in range(1, ARTICLES):
            result = await self.support(i, n)
        return result

    async def ratify_and_first_sign(self, i: int) -> simcord.InteractionResult:
        draft = await self.place.moderator.slash(self.place.channels[i], "accord ratify")
        assert draft.response is not None
        self.drafts[i] = draft.response
        MESSAGES[draft.response.id] = "the draft, the message whose Sign button was pressed"
        return await self.place.alice.click(draft.response, label="Sign")

    async def sign(self, i: int) -> simcord.InteractionResult:
        if "sign" + BEFORE not in REPLIES:
            REPLIES["sign" + BEFORE] = Reply.of_message(self.drafts[i])
        done = await self.place.bob.click(self.drafts[i], label="Sign")
        assert done.response is not None
        assert "ratified" in (done.response.embeds[0].title or ""), "the second Sign did not ratify"
        return done


ARTICLES = 3  # agreed articles in each accord (bench/accords.py's ratifying Sign has three too)
GAME = (  # (scenario key or None for an untimed step, method of Ours, a click answered by an edit)
    (None, "convene", False),
    ("join", "join", False),
    (None, "second_seat_and_start", False),
    ("propose", "propose", False),
    (None, "more_articles", False),
    ("support", "support", True),
    (None, "support_the_others", False),
    (None, "ratify_and_first_sign", False),
    ("sign", "sign", True),
)


async def ours_round(
    env: Env, ours: Ours, runs: int, warmup: int, batch: int, profile: str | None = None
) -> Timer:
    """One round of ours: each read `warmup` times untimed then `runs` times timed; then
    `warmup` conferences played untimed and `runs` played with their join, propose, support and
    sign timed, `batch` conferences at a time (each step over the batch, then the next step).
    The first reply of each scenario is kept for the floor."""
    timer = Timer(env, profile)

    async def untimed(key: str | None, step: Step, indices: Sequence[int], edit: bool) -> None:
        for i in indices:
            result = await step(i)
            if key is not None and key not in REPLIES:
                REPLIES[key] = Reply.of(result, edit=edit)

    for key, step in (("search", ours.search), ("entry", ours.entry), ("quote", ours.quote)):
        await untimed(key, step, range(warmup), False)
        await timer.run(key, step, range(runs))

    for first in range(0, warmup + runs, batch):
        indices = range(first, min(first + batch, warmup + runs))
        warm = [i for i in indices if i < warmup]
        measured = [i for i in indices if i >= warmup]
        for key, name, edit in GAME:
            step = getattr(ours, name)
            await untimed(key, step, warm, edit)
            if key is None:
                await untimed(None, step, measured, edit)
                untrack_timers(env)
            elif measured:
                await timer.run(key, step, measured)
    return timer


async def floor_round(env: Env, runs: int, warmup: int) -> dict[str, Measured]:
    """The floor answers each scenario's interaction with our captured reply, as often. A click
    scenario gets as many messages as clicks first (untimed), each as ours was before its click."""
    place = server(env, "Floor", channels=1)
    channel = place.channels[0]
    timer = Timer(env)
    for scenario in SCENARIOS:
        key = scenario.key
        step: Step
        if REPLIES[key].edit:
            messages = []
            for _ in range(warmup + runs):
                posted = await place.alice.slash(channel, "reply", kind=key + BEFORE)
                assert posted.response is not None
                messages.append(posted.response)
            label = next(iter(buttons_of(messages[0])))

            async def step(
                i: int, label: str = label, messages: list[Any] = messages
            ) -> simcord.InteractionResult:
                return await place.bob.click(messages[i], label=label)

        else:

            async def step(i: int, key: str = key) -> simcord.InteractionResult:
                return await place.alice.slash(channel, "reply", kind=key)

        for i in range(warmup):
            await step(i)
        await timer.run(key, step, range(warmup, warmup + runs))
    return timer.results()
