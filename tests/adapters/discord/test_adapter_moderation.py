"""Moderator commands on Discord: role mapping, and delete/timeout with the bot's own permissions checked first."""
from __future__ import annotations

import pytest

from samovar.core.events import MemberRef

from .adapter_support import contents, running_samovar
from .standin import DiscordStandIn, Perm

NOT_ALLOWED = "That one is for the moderators. If you think you should have access, ask one of them."
MEMBER_ROUTE = "/guilds/{guild_id}/members/{user_id}"
MESSAGE_ROUTE = "/channels/{channel_id}/messages/{message_id}"


def user_id(standin: DiscordStandIn, name: str) -> int:
    return standin.world.find_user(name).id


async def answers(standin: DiscordStandIn, channel: str, count: int) -> list[str]:
    await standin.wait_for(lambda: len(standin.sent_messages(channel)) >= count)
    return contents(standin.sent_messages(channel))


async def test_moderator_role_allows_and_its_absence_refuses(discord_standin: DiscordStandIn,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bob, carol = user_id(discord_standin, "bob"), user_id(discord_standin, "carol")
    async with running_samovar(discord_standin, monkeypatch) as (_, adapter):
        discord_standin.user_says("general", "alice", f"!hush <@{carol}> 10m")
        assert await answers(discord_standin, "general", 1) == [NOT_ALLOWED]
        discord_standin.user_says("general", "carol", f"!hush <@{bob}> 10m")
        assert (await answers(discord_standin, "general", 2))[1] == "Done, Bob has a quiet moment."
        slash = discord_standin.slash_command("alice", "general", "hush", {"member": "bob"})
        await discord_standin.wait_for(lambda: discord_standin.responses_to(slash))
        standing = await adapter.standing(MemberRef("discord", str(carol)), None)

    assert discord_standin.member("bob").communication_disabled_until is not None
    assert discord_standin.member("carol").communication_disabled_until is None
    assert discord_standin.responses_to(slash)[0].content == NOT_ALLOWED
    assert standing.roles == frozenset({"Moderators"})


async def test_slash_moderation_with_a_picked_member(discord_standin: DiscordStandIn,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        slash = discord_standin.slash_command("carol", "general", "hush", {"member": "alice", "duration": "1h"})
        await discord_standin.wait_for(lambda: discord_standin.responses_to(slash))

    assert discord_standin.responses_to(slash)[0].content == "Done, Alice has a quiet moment."
    [edit] = [r for r in discord_standin.requests_to("PATCH", MEMBER_ROUTE) if r.status == 200]
    assert edit.body["communication_disabled_until"] is not None


async def test_delete_with_and_without_the_bots_permission(discord_standin: DiscordStandIn,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_samovar(discord_standin, monkeypatch):
        hurtful = discord_standin.user_says("general", "bob", "just cheer up")
        discord_standin.user_says("general", "carol", "!tidy", reply_to=hurtful)
        assert await answers(discord_standin, "general", 1) == ["Removed."]

        discord_standin.revoke_bot_permissions(Perm.MANAGE_MESSAGES)  # GUILD_ROLE_UPDATE comes first
        again = discord_standin.user_says("general", "bob", "just cheer up, again")
        discord_standin.user_says("general", "carol", "!tidy", reply_to=again)
        assert (await answers(discord_standin, "general", 2))[1] == "I couldn't remove that message."

    live = [m.id for m in discord_standin.messages_in("general")]
    assert hurtful.id not in live and again.id in live
    deletions = discord_standin.requests_to("DELETE", MESSAGE_ROUTE)
    assert [(r.path.rsplit("/", 1)[1], r.status) for r in deletions] == [(str(hurtful.id), 204)]


async def test_timeout_without_the_bots_permission_or_above_its_role(discord_standin: DiscordStandIn,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    olga, bob = user_id(discord_standin, "olga"), user_id(discord_standin, "bob")
    async with running_samovar(discord_standin, monkeypatch):
        discord_standin.user_says("general", "carol", f"!hush <@{olga}> 5m")  # the owner
        assert await answers(discord_standin, "general", 1) == ["I couldn't give Olga a quiet moment."]
        discord_standin.revoke_bot_permissions(Perm.MODERATE_MEMBERS)
        discord_standin.user_says("general", "carol", f"!hush <@{bob}> 5m")
        assert (await answers(discord_standin, "general", 2))[1] == "I couldn't give Bob a quiet moment."

    assert discord_standin.member("olga").communication_disabled_until is None
    assert discord_standin.member("bob").communication_disabled_until is None
    assert discord_standin.requests_to("PATCH", MEMBER_ROUTE) == []  # refused before asking Discord
