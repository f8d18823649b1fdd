"""The one place an interaction's error becomes a reply.

A KhitomerError (or a discord.py check failure) is explained in plain words; anything
else is logged with its traceback, kept under a short reference, and the user gets an
apology naming that reference — never internals. Replies are always ephemeral.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from datetime import UTC, datetime
from typing import Any

import discord
from discord import app_commands

from ..domain.errors import KhitomerError
from ..domain.inert import quoted
from ..storage import error_reports, work
from .checks import Refused

log = logging.getLogger(__name__)

APOLOGY = (
    "Sorry, something went wrong on our side and nothing was changed. "
    "If it keeps happening, give a moderator this reference: `{reference}`."
)
# When the action was stored before the failure (Discord lost the reply, say), the apology says
# so instead of claiming nothing changed. Whether it was stored is read from the unit of work
# (bot/storage/work.py): every commit marks it, no command has to.
APOLOGY_AFTER = (
    "Your action was recorded, but something went wrong on our side afterwards{recorded} "
    "If something looks off, give a moderator this reference: `{reference}`."
)


def note_recorded(detail: str) -> None:
    """Say in a member's words what the action just committed stored (shown if the reply is lost)."""
    work.describe(detail)


def _recorded_apology(reference: str) -> str:
    record = work.current()
    if record is None:
        return APOLOGY.format(reference=reference)
    detail = " ".join(record.details)
    return APOLOGY_AFTER.format(recorded=f": {detail}" if detail else ".", reference=reference)


def _unwrap(error: BaseException) -> BaseException:
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    return error


def _permission_names(names: list[str]) -> str:
    return ", ".join(name.replace("_", " ").replace("guild", "server").title() for name in names)


def explain(error: BaseException) -> str | None:
    """The plain-words message for an error a user can act on, or None if it is our fault."""
    if isinstance(error, KhitomerError | Refused):
        return error.message
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.MissingPermissions):
        return f"You need the {_permission_names(error.missing_permissions)} permission to use this."
    if isinstance(error, app_commands.BotMissingPermissions):
        return (
            f"I need the {_permission_names(error.missing_permissions)} permission here to do that. "
            "Ask a moderator to grant it."
        )
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    if isinstance(error, app_commands.TransformerError):
        return f"I couldn't make sense of {quoted(str(error.value), 100)} for that option."
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return "That command has changed since your Discord app last loaded it. Try again in a moment."
    if isinstance(error, discord.Forbidden):
        return "Discord did not let me do that here: I may be missing a permission in this channel."
    return None


def _command_label(interaction: discord.Interaction) -> str | None:
    if interaction.command is not None:
        return f"/{interaction.command.qualified_name}"
    data: dict[str, object] = dict(interaction.data or {})
    custom_id = data.get("custom_id")
    return f"component {custom_id}" if isinstance(custom_id, str) else None


async def handle_interaction_error(interaction: discord.Interaction, error: BaseException) -> None:
    error = _unwrap(error)
    message = explain(error)
    if message is None:
        reference = secrets.token_hex(4)
        label = _command_label(interaction)
        log.error("unexpected error (reference %s) in %s", reference, label, exc_info=error)
        await _keep_report(interaction, error, reference, label)
        message = _recorded_apology(reference)
    else:
        log.debug("refused %s: %s", _command_label(interaction), message)
    if interaction.type is discord.InteractionType.autocomplete:
        return  # an autocomplete cannot carry a message; the log has it
    await send_ephemeral(interaction, message)


class RoutedView(discord.ui.View):
    """A view whose interaction_check and callbacks fail into the one handler: discord.py's
    own View.on_error only logs, and the member would read nothing."""

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await handle_interaction_error(interaction, error)


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("could not tell the user about an error (interaction %s)", interaction.id, exc_info=True)


async def _keep_report(
    interaction: discord.Interaction, error: BaseException, reference: str, label: str | None
) -> None:
    db = getattr(interaction.client, "db", None)
    if db is None:
        return
    report = error_reports.ErrorReport(
        reference=reference,
        occurred_at=datetime.now(UTC),
        guild_id=interaction.guild_id,
        channel_id=interaction.channel_id,
        user_id=interaction.user.id,
        command=label,
        error_type=type(error).__name__,
        traceback="".join(traceback.format_exception(error)),
    )
    try:
        await error_reports.record(db, report)
    except Exception:  # the report is a courtesy; the log line above already has it all
        log.warning("could not store error report %s", reference, exc_info=True)
