"""Commands through the real Discord adapter in a real Bot: prefix and slash, replies, localization."""
from __future__ import annotations

import pytest

from samovar.adapters.discord import interactions

from .adapter_support import contents, running_samovar
from .standin import DiscordStandIn


async def test_prefix_command_is_answered_with_a_reply(discord_standin: DiscordStandIn,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        asked = discord_standin.user_says("general", "alice", "!echo hello @everyone")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))
        discord_standin.user_says("general", "bob", "just chatting")
        discord_standin.user_says("general", "bob", "!echo second")
        await discord_standin.wait_for(lambda: len(discord_standin.sent_messages("general")) >= 2)

    answer, second = discord_standin.sent_messages("general")
    assert answer.reply_to == asked.id
    assert answer.content.startswith("hello @") and not answer.mention_everyone
    assert answer.allowed_mentions is not None
    assert answer.allowed_mentions["parse"] == ["users"] and answer.allowed_mentions["replied_user"] is True
    assert second.content == "second"


async def test_every_command_is_a_localized_slash_command(discord_standin: DiscordStandIn,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        guild = {c["name"]: c for c in discord_standin.registered_commands()}
        direct = {c["name"]: c for c in discord_standin.global_commands()}

    assert {"echo", "tada", "mood", "hush", "tidy", "help", "language", "privacy"} <= set(guild)
    assert "whisper" not in guild and "whisper" in direct  # a DM-only command is offered in DMs only
    assert "hush" not in direct and direct["whisper"]["contexts"] == [1]
    echo = guild["echo"]
    assert echo["description"] == "say the text back"
    assert echo["description_localizations"]["ru"] == "повторить текст"
    assert echo["options"] == [{"type": 3, "name": "text", "description": "<text...>", "required": True}]
    mood = guild["mood"]
    assert mood["name_localizations"] == {"ru": "настроение"}
    share = mood["options"][0]
    assert (share["type"], share["name"], share["name_localizations"]) == (1, "share", {"ru": "поделиться"})
    assert share["description_localizations"]["ru"] == "поделиться настроением"
    assert share["options"][0]["choices"] == [{"name": "calm", "value": "calm"}, {"name": "tired", "value": "tired"}]
    assert guild["hush"]["options"][0]["type"] == 6  # a member is picked, not typed
    assert guild["language"]["name_localizations"] == {"ru": "язык"}


async def test_slash_commands_answer_through_the_interaction(discord_standin: DiscordStandIn,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        echo = discord_standin.slash_command("alice", "wins", "echo", {"text": "slept eight hours"})
        mood = discord_standin.slash_command("bob", "general", "mood share", {"mood": "calm"})
        whisper = discord_standin.slash_command("bob", None, "whisper", {"text": "only for you"})
        tada = discord_standin.slash_command("carol", "general", "tada")
        await discord_standin.wait_for(lambda: all(discord_standin.responses_to(i)
                                                   for i in (echo, mood, whisper, tada)))
        help_call = discord_standin.slash_command("alice", "general", "help")
        await discord_standin.wait_for(lambda: discord_standin.responses_to(help_call))

    def answer(interaction):  # type: ignore[no-untyped-def]
        [response] = discord_standin.responses_to(interaction)
        assert (response.kind, response.type) == ("callback", 4)
        return response.content

    assert answer(echo) == "slept eight hours"
    assert answer(mood) == "Thank you for sharing that you feel calm."
    assert answer(whisper) == "only for you"
    assert answer(tada) == "🎉"  # a reaction to an invocation is its answer
    assert "!echo" in answer(help_call)
    assert contents(discord_standin.sent_messages("wins")) == ["slept eight hours"]
    assert discord_standin.requests_to("POST", "/channels/{channel_id}/messages") == []


async def test_mentioning_the_bot_runs_a_command(discord_standin: DiscordStandIn,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        bot_id = discord_standin.world.bot.id
        discord_standin.user_says("general", "alice", f"<@{bot_id}> echo tea time")
        discord_standin.user_says("general", "alice", f"<@{bot_id}> thank you for yesterday")
        discord_standin.user_says("general", "alice", "!echo after")
        await discord_standin.wait_for(lambda: len(discord_standin.sent_messages("general")) >= 2)

    assert sorted(contents(discord_standin.sent_messages("general"))) == ["after", "tea time"]


async def test_slow_slash_command_is_deferred_then_answered(discord_standin: DiscordStandIn,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interactions, "DEFER_AFTER", 0.05)  # Discord's 3 s deadline, scaled down
    async with running_samovar(discord_standin, monkeypatch):
        slow = discord_standin.slash_command("alice", "general", "ponder", {"seconds": 2})
        await discord_standin.wait_for(lambda: len(discord_standin.responses_to(slow)) >= 3)

    assert [(r.kind, r.type) for r in discord_standin.responses_to(slow)] == [
        ("callback", 5), ("edit_original", None), ("followup", None)]
    assert contents(discord_standin.sent_messages("general")) == [
        "Thank you for sharing that you feel thoughtful.", "Removed."]


async def test_slash_command_answered_only_privately_gets_a_quiet_acknowledgement(
        discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        remind = discord_standin.slash_command("bob", "general", "remind", {"text": "drink water"})
        await discord_standin.wait_for(lambda: discord_standin.responses_to(remind))

    [ack] = discord_standin.responses_to(remind)
    assert (ack.kind, ack.content, ack.ephemeral) == ("callback", "Done.", True)
    assert contents(discord_standin.sent_dms("bob")) == ["drink water"]
    assert discord_standin.sent_messages("general") == []
