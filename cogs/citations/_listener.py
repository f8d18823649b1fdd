"""Automatic citations: in the channels moderators chose (citations.channels), a member's new
message that cites a treaty or links lore gets one compact reply, pinging nobody.

Only with MESSAGE_CONTENT=on does Discord send the bot members' messages at all. Answered: new
messages only (an edit is never read), of members (not bots, webhooks or the bot itself), once
each, and at most PER_MINUTE replies a minute in a channel (bot/domain/reply_budget.py); past
that the bot stays quiet rather than flood a scene.
"""

from __future__ import annotations

import logging
import time

import discord
from discord.ext import commands

from bot.application.app import KhitomerBot
from bot.domain.errors import KhitomerError
from bot.domain.guild_config import CITATIONS, GuildConfig
from bot.domain.reply_budget import ReplyBudget
from bot.services import citations
from bot.services.guild_config import ConfigService
from bot.ui.citation_pages import compact_reply
from cogs.lore._components import lore_service

from ._cog import missing_of, problems_of, treaty_service

log = logging.getLogger(__name__)
ANSWERED_TYPES = (discord.MessageType.default, discord.MessageType.reply)
NO_PINGS = discord.AllowedMentions.none()


def from_a_member(message: discord.Message, me: discord.ClientUser | None) -> bool:
    """A message a person wrote in a server: not a bot's (ours too), a webhook's or the system's."""
    return (
        message.guild is not None
        and not message.author.bot
        and message.webhook_id is None
        and message.type in ANSWERED_TYPES
        and (me is None or message.author.id != me.id)
        and bool(message.content)
    )


def turned_on(channel: object, chosen: tuple[int, ...]) -> bool:
    """The channel, its category, or (for a thread) its channel or that one's category is chosen."""
    places = {getattr(channel, "id", None), getattr(channel, "category_id", None)}
    if isinstance(channel, discord.Thread):
        places |= {channel.parent_id, getattr(channel.parent, "category_id", None)}
    return bool(places & set(chosen))


class AutoCitations(commands.Cog, name="Automatic citations"):
    def __init__(self, bot: KhitomerBot) -> None:
        self.bot = bot
        self.budget = ReplyBudget()

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self.bot.settings.message_content or not from_a_member(message, self.bot.user):
            return
        assert message.guild is not None
        settings = self.bot.guild_config
        config = (
            await settings.get(message.guild.id) if isinstance(settings, ConfigService) else GuildConfig()
        )
        if not turned_on(message.channel, config.channels(CITATIONS)):
            return
        reply = await self._reply(message, config)
        if reply is None:
            return
        if not self.budget.take(channel_id=message.channel.id, message_id=message.id, now=time.monotonic()):
            log.debug("automatic citation for message %s skipped: the channel's budget is spent", message.id)
            return
        try:
            await message.reply(embed=reply, mention_author=False, allowed_mentions=NO_PINGS)
        except discord.HTTPException as error:  # no permission here, the message gone: nothing to do
            log.warning("automatic citation in channel %s not sent: %s", message.channel.id, error)

    async def _reply(self, message: discord.Message, config: GuildConfig) -> discord.Embed | None:
        """The compact reply to a message, or None when it cites nothing this server shows."""
        guild_id, text = message.guild.id if message.guild else None, message.content
        quotes, problems, cards, missing, more = [], [], [], [], False
        try:
            if config.area_enabled("treaties"):
                found = await citations.cited_in(treaty_service(self.bot), guild_id, text)
                quotes = [
                    (q.treaty, q.selection, q.articles) for c in found.cited if (q := c.quote) is not None
                ]
                problems, more = problems_of(found), bool(found.skipped)
            if config.area_enabled("lore") and "[[" in text:
                tiers = config.allowed_tiers()
                links = await citations.linked_in(lore_service(self.bot), guild_id, text, tiers)
                cards = list({a.entry.key: a.entry for a in links.answers if a.entry is not None}.values())
                missing, more = missing_of(links), more or bool(links.skipped)
        except KhitomerError as error:  # a cog not loaded, say: this message goes unanswered
            log.warning("automatic citation for message %s not made: %s", message.id, error)
            return None
        if not (quotes or problems or cards or missing):
            return None
        return compact_reply(quotes, problems, cards, missing, more=more)
