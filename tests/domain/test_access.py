"""The one verdict (bot/domain/access.py): each requirement as its rule says, in a fixed order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.domain import access
from bot.domain.access import Asker, Place, Rule, verdict
from bot.domain.guild_config import AREAS, GuildConfig

GM_ROLE, HALL, CATEGORY = 77, 10, 20

rules = st.builds(
    Rule,
    area=st.sampled_from([None, *AREAS]),
    guild=st.booleans(),
    owner=st.booleans(),
    manage_server=st.booleans(),
    moderator=st.booleans(),
    game_channel=st.booleans(),
    tiers=st.booleans(),
)
askers = st.builds(
    Asker,
    in_guild=st.booleans(),
    manage_server=st.booleans(),
    role_ids=st.frozensets(st.sampled_from([GM_ROLE, 78, 79]), max_size=2),
    owner=st.booleans(),
)
places = st.builds(
    Place,
    channel_id=st.sampled_from([HALL, 11, 12]),
    category_id=st.sampled_from([None, CATEGORY, 21]),
    thread_of=st.sampled_from([None, HALL]),
)
configs = st.builds(
    lambda off, channels, gm, tiers: GuildConfig(
        {("game.channels", 0): channels, ("gm_role", 0): gm, ("lore.tiers", 0): tiers}, frozenset(off)
    ),
    st.frozensets(st.sampled_from(AREAS)),
    st.sampled_from(["", str(HALL), str(CATEGORY), f"{HALL},{CATEGORY}"]),
    st.sampled_from(["", str(GM_ROLE)]),
    st.sampled_from(["all", "canon", "canon+licensed"]),
)


def expected(rule: Rule, asker: Asker, place: Place, config: GuildConfig) -> str | None:
    """The requirements one by one, as the README states them, the first unmet one answering."""
    needs_guild = rule.guild or rule.manage_server or rule.moderator or rule.game_channel
    moderator = asker.manage_server or (GM_ROLE in asker.role_ids and config.gm_role() == GM_ROLE)
    allowed = config.game_channels()
    checks = [
        (needs_guild and not asker.in_guild, access.NOT_IN_A_SERVER),
        (
            rule.area is not None and rule.area in config.disabled_areas,
            access.AREA_OFF.format(area=str(rule.area).capitalize()),
        ),
        (rule.owner and not asker.owner, access.OWNERS_ONLY),
        (rule.manage_server and not asker.manage_server, access.MANAGE_SERVER_ONLY),
        (rule.moderator and not moderator, access.MODERATORS_ONLY),
        (
            rule.game_channel and place.thread_of is not None,
            access.NOT_IN_A_THREAD.format(parent=f"<#{HALL}>"),
        ),
        (
            rule.game_channel and bool(allowed) and not {place.channel_id, place.category_id} & set(allowed),
            access.OTHER_CHANNELS.format(places=" and ".join(f"<#{i}>" for i in allowed)),
        ),
    ]
    return next((said for failed, said in checks if failed), None)


@given(rules, askers, places, configs)
def test_the_first_unmet_requirement_answers(
    rule: Rule, asker: Asker, place: Place, config: GuildConfig
) -> None:
    found = verdict(rule, asker, place, config)
    wanted = expected(rule, asker, place, config)
    assert found.refusal == wanted
    # only the channel's requirement is "not here": /help shows those commands, marked
    assert found.here == (wanted is not None and "channel" in wanted)


@given(rules, askers, places, configs)
def test_limits_are_named_only_when_allowed_and_the_tiers_narrow(
    rule: Rule, asker: Asker, place: Place, config: GuildConfig
) -> None:
    found = verdict(rule, asker, place, config)
    narrowed = rule.tiers and config.raw("lore.tiers") != "all"
    assert bool(found.limits) == (found.allowed and narrowed)
    assert all("lore.tiers" in line for line in found.limits)


@given(rules, rules)
def test_a_merged_rule_asks_for_both(first: Rule, second: Rule) -> None:
    both = first.merged(second)
    for name in ("guild", "owner", "manage_server", "moderator", "game_channel", "tiers"):
        assert getattr(both, name) == (getattr(first, name) or getattr(second, name))
    assert both.area == (first.area or second.area)
    assert first.merged(Rule()) == first == Rule().merged(first)


def test_the_game_master_role_counts_only_once_named() -> None:
    carol = Asker(in_guild=True, role_ids=frozenset({GM_ROLE}))
    unnamed, named = GuildConfig(), GuildConfig({("gm_role", 0): str(GM_ROLE)})
    assert verdict(Rule(moderator=True), carol, Place(HALL), unnamed).refusal == access.MODERATORS_ONLY
    assert verdict(Rule(moderator=True), carol, Place(HALL), named).allowed
    # Manage Server alone is the settings' rule: the game-master role does not open /config
    assert verdict(Rule(manage_server=True), carol, Place(HALL), named).refusal == access.MANAGE_SERVER_ONLY


def test_a_refusal_here_names_the_game_channels_left_and_categories_by_their_channels() -> None:
    player = Asker(in_guild=True)
    config = GuildConfig({("game.channels", 0): f"{HALL},{CATEGORY},11"})
    place = Place(12, categories=frozenset({CATEGORY}))
    refused = verdict(Rule(game_channel=True), player, place, config)
    assert refused.here and refused.refusal == access.OTHER_CHANNELS.format(
        places=f"<#{HALL}>, the channels of <#{CATEGORY}> and <#11>"
    )
    gone = Place(12, categories=frozenset({CATEGORY}), gone=frozenset({HALL, 11}))
    assert verdict(Rule(game_channel=True), player, gone, config).refusal == access.OTHER_CHANNELS.format(
        places=f"the channels of <#{CATEGORY}>"
    )
    nothing = Place(12, gone=frozenset({HALL, CATEGORY, 11}))
    assert verdict(Rule(game_channel=True), player, nothing, config).refusal == access.NO_GAME_CHANNEL
    assert "/config" not in access.OTHER_CHANNELS + access.NO_GAME_CHANNEL
