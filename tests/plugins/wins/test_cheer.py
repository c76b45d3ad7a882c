"""Cheering a win: others' reactions and ``!cheer`` become "witnessed by N", seen only by the author."""
from __future__ import annotations

from .conftest import texts


def journal_of(town, name: str) -> str:
    return town.dms_to(name)[-1]


async def test_reactions_and_cheers_show_privately_as_witnessed(wins_town):
    town = await wins_town()
    win = await town.say("alice", "!win asked for help at work")
    celebration = town.adapter.last_message()
    town.new_actions()
    await town.react("bob", "💛", to=win)
    await town.react("carol", "👏", to=celebration)
    await town.say("dan", "!cheer", reply_to=win)
    public = town.new_actions()
    assert texts(public, "send") == [] and texts(public, "dm") == [], "cheering posts nothing"
    assert texts(public, "react") == ["💛"], "the bot quietly acknowledges a !cheer"
    await town.dm("alice", "!wins")
    assert "asked for help at work (5 January)" + town.t("wins.journal.witnessed", count=3) in journal_of(town, "alice")


async def test_the_same_person_cheering_twice_counts_once(wins_town):
    town = await wins_town()
    win = await town.say("alice", "!win slept eight hours")
    await town.react("bob", "💛", to=win)
    await town.react("bob", "🎉", to=win)
    await town.say("bob", "!cheer", reply_to=win)
    await town.dm("alice", "!wins")
    assert town.t("wins.journal.witnessed", count=1) in journal_of(town, "alice")


async def test_cheering_a_reply_to_the_celebration_counts(wins_town):
    town = await wins_town()
    await town.say("alice", "!win drank water all day")
    celebration = town.adapter.last_message()
    await town.say("bob", "!cheer", reply_to=celebration)
    await town.dm("alice", "!wins")
    assert town.t("wins.journal.witnessed", count=1) in journal_of(town, "alice")


async def test_the_author_does_not_witness_their_own_win(wins_town):
    town = await wins_town()
    win = await town.say("alice", "!win paid the bills")
    await town.react("alice", "💛", to=win)
    await town.say("alice", "!cheer", reply_to=win)
    assert town.replies_to("alice")[-1] == town.t("wins.cheer.own")
    await town.dm("alice", "!wins")
    assert "witnessed" not in journal_of(town, "alice")


async def test_cheer_without_a_reply_explains_itself(wins_town):
    town = await wins_town()
    await town.say("bob", "!cheer")
    assert town.replies_to("bob") == [town.t("wins.cheer.how", command="!cheer")]


async def test_cheer_on_something_that_is_not_a_win_says_so(wins_town):
    town = await wins_town()
    message = await town.say("alice", "rough day")
    await town.say("bob", "!cheer", reply_to=message)
    assert town.replies_to("bob") == [town.t("wins.cheer.not_a_win", command="!cheer")]


async def test_only_the_author_ever_sees_the_count(wins_town):
    town = await wins_town()
    win = await town.say("alice", "!win went to therapy")
    for name in ("bob", "carol", "dan"):
        await town.react(name, "💛", to=win)
    await town.dm("bob", "!wins")
    assert "went to therapy" not in journal_of(town, "bob")
    everything_public = " ".join(a.text or "" for a in town.actions if a.action == "send")
    assert "3" not in everything_public and "witnessed" not in everything_public


async def test_witness_text_is_russian_for_russian_speakers(wins_town):
    town = await wins_town()
    await town.say("alice", "!language ru")
    win = await town.say("alice", "!win позвонила маме")
    for name in ("bob", "carol"):
        await town.react(name, "💛", to=win)
    await town.dm("alice", "!wins")
    assert " — за тебя порадовались 2 человека" in journal_of(town, "alice")
