"""What an action owes the conference's channel, decided inside the action's transaction.

The messages are queued in the outbox with the action (bot/storage/outbox.py) and sent by
bot/application/outbox.py until Discord takes them: an announcement is never lost because Discord refused
it a few times, nor posted for an action that was rolled back.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.accords import Event, GameState, Phase
from bot.domain.accords import events as e
from bot.domain.accords.scoring import reputation_changes
from bot.services.accords import Announce, Outgoing, game_message, scenario
from bot.ui import accord_pages
from bot.ui.text import plain

ENDS_AN_ACCORD = (e.Ratified, e.Failed)

TIME_IS_UP = {
    Phase.NEGOTIATION: "Time is up for the lobby: negotiations are open.",
    Phase.RATIFICATION: "Time is up for negotiation: the agreed articles are up for signature.",
    Phase.FAILED: "Time is up for signing: whoever had not signed counts as refusing, so the accord failed.",
    Phase.RATIFIED: "Time is up: those who signed keep the accord among themselves.",
    Phase.ABANDONED: "Time is up: too few powers sat down, so the conference is abandoned.",
}


NOTHING_AGREED = (
    "Time is up for negotiation: no article was agreed by every power it binds, so there was no accord"
    " to sign."
)


def ending(state: GameState, accord_name: str | None) -> str:
    """The end of a conference: outcome, objectives and what each won, reputation."""
    chosen = scenario(state.scenario)
    seated = state.seated_powers()
    objectives = [o for o in (chosen.objectives if chosen else ()) if o.power in seated]
    return accord_pages.ending_text(state, objectives, accord_name, reputation_changes(state))


def owed_by_action(actor: int) -> Announce:
    """For a member's action: the end of the conference if it ended it, and an abandonment."""

    def owed(state: GameState, events: list[Event], accord_name: str | None) -> Sequence[Outgoing]:
        said: list[str] = []
        if any(isinstance(event, e.Abandoned) for event in events):
            said.append(f"**{plain(state.title)}** was abandoned by <@{actor}>.")
        if any(isinstance(event, ENDS_AN_ACCORD) for event in events):
            said.append(ending(state, accord_name))
        return [game_message(state.game_id, text) for text in said]

    return owed


def owed_by_deadline(state: GameState, events: list[Event], accord_name: str | None) -> Sequence[Outgoing]:
    """For a deadline that ran out: what it changed, then the end if it ended the conference."""
    if not events:
        return []
    said = TIME_IS_UP.get(state.phase, f"Time is up: the conference is now {state.phase.label}.")
    if state.phase is Phase.FAILED and len(state.bound()) < 2:  # it never reached the signatures
        said = NOTHING_AGREED
    texts = [f"**{plain(state.title)}**: {said}"]
    if any(isinstance(event, ENDS_AN_ACCORD) for event in events):
        texts.append(ending(state, accord_name))
    return [game_message(state.game_id, text) for text in texts]
