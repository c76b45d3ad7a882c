"""The example plugin walked through in docs/plugins.md works as the doc says."""
from __future__ import annotations

from gratitude import GratitudePlugin
from gratitude.models import Thanks


async def test_thanks_reach_the_member_privately_and_the_message_gets_a_reaction(community_factory):
    town = await community_factory(plugins=[GratitudePlugin])
    await town.say("alice", "!thanks @bob for listening yesterday")
    assert town.dms_to("bob") == ["@alice wanted you to know: thank you — for listening yesterday"]
    assert town.reactions() == ["💛"]
    assert town.sent_in("general") == []


async def test_settings_come_from_config(community_factory):
    town = await community_factory({"plugins": {"gratitude.plugin:GratitudePlugin": {"emoji": "🌼"}}},
                                   plugins=["gratitude.plugin:GratitudePlugin"])
    await town.say("alice", "!thanks @bob for the tea")
    assert town.reactions() == ["🌼"]


async def test_closed_dms_are_explained(community_factory):
    town = await community_factory({"adapters": {"console": {"dm_closed": ["bob"]}}}, plugins=[GratitudePlugin])
    await town.say("alice", "!thanks @bob for the tea")
    assert town.replies_to("alice") == [town.t("gratitude.not_delivered")]


async def test_forget_removes_thanks_both_ways(community_factory):
    town = await community_factory(plugins=[GratitudePlugin])
    await town.say("alice", "!thanks @bob for the tea")
    await town.say("bob", "!thanks @alice for asking")
    await town.say("alice", "!privacy forget")
    await town.say("alice", "!privacy forget confirm")
    assert await Thanks.all().count() == 0


async def test_missing_member_gets_usage(community_factory):
    town = await community_factory(plugins=[GratitudePlugin])
    await town.say("alice", "!thanks bob")
    reply = town.replies_to("alice")[0]
    assert "!thanks <member> <reason...>" in reply
