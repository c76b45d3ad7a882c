"""A win whose words show signs of crisis is answered with care, never celebrated."""
from __future__ import annotations

from .conftest import texts

CRISIS_WIN = "wrote goodbye letters to everyone today, I won't be a burden much longer"


async def test_a_win_with_signs_of_crisis_gets_care_and_no_celebration(wins_town):
    town = await wins_town(plugins=("moderation",))
    await town.say("alice", "!win " + CRISIS_WIN)
    actions = town.new_actions()
    assert [a for a in actions if a.room == "general"] == [], "nothing public: no celebration, no reaction"
    [care] = texts([a for a in actions if a.to == "alice"], "dm")
    assert town.bot.t("moderation.care.closing", "en") in care
    [alert] = [a for a in actions if a.room == "moderators"]
    assert "goodbye" not in alert.text and "a win they shared" in alert.text
    await town.dm("alice", "!wins")
    [journal] = texts(town.new_actions(), "dm")
    assert "goodbye" not in journal, "the words are not written down as a win"


async def test_marking_a_message_with_signs_of_crisis_as_a_win_celebrates_nothing(wins_town):
    town = await wins_town(plugins=("moderation",))
    message = await town.say("alice", CRISIS_WIN)
    assert texts(town.new_actions(), "dm"), "the room message got the care response"
    await town.react("alice", "🎉", to=message)
    assert [a for a in town.new_actions() if a.room == "general"] == []


async def test_an_ordinary_win_is_still_celebrated_with_the_care_plugin_on(wins_town):
    town = await wins_town(plugins=("moderation",))
    await town.say("alice", "!win finished a chapter")
    assert len(texts(town.new_actions(), "send")) == 1
