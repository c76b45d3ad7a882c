"""Channels and the bot's permissions change while it runs: it follows, without asking Discord in vain."""
from __future__ import annotations

import logging

import pytest

from samovar.adapters.discord import DiscordAdapter

from .adapter_support import contents, running_samovar, samovar_config
from .client_helpers import eventually
from .standin import DiscordStandIn, Perm

MESSAGES_ROUTE = "/channels/{channel_id}/messages"


def bot_may_send(adapter: DiscordAdapter, channel_id: int) -> bool:
    """What discord.py (not samovar) currently knows of the bot's Send Messages permission in a channel."""
    channel = adapter.client.get_channel(channel_id)
    return channel.permissions_for(channel.guild.me).send_messages  # type: ignore[union-attr]


async def test_replies_stop_when_the_channel_denies_the_bot_and_resume_when_allowed(
        discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="samovar")
    async with running_samovar(discord_standin, monkeypatch) as (_, adapter):
        discord_standin.user_says("general", "alice", "!echo one")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))

        general = discord_standin.deny_bot_in_channel("general", Perm.SEND_MESSAGES)
        await eventually(lambda: not bot_may_send(adapter, general.id))
        discord_standin.user_says("general", "alice", "!echo two")
        await eventually(lambda: any("lacks send_messages" in str(getattr(r, "error", "")) for r in caplog.records))

        discord_standin.deny_bot_in_channel("general")
        await eventually(lambda: bot_may_send(adapter, general.id))
        discord_standin.user_says("general", "alice", "!echo three")
        await discord_standin.wait_for(lambda: len(discord_standin.sent_messages("general")) >= 2)

    assert contents(discord_standin.sent_messages("general")) == ["one", "three"]
    refused = [r for r in discord_standin.requests_to("POST", MESSAGES_ROUTE) if r.status == 403]
    assert refused == []  # the revoked permission was known before asking: no request Discord refuses


async def test_a_renamed_channel_takes_the_settings_of_its_new_name(
        discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    config = samovar_config(rooms={"поддержка": {"language": "ru"}})
    async with running_samovar(discord_standin, monkeypatch, config) as (bot, adapter):
        discord_standin.user_says("general", "alice", "!ech hi")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))

        channel = discord_standin.rename_channel("general", "поддержка")
        await eventually(lambda: adapter.client.get_channel(channel.id).name == "поддержка")
        discord_standin.user_says(channel.id, "alice", "!ech hi")
        await discord_standin.wait_for(lambda: len(discord_standin.sent_messages(channel.id)) >= 2)

    before, after = contents(discord_standin.sent_messages(channel.id))
    assert before == bot.t("core.unknown_command_hint", "en", command="!echo", help="!help")
    assert after == bot.t("core.unknown_command_hint", "ru", command="!echo", help="!help")
