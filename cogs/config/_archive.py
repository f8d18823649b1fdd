"""/config export and /config import: a server's archive (bot/services/archive.py), taken away
as files and brought back, here or in another server, after the moderator who uploaded it has
seen what it would change and confirmed."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.application.checks import ensure
from bot.application.components import Fields, RestartProof, cog_of
from bot.domain.access import Rule
from bot.domain.errors import KhitomerError, NotFound
from bot.domain.inert import quoted
from cogs._confirm import answer, choice_button

if TYPE_CHECKING:  # the archive's code loads with the first archive command (issue #21, point 5)
    from bot.services.archive import ArchiveService
    from bot.services.archive_export import Exported
    from bot.services.archive_import import Summary

RULE = Rule(manage_server=True)  # the /config group's rule (cogs/config/__init__.py), for the buttons
NOT_ARCHIVED = "Running conferences are never archived: those here keep running, and none is imported."
FILES = ("khitomer-archive.json", "khitomer-lore.zip")


def archives_of(client: discord.Client) -> ArchiveService:
    from bot.services.archive import ArchiveService

    service = getattr(cog_of(client, "Config"), "archives", None)
    if not isinstance(service, ArchiveService):
        raise NotFound("Configuration is not available right now.")
    return service


def _count(number: int, one: str, many: str = "") -> str:
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def _members(number: int) -> str:
    """ "1 member's", "3 members'" (reputation, points)."""
    return f"{number:,} member's" if number == 1 else f"{number:,} members'"


def exported_text(done: Exported) -> str:
    running = f" ({_count(done.running, 'conference')} running here now)" if done.running else ""
    return (
        f"This server's archive: {_count(done.entries, 'lore entry', 'lore entries')}, "
        f"{_count(done.accords, 'accord')} with their records, {_count(done.settings, 'setting')} and "
        f"{_members(done.members)} reputation, in `{FILES[0]}`. Import it here or in another "
        f"server with `/config import`. `{FILES[1]}` holds the lore as Markdown files to edit; "
        "`/config import` takes it back too, and `/lore import` any one of its files.\n"
        f"Running conferences are not archived{running}."
    )


def change_lines(summary: Summary) -> list[str]:
    lines = [
        f"• lore: {_count(summary.added, 'entry', 'entries')} added, {summary.replaced:,} replaced "
        "(the same title); other entries stay as they are",
    ]
    if summary.settings_changed is None:
        lines.append("• accords, settings and reputation: a lore zip has none, so they stay as they are")
        return lines
    lines += [
        f"• accords: {_count(summary.accords_added, 'accord')} added, {summary.accords_replaced:,} "
        "replaced (the same name), each with its record",
        f"• settings: replaced by the archive's ({_count(summary.settings_changed, 'value')} "
        "and areas differ from this server's)",
        f"• reputation: {_members(summary.members or 0)} points set",
    ]
    return lines


def preview_text(filename: str, summary: Summary) -> str:
    from bot.services.archive import PENDING_SECONDS

    lines = [f"Importing {quoted(filename, 60)} into this server would change:", *change_lines(summary)]
    if summary.dropped:
        lines.append(f"Left out: {'; '.join(summary.dropped)}.")
    lines += [NOT_ARCHIVED, f"Import it? (This waits {PENDING_SECONDS // 60} minutes.)"]
    return "\n".join(lines)[:2000]


class ImportButton(
    RestartProof[discord.ui.Button[Any]],
    template=r"config:import:(?P<user>[0-9]+):(?P<token>[0-9a-f]{8}):(?P<choice>yes|no)",
):
    def __init__(self, user_id: int, token: str, choice: str) -> None:
        custom_id = f"config:import:{user_id}:{token}:{choice}"
        super().__init__(choice_button(custom_id, choice, "Import", "Cancel"))
        self.user_id, self.token, self.choice = user_id, token, choice

    @classmethod
    def from_fields(cls, fields: Fields) -> ImportButton:
        return cls(fields.id("user"), fields.text("token"), fields.text("choice"))

    async def act(self, interaction: discord.Interaction) -> None:
        from bot.services.archive import PENDING_SECONDS

        async def confirmed() -> None:
            await ensure(interaction, RULE)  # the moderator may have lost Manage Server meanwhile
            assert interaction.guild_id is not None
            service = archives_of(interaction.client)
            now = discord.utils.utcnow().timestamp()
            prepared = service.take(interaction.guild_id, self.user_id, self.token, now)
            if prepared is None:
                raise NotFound(
                    "This import is no longer waiting (it waits "
                    f"{PENDING_SECONDS // 60} minutes, and not across a restart of the bot, or a newer "
                    "upload replaced it). Nothing was changed: run `/config import` again."
                )
            await interaction.response.edit_message(content="Importing…", view=None)
            try:
                summary = await service.commit(interaction.guild_id, prepared)
            except KhitomerError as error:  # the server changed since the preview
                await interaction.edit_original_response(content=f"Nothing was imported. {error.message}")
                return
            # this process reads the new settings at once (PostgreSQL's notice comes a moment later)
            interaction.client.guild_config.forget(interaction.guild_id)  # type: ignore[attr-defined]
            done = ["Imported:", *change_lines(summary)]
            if summary.dropped:
                done.append(f"Left out: {'; '.join(summary.dropped)}.")
            await interaction.edit_original_response(content="\n".join(done)[:2000])

        await answer(
            interaction,
            asker_id=self.user_id,
            choice=self.choice,
            kept="Cancelled. Nothing was imported.",
            confirmed=confirmed,
            asker="moderator",
        )


class ArchiveCommands(commands.Cog):
    """The two commands, mixed into the /config group (which declares who may run them)."""

    bot: KhitomerBot

    @property
    def archives(self) -> ArchiveService:
        from bot.services.archive import ArchiveService

        service = getattr(self, "_archives", None)
        if not isinstance(service, ArchiveService):
            config = getattr(self.bot, "guild_config", None)
            service = ArchiveService(self.bot.db, running_with=getattr(config, "running_with", frozenset()))
            self._archives = service
        return service

    @app_commands.command(
        name="export", description="This server's lore, accords, settings and reputation, as files."
    )
    async def export(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        limit = interaction.filesize_limit
        done = await self.archives.export(interaction.guild_id, limit)
        files = [discord.File(io.BytesIO(data), filename=name) for data, name in zip(
            (done.archive, done.lore), FILES, strict=True
        )]  # fmt: skip
        if len(done.archive) + len(done.lore) <= limit:
            await interaction.followup.send(exported_text(done), files=files, ephemeral=True)
            return
        await interaction.followup.send(exported_text(done), file=files[0], ephemeral=True)
        await interaction.followup.send(f"`{FILES[1]}`, sent apart.", file=files[1], ephemeral=True)

    @app_commands.command(name="import", description="Bring an archive from /config export into this server.")
    @app_commands.describe(file="The archive's .json file, or its lore .zip (up to 25 MiB)")
    async def import_(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        guild = interaction.guild
        assert guild is not None
        from bot.services.archive_import import check_upload

        check_upload(file.filename, file.size)
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        now = discord.utils.utcnow()
        try:
            read = await self.archives.read(file.filename, data, interaction.user.id, now.isoformat())
            prepared = self.archives.fit(
                read, lambda i: guild.get_channel(i) is not None, lambda i: guild.get_role(i) is not None
            )
            summary = await self.archives.preview(guild.id, prepared)
        except KhitomerError as error:
            raise type(error)(f"That file cannot be imported. {error.message} Nothing was changed.") from None
        token = self.archives.hold(guild.id, interaction.user.id, prepared, now.timestamp())
        view = discord.ui.View(timeout=None)
        view.add_item(ImportButton(interaction.user.id, token, "yes"))
        view.add_item(ImportButton(interaction.user.id, token, "no"))
        await interaction.followup.send(preview_text(file.filename, summary), view=view, ephemeral=True)
