"""End-to-end checks: the unmodified discord.py client against the Discord stand-in."""
from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import discord
import pytest

from .client_helpers import eventually, from_user, guild_of, make_client, me, member_named, text_channel
from .conftest import StartClient
from .standin import DiscordStandIn, Perm

REPO_ROOT = Path(__file__).resolve().parents[3]


# -- login and gateway ---------------------------------------------------------------------


async def test_login_ready_and_guild_state(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())

    assert client.user is not None and me(client).id == discord_standin.world.bot.id
    guild = guild_of(client, discord_standin)
    assert {"general", "wins", "checkins"} <= {c.name for c in guild.text_channels}
    assert "mods-only" in {c.name for c in guild.text_channels}
    hidden = text_channel(client, discord_standin, "mods-only")
    assert not hidden.permissions_for(guild.me).view_channel
    assert [r.name for r in guild.me.roles] == ["@everyone", "Samovar"]
    assert guild.me.guild_permissions.moderate_members
    # The member list arrives through op 8 / GUILD_MEMBERS_CHUNK.
    assert guild.chunked
    assert {"olga", "alice", "bob", "carol", "dmitri", "samovar"} == {m.name for m in guild.members}
    connection = discord_standin.connections[0]
    assert (connection.kind, connection.compression, connection.query["v"]) == ("identify", "zstd-stream", "10")


@pytest.mark.discord_standin(heartbeat_interval_ms=40)
async def test_heartbeats_are_acknowledged(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    await discord_standin.wait_for(lambda: len(discord_standin.connections[-1].heartbeats) >= 3)
    assert math.isfinite(client.latency)
    sequence_numbers = [s for s in discord_standin.connections[-1].heartbeats if s is not None]
    assert sequence_numbers == sorted(sequence_numbers) and sequence_numbers[-1] >= 2


@pytest.mark.parametrize("close_code", [4000, None], ids=["close-frame", "tcp-reset"])
async def test_resume_replays_missed_events_once(discord_standin: DiscordStandIn, run_discord_client: StartClient,
                                                 close_code: int | None) -> None:
    client = make_client()
    received: list[str] = []

    @client.event
    async def on_message(message: discord.Message) -> None:
        received.append(message.content)

    await run_discord_client(client)
    discord_standin.user_says("general", "alice", "one")
    await eventually(lambda: received == ["one"])

    resumed = client.wait_for("resumed", timeout=5)
    await discord_standin.drop_gateway(close_code)
    discord_standin.user_says("general", "alice", "two")
    discord_standin.user_dms("bob", "three")
    await resumed
    discord_standin.user_says("wins", "carol", "four")
    await eventually(lambda: "four" in received)

    assert received == ["one", "two", "three", "four"]
    last = discord_standin.connections[-1]
    assert (last.kind, last.path, last.replayed) == ("resume", "/resume/", 2)


async def test_op7_reconnect_resumes(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    resumed = client.wait_for("resumed", timeout=5)
    discord_standin.request_reconnect()
    await resumed
    assert [c.kind for c in discord_standin.connections] == ["identify", "resume"]


async def test_invalid_session_makes_client_identify_again(discord_standin: DiscordStandIn,
                                                           run_discord_client: StartClient) -> None:
    client = make_client()

    async def identify_at_once(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py otherwise waits 5 s before identifying again (identify rate limit)."""

    client.before_identify_hook = identify_at_once  # type: ignore[method-assign]
    await run_discord_client(client)
    ready_again = client.wait_for("ready", timeout=5)
    discord_standin.invalidate_session(resumable=False)
    await ready_again
    assert [c.kind for c in discord_standin.connections] == ["identify", "identify"]
    assert len(discord_standin.gateway.sessions) == 1


async def test_zlib_stream_when_zstandard_is_missing() -> None:
    result = subprocess.run([sys.executable, "-m", "tests.adapters.discord.zlib_probe"], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"compression": "zlib-stream", "client_compression": "zlib-stream",
                      "received": "zlib hello", "problems": []}


async def test_bad_token_is_login_failure(discord_standin: DiscordStandIn) -> None:
    client = make_client()
    with pytest.raises(discord.LoginFailure):
        await client.start("not-the-token")
    await client.close()
    assert discord_standin.requests[-1].status == 401


async def test_token_reset_after_login_closes_gateway_with_4004(discord_standin: DiscordStandIn) -> None:
    client = make_client()
    await client.login(discord_standin.token)
    discord_standin.rotate_token()
    with pytest.raises(discord.ConnectionClosed) as caught:
        await client.connect(reconnect=True)
    await client.close()
    assert caught.value.code == 4004


async def test_disallowed_privileged_intent_is_4014(discord_standin: DiscordStandIn) -> None:
    discord_standin.set_privileged_intents(message_content=False)
    client = make_client(message_content=True)
    with pytest.raises(discord.PrivilegedIntentsRequired):
        await client.start(discord_standin.token)
    await client.close()
    assert discord_standin.connections[-1].closed_by_server == 4014


# -- messages ---------------------------------------------------------------------------------


async def test_on_message_for_guild_and_dm(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())

    waiter = client.wait_for("message", timeout=5)
    discord_standin.user_says("wins", "alice", "I finished my first week")
    message = await waiter
    assert isinstance(message.channel, discord.TextChannel) and isinstance(message.author, discord.Member)
    assert (message.content, message.author.name, message.channel.name) == ("I finished my first week", "alice", "wins")

    waiter = client.wait_for("message", timeout=5)
    discord_standin.user_dms("bob", "can we talk?")
    dm = await waiter
    assert isinstance(dm.channel, discord.DMChannel) and dm.guild is None
    assert (dm.content, dm.author.name) == ("can we talk?", "bob")


async def test_send_reply_and_own_echo(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    waiter = client.wait_for("message", check=from_user("alice"), timeout=5)
    original = discord_standin.user_says("general", "alice", f"hello <@{discord_standin.world.bot.id}>")
    incoming = await waiter
    assert client.user in incoming.mentions

    echo = client.wait_for("message", check=lambda m: m.author == client.user, timeout=5)
    bob_id = discord_standin.world.find_user("bob").id
    sent = await incoming.reply(f"welcome, <@{bob_id}>!",
                                allowed_mentions=discord.AllowedMentions.none())
    echoed = await echo

    stored = discord_standin.sent_messages("general")
    assert [m.content for m in stored] == [sent.content]
    assert stored[0].reply_to == original.id
    assert stored[0].allowed_mentions == {"parse": []}
    assert stored[0].mention_user_ids == []  # neither bob nor alice pinged
    assert echoed.id == sent.id and echoed.reference is not None and echoed.reference.message_id == original.id
    assert echoed.type is discord.MessageType.reply


async def test_history_edit_delete_and_typing(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    for text in ("first", "second", "third"):
        discord_standin.user_says("checkins", "carol", text)
    channel = text_channel(client, discord_standin, "checkins")

    history = [m.content async for m in channel.history(limit=2)]
    assert history == ["third", "second"]

    async with channel.typing():
        sent = await channel.send("draft")
    edited = client.wait_for("message_edit", timeout=5)
    await sent.edit(content="final")
    before, after = await edited
    assert (before.content, after.content) == ("draft", "final")

    deleted = client.wait_for("raw_message_delete", timeout=5)
    await sent.delete()
    assert (await deleted).message_id == sent.id
    assert discord_standin.sent_messages("checkins") == []
    assert discord_standin.typing_in("checkins") >= 1


async def test_missing_message_content_intent_hides_content(discord_standin: DiscordStandIn,
                                                            run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client(message_content=False))
    bot_id = discord_standin.world.bot.id

    waiter = client.wait_for("message", timeout=5)
    discord_standin.user_says("general", "alice", "a private worry")
    assert (await waiter).content == ""

    waiter = client.wait_for("message", timeout=5)
    discord_standin.user_says("general", "alice", f"<@{bot_id}> help")
    assert (await waiter).content == f"<@{bot_id}> help"  # mentions of the bot keep content

    waiter = client.wait_for("message", timeout=5)
    discord_standin.user_dms("alice", "just for you")
    assert (await waiter).content == "just for you"  # so do DMs

    # Fetched messages follow the developer-portal switch.
    discord_standin.set_privileged_intents(message_content=False)
    channel = text_channel(client, discord_standin, "general")
    assert [m.content async for m in channel.history(limit=5)] == [f"<@{bot_id}> help", ""]


# -- reactions, DMs, threads -------------------------------------------------------------------


async def test_reactions_both_ways(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    waiter = client.wait_for("message", timeout=5)
    target = discord_standin.user_says("wins", "alice", "I called my mom")
    message = await waiter

    own_echo = client.wait_for("raw_reaction_add", check=lambda e: e.user_id == me(client).id, timeout=5)
    await message.add_reaction("🎉")
    echo = await own_echo
    assert str(echo.emoji) == "🎉" and echo.type is discord.ReactionType.normal

    user_add = client.wait_for("raw_reaction_add", check=lambda e: e.user_id != me(client).id, timeout=5)
    discord_standin.user_reacts(target, "bob", "❤️", burst=True)
    added = await user_add
    assert (str(added.emoji), added.burst, added.type) == ("❤️", True, discord.ReactionType.burst)
    assert added.member is not None and added.member.name == "bob"
    assert added.message_author_id == discord_standin.world.find_user("alice").id

    user_remove = client.wait_for("raw_reaction_remove", timeout=5)
    discord_standin.user_unreacts(target, "bob", "❤️", burst=True)
    assert (await user_remove).user_id == discord_standin.world.find_user("bob").id

    own_remove = client.wait_for("raw_reaction_remove", timeout=5)
    await message.remove_reaction("🎉", me(client))
    await own_remove
    assert discord_standin.reactions_on(target) == {}
    assert [(r.action, r.emoji, r.by_bot) for r in discord_standin.reactions] == [
        ("add", "🎉", True), ("add", "❤️", False), ("remove", "❤️", False), ("remove", "🎉", True)]


async def test_bot_sends_dm_and_respects_closed_dms(discord_standin: DiscordStandIn,
                                                    run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    guild = guild_of(client, discord_standin)
    alice = member_named(guild, "alice")

    echo = client.wait_for("message", check=lambda m: m.author == client.user, timeout=5)
    sent = await alice.send("Welcome! Your buddy is carol.")
    assert isinstance(sent.channel, discord.DMChannel)
    assert sent.channel.recipient is not None and sent.channel.recipient.id == alice.id
    assert (await echo).content == "Welcome! Your buddy is carol."
    assert [m.content for m in discord_standin.sent_dms("alice")] == ["Welcome! Your buddy is carol."]

    with pytest.raises(discord.Forbidden) as caught:
        await member_named(guild, "dmitri").send("hello")
    assert caught.value.code == 50007

    discord_standin.member_leaves("alice")  # no shared server any more
    with pytest.raises(discord.Forbidden) as caught:
        await alice.send("are you still there?")
    assert caught.value.code == 50007


async def test_thread_from_message(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    waiter = client.wait_for("message", timeout=5)
    discord_standin.user_says("checkins", "alice", "This week was hard")
    message = await waiter

    created = client.wait_for("thread_create", timeout=5)
    thread = await message.create_thread(name="alice check-in")
    assert (await created).id == thread.id == message.id
    await thread.send("Thank you for sharing.")
    assert [m.content for m in discord_standin.sent_messages(thread.id)] == ["Thank you for sharing."]

    waiter = client.wait_for("message", check=from_user("bob"), timeout=5)
    discord_standin.user_says(thread.id, "bob", "sending hugs")
    reply = await waiter
    assert isinstance(reply.channel, discord.Thread) and reply.channel.parent_id == message.channel.id


# -- members and moderation ----------------------------------------------------------------------


async def test_member_join_and_leave(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    joined = client.wait_for("member_join", timeout=5)
    discord_standin.member_joins("newcomer")
    member = await joined
    assert member.name == "newcomer" and member.guild.id == discord_standin.guild.id

    left = client.wait_for("raw_member_remove", timeout=5)
    discord_standin.member_leaves("newcomer")
    assert (await left).user.name == "newcomer"
    assert guild_of(client, discord_standin).get_member_named("newcomer") is None


async def test_timeout_and_permission_checks(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    guild = guild_of(client, discord_standin)

    updated = client.wait_for("member_update", timeout=5)
    await member_named(guild, "bob").timeout(dt.timedelta(minutes=10), reason="cool-down")
    _, after = await updated
    assert after.is_timed_out()
    assert discord_standin.member("bob").communication_disabled_until is not None
    with pytest.raises(PermissionError):
        discord_standin.user_says("general", "bob", "let me in")

    with pytest.raises(discord.Forbidden):  # the owner is above everyone
        await member_named(guild, "olga").timeout(dt.timedelta(minutes=1))
    with pytest.raises(discord.Forbidden) as hidden:
        await text_channel(client, discord_standin, "mods-only").send("hi")
    assert hidden.value.code == 50001

    discord_standin.revoke_bot_permissions(Perm.MODERATE_MEMBERS)
    with pytest.raises(discord.Forbidden) as caught:
        await member_named(guild, "alice").timeout(dt.timedelta(minutes=1))
    assert caught.value.code == 50013
    assert discord_standin.member("alice").communication_disabled_until is None


# -- rate limits and unknown routes -------------------------------------------------------------------


async def test_injected_429_is_retried_without_loss(discord_standin: DiscordStandIn,
                                                    run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    channel = text_channel(client, discord_standin, "general")
    discord_standin.inject_429("POST /channels/*/messages", retry_after=0.2, count=1)

    await channel.send("still here")

    statuses = [r.status for r in discord_standin.requests_to("POST", "/channels/{channel_id}/messages")]
    assert statuses == [429, 200]
    assert [m.content for m in discord_standin.sent_messages("general")] == ["still here"]


async def test_rate_limit_headers_make_client_wait(discord_standin: DiscordStandIn,
                                                   run_discord_client: StartClient) -> None:
    discord_standin.rate_limits.set_rule("POST /channels/{channel_id}/messages", 2, 0.3)
    client = await run_discord_client(make_client())
    channel = text_channel(client, discord_standin, "general")

    for number in range(5):
        await channel.send(f"message {number}")

    assert discord_standin.rate_limit_violations == []
    assert [m.content for m in discord_standin.sent_messages("general")] == [f"message {n}" for n in range(5)]
    last = discord_standin.requests_to("POST", "/channels/{channel_id}/messages")[-1]
    assert last.status == 200


async def test_unknown_route_is_recorded(discord_standin: DiscordStandIn, run_discord_client: StartClient) -> None:
    client = await run_discord_client(make_client())
    channel = text_channel(client, discord_standin, "general")
    with pytest.raises(discord.NotFound):
        await channel.create_invite()
    assert discord_standin.take_unknown_routes() == [f"POST /channels/{channel.id}/invites"]
