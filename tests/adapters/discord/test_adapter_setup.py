"""Set-up of the Discord adapter: the documented invite URL, slash-command generation, sharding, server choice."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from samovar.adapters.discord import slash
from samovar.adapters.discord.permissions import REQUIRED, invite_url
from samovar.core.commands import Arg, Command
from samovar.core.i18n import Catalog

from .adapter_support import contents, running_samovar, samovar_config
from .standin import DiscordStandIn, Perm

DOCS = Path(__file__).resolve().parents[3] / "docs" / "discord.md"


def test_docs_invite_url_asks_for_exactly_the_needed_permissions() -> None:
    text = DOCS.read_text(encoding="utf-8")
    urls = re.findall(r"https://discord\.com/oauth2/authorize\?\S+", text)
    assert urls, "docs/discord.md has no invite URL"
    for url in urls:
        assert f"permissions={REQUIRED.value}" in url and "scope=bot+applications.commands" in url
    expected = (Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | Perm.SEND_MESSAGES_IN_THREADS | Perm.READ_MESSAGE_HISTORY
                | Perm.ADD_REACTIONS | Perm.MANAGE_MESSAGES | Perm.MODERATE_MEMBERS)
    assert REQUIRED.value == int(expected)
    assert invite_url(42).endswith(f"permissions={int(expected)}")


async def _noop(ctx: object, **values: object) -> None:
    return None


def _catalog() -> Catalog:
    catalog = Catalog()
    catalog.load_dir(Path(__file__).parent / "echo_locales")
    return catalog


def test_slash_commands_from_a_registry_with_groups_and_hidden_commands() -> None:
    commands = [
        Command("checkin", _noop, help="echo.help.echo"),
        Command("checkin pause", _noop, (Arg("until", required=False), Arg("why", rest=True)), help="echo.help.mood"),
        Command("secret", _noop, hidden=True),
        Command("Bad Name", _noop),
    ]
    built = slash.build(commands, _catalog(), "!", "ru")

    [checkin] = built.guild_payload
    assert checkin["description"] == "повторить текст"  # the community speaks Russian: base text in Russian
    assert checkin["description_localizations"] == {"en-US": "say the text back", "en-GB": "say the text back"}
    base, pause = checkin["options"]
    assert (base["type"], base["name"], pause["name"]) == (1, "checkin", "pause")
    assert [o["name"] for o in pause["options"]] == ["why", "until"]  # required options first
    assert built.skipped == ["Bad Name"]
    assert built.text_for({"name": "checkin", "options": [
        {"name": "pause", "type": 1, "options": [{"name": "why", "value": "a trip", "type": 3},
                                                 {"name": "until", "value": "monday", "type": 3}]}]}) == \
        "checkin pause monday a trip"
    assert built.text_for({"name": "checkin", "options": [{"name": "checkin", "type": 1}]}) == "checkin"


async def test_sharded_client_serves_too(discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    config = samovar_config({"sharded": True})
    async with running_samovar(discord_standin, monkeypatch, config) as (_, adapter):
        discord_standin.user_says("general", "alice", "!echo from a shard")
        await discord_standin.wait_for(lambda: discord_standin.sent_messages("general"))
        sharded = type(adapter.client).__mro__

    assert contents(discord_standin.sent_messages("general")) == ["from a shard"]
    assert any(cls.__name__ == "AutoShardedClient" for cls in sharded)
    assert discord_standin.requests_to("GET", "/gateway/bot")


async def test_only_configured_servers_are_served(discord_standin: DiscordStandIn, monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="samovar.adapters.discord")
    elsewhere = 1234567890123456789
    async with running_samovar(discord_standin, monkeypatch, samovar_config({"guilds": [elsewhere]})):
        discord_standin.user_says("general", "alice", "!echo ignored")
        discord_standin.user_dms("alice", "!echo direct messages are still answered")
        await discord_standin.wait_for(lambda: discord_standin.sent_dms("alice"))

    assert discord_standin.sent_messages("general") == []
    assert discord_standin.registered_commands() == []
    assert any(str(elsewhere) in r.getMessage() and "invite it with" in r.getMessage() for r in caplog.records)


async def test_missing_bot_permissions_are_reported_at_start(discord_standin: DiscordStandIn,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="samovar.adapters.discord")
    discord_standin.revoke_bot_permissions(Perm.MODERATE_MEMBERS, Perm.ADD_REACTIONS)
    async with running_samovar(discord_standin, monkeypatch):
        pass

    [warning] = [r.getMessage() for r in caplog.records]
    assert "lacks add_reactions, moderate_members" in warning
    assert f"client_id={discord_standin.world.application.id}" in warning
    assert f"permissions={REQUIRED.value}" in warning
