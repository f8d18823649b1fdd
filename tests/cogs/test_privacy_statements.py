"""Every place the bot keeps a member's id or name is covered by a data statement (issue #24,
point 1): members do what members do, then every table and column is scanned for them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord
import pytest
from simcord.env import Env

from bot.content.privacy import data_policy
from bot.domain.privacy import (
    member_id_columns,
    member_name_columns,
    named_tables,
    server_columns,
    uncovered,
)
from bot.storage import Database
from tests.cogs.test_accords import ratified_game
from tests.cogs.test_lore import add_entry
from tests.conftest import World
from tests.support.stored_ids import columns_holding, tables_and_columns

# Tables about no one: which data files the indexes were built from, the schema's version.
BOOKKEEPING = {"content_versions", "khitomer_schema"}
FTS5_SHADOWS = {"data", "idx", "content", "docsize", "config"}
SURELY_HOLDING_IDS = {
    "lore_entries.author_id",
    "games.state",
    "game_events.actor_id",
    "accord_events.actor_id",
    "reputation.user_id",
    "pager_args.owner_id",
    "error_reports.user_id",
}
LONG_QUERY = "what ships did the klingons give the romulans in the alliance of 2267, and why then"


@pytest.fixture
def people(env: Env) -> World:
    """A server and its members under names found nowhere in the bot's data, so a scan for a
    member's name finds only what the bot kept about them."""
    guild = env.create_guild(name="Khitomer Conference")
    channel = guild.create_text_channel("conference-hall")
    mods = guild.create_role("Moderators", permissions=discord.Permissions(manage_guild=True))
    moderator = guild.add_member(env.create_user("vexmoderon"), roles=[mods])
    alice = guild.add_member(env.create_user("tharnelda"))
    bob = guild.add_member(env.create_user("quorvath"))
    other = env.create_guild(name="Nimbus III")
    other_channel = other.create_text_channel("paradise-city")
    stranger = other.add_member(env.create_user("stranger"))
    return World(guild, channel, moderator, alice, bob, other, other_channel, stranger)


async def members_do_everything(env: Env, world: World) -> tuple[set[int], set[str]]:
    """Lore, a conference to ratification with signatures, a complaint and its votes, a long
    search paged, an error met, seats in a conference still running, one handed over to a
    newcomer: the ids and names used."""
    await env.bot.guild_config.put(world.guild.id, "game.threads", "off")

    @env.bot.tree.command(name="explode", description="Fails with a bug.")
    async def explode(interaction: discord.Interaction) -> None:
        raise RuntimeError("a bug")

    await env.bot.tree.sync()
    added = await add_entry(world)
    assert "Added **Battle of Zeta Draconis**" in added.response.content
    key, carol = await ratified_game(world)
    filed = await world.alice.slash(
        world.channel, "accord record complaint", accord=key, against="romulans", text="Ships."
    )
    assert filed.response.content.startswith("Complaint 1 filed against Romulan Star Empire")
    await world.alice.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    decided = await carol.slash(world.channel, "accord record vote", accord=key, complaint=1, uphold=True)
    assert "Complaint 1 is upheld by the signatories." in decided.response.content
    found = (await world.alice.slash(world.channel, "lore search", query=LONG_QUERY)).response
    assert any(":@" in c.get("custom_id", "") for row in found.components for c in row["components"])
    broke = await world.bob.slash(world.channel, "explode")
    assert broke.response.content.startswith("Sorry, something went wrong on our side")
    lobby = (
        await world.moderator.slash(
            world.channel, "accord convene", scenario="nimbus_iii", title="Open Talks"
        )
    ).response
    await world.alice.click(lobby, label="Sit for Klingon Empire")
    seated = await world.bob.slash(world.channel, "accord join", power="romulan")
    assert "Romulan Star Empire" in seated.response.content
    await world.moderator.slash(world.channel, "accord start")
    dave = world.guild.add_member(env.create_user("zorvendak"))
    asked = await world.moderator.slash(world.channel, "accord host replace", absent=world.bob, newcomer=dave)
    agreed = await world.bob.click(asked.followups[0], label="Hand over my seat")
    assert "takes over their seat for **Romulan Star Empire**" in agreed.response.content
    assert [type(e).__name__ for e in env.errors] == ["CommandInvokeError"]  # the explosion only
    members = (world.moderator, world.alice, world.bob, carol, dave)
    return {m.id for m in members}, {"vexmoderon", "tharnelda", "quorvath", "carol", "zorvendak"}


async def columns_holding_text(db: Database, words: Iterable[str]) -> dict[str, int]:
    """`table.column` -> how many stored values contain one of `words` (members' names)."""
    wanted, held = list(words), dict[str, int]()
    for table, columns in (await tables_and_columns(db)).items():
        for row in await db.fetch_all(f"SELECT * FROM {table}"):
            values: dict[str, Any] = dict(row)
            for column in columns:
                if any(w in str(values.get(column)) for w in wanted):
                    held[f"{table}.{column}"] = held.get(f"{table}.{column}", 0) + 1
    return held


def assert_covered(held: Iterable[str], covered: Iterable[str], what: str) -> None:
    if missing := uncovered(held, covered):
        raise AssertionError(
            f"{', '.join(missing)} hold {what} that no data statement covers: add a holding to "
            "data/privacy.toml saying what it is, why it is kept, for how long, and what forgetting does"
        )


def shadow_tables(schema: dict[str, list[str]]) -> set[str]:
    """SQLite's full-text shadow tables (treaty_search_data …): their virtual table answers for them."""
    return {t for t in schema for v in schema if t.removeprefix(f"{v}_") in FTS5_SHADOWS}


async def test_every_column_holding_a_members_id_or_name_is_covered_by_a_statement(
    env: Env, people: World
) -> None:
    ids, names = await members_do_everything(env, people)
    policy, db = data_policy(), env.bot.db
    by_id = await columns_holding(db, ids)
    assert set(by_id) >= SURELY_HOLDING_IDS  # the play reached every area that keeps ids
    assert_covered(by_id, member_id_columns(policy), "members' ids")
    by_name = await columns_holding_text(db, names)
    assert {"game_events.data", "accords.parties"} <= set(by_name)  # the signatures
    assert_covered(by_name, member_name_columns(policy), "members' names")


async def test_every_table_holding_a_servers_data_is_covered_by_a_statement(env: Env, people: World) -> None:
    await members_do_everything(env, people)
    policy, db = data_policy(), env.bot.db
    schema = await tables_and_columns(db)
    shadows = shadow_tables(schema)
    held = {c for c in await columns_holding(db, {people.guild.id}) if c.split(".")[0] not in shadows}
    assert {"lore_entries.guild_id", "accords.guild_id", "guild_settings.guild_id"} <= held
    assert_covered(held, server_columns(policy), "a server's id")
    about_no_one = set(schema) - named_tables(policy) - BOOKKEEPING - shadows
    assert not about_no_one, f"tables no data statement answers for: {sorted(about_no_one)}"


async def test_every_column_a_statement_names_exists(env: Env) -> None:
    schema = await tables_and_columns(env.bot.db)
    named = {c for h in data_policy().holdings() for c in (*h.columns, *h.names)}
    missing = sorted(c for c in named if c.split(".")[1] not in schema.get(c.split(".")[0], []))
    assert not missing, f"statements name columns this database does not have: {missing}"


async def test_a_table_holding_a_member_id_no_statement_covers_fails_the_check(
    env: Env, people: World
) -> None:
    """The check above is not empty: a new table that keeps members' ids is caught by name."""
    await add_entry(people)
    async with env.bot.db.transaction() as conn:
        await conn.execute("CREATE TABLE member_notes (guild_id BIGINT NOT NULL, member_id BIGINT NOT NULL)")
        await conn.execute(
            "INSERT INTO member_notes (guild_id, member_id) VALUES (?, ?)",
            (people.guild.id, people.moderator.id),
        )
    held = await columns_holding(env.bot.db, {people.moderator.id})
    assert set(held) == {"lore_entries.author_id", "member_notes.member_id"}
    with pytest.raises(AssertionError, match=r"^member_notes\.member_id hold members' ids that no data"):
        assert_covered(held, member_id_columns(data_policy()), "members' ids")
    schema = await tables_and_columns(env.bot.db)
    assert "member_notes" in set(schema) - named_tables(data_policy())  # and the table check names it
