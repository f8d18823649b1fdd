"""A conference's end, decided here and stored by the transaction that ends it (AccordService.act
in bot/services/accords.py): the accord, under a name the server does not use yet, and
reputation; all of it commits with the last action, or none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..content.scenarios import canon_scenarios
from ..domain.accords import GameState, Phase
from ..domain.accords.headings import title as article_title
from ..domain.accords.scoring import reputation_changes
from ..domain.treaties import Article, Party
from ..storage import accords as accord_store


@dataclass(frozen=True, slots=True)
class Ending:
    """What an ended conference leaves behind: its accord (if ratified) and reputation changes."""

    accord: accord_store.NewAccord | None
    reputation: dict[int, int]


def conclusion(state: GameState, signers: dict[str, list[str]]) -> Ending:
    """What an ended conference leaves: the accord if it was ratified, and reputation."""
    accord = accord_of(state, signers) if state.phase is Phase.RATIFIED else None
    return Ending(accord, reputation_changes(state))


def accord_of(state: GameState, signers: dict[str, list[str]]) -> accord_store.NewAccord:
    """The ratified accord as a treaty document: quotable with /treaty for good."""
    scenario = canon_scenarios().get(state.scenario)
    year = scenario.year if scenario else None
    return accord_store.NewAccord(
        guild_id=state.guild_id,
        name=state.title,
        summary=f"Ratified by {', '.join(sorted(state.signed))} at the conference “{state.title}”.",
        date_text=str(year) if year else datetime.now(UTC).strftime("%Y-%m-%d"),
        place=scenario.place if scenario else "this server",
        # the powers its articles bind (GameState.bound); a narrower accord only those who signed
        parties=tuple(Party(p, tuple(signers.get(p, []))) for p in state.bound() if p in state.signed),
        articles=tuple(
            Article(i, article_title(a.clause, a.text), a.text) for i, a in enumerate(state.agreed(), 1)
        ),
        year=year,
        game_id=state.game_id,
    )
