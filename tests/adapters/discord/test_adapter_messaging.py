"""Conversation through the real Discord adapter: DMs, reactions, threads, joins and leaves, edits."""
from __future__ import annotations

import pytest

from samovar.core.events import MemberRef

from .adapter_support import contents, running_samovar
from .standin import DiscordStandIn


async def test_direct_messages_both_ways(discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch) as (bot, _):
        asked = discord_standin.user_dms("bob", "!whisper can we talk?")
        await discord_standin.wait_for(lambda: discord_standin.sent_dms("bob"))
        discord_standin.user_says("general", "bob", "!whisper not here")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))

        alice = discord_standin.world.find_user("alice")
        sent = await bot.dm(MemberRef("discord", str(alice.id)), "Your buddy is carol.")
        closed = await bot.dm(MemberRef("discord", str(discord_standin.world.find_user("dmitri").id)), "hello")

    [answer] = discord_standin.sent_dms("bob")
    assert answer.content == "can we talk?" and answer.reply_to == asked.id
    assert "private chat" in discord_standin.sent_messages("general")[0].content  # where="dm" is explained
    assert sent is not None and sent.room.is_direct
    assert contents(discord_standin.sent_dms("alice")) == ["Your buddy is carol."]
    assert closed is None  # dmitri does not accept DMs: the core is told, nothing breaks


async def test_newcomer_gets_a_welcome_dm_and_a_farewell(discord_standin: DiscordStandIn,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        discord_standin.member_joins("newcomer")
        await discord_standin.wait_for(lambda: discord_standin.sent_dms("newcomer"))
        shy = discord_standin.add_user("shy", accepts_dms=False)
        discord_standin.member_joins(shy)
        discord_standin.member_leaves("newcomer")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))

    assert contents(discord_standin.sent_dms("newcomer")) == ["Welcome, Newcomer! We're glad you're here."]
    assert discord_standin.sent_dms("shy") == []
    assert contents(discord_standin.sent_messages("general")) == ["Goodbye, Newcomer."]


async def test_reactions_both_ways(discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        tada = discord_standin.user_says("wins", "alice", "!tada")
        await discord_standin.wait_for(lambda: discord_standin.reactions_on(tada))
        story = discord_standin.user_says("wins", "alice", "I called my mom")
        discord_standin.user_reacts(story, "bob", "🫖")
        discord_standin.user_reacts(story, "carol", "❤️")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("wins"))

    bot_id = discord_standin.world.bot.id
    assert discord_standin.reactions_on(tada) == {"🎉": [bot_id]}
    assert contents(discord_standin.sent_messages("wins")) == ["Thank you for the tea, Bob!"]
    assert [r.emoji for r in discord_standin.reactions if r.by_bot] == ["🎉"]  # its own echo is not answered


async def test_thread_messages_are_answered_in_the_thread(discord_standin: DiscordStandIn,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        starter = discord_standin.user_says("checkins", "alice", "This week was hard")
        thread = discord_standin.platform.start_thread(starter, discord_standin.world.find_user("alice"), "alice")
        asked = discord_standin.user_says(thread, "bob", "!echo sending hugs")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages(thread))
        slash = discord_standin.slash_command("carol", thread, "echo", {"text": "here for you"})
        await discord_standin.wait_for(lambda: discord_standin.responses_to(slash))

    [answer, slash_answer] = discord_standin.sent_messages(thread)
    assert answer.content == "sending hugs" and answer.reply_to == asked.id
    assert slash_answer.content == "here for you"
    assert discord_standin.sent_messages("checkins") == []


async def test_edits_and_deletions_reach_plugins(discord_standin: DiscordStandIn,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        said = discord_standin.user_says("checkins", "alice", "I feel bad")
        discord_standin.platform.edit_message(said, {"content": "I feel better"})
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("checkins"))
        discord_standin.platform.delete_message(said)
        await discord_standin.wait_for(lambda: len(discord_standin.sent_messages("checkins")) == 2)

    edited, deleted = discord_standin.sent_messages("checkins")
    assert (edited.content, edited.reply_to) == ("I see you edited this.", said.id)
    assert deleted.content == "A message was removed here."
