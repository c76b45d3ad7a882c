"""The Discord adapter under trouble: gateway drops, 429s, missing intents, a refused token."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from samovar.core import cli

from samovar.adapters.discord import DiscordLoginError

from .adapter_support import build_bot, contents, running_samovar, samovar_config
from .standin import DiscordStandIn, Intent

ADAPTER_LOG = "samovar.adapters.discord"


@pytest.mark.parametrize("close_code", [4000, None], ids=["close-frame", "tcp-reset"])
async def test_gateway_drop_resumes_and_every_command_is_answered_once(
        discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch, close_code: int | None) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        discord_standin.user_says("general", "alice", "!echo one")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))

        await discord_standin.drop_gateway(close_code)
        discord_standin.user_says("general", "alice", "!echo two")
        discord_standin.user_dms("bob", "!echo three")
        slash = discord_standin.slash_command("carol", "general", "echo", {"text": "four"})
        await discord_standin.wait_for(lambda: discord_standin.connections[-1].kind == "resume")
        discord_standin.user_says("general", "alice", "!echo five")
        await discord_standin.wait_for(lambda: len(discord_standin.sent_messages("general")) >= 4)
        await discord_standin.wait_for(lambda: discord_standin.sent_dms("bob"))
        discord_standin.user_says("general", "alice", "!echo six")
        await discord_standin.wait_for(lambda: "six" in contents(discord_standin.sent_messages("general")))

    assert sorted(contents(discord_standin.sent_messages("general"))) == ["five", "four", "one", "six", "two"]
    assert contents(discord_standin.sent_dms("bob")) == ["three"]
    assert [r.kind for r in discord_standin.responses_to(slash)] == ["callback"]
    assert [c.kind for c in discord_standin.connections] == ["identify", "resume"]
    assert discord_standin.connections[-1].replayed >= 3


async def test_injected_429s_are_retried_and_nothing_is_dropped(discord_standin: DiscordStandIn,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        discord_standin.inject_429("POST /channels/*/messages", retry_after=0.2, count=2)
        discord_standin.inject_429("POST /interactions/*", retry_after=0.2, count=1)
        for number in range(3):
            discord_standin.user_says("general", "alice", f"!echo {number}")
        slash = discord_standin.slash_command("bob", "general", "echo", {"text": "slash"})
        await discord_standin.wait_for(lambda: len(discord_standin.sent_messages("general")) == 4)

    assert sorted(contents(discord_standin.sent_messages("general"))) == ["0", "1", "2", "slash"]
    statuses = [r.status for r in discord_standin.requests_to("POST", "/channels/{channel_id}/messages")]
    assert sorted(statuses) == [200, 200, 200, 429, 429]
    callbacks = discord_standin.requests_to("POST", "/interactions/{webhook_id}/{webhook_token}/callback")
    assert [r.status for r in callbacks] == [429, 200]
    assert [r.kind for r in discord_standin.responses_to(slash)] == ["callback"]
    assert discord_standin.rate_limit_violations == []


async def test_missing_message_content_intent_warns_and_the_bot_still_serves(
        discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    discord_standin.set_privileged_intents(message_content=False)
    caplog.set_level(logging.WARNING, logger=ADAPTER_LOG)
    async with running_samovar(discord_standin, monkeypatch):
        [warning] = [r.getMessage() for r in caplog.records if r.name == ADAPTER_LOG]
        discord_standin.user_says("general", "alice", "!echo unseen")
        discord_standin.user_says("general", "alice", f"<@{discord_standin.world.bot.id}> echo seen")
        slash = discord_standin.slash_command("bob", "general", "echo", {"text": "slash works"})
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general")
                                       and discord_standin.responses_to(slash))

    assert "Message Content intent is off" in warning and "Developer Portal" in warning
    assert contents(discord_standin.sent_messages("general")) == ["seen", "slash works"]
    [session] = discord_standin.gateway.sessions.values()
    assert not session.intents & Intent.MESSAGE_CONTENT and session.intents & Intent.GUILD_MEMBERS
    assert all(c.closed_by_server != 4014 for c in discord_standin.connections)


async def test_missing_members_intent_warns(discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch,
                                            caplog: pytest.LogCaptureFixture) -> None:
    discord_standin.set_privileged_intents(members=False)
    caplog.set_level(logging.WARNING, logger=ADAPTER_LOG)
    async with running_samovar(discord_standin, monkeypatch):
        discord_standin.user_says("general", "alice", "!echo still here")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))

    [warning] = [r.getMessage() for r in caplog.records if r.name == ADAPTER_LOG]
    assert "Server Members intent is off" in warning and "welcome" in warning


async def test_bad_token_is_a_clear_error(discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMOVAR_DISCORD_TOKEN", "not-the-token")
    bot, _ = build_bot(samovar_config({"token_env": "SAMOVAR_DISCORD_TOKEN"}))
    with pytest.raises(DiscordLoginError) as caught:
        await bot.start()
    await bot.stop()

    message = str(caught.value)
    assert "SAMOVAR_DISCORD_TOKEN" in message and "Reset Token" in message
    assert "not-the-token" not in message
    assert discord_standin.connections == []  # it stopped before the gateway
    assert discord_standin.requests[-1].status == 401


async def test_unset_token_variable_is_named_by_the_config_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from samovar.core.yamlconf import ConfigError

    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="DISCORD_TOKEN is not set"):
        build_bot(samovar_config())


async def test_samovar_run_with_a_bad_token_prints_why_and_exits_1(
        discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "samovar.yaml"
    config.write_text(f"""
database_url: "sqlite://{tmp_path / 'samovar.db'}"
adapters:
  discord:
    guild_ready_timeout: 0.05
plugins: {{}}
""", encoding="utf-8")
    monkeypatch.setenv("DISCORD_TOKEN", "a-revoked-token")
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, logging.getLogger("samovar").level)
    try:
        code = await asyncio.to_thread(cli.main, ["run", "--config", str(config)])
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        logging.getLogger("samovar").setLevel(saved[2])

    error = capsys.readouterr().err
    assert code == 1
    assert "samovar: could not start: Discord refused the bot token from the environment variable DISCORD_TOKEN" \
        in error
    assert "a-revoked-token" not in error


async def test_an_event_that_fails_in_the_adapter_is_logged_and_never_raised(caplog: pytest.LogCaptureFixture) -> None:
    from samovar.adapters.discord import DiscordAdapter
    from samovar.adapters.discord.events import _Handling

    bridge = DiscordAdapter().bridge
    caplog.set_level(logging.ERROR, logger=ADAPTER_LOG)
    with _Handling(bridge, "message"):
        assert bridge.in_flight  # the task counts as in flight while the event is handled
        raise ValueError("broken payload")
    [record] = [r for r in caplog.records if r.name == ADAPTER_LOG]
    assert record.discord_event == "message" and "broken payload" in caplog.text
    assert not bridge.in_flight
