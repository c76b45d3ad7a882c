"""A samovar bot on a real Synapse: invitations, commands, replies, threads, reactions, edits,
deletions, membership, mentions and direct chats, seen from members' own Matrix apps."""
from __future__ import annotations

from samovar.core.events import MessageEvent
from tests.adapters.matrix.conftest import BotRunner, MakeMember, RunningBot
from tests.adapters.matrix.members import Member, body, eventually, membership_of, replies_to, sent_by


async def room_with_bot(owner: Member, running: RunningBot, *others: Member) -> str:
    """``owner`` creates a room, invites the bot (and ``others``, who join); waits for the bot to join."""
    room = await owner.create_room(invite=(running.user_id, *(o.user_id for o in others)))
    for other in others:
        await other.join(room)
    await owner.wait_for(room, membership_of(running.user_id, "join"))
    return room


async def test_invited_bot_answers_a_command_with_a_reply_notice(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice = await member("alice")
    running = await samovar_bot.start()
    room = await alice.create_room()
    await alice.say(room, "!echo from before the bot was invited")
    await alice.invite(room, running.user_id)
    await alice.wait_for(room, membership_of(running.user_id, "join"))

    command = await alice.say(room, "!echo the kettle is on")

    [reply] = await alice.wait_for(room, replies_to(running.user_id, command))
    assert body(reply) == "the kettle is on"
    assert reply["content"]["msgtype"] == "m.notice"
    # The bot's own notice is not taken as a message: a later command gets exactly one answer.
    second = await alice.say(room, "!echo second")
    await alice.wait_for(room, replies_to(running.user_id, second))
    assert [body(s) for s in await alice.history(room) if sent_by(running.user_id)(s)] == [
        "the kettle is on", "second"]  # and nothing from before its invitation


async def test_invitations_are_accepted_only_from_allowed_inviters(samovar_bot: BotRunner,
                                                                   member: MakeMember) -> None:
    alice, mallory = await member("alice"), await member("mallory")
    running = await samovar_bot.start(invites={"allowed_inviters": [alice.user_id], "allowed_servers": []})

    refused = await mallory.create_room(invite=(running.user_id,))
    await mallory.wait_for(refused, membership_of(running.user_id, "leave"))
    accepted = await alice.create_room(invite=(running.user_id,))
    await alice.wait_for(accepted, membership_of(running.user_id, "join"))

    assert not [s for s in await mallory.history(refused) if membership_of(running.user_id, "join")(s)]


async def test_a_command_in_a_thread_is_answered_in_that_thread(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice = await member("alice")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running)
    root = await alice.say(room, "how was everyone's week?")

    command = await alice.say(room, "!echo mine was gentle", thread=root)

    [reply] = await alice.wait_for(room, replies_to(running.user_id, command))
    relation = reply["content"]["m.relates_to"]
    assert (relation["rel_type"], relation["event_id"]) == ("m.thread", root)
    assert body(reply) == "mine was gentle"
    [seen] = [m for m in running.echo.messages if m.message.id == command]
    assert seen.thread == root


async def test_reactions_travel_both_ways(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice = await member("alice")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running)

    command = await alice.say(room, "!react 🌱")
    [bot_reaction] = await alice.wait_for(room, lambda s: s.get("type") == "m.reaction"
                                          and s.get("sender") == running.user_id)
    assert bot_reaction["content"]["m.relates_to"] == {"rel_type": "m.annotation", "event_id": command, "key": "🌱"}

    answered = await alice.say(room, "!echo thank you")
    [reply] = await alice.wait_for(room, replies_to(running.user_id, answered))
    reaction = await alice.react(room, reply["event_id"], "🫖")
    await eventually(lambda: len(running.echo.reactions) == 1, "the plugin hears the reaction")
    added = running.echo.reactions[0]
    assert (added.added, added.emoji, added.member.id) == (True, "🫖", alice.user_id)
    assert added.message.id == reply["event_id"] and added.message_author.id == running.user_id

    await alice.redact(room, reaction)
    await eventually(lambda: len(running.echo.reactions) == 2, "the plugin hears the reaction removed")
    removed = running.echo.reactions[1]
    assert (removed.added, removed.emoji, removed.message.id) == (False, "🫖", reply["event_id"])


async def test_edits_and_deletions_reach_the_plugins(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice = await member("alice")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running)
    message = await alice.say(room, "today was hard")

    await alice.edit(room, message, "today was hard, but I went outside")
    await eventually(lambda: running.echo.edited, "the plugin hears the edit")
    [edit] = running.echo.edited
    assert (edit.message.id, edit.text) == (message, "today was hard, but I went outside")
    assert [m.text for m in running.echo.messages] == ["today was hard"]  # an edit is not a new message

    await alice.redact(room, message)
    await eventually(lambda: running.echo.deleted, "the plugin hears the deletion")
    assert running.echo.deleted[0].message.id == message


async def test_members_joining_and_leaving_are_reported(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running)

    await alice.invite(room, bob.user_id)
    await bob.join(room)
    await eventually(lambda: running.echo.joined, "the plugin hears bob join")
    await bob.leave(room)
    await eventually(lambda: running.echo.left, "the plugin hears bob leave")

    assert [e.member.id for e in running.echo.joined] == [bob.user_id]
    assert [e.member.id for e in running.echo.left] == [bob.user_id]
    assert running.echo.joined[0].room.id == room


async def test_mentions_become_pills_that_notify_only_that_member(samovar_bot: BotRunner,
                                                                 member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running, bob)
    localpart = bob.user_id.split(":")[0]

    typed = await alice.say(room, f"!greet {localpart}")
    pill = await alice.say(room, "!greet bob", formatted=f'!greet <a href="https://matrix.to/#/{bob.user_id}">bob</a>')

    for command in (typed, pill):
        [reply] = await alice.wait_for(room, replies_to(running.user_id, command))
        content = reply["content"]
        assert content["m.mentions"] == {"user_ids": [bob.user_id]}
        assert f'<a href="https://matrix.to/#/{bob.user_id}">' in content["formatted_body"]
        assert bob.user_id not in content["body"] and "welcome, " in content["body"]


async def test_direct_chats_both_ways(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()

    # Alice opens a direct chat with the bot.
    direct = await alice.create_room(invite=(running.user_id,), direct=True)
    command = await alice.say(direct, "!echo just between us")
    await alice.wait_for(direct, replies_to(running.user_id, command))
    [seen] = [m for m in running.echo.messages if m.message.id == command]
    assert isinstance(seen, MessageEvent) and seen.is_direct

    # The bot opens a direct chat with Bob when a plugin writes to him privately.
    room = await room_with_bot(alice, running, bob)
    await bob.say(room, "!dmme your buddy is Alice")
    invited = await bob.wait_invite(lambda _, state: any(s.get("sender") == running.user_id for s in state))
    await bob.join(invited)
    [private] = await bob.wait_for(invited, sent_by(running.user_id))
    assert body(private) == "your buddy is Alice"

    # Once Bob leaves that chat, the bot stops writing to him privately.
    await bob.leave(invited)
    await eventually(lambda: running.adapter.rooms.direct_room_with(bob.user_id) is None, "the bot notices")
    again = await bob.say(room, "!dmme are you there?")
    [refused] = await bob.wait_for(room, replies_to(running.user_id, again))
    assert body(refused) == "dm-closed"
