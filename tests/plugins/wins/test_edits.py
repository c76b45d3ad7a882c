"""Edits and deletions: a deleted win is gone, an edited one keeps up with its words."""
from __future__ import annotations


async def journal(town, name: str) -> str:
    await town.dm(name, "!wins")
    return town.dms_to(name)[-1]


async def test_a_deleted_win_is_removed_with_the_celebration_quoting_it(wins_town):
    town = await wins_town()
    message = await town.say("alice", "!win told my family about the diagnosis")
    celebration = town.adapter.last_message()
    town.new_actions()
    await town.delete("alice", message)
    deleted = [a for a in town.new_actions() if a.action == "delete"]
    assert [a.extra["message"] for a in deleted] == [celebration.id]
    assert await journal(town, "alice") == town.t("wins.journal.empty", command="!win")
    town.new_actions()
    await town.wait("7d")
    assert town.new_actions() == [], "no digest: the only win is gone"


async def test_deleting_a_win_removes_the_cheers_it_had(wins_town):
    town = await wins_town()
    first = await town.say("alice", "!win first")
    await town.react("bob", "💛", to=first)
    await town.delete("alice", first)
    await town.say("alice", "!win second")
    assert "witnessed" not in await journal(town, "alice")


async def test_an_edited_win_is_updated_in_the_journal_and_digest(wins_town):
    town = await wins_town()
    message = await town.say("alice", "!win went to the gym")
    await town.edit("alice", message, "!win went to the gym twice")
    text = await journal(town, "alice")
    assert "• went to the gym twice (5 January)" in text
    await town.wait("7d")
    assert "• alice: went to the gym twice" in town.sent_in("general")[-1]


async def test_an_edited_marked_message_keeps_its_whole_new_text(wins_town):
    town = await wins_town()
    message = await town.say("alice", "slept well")
    await town.react("alice", "🎉", to=message)
    await town.edit("alice", message, "slept well for the first time in weeks")
    assert "• slept well for the first time in weeks (5 January)" in await journal(town, "alice")


async def test_an_edit_that_empties_the_win_keeps_the_old_words(wins_town):
    town = await wins_town()
    message = await town.say("alice", "!win asked for a day off")
    await town.edit("alice", message, "!win")
    assert "• asked for a day off (5 January)" in await journal(town, "alice")


async def test_a_message_edited_before_it_is_marked_is_recorded_as_edited(wins_town):
    town = await wins_town()
    message = await town.say("alice", "ran 1km")
    await town.edit("alice", message, "ran 2km")
    await town.react("alice", "🎉", to=message)
    assert "ran 2km" in town.replies_to("alice")[-1]


async def test_deleting_an_ordinary_message_changes_nothing(wins_town):
    town = await wins_town()
    await town.say("alice", "!win kept my promise")
    other = await town.say("alice", "just chatting")
    town.new_actions()
    await town.delete("alice", other)
    assert town.new_actions() == []
    assert "kept my promise" in await journal(town, "alice")
