"""`khitomer forget-user USER_ID [--dry-run]`: the operator does for one member what /mydata forget
does (bot/services/member_data.py), in every server at once: a deletion request that reached the
operator rather than the bot. A dry run does the same work and rolls it back, so what it prints
is exactly what the real run would do. A member still playing a running conference is refused,
as they are on Discord, naming the conferences (ids are fine here: the operator reads them).
"""

from __future__ import annotations

import asyncio

from ..config import Settings
from ..domain.ids import parse_id
from ..domain.member_data import Forgotten, counted
from ..errors import OperatorError
from ..services import member_data
from ..storage import Database, open_database


def user_id_of(text: str) -> int:
    found = parse_id(text.strip())
    if found is None:
        raise OperatorError(f"khitomer: forget-user takes a member's ID (digits), not {text!r}.")
    return found


def forget_user(settings: Settings, user: str, *, dry_run: bool) -> str:
    """Forget member `user` in every server (or only say what that would do); the summary."""
    user_id = user_id_of(user)
    return asyncio.run(_forget(settings, user_id, dry_run))


async def _forget(settings: Settings, user_id: int, dry_run: bool) -> str:
    db = await open_database(settings.database_path, settings.database_url)
    try:
        return await forget_report(db, user_id, dry_run=dry_run)
    finally:
        await db.close()


async def forget_report(db: Database, user_id: int, *, dry_run: bool) -> str:
    """The forget (or its dry run) on an open database, in the operator's words."""
    try:
        done = await member_data.forget(db, user_id, dry_run=dry_run)
    except member_data.StillSeated as seated:
        games = "; ".join(
            f"{game.title!r} (server {game.guild_id}, channel {game.channel_id}, {game.phase}: "
            + (f"sits for {game.power})" if game.power else "hosts it)")
            for game in seated.running
        )
        playing = counted(len(seated.running), "running conference", "running conferences")
        raise OperatorError(
            f"khitomer: member {user_id} still plays {playing}: "
            f"{games}. Nothing was forgotten; run this again once it has ended (a moderator can end it "
            "with /accord host abandon)."
        ) from None
    return report(user_id, done, dry_run=dry_run)


def report(user_id: int, done: Forgotten, *, dry_run: bool) -> str:
    if not done.anything:
        return f"Member {user_id}: nothing is held about them; nothing to forget."
    servers = ", ".join(str(s) for s in sorted(done.servers)) or "none"
    deleted = ", ".join(counted(n, one, many) for n, one, many in done.deleted() if n) or "nothing"
    kept = ", ".join(counted(n, one, many) for n, one, many in done.anonymised() if n) or "nothing"
    head = (
        f"Dry run, nothing was changed. Forgetting member {user_id} would:"
        if dry_run
        else f"Forgot member {user_id}:"
    )
    return "\n".join(
        [
            head,
            f"  delete: {deleted}",
            f"  keep without their name: {kept}",
            f"  in {counted(len(done.servers), 'server', 'servers')}: {servers}",
        ]
    )
