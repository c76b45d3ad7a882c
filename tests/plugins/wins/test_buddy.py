"""A newcomer who opted in has their buddy told, privately, about their first win."""
from __future__ import annotations

from samovar.core.testing.community import plugin_path

from .buddies import FixedBuddies

PAIRS = {"plugins": {plugin_path(FixedBuddies): {"pairs": {"nina": "olga"}}}}


async def buddy_town(wins_town):
    return await wins_town(config=PAIRS, plugins=(FixedBuddies,))


async def test_the_buddy_hears_about_the_first_win_when_the_newcomer_agreed(wins_town):
    town = await buddy_town(wins_town)
    await town.join("nina")
    await town.say("nina", "!wins tell-buddy on")
    assert town.replies_to("nina")[-1] == town.t("wins.tell_buddy.on")
    await town.say("nina", "!win introduced myself in the chat")
    assert town.dms_to("olga") == [town.t("wins.buddy.first_win", name="@nina", win="introduced myself in the chat")]
    await town.say("nina", "!win asked my first question")
    assert len(town.dms_to("olga")) == 1, "only the first win is passed on"


async def test_without_consent_the_buddy_hears_nothing(wins_town):
    town = await buddy_town(wins_town)
    await town.say("nina", "!win introduced myself in the chat")
    assert town.dms_to("olga") == []


async def test_consent_can_be_taken_back(wins_town):
    town = await buddy_town(wins_town)
    await town.say("nina", "!wins tell-buddy on")
    await town.say("nina", "!wins tell-buddy off")
    assert town.replies_to("nina")[-1] == town.t("wins.tell_buddy.off")
    await town.say("nina", "!win introduced myself")
    assert town.dms_to("olga") == []


async def test_the_buddy_is_told_in_their_own_language(wins_town):
    town = await buddy_town(wins_town)
    await town.say("olga", "!language ru")
    await town.say("nina", "!wins tell-buddy on")
    await town.say("nina", "!win said hello")
    assert town.dms_to("olga") == [town.t("wins.buddy.first_win", "ru", name="@nina", win="said hello")]


async def test_a_member_without_a_buddy_is_told_so_gently(wins_town):
    town = await buddy_town(wins_town)
    await town.say("pavel", "!wins tell-buddy on")
    assert town.replies_to("pavel")[-1] == town.t("wins.tell_buddy.on_no_buddy")
    await town.say("pavel", "!win said hello")
    assert [a for a in town.actions if a.action == "dm"] == []


async def test_agreeing_after_the_first_win_explains_there_is_nothing_to_tell(wins_town):
    town = await buddy_town(wins_town)
    await town.say("nina", "!win said hello")
    await town.say("nina", "!wins tell-buddy on")
    assert town.replies_to("nina")[-1] == town.t("wins.tell_buddy.on_already", command="!wins")
    await town.say("nina", "!win second win")
    assert town.dms_to("olga") == []
